package notebook

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/glossnotes/gloss/notebook/ingest"
)

// AddOutcome says what adding a draft did.
type AddOutcome string

// Outcomes of AddArticle.
const (
	Added     AddOutcome = "imported"
	Duplicate AddOutcome = "duplicate"
	// Updated: the draft has the URL of an article already in the notebook
	// but a different text; it became that article's new version.
	Updated AddOutcome = "updated"
)

// AddResult reports one added draft: the article (new or the existing
// duplicate) and why it was not added when it was not.
type AddResult struct {
	Article Article    `json:"article"`
	Outcome AddOutcome `json:"outcome"`
	Reason  string     `json:"reason,omitempty"` // "same text" for duplicates
	// Report says what happened to the annotations of an Updated article.
	Report *ReattachReport `json:"report,omitempty"`
	// Attached is the number of pending annotations (imported before
	// their article) that attached themselves to an Added article.
	Attached int `json:"attached,omitempty"`
}

// AddArticle adds one article from an ingest draft. A draft whose text is
// already in the notebook is not added again: the result names the existing
// article. A draft with the URL of an existing article but a new text (the
// outlet edited the piece) becomes that article's new version, with its
// annotations re-attached.
func (n *Notebook) AddArticle(d ingest.Draft) (AddResult, error) {
	rs, err := n.AddArticles([]ingest.Draft{d})
	if err != nil {
		return AddResult{}, err
	}
	return rs[0], nil
}

