package export

import (
	"iter"
	"regexp"
	"strings"
	"time"

	"github.com/glossnotes/gloss/notebook"
	"github.com/glossnotes/gloss/notebook/cite"
)

// CSL item types Gloss writes (CSL 1.0.2).
const (
	typeNewspaper = "article-newspaper"
	typeMagazine  = "article-magazine"
	typeJournal   = "article-journal"
	typeWebpage   = "webpage"
	typeBook      = "book"
	typeChapter   = "chapter"
	typeDocument  = "document"
)

// reference is an article as the reference formats see it.
type reference struct {
	key       string
	typ       string      // a CSL type
	names     []cite.Name // people, or else organisations (Literal)
	title     string
	container string // the newspaper, magazine, journal or site
	publisher string // for a book
	issued    notebook.Date
	accessed  time.Time
	url, doi  string
	language  string
	tags      []string
}

// doiPattern finds a DOI in a URL (https://doi.org/10.1234/abc, or a
// publisher's /doi/10.1234/abc).
var doiPattern = regexp.MustCompile(`(?i)(?:doi\.org/|/doi/(?:abs/|full/|pdf/)?)(10\.\d{4,9}/[^\s?#"<>]+)`)

// hasDOI reports whether a URL holds a DOI (cheaply ruling most out).
func hasDOI(u string) bool {
	return strings.Contains(u, "10.") && doiPattern.MatchString(u)
}

// RefType returns the CSL type Gloss gives an article: article-journal
// when its URL holds a DOI, book for an EPUB, article-magazine for an
// outlet named a magazine, article-newspaper for any other article with an
// outlet, webpage for one with only a URL, and document otherwise.
func RefType(a notebook.Article) string {
	switch {
	case hasDOI(a.URL):
		return typeJournal
	case strings.HasPrefix(a.MediaType, "application/epub"):
		return typeBook
	case strings.Contains(strings.ToLower(a.Outlet), "magazine"):
		return typeMagazine
	case strings.TrimSpace(a.Outlet) != "":
		return typeNewspaper
	case strings.HasPrefix(a.URL, "http://") || strings.HasPrefix(a.URL, "https://"):
		return typeWebpage
	}
	return typeDocument
}

// newReference describes an article for the reference formats. An
// article whose byline names no one (or only "Staff and agencies") is
// credited to its outlet.
func newReference(a notebook.Article, key string, names []cite.Name) reference {
	r := reference{
		key: key, typ: RefType(a), names: names, title: oneLine(a.Title),
		issued: a.Published, accessed: a.Added, url: strings.TrimSpace(a.URL),
		language: strings.TrimSpace(a.Language), tags: a.Tags,
	}
	outlet := oneLine(a.Outlet)
	if r.typ == typeBook {
		r.publisher = outlet
	} else {
		r.container = outlet
	}
	if hasDOI(r.url) {
		r.doi = doiPattern.FindStringSubmatch(r.url)[1]
	}
	if len(r.names) == 0 && outlet != "" {
		r.names = []cite.Name{{Literal: outlet}}
	}
	return r
}

// oneLine collapses runs of white space (line breaks included) to one
// space.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// keyAssigner gives each article of an export its citation key: the
// stored one when it is valid and not already used in this export, else
// one made with CiteKeyBase, unique in the export.
type keyAssigner struct {
	byID map[string]string
	keys cite.KeySet
}

func newKeyAssigner() *keyAssigner {
	return &keyAssigner{byID: map[string]string{}}
}

// key returns the article's key and whether the article was seen before
// in this export; names are the article's authors (parseAuthors).
func (k *keyAssigner) key(a notebook.Article, names []cite.Name) (key string, seen bool) {
	if key, ok := k.byID[a.ID]; ok {
		return key, true
	}
	key = a.CiteKey
	if !cite.ValidKey(key) || !k.keys.Add(key) {
		key = k.keys.Unique(citeKeyBase(a, names))
	}
	k.byID[a.ID] = key
	return key, false
}

// references streams the distinct articles of items as references,
// counting them. Reading stops at the first error, which *errp receives.
func references(items iter.Seq2[Item, error], opt Options, errp *error) iter.Seq[reference] {
	return func(yield func(reference) bool) {
		keys := opt.keys
		for it, err := range items {
			if err != nil {
				*errp = err
				return
			}
			if _, seen := keys.byID[it.Article.ID]; seen {
				continue
			}
			names := parseAuthors(it.Article.Byline)
			key, _ := keys.key(it.Article, names)
			opt.stats.article(it.Article.ID, 0)
			if !yield(newReference(it.Article, key, names)) {
				return
			}
		}
	}
}
