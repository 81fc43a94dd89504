// Package ingest turns files (plain text, Markdown, HTML, EPUB, PDF, pasted
// text) into article drafts: normalised plain text split into paragraphs plus
// the metadata that could be detected (title, byline, outlet, date, URL).
//
// It knows nothing about notebooks or storage; the notebook package turns a
// Draft into an Article.
//
// Each format has its importer in an internal package (internal/plain,
// internal/markdown, internal/html with the page metadata and visible-date
// code, internal/mhtml, internal/epub, internal/pdf), sharing the text
// rules of internal/text, the date reading of internal/date and the
// budget of internal/budget; this package chooses the importer, applies
// the rules every draft keeps (finish.go) and is all that other packages
// see.
//
// # Hostile input
//
// Every input is treated as hostile. Each import runs within Limits (by
// default 20 seconds and 512 MB per file, see DefaultLimits): the parsers
// check the clock and charge their main allocations as they go and stop
// with an error wrapping ErrLimit that says which limit was passed. Only
// regular files are read (a named pipe, device or socket is refused by
// File without being read). Besides, each format has limits on its
// structure, checked while reading, that refuse a file with a message
// naming the problem:
//
//   - any file: MaxFileSize (50 MB) in, and 50 MB of text out;
//   - HTML (and each EPUB chapter, and the page of an MHTML archive):
//     elements nested more than 2,048 deep, more than 200,000 elements, or
//     a page whose tags would cost the HTML parser too much (its
//     formatting elements re-created in block after block) are refused
//     before parsing; trees deeper than 512 levels are flattened, as
//     browsers do, before the extractor sees them (internal/html/guard.go);
//   - PDF: at most 2,000 pages and 8 million glyphs are read (with a
//     warning); a page tree more than 64 levels deep, or with more than
//     9,024 nodes, is damaged (it loops), and so is a file that makes the
//     reader read 16 MB plus 64 times its size (cross-references or
//     object streams that point back at themselves); arrays and
//     dictionaries in a content stream may nest 32 levels
//     (internal/pdf);
//   - EPUB: the archive may unpack to at most 256 MB whatever its headers
//     say; every chapter is read, and an entry whose data does not match
//     its size or checksum header makes the book damaged (internal/epub);
//   - Markdown: lists and block quotes nested more than 64 levels deep
//     are refused; tables too large for the parser, and notes with a
//     paragraph of more than 20,000 emphasis or link markers, are read as
//     plain text; front matter larger than 64 KB is ignored; sources over
//     1 MB are parsed in chunks, the budget checked between them
//     (internal/markdown);
//   - metadata: every field is one clean line (CleanField); titles, bylines
//     and outlets are cut at 1,000 characters, at most 100 tags of 200
//     characters are kept (finish.go).
package ingest

import (
	"time"

	"github.com/glossnotes/gloss/notebook/ingest/internal/draft"
)

// MaxFileSize is the largest input accepted, in bytes. Larger files are refused
// by size before they are read in full.
const MaxFileSize = draft.MaxFileSize

// BlockKind is the kind of one paragraph of an article's text; its String
// method gives the lower-case name ("body", "heading", "quote", "caption",
// "item"), and so does its text form (MarshalText, UnmarshalText): JSON
// writes a []BlockKind as ["body","caption",…], and still reads the
// base64 form that stored texts and bundles held before. It is the kind
// the internal importers produce, under its public name.
type BlockKind = draft.Kind

// The paragraph kinds a Draft can carry.
const (
	Body    BlockKind = draft.Body    // ordinary paragraph
	Heading BlockKind = draft.Heading // section heading
	Quote   BlockKind = draft.Quote   // block quotation
	Caption BlockKind = draft.Caption // figure caption
	Item    BlockKind = draft.Item    // list item
)

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
