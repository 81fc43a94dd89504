package notebook

import (
	"errors"
	"slices"
	"strings"
	"sync"

	"github.com/glossnotes/gloss/notebook/search"
)

// SearchHit is one search result: an annotation or an article, with the
// matched fields and character ranges for emphasis.
type SearchHit struct {
	Kind       HitKind       `json:"kind"`
	ID         string        `json:"id"`
	ArticleID  string        `json:"article_id"`
	Title      string        `json:"title"` // the article's title
	Score      float64       `json:"score"`
	Annotation *Annotation   `json:"annotation,omitempty"`
	Article    *Article      `json:"article,omitempty"` // for article hits
	Matches    []SearchMatch `json:"matches"`
}

// HitKind says what a search hit is.
type HitKind string

// Kinds of search hits.
const (
	HitAnnotation HitKind = "annotation"
	HitArticle    HitKind = "article"
)

// SearchMatch is one matched field of a hit. Ranges are code-point offsets
// into Text; for the article body Text is a snippet around the first match
// and Offset is where the snippet starts in the article text.
type SearchMatch struct {
	Field  string   `json:"field"` // note, quote, tags, title, byline, body
	Text   string   `json:"text"`
	Offset int      `json:"offset"`
	Ranges [][2]int `json:"ranges"`
}

// searchState is what the search keeps beside its derived index.
type searchState struct {
	// long holds the searched prefix of the few articles longer than the
	// engine indexes, so that showing a match in one does not decode its
	// whole text at every search (reading a 49 MB text made every search
	// take seconds). Entries are checked against the article's text hash.
	longMu sync.Mutex
	long   []longText
}

// longText is the searched prefix of one long article's text.
type longText struct{ id, hash, prefix string }

// maxLongTexts bounds the long texts kept (each at most
// search.MaxFieldBytes).
const maxLongTexts = 8

// searchedText returns the part of article a's text that the engine
// searched: its whole text, or for a text longer than search.MaxFieldBytes
// the prefix, kept between searches.
func (n *Notebook) searchedText(tx Tx, a Article) (string, error) {
	// A code point is at least one byte: a text of fewer code points than
	// the limit has fewer bytes too, and is read as it is.
	if a.Chars <= search.MaxFieldBytes/4 {
		body, err := tx.Body(a.ID)
		return body.Text, err
	}
	s := &n.searchExtra
	s.longMu.Lock()
	for _, lt := range s.long {
		if lt.id == a.ID && lt.hash == a.TextHash {
			s.longMu.Unlock()
			return lt.prefix, nil
		}
	}
	s.longMu.Unlock()
	body, err := tx.Body(a.ID)
	if err != nil {
		return "", err
	}
	prefix := search.FieldText(search.Doc{Kind: search.KindArticle, Body: body.Text}, search.FieldBody)
	prefix = strings.Clone(prefix) // let the whole text go
	s.longMu.Lock()
	s.long = slices.DeleteFunc(s.long, func(lt longText) bool { return lt.id == a.ID })
	if len(s.long) >= maxLongTexts {
		s.long = s.long[1:]
	}
	s.long = append(s.long, longText{id: a.ID, hash: a.TextHash, prefix: prefix})
	s.longMu.Unlock()
	return prefix, nil
}

// WarmSearch builds the search index now (it is otherwise built by the
// first Search). The desktop app calls it in the background at start.
func (n *Notebook) WarmSearch() error {
	_, err := n.searchIndex()
	return err
}

// searchIndex returns the index, loading or building it the first time.
func (n *Notebook) searchIndex() (*search.Index, error) { return n.search.get(n) }

// build reads every article (with its text) and annotation in one read
// transaction and indexes them; it returns the generation it read.
func (searchKind) build(n *Notebook) (*search.Index, uint64, error) {
	var docs []search.Doc
	var gen uint64
	err := n.view(func(tx Tx) error {
		_, gen = tx.Generation()
		arts := map[string]Article{}
		if err := tx.ForEachArticle(func(a Article) error {
			body, err := tx.Body(a.ID)
			if err != nil {
				return err
			}
			arts[a.ID] = a
			docs = append(docs, articleDoc(a, body.Text))
			return nil
		}); err != nil {
			return err
		}
		return tx.ForEachAnnotation(func(an Annotation) error {
			docs = append(docs, annotationDoc(an, arts[an.ArticleID]))
			return nil
		})
	})
	if err != nil {
		return nil, 0, err
	}
	return search.Build(docs), gen, nil
}

// apply re-reads the changed items and updates the index in one atomic
// batch. An article change also refreshes its annotations, which carry the
// article's title, byline and date for in:, by: and after:.
func (searchKind) apply(n *Notebook, ix *search.Index, c Change) error {
	var put []search.Doc
	var del []string
	err := n.view(func(tx Tx) error {
		done := map[string]bool{}
		for _, id := range c.Articles {
			a, err := tx.Article(id)
			if errors.Is(err, ErrNotFound) {
				del = append(del, id)
				continue
			} else if err != nil {
				return err
			}
			body, err := tx.Body(id)
			if err != nil {
				return err
			}
			put = append(put, articleDoc(a, body.Text))
			anns, err := tx.AnnotationsOf(id)
			if err != nil {
				return err
			}
			for _, an := range anns {
				put = append(put, annotationDoc(an, a))
				done[an.ID] = true
			}
		}
		for _, id := range c.Annotations {
			if done[id] {
				continue
			}
			an, err := tx.Annotation(id)
			if errors.Is(err, ErrNotFound) {
				del = append(del, id)
				continue
			} else if err != nil {
				return err
			}
			a, err := tx.Article(an.ArticleID)
			if err != nil {
				return err
			}
			put = append(put, annotationDoc(an, a))
		}
		return nil
	})
	if err != nil {
		return err
	}
	ix.Apply(put, del)
	return nil
}

