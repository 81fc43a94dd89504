// Package pdf imports the text layer of PDF documents. The file, its
// objects and its fonts' encodings are read with github.com/ledongthuc/pdf
// (a small, pure-Go reader; a full PDF toolkit would be far larger for
// reading text); the page tree walk (tree.go), the content-stream lexer
// (lex.go) and interpreter (content.go), which position the glyphs, and
// the layout (layout.go) are our own, so that every loop is bounded and
// checked against the import's budget.
package pdf

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"
	"time"

	"github.com/glossnotes/gloss/notebook/ingest/internal/budget"
	"github.com/glossnotes/gloss/notebook/ingest/internal/date"
	"github.com/glossnotes/gloss/notebook/ingest/internal/draft"
	"github.com/glossnotes/gloss/notebook/ingest/internal/text"
	lpdf "github.com/ledongthuc/pdf"
)

// maxPages bounds the pages read from one document.
const maxPages = 2000

// maxGlyphs bounds the glyphs read from one document (a 2,000-page book
// has about four million), so a hostile file cannot exhaust memory.
const maxGlyphs = 8_000_000

// Parse imports a PDF's text layer: lines rebuilt from positioned
// glyphs, columns read in order, running headers, footers and page numbers
// removed, hyphenated line breaks re-joined, paragraphs kept. Title and
// author come from the document information or the first page.
//
// Limits: at most maxPages pages and maxGlyphs glyphs are read (with
// a warning when there are more); the page tree may be at most
// maxTreeDepth (64) levels deep and have at most maxTreeNodes nodes,
// so a tree that loops is reported as damaged; content streams may nest
// arrays and dictionaries at most maxNesting (32) levels deep. Every
// read from the file and every operator is checked against the budget, so
// a file whose objects refer to each kindOther in a loop stops at the time
// limit. A PDF whose pages are all damaged is refused saying so, not as
// one without text.
func Parse(b *budget.Budget, name string, data []byte) (d draft.Article, err error) {
	if len(data) > draft.MaxFileSize {
		return draft.Article{}, draft.TooLarge(name, int64(len(data)))
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return draft.Article{}, fmt.Errorf("import %s: %w", name, draft.ErrEmpty)
	}
	if !bytes.HasPrefix(bytes.TrimLeft(data[:min(len(data), 1024)], "\x00\t\r\n "), []byte("%PDF-")) {
		return draft.Article{}, fmt.Errorf("import %s: not a PDF file (no %%PDF- header)", name)
	}
	reads := &readCap{r: b.ReaderAt(bytes.NewReader(data)), max: maxReadBase + maxReadFactor*int64(len(data))}
	// (Deferred first, so that it runs after the recovery below.)
	defer func() {
		// A loop the library followed shows as far more reading than the
		// file can need; say so rather than what the library made of it.
		if reads.over && b.Err() == nil {
			d, err = draft.Article{}, fmt.Errorf("import %s: damaged PDF: its cross-references or objects refer to each other in a loop (%s read from a file of %s)",
				name, draft.FormatSize(reads.n), draft.FormatSize(int64(len(data))))
		}
	}()
	// The PDF library panics on some malformed files; a bad file must give
	// an error, never take the program down.
	defer func() {
		if x := recover(); x != nil {
			d, err = draft.Article{}, fmt.Errorf("import %s: damaged PDF: %v", name, x)
		}
	}()
	r, err := lpdf.NewReader(reads, int64(len(data)))
	if berr := b.Err(); berr != nil {
		return draft.Article{}, berr
	}
	if err != nil {
		if errors.Is(err, lpdf.ErrInvalidPassword) {
			return draft.Article{}, fmt.Errorf("import %s: %w: the PDF is encrypted and needs a password to open; save an unprotected copy and import that", name, draft.ErrUnsupported)
		}
		return draft.Article{}, fmt.Errorf("import %s: damaged or unreadable PDF: %w", name, err)
	}
	list, n, err := pageList(b, r, maxPages)
	if err != nil {
		if berr := b.Err(); berr != nil {
			return draft.Article{}, berr
		}
		return draft.Article{}, fmt.Errorf("import %s: damaged PDF: %w", name, err)
	}
	if len(list) == 0 {
		return draft.Article{}, fmt.Errorf("import %s: damaged PDF: no pages", name)
	}
	var pages []pageText
	var damage []string
	glyphs := 0
	for i, p := range list {
		glyphList, err := pageGlyphs(b, p, maxGlyphs+1-glyphs)
		if berr := b.Err(); berr != nil {
			return draft.Article{}, berr
		}
		if err != nil {
			damage = append(damage, fmt.Sprintf("page %d: %v", i+1, err))
		}
		glyphs += len(glyphList)
		if glyphs > maxGlyphs {
			d.Warnings = append(d.Warnings, fmt.Sprintf("only the first %d pages were read (too much text)", i))
			break
		}
		page := buildPage(glyphList)
		b.Free(int64(len(glyphList)) * glyphCost)
		size := 0
		for _, l := range page.lines {
			size += len(l.text) + lineCost
		}
		if err := b.Alloc(int64(size)); err != nil {
			return draft.Article{}, err
		}
		pages = append(pages, page)
	}
	if n > maxPages || len(list) > maxPages {
		d.Warnings = append(d.Warnings, fmt.Sprintf("only the first %d of %d pages were read", maxPages, max(n, len(list))))
	}
	blocks, firstPageTitle := layoutPages(pages)
	body, kinds := text.Join(blocks)
	if strings.TrimSpace(body) == "" {
		if len(damage) > 0 {
			more := ""
			if len(damage) > 1 {
				more = fmt.Sprintf(" (and %d more damaged pages)", len(damage)-1)
			}
			return draft.Article{}, fmt.Errorf("import %s: damaged PDF: no text could be read: %s%s", name, damage[0], more)
		}
		return draft.Article{}, fmt.Errorf("import %s: %w: the PDF has no text layer (scanned PDF?); run it through OCR first", name, draft.ErrNoText)
	}
	for _, w := range damage {
		d.Warnings = append(d.Warnings, w)
	}

	info := r.Trailer().Key("Info")
	d.Title = infoTitle(info.Key("Title").Text(), name)
	if d.Title == "" {
		d.Title = firstPageTitle
	}
	if d.Title == "" {
		d.Title = text.FirstWords(body, 12)
	}
	d.Byline = text.CleanSpace(info.Key("Author").Text())
	if t, ok := infoDate(info.Key("CreationDate").Text()); ok {
		d.Published = t
	}
	// A title on the first page that repeats the document title is not
	// part of the text.
	if first, rest, ok := strings.Cut(body, "\n\n"); ok && text.SameText(first, d.Title) {
		body = rest
		if kinds != nil {
			kinds = kinds[1:]
		}
	}
	d.Text, d.Kinds = body, kinds
	return d, nil
}

