package annotin

import (
	"bytes"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"strings"
)

// Readwise CSV columns, by role. Readwise's export names them "Highlight",
// "Book Title", "Book Author", "Amazon Book ID", "Note", "Color", "Tags",
// "Location Type", "Location", "Highlighted at", "Document tags" (and
// sometimes "URL"); Readwise's import format, which Gloss's CSV export
// follows, names them "Highlight", "Title", "Author", "URL", "Note",
// "Tags", "Location", "Date", and Gloss adds "Color" and "AnnotationID".
var readwiseAliases = map[string]string{
	"highlight": "highlight", "text": "highlight",
	"book title": "title", "title": "title",
	"book author": "author", "author": "author",
	"url": "url", "source url": "url",
	"note": "note", "color": "color", "colour": "color", "tags": "tags",
	"location type": "loctype", "location": "location",
	"highlighted at": "date", "date": "date",
	"document tags": "doctags", "annotationid": "id",
}

// readwiseColumns maps each role to its column index; it needs at least
// the highlight and a title column.
func readwiseColumns(header []string) (map[string]int, error) {
	cols := map[string]int{}
	for i, h := range header {
		role, ok := readwiseAliases[strings.ToLower(strings.TrimSpace(h))]
		if _, dup := cols[role]; ok && !dup {
			cols[role] = i
		}
	}
	_, hl := cols["highlight"]
	_, ti := cols["title"]
	if !hl || !ti {
		return nil, errors.New(`want a header with "Highlight" and "Book Title" (or "Title") columns`)
	}
	return cols, nil
}

// splitHeader reads a CSV header line for Sniff (a cut-off line or a
// malformed one gives nothing).
func splitHeader(line []byte) []string {
	r := csv.NewReader(bytes.NewReader(line))
	r.FieldsPerRecord = -1
	rec, err := r.Read()
	if err != nil {
		return nil
	}
	return rec
}

// parseReadwise reads the CSV, one annotation per row. Readwise has no
// highlight IDs, so the SourceID is a hash of the title, highlight,
// location and time (or Gloss's AnnotationID when the file is Gloss's).
func (p *parser) parseReadwise() error {
	r := csv.NewReader(bytes.NewReader(p.data))
	r.FieldsPerRecord = -1
	r.ReuseRecord = true
	header, err := r.Read()
	if err != nil {
		return p.csvErr(0, err)
	}
	cols, err := readwiseColumns(header)
	if err != nil {
		return p.failAt(0, 0, "", err)
	}
	get := func(row []string, role string) string {
		if i, ok := cols[role]; ok && i < len(row) {
			return row[i]
		}
		return ""
	}
	for n := 1; ; n++ {
		row, err := r.Read()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return p.csvErr(n, err)
		}
		line, _ := r.FieldPos(0)
		fail := func(field string, err error) error {
			e := p.fail(n, field, err)
			e.Line = line
			return e
		}
		if len(row) > len(header) {
			return fail("", fmt.Errorf("%d fields, the header has %d", len(row), len(header)))
		}
		if strings.TrimSpace(strings.Join(row, "")) == "" {
			continue // a blank row
		}
		rec := Record{
			Source: Readwise, Quote: get(row, "highlight"), Title: strings.TrimSpace(get(row, "title")),
			Author: strings.TrimSpace(get(row, "author")), URL: strings.TrimSpace(get(row, "url")),
			Note: get(row, "note"), Tags: splitTags(get(row, "tags")), ArticleTags: splitTags(get(row, "doctags")),
		}
		rec.Color = MapColor(get(row, "color")) // an unknown colour is left to the caller's default
		date := get(row, "date")
		if rec.Created, err = parseTime(date); err != nil {
			return fail("Highlighted at", err)
		}
		rec.Updated = rec.Created
		if id := strings.TrimSpace(get(row, "id")); id != "" {
			// Gloss's own CSV: undo its guard against spreadsheet formulas.
			rec.SourceID = annotationURN + id
			for _, f := range []*string{&rec.Quote, &rec.Title, &rec.Author, &rec.URL, &rec.Note} {
				*f = unneutralise(*f)
			}
		} else {
			h := sha256.New()
			for _, s := range []string{rec.Title, rec.Quote, get(row, "loctype"), get(row, "location"), date} {
				h.Write([]byte(s))
				h.Write([]byte{0})
			}
			rec.SourceID = "readwise:" + hex.EncodeToString(h.Sum(nil)[:12])
		}
		if strings.TrimSpace(rec.Quote) == "" {
			return fail("Highlight", errors.New("empty"))
		}
		if err := p.add(rec); err != nil {
			return fail("", err)
		}
	}
}

// csvErr reports a CSV syntax error at its line.
func (p *parser) csvErr(n int, err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		e := p.fail(n, "", pe.Err)
		e.Line, e.Column = pe.Line, pe.Column
		return e
	}
	return p.fail(n, "", err)
}

// splitTags reads a tag list: Readwise separates tags with commas (Gloss
// writes ", "); a leading "#" is dropped.
func splitTags(s string) []string {
	if strings.TrimSpace(s) == "" {
		return nil
	}
	parts := strings.Split(s, ",")
	for i, t := range parts {
		parts[i] = strings.TrimPrefix(strings.TrimSpace(t), "#")
	}
	return cleanTags(parts)
}

// unneutralise removes the apostrophe Gloss's CSV export puts before a
// cell that starts with =, +, -, @, a tab or a carriage return.
func unneutralise(s string) string {
	if len(s) > 1 && s[0] == '\'' && strings.IndexByte("=+-@\t\r", s[1]) >= 0 {
		return s[1:]
	}
	return s
}
