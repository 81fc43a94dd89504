package export

import (
	"strings"

	"github.com/glossnotes/gloss/notebook"
	"github.com/glossnotes/gloss/notebook/cite"
)

// parseAuthors reads an article's byline (cite.Authors).
func parseAuthors(byline string) []cite.Name { return cite.Authors(byline) }

// CiteKeyBase makes an article's citation key before it is made unique,
// from its byline, outlet, title and year (cite.KeyBase):
// "lindqvist2023russia". The notebook stores a unique key with each
// article (Article.CiteKey); exports use this only for an article without
// a valid stored key.
func CiteKeyBase(a notebook.Article) string {
	return citeKeyBase(a, parseAuthors(a.Byline))
}

// citeKeyBase is CiteKeyBase with the byline already read.
func citeKeyBase(a notebook.Article, names []cite.Name) string {
	year := 0
	if !a.Published.IsZero() {
		year = a.Published.Time().Year()
	}
	return cite.KeyBaseNames(names, a.Outlet, a.Title, year)
}

// joinNames joins names as "A", "A and B", "A, B, and C" (serial comma),
// with conj in place of "and".
func joinNames(names []string, conj string) string {
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	case 2:
		return names[0] + " " + conj + " " + names[1]
	}
	return strings.Join(names[:len(names)-1], ", ") + ", " + conj + " " + names[len(names)-1]
}
