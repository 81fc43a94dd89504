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

// pdfMaxPages bounds the pages read from one document.
const pdfMaxPages = 2000

// pdfMaxGlyphs bounds the glyphs read from one document (a 2,000-page book
// has about four million), so a hostile file cannot exhaust memory.
const pdfMaxGlyphs = 8_000_000

// Parse imports a PDF's text layer: lines rebuilt from positioned
// glyphs, columns read in order, running headers, footers and page numbers
// removed, hyphenated line breaks re-joined, paragraphs kept. Title and
// author come from the document information or the first page.
//
// Limits: at most pdfMaxPages pages and pdfMaxGlyphs glyphs are read (with
// a warning when there are more); the page tree may be at most
// pdfMaxTreeDepth (64) levels deep and have at most pdfMaxTreeNodes nodes,
// so a tree that loops is reported as damaged; content streams may nest
// arrays and dictionaries at most pdfMaxNesting (32) levels deep. Every
// read from the file and every operator is checked against the budget, so
// a file whose objects refer to each other in a loop stops at the time
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
	// The PDF library panics on some malformed files; a bad file must give
	// an error, never take the program down.
	defer func() {
		if x := recover(); x != nil {
			d, err = draft.Article{}, fmt.Errorf("import %s: damaged PDF: %v", name, x)
		}
	}()
	r, err := lpdf.NewReader(b.ReaderAt(bytes.NewReader(data)), int64(len(data)))
	if berr := b.Err(); berr != nil {
		return draft.Article{}, berr
	}
	if err != nil {
		if errors.Is(err, lpdf.ErrInvalidPassword) {
			return draft.Article{}, fmt.Errorf("import %s: %w: the PDF is encrypted and needs a password to open; save an unprotected copy and import that", name, draft.ErrUnsupported)
		}
		return draft.Article{}, fmt.Errorf("import %s: damaged or unreadable PDF: %w", name, err)
	}
	list, n, err := pdfPageList(b, r, pdfMaxPages)
	if err != nil {
		if berr := b.Err(); berr != nil {
			return draft.Article{}, berr
		}
		return draft.Article{}, fmt.Errorf("import %s: damaged PDF: %w", name, err)
	}
	if len(list) == 0 {
		return draft.Article{}, fmt.Errorf("import %s: damaged PDF: no pages", name)
	}
	var pages []pdfPage
	var damage []string
	glyphs := 0
	for i, p := range list {
		glyphList, err := pdfPageGlyphs(b, p, pdfMaxGlyphs+1-glyphs)
		if berr := b.Err(); berr != nil {
			return draft.Article{}, berr
		}
		if err != nil {
			damage = append(damage, fmt.Sprintf("page %d: %v", i+1, err))
		}
		glyphs += len(glyphList)
		if glyphs > pdfMaxGlyphs {
			d.Warnings = append(d.Warnings, fmt.Sprintf("only the first %d pages were read (too much text)", i))
			break
		}
		page := pdfBuildPage(glyphList)
		b.Free(int64(len(glyphList)) * pdfGlyphCost)
		size := 0
		for _, l := range page.lines {
			size += len(l.text) + pdfLineCost
		}
		if err := b.Alloc(int64(size)); err != nil {
			return draft.Article{}, err
		}
		pages = append(pages, page)
	}
	if n > pdfMaxPages || len(list) > pdfMaxPages {
		d.Warnings = append(d.Warnings, fmt.Sprintf("only the first %d of %d pages were read", pdfMaxPages, max(n, len(list))))
	}
	blocks, firstPageTitle := pdfLayout(pages)
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
	d.Title = pdfInfoTitle(info.Key("Title").Text(), name)
	if d.Title == "" {
		d.Title = firstPageTitle
	}
	if d.Title == "" {
		d.Title = text.FirstWords(body, 12)
	}
	d.Byline = text.CleanSpace(info.Key("Author").Text())
	if t, ok := pdfDate(info.Key("CreationDate").Text()); ok {
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

// pdfLineCost is the memory charged per line of a page kept for layout,
// besides its text.
const pdfLineCost = 96

// pdfPageGlyphs returns the positioned glyphs of one page, at most max of
// them. A damaged content stream gives the glyphs read before the damage
// and an error.
func pdfPageGlyphs(b *budget.Budget, page lpdf.Value, max int) ([]lpdf.Text, error) {
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
	in := pdfNewInterp(b, pdfInherited(page, "Resources"), max)
	err := in.run(b.Reader(rd))
	return in.glyphs, err
}

// pdfJunkTitle matches document-information titles that are not titles:
// the producing program's placeholders and file names.
var pdfJunkTitle = regexp.MustCompile(`(?i)^(?:untitled|document\d*|microsoft word - .*|.*\.(?:docx?|pdf|odt|rtf|tex|indd|qxd))$`)

// pdfInfoTitle cleans the document-information title, rejecting junk.
func pdfInfoTitle(t, fileName string) string {
	t = text.CleanSpace(t)
	if t == "" || pdfJunkTitle.MatchString(t) || strings.EqualFold(t, strings.TrimSuffix(fileName, ".pdf")) || !strings.ContainsFunc(t, func(r rune) bool { return r > '9' }) {
		return ""
	}
	return t
}

// pdfDate parses a PDF date string ("D:20230208120000+01'00'").
func pdfDate(s string) (time.Time, bool) {
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
