// Package ingest turns files (plain text, Markdown, HTML, EPUB, PDF, pasted
// text) into article drafts: normalised plain text split into paragraphs plus
// the metadata that could be detected (title, byline, outlet, date, URL).
//
// It knows nothing about notebooks or storage; the notebook package turns a
// Draft into an Article.
package ingest

import "time"

// MaxFileSize is the largest input accepted, in bytes. Larger files are refused
// by size before they are read in full.
const MaxFileSize = 50 << 20

// BlockKind is the kind of one paragraph of an article's text.
type BlockKind uint8

// The paragraph kinds a Draft can carry.
const (
	Body    BlockKind = iota // ordinary paragraph
	Heading                  // section heading
	Quote                    // block quotation
	Caption                  // figure caption
	Item                     // list item
)

// String returns the lower-case name of k ("body", "heading", …).
func (k BlockKind) String() string {
	switch k {
	case Heading:
		return "heading"
	case Quote:
		return "quote"
	case Caption:
		return "caption"
	case Item:
		return "item"
	default:
		return "body"
	}
}

// Draft is an article extracted from a document, ready to be added to a
// notebook.
type Draft struct {
	Title     string
	Byline    string    // authors as printed, e.g. "Isaac Mugabi (with Reuters and AP)"
	Outlet    string    // site or publication name
	URL       string    // canonical URL when known
	Published time.Time // zero when unknown; date-only values are UTC midnight
	Language  string    // BCP 47 tag when known, e.g. "en"
	Tags      []string  // tags found in the document (e.g. Markdown front matter)

	// Text is the normalised plain text: valid UTF-8, LF line ends, paragraphs
	// separated by exactly one blank line, no leading or trailing blank lines.
	Text string
	// Kinds holds one entry per paragraph of Text (same order). It may be nil,
	// meaning every paragraph is Body.
	Kinds []BlockKind

	Source    []byte // the original bytes, kept for provenance
	MediaType string // media type of Source, e.g. "text/plain", "text/markdown"
	Warnings  []string
}