func articleDoc(a Article, text string) search.Doc {
	return search.Doc{
		ID: a.ID, ArticleID: a.ID, Kind: search.KindArticle,
		Note: a.Note, Title: a.Title, Byline: a.Byline, Outlet: a.Outlet, Body: text,
		Tags: a.Tags, Published: a.Published.Time(), Updated: a.Updated, Creator: a.Creator,
	}
}

func annotationDoc(an Annotation, a Article) search.Doc {
	return search.Doc{
		ID: an.ID, ArticleID: an.ArticleID, Kind: search.KindAnnotation,
		Note: an.Note, Quote: an.Quote, Title: a.Title, Byline: a.Byline, Outlet: a.Outlet,
		Tags: an.Tags, Color: string(an.Color), Orphan: an.Status == Orphaned,
		Published: a.Published.Time(), Updated: an.Updated, Creator: an.Creator,
	}
}

// ParseQuery checks a search query without running it, so a front end can
// report a mistake while the user types.
func ParseQuery(q string) error {
	_, err := search.ParseQuery(q)
	return err
}

// snippetRadius is how many characters of article text a body match shows
// on each side of its first range.
const snippetRadius = 80

// Search runs a query (see package search for the language: words with
// typo tolerance, "phrases", -negation, tag:, color:, in:, by:, outlet:,
// has:note, is:orphan, is:highlight, is:article, after:, before:) and
// returns up to limit hits, best first.
func (n *Notebook) Search(query string, limit int) ([]SearchHit, error) {
	q, err := search.ParseQuery(query)
	if err != nil {
		return nil, invalidf("%v", err)
	}
	for _, f := range q.Filters {
		if f.Op == "color" && f.Value != "" {
			if _, err := ParseColor(f.Value); err != nil {
				return nil, err // names the colour and the palette
			}
		}
	}
	ix, err := n.searchIndex()
	if err != nil {
		return nil, err
	}
	hits, err := ix.Search(query, limit)
	if err != nil {
		return nil, invalidf("%v", err)
	}
	out := make([]SearchHit, 0, len(hits))
	err = n.view(func(tx Tx) error {
		for _, h := range hits {
			a, err := tx.Article(h.ArticleID)
			if errors.Is(err, ErrNotFound) {
				continue // deleted since the search ran
			} else if err != nil {
				return err
			}
			sh := SearchHit{ID: h.ID, ArticleID: h.ArticleID, Title: a.Title, Score: h.Score, Matches: []SearchMatch{}}
			var doc search.Doc
			if h.Kind == search.KindArticle {
				sh.Kind = HitArticle
				text, err := n.searchedText(tx, a)
				if err != nil {
					return err
				}
				sh.Article = &a
				doc = articleDoc(a, text)
			} else {
				an, err := tx.Annotation(h.ID)
				if errors.Is(err, ErrNotFound) {
					continue
				} else if err != nil {
					return err
				}
				sh.Kind = HitAnnotation
				sh.Annotation = &an
				doc = annotationDoc(an, a)
			}
			for _, m := range h.Matches {
				sh.Matches = append(sh.Matches, matchOf(doc, m))
			}
			out = append(out, sh)
		}
		return nil
	})
	return out, err
}

// matchOf turns an engine match into field text and ranges; the body is cut
// to a snippet around its first range.
func matchOf(doc search.Doc, m search.Match) SearchMatch {
	text := search.FieldText(doc, m.Field)
	sm := SearchMatch{Field: m.Field.String(), Text: text}
	for _, r := range m.Ranges {
		sm.Ranges = append(sm.Ranges, [2]int{r.Start, r.End})
	}
	if m.Field != search.FieldBody || len(m.Ranges) == 0 {
		return sm
	}
	// The snippet in code points [from, to), found by walking the text up
	// to its end only (a body may be megabytes long).
	from := max(0, m.Ranges[0].Start-snippetRadius)
	wantTo := m.Ranges[0].End + snippetRadius
	bFrom, bTo, to := len(text), len(text), 0
	for i := range text {
		if to == from {
			bFrom = i
		}
		if to == wantTo {
			bTo = i
			break
		}
		to++
	}
	if bFrom > bTo {
		bFrom = bTo
	}
	sm.Text, sm.Offset = text[bFrom:bTo], from
	sm.Ranges = sm.Ranges[:0]
	for _, r := range m.Ranges {
		if r.Start >= from && r.End <= to {
			sm.Ranges = append(sm.Ranges, [2]int{r.Start - from, r.End - from})
		}
	}
	return sm
}
