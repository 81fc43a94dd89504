package export

import (
	"io"
	"iter"
	"strconv"
	"strings"

	"github.com/glossnotes/gloss/notebook/cite"
)

// risTypes maps CSL types to RIS reference types.
var risTypes = map[string]string{
	typeNewspaper: "NEWS", typeMagazine: "MGZN", typeJournal: "JOUR", typeWebpage: "ELEC",
	typeBook: "BOOK", typeChapter: "CHAP", typeDocument: "GEN",
}

// risName writes a name as RIS wants it ("Family, Given, Suffix"); an
// organisation as written.
func risName(n cite.Name) string {
	if n.Literal != "" {
		return n.Literal
	}
	s := n.Family
	if n.Given != "" || n.Suffix != "" {
		s += ", " + n.Given
	}
	if n.Suffix != "" {
		s += ", " + n.Suffix
	}
	return s
}

// writeRIS writes one RIS record per article (CRLF line ends, as the
// format's specification asks).
func writeRIS(w io.Writer, items iter.Seq2[Item, error], opt Options) error {
	var streamErr error
	var b strings.Builder
	for r := range references(items, opt, &streamErr) {
		b.Reset()
		tag := func(t, v string) {
			if v = oneLine(v); v != "" {
				b.WriteString(t + "  - " + v + "\r\n")
			}
		}
		tag("TY", risTypes[r.typ])
		tag("ID", r.key)
		tag("TI", r.title)
		for _, n := range r.names {
			tag("AU", risName(n))
		}
		tag("T2", r.container)
		if r.typ == typeJournal {
			tag("JO", r.container)
		}
		tag("PB", r.publisher)
		if !r.issued.IsZero() {
			t := r.issued.Time()
			tag("PY", strconv.Itoa(t.Year()))
			tag("DA", t.Format("2006/01/02/"))
		}
		if !r.accessed.IsZero() {
			tag("Y2", r.accessed.UTC().Format("2006/01/02/"))
		}
		tag("UR", r.url)
		tag("DO", r.doi)
		tag("LA", r.language)
		for _, t := range r.tags {
			tag("KW", t)
		}
		b.WriteString("ER  - \r\n\r\n")
		if _, err := io.WriteString(w, b.String()); err != nil {
			return err
		}
	}
	return streamErr
}
