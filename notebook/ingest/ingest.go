package ingest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"

	"github.com/glossnotes/gloss/notebook/ingest/internal/budget"
	"github.com/glossnotes/gloss/notebook/ingest/internal/draft"
	"github.com/glossnotes/gloss/notebook/ingest/internal/text"
)

// Sentinel errors returned (wrapped, with the file name) by File, Bytes and
// Paste. Test for them with errors.Is.
var (
	// ErrEmpty means the input has no content, or only white space.
	ErrEmpty = draft.ErrEmpty
	// ErrBinary means the input is binary data, not text.
	ErrBinary = draft.ErrBinary
	// ErrTooLarge means the input is larger than MaxFileSize.
	ErrTooLarge = draft.ErrTooLarge
	// ErrUnsupported means the file type is not one Gloss can import.
	ErrUnsupported = draft.ErrUnsupported
	// ErrInvalidUTF8 means a text file is not valid UTF-8. Gloss refuses such
	// files rather than replacing bytes with U+FFFD, so nothing is lost
	// silently; the message gives the byte offset of the first bad sequence.
	ErrInvalidUTF8 = draft.ErrInvalidUTF8
	// ErrNoText means the document was read but no article text was found
	// in it.
	ErrNoText = draft.ErrNoText
	// ErrLimit means the file needed more time or memory than Limits allow;
	// the message says which limit it passed.
	ErrLimit = budget.ErrExceeded
)

// openFile opens a file for File; tests replace it to prove that oversized
// files are refused without being opened.
var openFile = OpenRegular

// File reads and parses one file, choosing the format by its extension. A
// file with an unknown extension is imported as plain text when its content
// is text, and refused with ErrUnsupported otherwise. It is FileContext
// with a background context and DefaultLimits.
func File(path string) (Draft, error) {
	return FileContext(context.Background(), path, DefaultLimits)
}

// FileContext is File within limits: the parse stops when ctx is done or
// a limit is passed.
//
// Only regular files are read: a named pipe, device or socket is refused
// with a reason ("is a named pipe (FIFO), not a regular file") without
// being read, since reading one may never end. The size is checked before
// the file is opened: a file larger than MaxFileSize is refused with
// ErrTooLarge (naming the file and the limit) without being read, and at
// most MaxFileSize+1 bytes are ever read, so a file that grows while it is
// read is refused too.
func FileContext(ctx context.Context, path string, lim Limits) (Draft, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return Draft{}, fmt.Errorf("import %s: %w", path, err)
	}
	if fi.IsDir() {
		return Draft{}, fmt.Errorf("import %s: is a directory", path)
	}
	if !fi.Mode().IsRegular() {
		return Draft{}, fmt.Errorf("import %s: %w", path, NotRegular(fi.Mode()))
	}
	if fi.Size() > MaxFileSize {
		return Draft{}, tooLarge(path, fi.Size())
	}
	f, err := openFile(path)
	if err != nil {
		return Draft{}, fmt.Errorf("import %s: %w", path, err)
	}
	defer f.Close()
	b := lim.budget(ctx)
	data, err := io.ReadAll(b.Reader(io.LimitReader(f, MaxFileSize+1)))
	if err != nil {
		return Draft{}, fmt.Errorf("import %s: %w", path, err)
	}
	return bytesWith(b, path, data)
}

// Bytes parses in-memory data as if it came from a file with this name: the
// format is chosen by the name's extension exactly as File does, and name
// appears in every error message. It is BytesContext with a background
// context and DefaultLimits.
func Bytes(name string, data []byte) (Draft, error) {
	return BytesContext(context.Background(), name, data, DefaultLimits)
}

// BytesContext is Bytes within limits: the parse stops when ctx is done or
// a limit is passed.
func BytesContext(ctx context.Context, name string, data []byte, lim Limits) (Draft, error) {
	return bytesWith(lim.budget(ctx), name, data)
}

// bytesWith is Bytes under the budget b.
func bytesWith(b *budget.Budget, name string, data []byte) (Draft, error) {
	if len(data) > MaxFileSize {
		return Draft{}, tooLarge(name, int64(len(data)))
	}
	f, ok := formatFor(name)
	if !ok || f.mediaType == "text/plain" || f.mediaType == "text/markdown" {
		// A PDF or EPUB saved under a text name (or none) is read as what
		// it is: those signatures are long and binary, so prose never
		// starts with them.
		if g, found := containerFormat(data); found {
			d, err := run(b, name, g.parse, g.mediaType, data)
			if err == nil {
				d.Warnings = append(d.Warnings, fmt.Sprintf("the file's content is %s, not text; it was imported as such", g.mediaType))
			}
			return d, err
		}
	}
	if ok {
		return run(b, name, f.parse, mediaTypeOf(f, name), data)
	}
	return sniff(b, name, data)
}

// run calls a parser under the budget b and makes a Draft of its article
// (see finish), with data as its source. When the budget ran out, its
// error is the one returned, whatever the parser made of it.
func run(b *budget.Budget, name string, parse parser, mediaType string, data []byte) (Draft, error) {
	a, err := parse(b, name, data)
	if berr := b.Err(); berr != nil {
		return Draft{}, fmt.Errorf("import %s: %w", name, berr)
	}
	if err != nil {
		return Draft{}, err
	}
	return finish(a, data, mediaType), nil
}

// containerFormat recognises the binary document formats Gloss parses by
// their full signatures: "%PDF-1.x" and a ZIP archive whose first entry
// declares the EPUB media type.
func containerFormat(data []byte) (format, bool) {
	var mediaType string
	switch {
	case len(data) >= 8 && bytes.HasPrefix(data, []byte("%PDF-")) && isDigit(data[5]) && data[6] == '.' && isDigit(data[7]):
		mediaType = "application/pdf"
	case bytes.HasPrefix(data, []byte("PK\x03\x04")) && bytes.Contains(data[:min(len(data), 128)], []byte("mimetypeapplication/epub+zip")):
		mediaType = "application/epub+zip"
	default:
		return format{}, false
	}
	for _, f := range formats {
		if f.mediaType == mediaType {
			return f, true
		}
	}
	return format{}, false
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// sniff imports data of an unknown file type as an HTML page when it is
// one, as plain text when it is text, and refuses it with ErrUnsupported
// (or ErrEmpty) otherwise.
func sniff(b *budget.Budget, name string, data []byte) (Draft, error) {
	if strings.HasPrefix(http.DetectContentType(data[:min(len(data), 512)]), "text/html") {
		if h, ok := formatFor(".html"); ok {
			return run(b, name, h.parse, h.mediaType, data)
		}
	}
	txt, ok := formatFor(".txt")
	if !ok {
		return Draft{}, fmt.Errorf("import %s: %w", name, ErrUnsupported)
	}
	if _, _, err := text.Decode(name, data); err != nil {
		if errors.Is(err, ErrEmpty) {
			return Draft{}, err
		}
		// err reads "import NAME: reason"; keep the reason, name the file once.
		reason := strings.TrimPrefix(err.Error(), "import "+name+": ")
		return Draft{}, fmt.Errorf("import %s: %w: %s", name, ErrUnsupported, reason)
	}
	return run(b, name, txt.parse, txt.mediaType, data)
}

// tooLarge returns the ErrTooLarge error for a file of size bytes.
func tooLarge(name string, size int64) error {
	return draft.TooLarge(name, size)
}
