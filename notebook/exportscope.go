package notebook

import (
	"errors"
	"fmt"
	"iter"
	"sort"
	"time"
)

// ExportScope says which annotations an export covers. The scopes that are
// set combine with AND: ArticleIDs, Tag, Query, Color and the date range
// each narrow the scope further; All selects everything and is needed
// when no other scope is set.
//
// An annotation matches Tag when it, or its article, carries the tag or one
// of its children; it matches Query when the search finds the annotation
// (its quote, note or tags, or its article's title, byline and date
// through the in:, by:, after: … operators). An article found only by its
// body text does not bring in all its annotations. After and Before compare the article's publication date (as
// `gloss list --after` and the search operators after:/before: do): on or
// after After, strictly before Before; an unknown date matches neither.
type ExportScope struct {
	ArticleIDs []string
	Tag        string
	Query      string
	Color      Color
	After      Date
	Before     Date
	All        bool
	// ByCreation orders the excerpts by creation time across articles
	// instead of by article, then document order. The stream then holds one
	// ExcerptSet per run of consecutive annotations on the same article, so
	// an article can appear more than once.
	ByCreation bool
	// WholeArticles keeps every article in scope even when none of its
	// annotations is selected (with no annotations), as a list of
	// references needs: every article under Tag, found by Query, published
	// in the date range, or (All) every article. With Color only articles
	// with a highlight of that colour are in scope.
	WholeArticles bool
	// Reuse fills each ExcerptSet's AlsoIn: the other articles that carry
	// each annotation's passage (building the reuse index first when it is
	// not built yet).
	Reuse bool
}

// IsEmpty reports whether the scope names nothing at all (not even
// All).
func (s ExportScope) IsEmpty() bool {
	return len(s.ArticleIDs) == 0 && s.Tag == "" && s.Query == "" && s.Color == "" &&
		s.After.IsZero() && s.Before.IsZero() && !s.All
}

// ExcerptSet is one article with the selected annotations on it, as read
// in one transaction: the unit an export streams.
type ExcerptSet struct {
	// Article is the article's metadata; its Annotations field holds the
	// number of annotations in this set.
	Article     Article
	Text        string // the article's current text
	Annotations []Annotation
	// AlsoIn maps an annotation's ID to the other articles that carry its
	// passage, earliest published first (see Notebook.AlsoIn); filled only
	// when the scope asks for Reuse.
	AlsoIn map[string][]ReuseMatch
}

// Excerpts streams the selected annotations, one article at a time: each
// article's metadata, text and annotations are read in their own read
// transaction, so memory holds one article (plus the IDs of the plan), not
// the whole notebook. In the default order, articles come in the order
// given by ArticleIDs, else in ID (import) order, and annotations in
// document order. Articles without a selected annotation are left out,
// unless named in ArticleIDs or in scope as a whole (WholeArticles).
//
// Errors (an unknown article ID, a bad query, a failed read) are yielded
// as the second value, after which the stream ends.
func (n *Notebook) Excerpts(sel ExportScope) iter.Seq2[ExcerptSet, error] {
	return func(yield func(ExcerptSet, error) bool) {
		p, err := n.plan(sel)
		if err != nil {
			yield(ExcerptSet{}, fmt.Errorf("export: %w", err))
			return
		}
		if sel.Reuse {
			if yield, err = n.withAlsoIn(yield); err != nil {
				yield(ExcerptSet{}, fmt.Errorf("export: %w", err))
				return
			}
		}
		if sel.ByCreation {
			n.streamByCreation(p, yield)
			return
		}
		n.streamByArticle(p, yield)
	}
}

// exportSearchLimit is the number of search hits a query scope reads:
// more than any notebook holds.
const exportSearchLimit = 1 << 24

// excerptPlan is what the scope resolves to before any text is read:
// the articles in output order and the predicates on annotations.
type excerptPlan struct {
	sel      ExportScope
	articles []string        // article IDs, in output order
	named    map[string]bool // articles named explicitly (kept even when empty)
	// tagArts/tagAnns are the items carrying the tag, hitAnns the
	// annotations the query finds and hitArts the articles it finds (or
	// whose annotations it finds); nil when that scope is unused.
	tagArts, tagAnns map[string]bool
	hitAnns, hitArts map[string]bool
	// underTag are the articles under the tag (themselves or through an
	// annotation), for WholeArticles.
	underTag map[string]bool
	// created lists the selected annotations by creation time (ByCreation).
	created []createdRef
}

type createdRef struct {
	created   time.Time
	id        string
	articleID string
}