// AddArticles adds many drafts in one transaction (a bulk import batch):
// either all of them are stored or, on error, none.
func (n *Notebook) AddArticles(ds []ingest.Draft) ([]AddResult, error) {
	out := make([]AddResult, 0, len(ds))
	err := n.update(func(tx Tx, c *Change) error {
		keys := NewCiteKeys(tx)
		for _, d := range ds {
			r, err := n.addArticle(tx, c, keys, d)
			if err != nil {
				return err
			}
			if r.Outcome == Added {
				c.Articles = append(c.Articles, r.Article.ID)
				c.Tags = c.Tags || len(r.Article.Tags) > 0
			}
			out = append(out, r)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

func (n *Notebook) addArticle(tx Tx, c *Change, keys *CiteKeys, d ingest.Draft) (AddResult, error) {
	if strings.TrimSpace(d.Text) == "" {
		return AddResult{}, invalidf("article %q has no text", d.Title)
	}
	if !utf8.ValidString(d.Text) {
		return AddResult{}, invalidf("article %q: text is not valid UTF-8", d.Title)
	}
	if d.URL != "" && !IsWebURL(d.URL) {
		d.URL = "" // only web addresses are kept (see IsWebURL)
	}
	for _, f := range []struct {
		what string
		s    *string
	}{{"the title", &d.Title}, {"the byline", &d.Byline}, {"the outlet", &d.Outlet}, {"the URL", &d.URL}, {"the language", &d.Language}} {
		var err error
		if *f.s, err = cleanLine(f.what, *f.s); err != nil {
			return AddResult{}, err
		}
	}
	hash := hashText(d.Text)
	if id, ok, err := tx.ArticleByHash(hash); err != nil {
		return AddResult{}, err
	} else if ok {
		a, err := tx.Article(id)
		return AddResult{Article: a, Outcome: Duplicate, Reason: "same text"}, err
	}
	if url := strings.TrimSpace(d.URL); url != "" {
		if id, ok, err := tx.ArticleByURL(url); err != nil {
			return AddResult{}, err
		} else if ok {
			a, err := tx.Article(id)
			if err != nil {
				return AddResult{}, err
			}
			rep, err := n.newVersion(tx, c, a, d, "reimport")
			if err != nil {
				return AddResult{}, err
			}
			a, err = tx.Article(id)
			return AddResult{Article: a, Outcome: Updated, Report: &rep}, err
		}
	}
	tags, err := canonicalTags(tx, d.Tags)
	if err != nil {
		return AddResult{}, err
	}
	now := n.now()
	title := strings.TrimSpace(d.Title)
	if title == "" {
		title = "Untitled"
	}
	a := Article{
		ID:        n.newID(),
		Title:     title,
		Byline:    strings.TrimSpace(d.Byline),
		Outlet:    strings.TrimSpace(d.Outlet),
		URL:       strings.TrimSpace(d.URL),
		Published: DateOf(d.Published),
		Added:     now,
		Updated:   now,
		Language:  d.Language,
		Creator:   n.Identity(),
		Tags:      tags,
		TextHash:  hash,
		MediaType: d.MediaType,
		Version:   1,
		Chars:     utf8.RuneCountInString(d.Text),
	}
	if err := keys.Ensure(&a); err != nil {
		return AddResult{}, err
	}
	if err := tx.PutArticle(a); err != nil {
		return AddResult{}, err
	}
	if err := tx.PutBody(a.ID, Body{Text: d.Text, Kinds: d.Kinds}); err != nil {
		return AddResult{}, err
	}
	if len(d.Source) > 0 {
		if err := tx.PutSource(a.ID, Source{Name: d.Title, MediaType: d.MediaType, Data: d.Source}); err != nil {
			return AddResult{}, err
		}
	}
	attached, err := n.attachPending(tx, c, a, d.Text)
	if err != nil {
		return AddResult{}, err
	}
	return AddResult{Article: a, Outcome: Added, Attached: attached}, nil
}

// ArticleUpdate holds the metadata fields to change; nil fields are kept.
type ArticleUpdate struct {
	Title     *string
	Byline    *string
	Outlet    *string
	URL       *string
	Published *Date
	Language  *string
	// CiteKey sets the citation key: a valid key (see cite.ValidKey) that
	// no other article has; "" makes a new one from the article's current
	// metadata. The key never changes unless set here.
	CiteKey *string
}

// SetArticle changes an article's metadata.
func (n *Notebook) SetArticle(id string, u ArticleUpdate) (Article, error) {
	var a Article
	err := n.update(func(tx Tx, c *Change) error {
		var err error
		if a, err = tx.Article(id); err != nil {
			return err
		}
		if u.Title != nil {
			t, err := cleanLine("the title", *u.Title)
			if err != nil {
				return err
			}
			if t == "" {
				return invalidf("article %s: the title cannot be empty", id)
			}
			a.Title = t
		}
		for _, f := range []struct {
			what string
			dst  *string
			v    *string
		}{{"the byline", &a.Byline, u.Byline}, {"the outlet", &a.Outlet, u.Outlet}, {"the language", &a.Language, u.Language}} {
			if f.v != nil {
				if *f.dst, err = cleanLine(f.what, *f.v); err != nil {
					return err
				}
			}
		}
		if u.URL != nil {
			url := strings.TrimSpace(*u.URL)
			if url != "" && !IsWebURL(url) {
				return invalidf("URL %s: want an http or https address", quoteShort(url))
			}
			if url != "" && url != a.URL {
				if other, ok, err := tx.ArticleByURL(url); err != nil {
					return err
				} else if ok && other != id {
					return invalidf("URL %s already belongs to article %s", url, other)
				}
			}
			a.URL = url
		}
		if u.Published != nil {
			a.Published = *u.Published
		}
		if u.CiteKey != nil {
			if key := strings.TrimSpace(*u.CiteKey); key == "" {
				own := a.CiteKey
				a.CiteKey = ""
				if err := assignCiteKey(tx, &a, own); err != nil {
					return err
				}
			} else if err := checkCiteKey(tx, id, key); err != nil {
				return err
			} else {
				a.CiteKey = key
			}
		}
		a.Updated = n.now()
		c.Articles = append(c.Articles, id)
		if err := tx.PutArticle(a); err != nil {
			return err
		}
		// A new URL or title may be what pending annotations wait for.
		if u.URL != nil || u.Title != nil {
			body, err := tx.Body(id)
			if err != nil {
				return err
			}
			if _, err := n.attachPending(tx, c, a, body.Text); err != nil {
				return err
			}
		}
		return nil
	})
	return a, err
}

// SetArticleNote replaces an article's note (the researcher's Markdown
// summary of the piece).
func (n *Notebook) SetArticleNote(id, note string) (Article, error) {
	note, err := cleanNote("the article note", note)
	if err != nil {
		return Article{}, err
	}
	var a Article
	err = n.update(func(tx Tx, c *Change) error {
		var err error
		if a, err = tx.Article(id); err != nil {
			return err
		}
		a.Note = note
		a.Updated = n.now()
		c.Articles = append(c.Articles, id)
		return tx.PutArticle(a)
	})
	return a, err
}

// Sort orders for Articles.
const (
	SortAdded     = "added"
	SortPublished = "published"
	SortTitle     = "title"
)

// ListOptions filters and orders an article listing. Zero values mean no
// filter; the default order is newest added first.
type ListOptions struct {
	// Tag keeps the articles under a tag: those tagged with it, or with one
	// of its children, themselves or through one of their annotations. This
	// is the one meaning of "articles under a tag" in Gloss.
	Tag    string
	Outlet string // case-insensitive
	After  Date   // published on or after
	Before Date   // published before
	// Sort is SortAdded (default, newest first), SortPublished (newest
	// first, unknown dates last) or SortTitle (A to Z).
	Sort    string
	Reverse bool // reverse the sort's natural order
}

// Articles lists article metadata (never the texts) with annotation counts.
func (n *Notebook) Articles(opt ListOptions) ([]ArticleSummary, error) {
	switch opt.Sort {
	case "", SortAdded, SortPublished, SortTitle:
	default:
		return nil, invalidf("sort %q: want added, published or title", opt.Sort)
	}
	var tagKey string
	if opt.Tag != "" {
		clean, err := CleanTag(opt.Tag)
		if err != nil {
			return nil, err
		}
		tagKey = TagKey(clean)
	}
	var out []ArticleSummary
	err := n.view(func(tx Tx) error {
		var only map[string]bool
		if tagKey != "" {
			var err error
			if only, err = articlesUnderTag(tx, tagKey); err != nil {
				return err
			}
		}
		counts, err := tx.AnnotationCounts()
		if err != nil {
			return err
		}
		return tx.ForEachArticle(func(a Article) error {
			if only != nil && !only[a.ID] {
				return nil
			}
			if opt.Outlet != "" && !strings.EqualFold(a.Outlet, opt.Outlet) {
				return nil
			}
			if !opt.After.IsZero() && (a.Published.IsZero() || a.Published.Before(opt.After)) {
				return nil
			}
			if !opt.Before.IsZero() && (a.Published.IsZero() || !a.Published.Before(opt.Before)) {
				return nil
			}
			out = append(out, ArticleSummary{Article: a, Annotations: counts[a.ID]})
			return nil
		})
	})
	if err != nil {
		return nil, err
	}
	sortArticles(out, opt)
	return out, nil
}

// articlesUnderTag returns the IDs of the articles under the tag with this
// key (see ListOptions.Tag).
func articlesUnderTag(tx Tx, key string) (map[string]bool, error) {
	arts, anns, err := tx.TaggedWith(key)
	if err != nil {
		return nil, err
	}
	ids := make(map[string]bool, len(arts)+len(anns))
	for _, id := range arts {
		ids[id] = true
	}
	for _, id := range anns {
		a, err := tx.Annotation(id)
		if err != nil {
			return nil, fmt.Errorf("tag index: annotation %s: %w", id, err)
		}
		ids[a.ArticleID] = true
	}
	return ids, nil
}

func sortArticles(as []ArticleSummary, opt ListOptions) {
	var before func(a, b Article) bool // a comes first in natural order
	switch opt.Sort {
	case SortTitle:
		before = func(a, b Article) bool { return strings.ToLower(a.Title) < strings.ToLower(b.Title) }
	case SortPublished:
		before = func(a, b Article) bool {
			if a.Published.IsZero() != b.Published.IsZero() {
				return b.Published.IsZero()
			}
			return b.Published.Before(a.Published)
		}
	default:
		before = func(a, b Article) bool { return a.Added.After(b.Added) || a.Added.Equal(b.Added) && a.ID > b.ID }
	}
	sort.SliceStable(as, func(i, j int) bool {
		if opt.Reverse {
			return before(as[j].Article, as[i].Article)
		}
		return before(as[i].Article, as[j].Article)
	})
}

// Article returns one article's metadata with its annotation count.
func (n *Notebook) Article(id string) (ArticleSummary, error) {
	var a ArticleSummary
	err := n.view(func(tx Tx) error {
		var err error
		if a.Article, err = tx.Article(id); err != nil {
			return err
		}
		anns, err := tx.AnnotationsOf(id)
		a.Annotations = len(anns)
		return err
	})
	return a, err
}

// Text returns an article's current text and paragraph kinds.
func (n *Notebook) Text(id string) (Body, error) {
	var b Body
	err := n.view(func(tx Tx) error {
		var err error
		b, err = tx.Body(id)
		return err
	})
	return b, err
}

// Source returns the original bytes an article was imported from.
func (n *Notebook) Source(id string) (Source, error) {
	var s Source
	err := n.view(func(tx Tx) error {
		var err error
		s, err = tx.Source(id)
		return err
	})
	return s, err
}

// Delete moves articles (with their annotations, versions and source) and
// annotations to the trash, in one transaction: all of them or, on any
// error (an unknown ID), none. An annotation whose article is deleted in
// the same call goes to the trash with the article. The entries made are
// returned in the order of ids.
func (n *Notebook) Delete(ids ...string) ([]TrashEntry, error) {
	if len(ids) == 0 {
		return nil, invalidf("nothing to delete")
	}
	var out []TrashEntry
	err := n.update(func(tx Tx, c *Change) error {
		out = out[:0]
		done := map[string]bool{}
		for _, id := range ids {
			if done[id] {
				continue
			}
			if _, err := tx.Article(id); err == nil {
				e, err := n.trashArticle(tx, c, id)
				if err != nil {
					return err
				}
				for _, a := range e.Annotations {
					done[a.ID] = true
				}
				done[id] = true
				out = append(out, e)
				continue
			} else if !errors.Is(err, ErrNotFound) {
				return err
			}
			e, err := n.trashAnnotation(tx, c, id)
			if errors.Is(err, ErrNotFound) {
				return fmt.Errorf("delete %s: no article or annotation with this ID: %w", id, ErrNotFound)
			} else if err != nil {
				return err
			}
			done[id] = true
			out = append(out, e)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// trashArticle moves one article with its annotations to the trash.
func (n *Notebook) trashArticle(tx Tx, c *Change, id string) (TrashEntry, error) {
	a, err := tx.Article(id)
	if err != nil {
		return TrashEntry{}, err
	}
	body, err := tx.Body(id)
	if err != nil {
		return TrashEntry{}, err
	}
	e := TrashEntry{ID: id, Kind: TrashArticle, Deleted: n.now(), Title: a.Title, Article: &a, Body: &body}
	if src, err := tx.Source(id); err == nil {
		e.Source = &src
	} else if !errors.Is(err, ErrNotFound) {
		return TrashEntry{}, err
	}
	if e.Versions, err = tx.Versions(id); err != nil {
		return TrashEntry{}, err
	}
	if e.Annotations, err = tx.AnnotationsOf(id); err != nil {
		return TrashEntry{}, err
	}
	for _, ann := range e.Annotations {
		if err := tx.DeleteAnnotation(ann.ID); err != nil {
			return TrashEntry{}, err
		}
		c.Annotations = append(c.Annotations, ann.ID)
	}
	if err := tx.DeleteArticle(id); err != nil {
		return TrashEntry{}, err
	}
	c.Articles = append(c.Articles, id)
	c.Tags = true
	return e, tx.PutTrash(e)
}

// EmptyTrash deletes trashed items for good, in one transaction: the
// entries named, or every entry when none is named. It returns how many
// entries went. There is no undo.
func (n *Notebook) EmptyTrash(ids ...string) (int, error) {
	done := 0
	err := n.update(func(tx Tx, c *Change) error {
		done = 0
		if len(ids) == 0 {
			if err := tx.ForEachTrash(func(e TrashEntry) error {
				ids = append(ids, e.ID)
				return nil
			}); err != nil {
				return err
			}
		}
		for _, id := range ids {
			if _, err := tx.Trash(id); err != nil {
				return err
			}
			if err := tx.DeleteTrash(id); err != nil {
				return err
			}
			done++
		}
		c.Trash = done > 0
		return nil
	})
	return done, err
}

// TrashEntries lists the trash, most recently deleted first, without the
// texts and sources of trashed articles.
func (n *Notebook) TrashEntries() ([]TrashEntry, error) {
	var out []TrashEntry
	err := n.view(func(tx Tx) error {
		return tx.ForEachTrash(func(e TrashEntry) error {
			e.Body, e.Source, e.Versions = nil, nil, nil
			out = append(out, e)
			return nil
		})
	})
	sort.SliceStable(out, func(i, j int) bool { return out[j].Deleted.Before(out[i].Deleted) })
	return out, err
}

// Restore brings trashed articles (with their annotations) and
// annotations back, in one transaction: all of them or, on any error, none.
// An annotation can only return to an article that exists (or comes back
// in the same call, listed before it); an item whose ID a live record holds
// now, or whose article's text or URL another article has, is refused.
// The entries are returned in the order of ids.
func (n *Notebook) Restore(ids ...string) ([]TrashEntry, error) {
	if len(ids) == 0 {
		return nil, invalidf("nothing to restore")
	}
	var out []TrashEntry
	err := n.update(func(tx Tx, c *Change) error {
		out = out[:0]
		for _, id := range ids {
			e, err := restoreOne(tx, c, id)
			if err != nil {
				return err
			}
			out = append(out, e)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// restoreOne restores one trash entry in tx.
func restoreOne(tx Tx, c *Change, id string) (TrashEntry, error) {
	e, err := tx.Trash(id)
	if err != nil {
		return e, err
	}
	// A live record with this ID (of either kind) would be overwritten.
	if _, err := tx.Article(id); err == nil {
		return e, invalidf("cannot restore %s: an article with this ID is in the notebook", id)
	} else if !errors.Is(err, ErrNotFound) {
		return e, err
	}
	if _, err := tx.Annotation(id); err == nil {
		return e, invalidf("cannot restore %s: an annotation with this ID is in the notebook", id)
	} else if !errors.Is(err, ErrNotFound) {
		return e, err
	}
	switch e.Kind {
	case TrashArticle:
		if e.Article == nil || e.Body == nil {
			return e, fmt.Errorf("trash entry %s: article record missing", id)
		}
		if other, ok, err := tx.ArticleByHash(e.Article.TextHash); err != nil {
			return e, err
		} else if ok {
			return e, invalidf("cannot restore %s: article %s has the same text", id, other)
		}
		if e.Article.URL != "" {
			if other, ok, err := tx.ArticleByURL(e.Article.URL); err != nil {
				return e, err
			} else if ok {
				return e, invalidf("cannot restore %s: article %s has the same URL", id, other)
			}
		}
		// The key stays the article's unless another took it meanwhile.
		if err := assignCiteKey(tx, e.Article, ""); err != nil {
			return e, err
		}
		if err := tx.PutArticle(*e.Article); err != nil {
			return e, err
		}
		if err := tx.PutBody(id, *e.Body); err != nil {
			return e, err
		}
		if e.Source != nil {
			if err := tx.PutSource(id, *e.Source); err != nil {
				return e, err
			}
		}
		for _, v := range e.Versions {
			if err := tx.PutVersion(id, v); err != nil {
				return e, err
			}
		}
		c.Articles = append(c.Articles, id)
	case TrashAnnotation:
		for _, a := range e.Annotations {
			if _, err := tx.Article(a.ArticleID); err != nil {
				return e, fmt.Errorf("cannot restore annotation %s: its article %s: %w (restore the article first)", a.ID, a.ArticleID, err)
			}
		}
	default:
		return e, fmt.Errorf("trash entry %s: unknown kind %q", id, e.Kind)
	}
	for _, a := range e.Annotations {
		if err := tx.PutAnnotation(a); err != nil {
			return e, err
		}
		c.Annotations = append(c.Annotations, a.ID)
	}
	c.Tags = true
	return e, tx.DeleteTrash(id)
}
