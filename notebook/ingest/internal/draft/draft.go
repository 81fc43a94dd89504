// Package draft holds what every importer of package ingest shares: the
// article an importer extracts, the kinds of its paragraphs, the sentinel
// errors and the size limit. Package ingest gives them their public names
// (ingest.Draft is an Article with its source; ingest.BlockKind is Kind;
// ingest.ErrEmpty is ErrEmpty …), so that importers in other internal
// packages can return them without importing ingest.
package draft

import (
	"errors"
	"fmt"
	"time"
)

// MaxFileSize is the largest input accepted, in bytes, and the most text
// one article may hold.
const MaxFileSize = 50 << 20

// Block is one paragraph of extracted text with its kind. Importers
// collect blocks and turn them into an Article's Text and Kinds with
// text.Join.
type Block struct {
	Text string
	Kind Kind
}

// Article is what an importer extracts from a document: the fields of
// ingest.Draft without the source, which package ingest adds.
type Article struct {
	Title     string
	Byline    string
	Outlet    string
	URL       string
	Published time.Time
	Language  string
	Tags      []string
	Text      string
	Kinds     []Kind
	Warnings  []string
}

// The sentinel errors of package ingest, which gives them their public
// names and documents them.
var (
	ErrEmpty       = errors.New("file is empty")
	ErrBinary      = errors.New("file is binary, not text")
	ErrTooLarge    = errors.New("file is too large")
	ErrUnsupported = errors.New("unsupported file type")
	ErrInvalidUTF8 = errors.New("invalid UTF-8")
	ErrNoText      = errors.New("no article text found")
)

// TooLarge returns the ErrTooLarge error for an input of size bytes.
func TooLarge(name string, size int64) error {
	return fmt.Errorf("import %s: %w: %s, the limit is %d MB", name, ErrTooLarge, FormatSize(size), MaxFileSize>>20)
}

// FormatSize renders a byte count for a message, e.g. "61.3 MB".
func FormatSize(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	default:
		return fmt.Sprintf("%d bytes", n)
	}
}