func (n *Notebook) plan(sel ExportScope) (*excerptPlan, error) {
	if sel.IsEmpty() {
		return nil, invalidf("nothing selected: name articles, a tag, a query, a colour, a date range, or all")
	}
	if sel.Color != "" {
		c, err := ParseColor(string(sel.Color))
		if err != nil {
			return nil, err
		}
		sel.Color = c
	}
	p := &excerptPlan{sel: sel, named: map[string]bool{}}
	if sel.Query != "" {
		hits, err := n.Search(sel.Query, exportSearchLimit)
		if err != nil {
			return nil, fmt.Errorf("query %q: %w", sel.Query, err)
		}
		p.hitAnns, p.hitArts = map[string]bool{}, map[string]bool{}
		for _, h := range hits {
			if h.Kind == HitAnnotation {
				p.hitAnns[h.ID] = true
			}
			p.hitArts[h.ArticleID] = true
		}
	}
	err := n.view(func(tx Tx) error {
		if sel.Tag != "" {
			arts, anns, err := tx.TaggedWith(TagKey(sel.Tag))
			if err != nil {
				return err
			}
			p.tagArts, p.tagAnns = setOf(arts), setOf(anns)
			if sel.WholeArticles {
				if p.underTag, err = articlesUnderTag(tx, TagKey(sel.Tag)); err != nil {
					return err
				}
			}
		}
		metas := map[string]Article{}
		if len(sel.ArticleIDs) > 0 {
			for _, id := range sel.ArticleIDs {
				if p.named[id] {
					continue
				}
				a, err := tx.Article(id)
				if err != nil {
					return err
				}
				p.named[id] = true
				if p.articleMatches(a) {
					p.articles = append(p.articles, id)
					metas[id] = a
				}
			}
		} else if err := tx.ForEachArticle(func(a Article) error {
			if p.articleMatches(a) {
				p.articles = append(p.articles, a.ID)
				metas[a.ID] = a
			}
			return nil
		}); err != nil {
			return err
		}
		if !sel.ByCreation {
			return nil
		}
		for _, id := range p.articles {
			anns, err := tx.AnnotationsOf(id)
			if err != nil {
				return err
			}
			for _, ann := range anns {
				if p.annotationMatches(metas[id], ann) {
					p.created = append(p.created, createdRef{ann.Created, ann.ID, id})
				}
			}
		}
		sort.SliceStable(p.created, func(i, j int) bool {
			a, b := p.created[i], p.created[j]
			if !a.created.Equal(b.created) {
				return a.created.Before(b.created)
			}
			return a.id < b.id
		})
		return nil
	})
	if err != nil {
		return nil, err
	}
	return p, nil
}

func setOf(ids []string) map[string]bool {
	m := make(map[string]bool, len(ids))
	for _, id := range ids {
		m[id] = true
	}
	return m
}

// articleMatches applies the article-level predicates (date range).
func (p *excerptPlan) articleMatches(a Article) bool {
	if !p.sel.After.IsZero() && (a.Published.IsZero() || a.Published.Before(p.sel.After)) {
		return false
	}
	if !p.sel.Before.IsZero() && (a.Published.IsZero() || !a.Published.Before(p.sel.Before)) {
		return false
	}
	return true
}

// wholeArticle reports whether an article with no selected annotation is
// still exported, as named or (WholeArticles) in scope as a whole.
func (p *excerptPlan) wholeArticle(id string) bool {
	switch {
	case p.named[id]:
		return true
	case !p.sel.WholeArticles || p.sel.Color != "":
		return false
	case p.underTag != nil && !p.underTag[id]:
		return false
	case p.hitArts != nil && !p.hitArts[id]:
		return false
	}
	return true
}

// annotationMatches applies the annotation-level predicates.
func (p *excerptPlan) annotationMatches(a Article, ann Annotation) bool {
	if p.sel.Color != "" && ann.Color != p.sel.Color {
		return false
	}
	if p.tagArts != nil && !p.tagArts[a.ID] && !p.tagAnns[ann.ID] {
		return false
	}
	if p.hitAnns != nil && !p.hitAnns[ann.ID] {
		return false
	}
	return true
}

// load reads one article, its text and its annotations (all of them, or
// only those in ids) in one read transaction. It reports false when the
// article was deleted since the plan was made.
func (n *Notebook) load(id string, ids []string) (ExcerptSet, bool, error) {
	var set ExcerptSet
	err := n.view(func(tx Tx) error {
		a, err := tx.Article(id)
		if err != nil {
			return err
		}
		body, err := tx.Body(id)
		if err != nil {
			return err
		}
		set.Article, set.Text = a, body.Text
		if ids == nil {
			set.Annotations, err = tx.AnnotationsOf(id)
			return err
		}
		for _, annID := range ids {
			ann, err := tx.Annotation(annID)
			if errors.Is(err, ErrNotFound) {
				continue // deleted meanwhile
			} else if err != nil {
				return err
			}
			set.Annotations = append(set.Annotations, ann)
		}
		return nil
	})
	if errors.Is(err, ErrNotFound) && set.Article.ID == "" {
		return set, false, nil
	}
	return set, err == nil, err
}

func (n *Notebook) streamByArticle(p *excerptPlan, yield func(ExcerptSet, error) bool) {
	for _, id := range p.articles {
		set, ok, err := n.load(id, nil)
		if err != nil {
			yield(ExcerptSet{}, fmt.Errorf("export article %s: %w", id, err))
			return
		}
		if !ok {
			continue
		}
		kept := set.Annotations[:0]
		for _, ann := range set.Annotations {
			if p.annotationMatches(set.Article, ann) {
				kept = append(kept, ann)
			}
		}
		set.Annotations = kept
		if len(kept) == 0 && !p.wholeArticle(id) {
			continue
		}
		SortDocumentOrder(set.Annotations)
		if !yield(set, nil) {
			return
		}
	}
}

func (n *Notebook) streamByCreation(p *excerptPlan, yield func(ExcerptSet, error) bool) {
	for i := 0; i < len(p.created); {
		j := i
		var ids []string
		for ; j < len(p.created) && p.created[j].articleID == p.created[i].articleID; j++ {
			ids = append(ids, p.created[j].id)
		}
		id := p.created[i].articleID
		i = j
		set, ok, err := n.load(id, ids)
		if err != nil {
			yield(ExcerptSet{}, fmt.Errorf("export article %s: %w", id, err))
			return
		}
		if !ok || len(set.Annotations) == 0 {
			continue
		}
		if !yield(set, nil) {
			return
		}
	}
}
