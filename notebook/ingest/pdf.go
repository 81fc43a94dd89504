package ingest

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/ledongthuc/pdf"
)

func init() {
	register("application/pdf", []string{".pdf"}, parsePDF)
}

// pdfMaxPages bounds the pages read from one document.
const pdfMaxPages = 2000

// pdfMaxGlyphs bounds the glyphs read from one document (a 2,000-page book
// has about four million), so a hostile file cannot exhaust memory.
const pdfMaxGlyphs = 8_000_000

// parsePDF imports a PDF's text layer: lines rebuilt from positioned
// glyphs, columns read in order, running headers, footers and page numbers
// removed, hyphenated line breaks re-joined, paragraphs kept. Title and
// author come from the document information or the first page.
func parsePDF(name string, data []byte) (d Draft, err error) {
	if len(data) > MaxFileSize {
		return Draft{}, tooLarge(name, int64(len(data)))
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return Draft{}, fmt.Errorf("import %s: %w", name, ErrEmpty)
	}
	if !bytes.HasPrefix(bytes.TrimLeft(data[:min(len(data), 1024)], "\x00\t\r\n "), []byte("%PDF-")) {
		return Draft{}, fmt.Errorf("import %s: not a PDF file (no %%PDF- header)", name)
	}
	// The PDF library panics on some malformed content streams; a bad file
	// must give an error, never take the program down.
	defer func() {
		if x := recover(); x != nil {
			d, err = Draft{}, fmt.Errorf("import %s: damaged PDF: %v", name, x)
		}
	}()
	r, err := pdf.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		if errors.Is(err, pdf.ErrInvalidPassword) {
			return Draft{}, fmt.Errorf("import %s: %w: the PDF is encrypted and needs a password to open; save an unprotected copy and import that", name, ErrUnsupported)
		}
		return Draft{}, fmt.Errorf("import %s: damaged or unreadable PDF: %w", name, err)
	}
	n := r.NumPage()
	if n == 0 {
		return Draft{}, fmt.Errorf("import %s: damaged PDF: no pages", name)
	}
	var pages []pdfPage
	glyphs := 0
	for i := 1; i <= n && i <= pdfMaxPages; i++ {
		p := r.Page(i)
		if p.V.IsNull() {
			continue
		}
		text, err := pdfPageGlyphs(p)
		if err != nil {
			d.Warnings = append(d.Warnings, fmt.Sprintf("page %d: %v", i, err))
		}
		glyphs += len(text)
		if glyphs > pdfMaxGlyphs {
			d.Warnings = append(d.Warnings, fmt.Sprintf("only the first %d pages were read (too much text)", i-1))
			break
		}
		pages = append(pages, pdfBuildPage(text))
	}
	if n > pdfMaxPages {
		d.Warnings = append(d.Warnings, fmt.Sprintf("only the first %d of %d pages were read", pdfMaxPages, n))
	}
	blocks, firstPageTitle := pdfLayout(pages)
	text, kinds := joinBlocks(blocks)
	if strings.TrimSpace(text) == "" {
		return Draft{}, fmt.Errorf("import %s: %w: the PDF has no text layer (scanned PDF?); run it through OCR first", name, ErrNoText)
	}

	info := r.Trailer().Key("Info")
	d.Title = pdfInfoTitle(info.Key("Title").Text(), name)
	if d.Title == "" {
		d.Title = firstPageTitle
	}
	if d.Title == "" {
		d.Title = htmlFirstWords(text, 12)
	}
	d.Byline = metaCleanSpace(info.Key("Author").Text())
	if t, ok := pdfDate(info.Key("CreationDate").Text()); ok {
		d.Published = t
	}
	// A title on the first page that repeats the document title is not
	// part of the text.
	if first, rest, ok := strings.Cut(text, "\n\n"); ok && htmlSameText(first, d.Title) {
		text = rest
		if kinds != nil {
			kinds = kinds[1:]
		}
	}
	d.Text, d.Kinds = text, kinds
	d.Source = data
	d.MediaType = "application/pdf"
	return d, nil
}

// pdfJunkTitle matches document-information titles that are not titles:
// the producing program's placeholders and file names.
var pdfJunkTitle = regexp.MustCompile(`(?i)^(?:untitled|document\d*|microsoft word - .*|.*\.(?:docx?|pdf|odt|rtf|tex|indd|qxd))$`)

// pdfInfoTitle cleans the document-information title, rejecting junk.
func pdfInfoTitle(t, fileName string) string {
	t = metaCleanSpace(t)
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
			return metaPlausible(t)
		}
	}
	if t, err := time.Parse("20060102", s[:8]); err == nil {
		return metaPlausible(t)
	}
	return time.Time{}, false
}