// lineCost is the memory charged per line of a page kept for layout,
// besides its text.
const lineCost = 96

// pageGlyphs returns the positioned glyphs of one page, at most max of
// them. A damaged content stream gives the glyphs read before the damage
// and an error.
func pageGlyphs(b *budget.Budget, page lpdf.Value, max int) ([]lpdf.Text, error) {
	strm := page.Key("Contents")
	var rd io.Reader
	switch strm.Kind() {
	case lpdf.Null:
		return nil, nil
	case lpdf.Array:
		readers := make([]io.Reader, 0, min(strm.Len(), 1024))
		for i := 0; i < strm.Len() && i < 1024; i++ {
			// A space between the parts: an operator may not run on from
			// one stream into the next.
			readers = append(readers, strm.Index(i).Reader(), strings.NewReader("\n"))
		}
		rd = io.MultiReader(readers...)
	default:
		rd = strm.Reader()
	}
	in := newInterp(b, inherited(page, "Resources"), max)
	err := in.run(b.Reader(rd))
	return in.glyphs, err
}

// junkTitle matches document-information titles that are not titles:
// the producing program's placeholders and file names.
var junkTitle = regexp.MustCompile(`(?i)^(?:untitled|document\d*|microsoft word - .*|.*\.(?:docx?|pdf|odt|rtf|tex|indd|qxd))$`)

// infoTitle cleans the document-information title, rejecting junk.
func infoTitle(t, fileName string) string {
	t = text.CleanSpace(t)
	if t == "" || junkTitle.MatchString(t) || strings.EqualFold(t, strings.TrimSuffix(fileName, ".pdf")) || !strings.ContainsFunc(t, func(r rune) bool { return r > '9' }) {
		return ""
	}
	return t
}

// infoDate parses a PDF date string ("D:20230208120000+01'00'").
func infoDate(s string) (time.Time, bool) {
	s = strings.TrimPrefix(strings.TrimSpace(s), "D:")
	if len(s) < 8 {
		return time.Time{}, false
	}
	s = strings.ReplaceAll(s, "'", "")
	for _, layout := range []string{"20060102150405-0700", "20060102150405Z0700", "20060102150405Z", "20060102150405", "200601021504", "20060102"} {
		if t, err := time.Parse(layout, s); err == nil {
			return date.Plausible(t)
		}
	}
	if t, err := time.Parse("20060102", s[:8]); err == nil {
		return date.Plausible(t)
	}
	return time.Time{}, false
}

// The reading allowed from one file: a sound file is read a few times over
// (the library reads an object again for every lookup), the 2,000-page
// test file thirty times; a file whose cross-reference sections or object
// streams point back at themselves is read without end.
const (
	maxReadBase   = 16 << 20
	maxReadFactor = 64
)

// errReadLoop is what readCap returns once the file has been read too
// much.
var errReadLoop = errors.New("read too much")

// readCap counts what the library reads from the file and refuses to read
// more than max.
type readCap struct {
	r    io.ReaderAt
	n    int64
	max  int64
	over bool
}

// ReadAt reads, or fails once more than max bytes have been read.
func (c *readCap) ReadAt(p []byte, off int64) (int, error) {
	if c.n > c.max {
		c.over = true
		return 0, errReadLoop
	}
	k, err := c.r.ReadAt(p, off)
	c.n += int64(k)
	return k, err
}
