package notebook

// Keeping texts, URLs and citation keys of live articles unique after a
// merge. The rules depend only on the merged records (their IDs, values
// and clocks), never on which replica merges first, so that two replicas
// resolving the same clash on their own resolve it the same way:
//
//   - two live articles with one text are one article imported twice: the
//     one with the smaller ID (made first) stays, the other goes to the
//     trash and its highlights move to the one that stays;
//   - a URL or citation key held by two live articles stays with the one
//     whose field has the earlier clock (it had it first; ties: the
//     smaller ID); the other loses its URL, or gets a new key made from
//     its metadata and free among every key of the merged notebook.
//
// The merged notebook is the notebook (which reflects our side of the
// merge) with the merged records laid over it. Only a merged record can
// clash (the notebook itself has no clash), but what it clashes with may
// be a record the merge did not touch: that one is brought in and may be
// the one that changes.

import (
	"fmt"
	"sort"
	"strings"

	"github.com/glossnotes/gloss/notebook/cite"
	gsync "github.com/glossnotes/gloss/notebook/sync"
)

// uniqueCand is a live article of the merged notebook that may clash.
type uniqueCand struct {
	id  string
	rec *gsync.Record
	art syncArticle
}

// fixUnique keeps texts, URLs and citation keys of live articles unique
// (see above), and gives every tag an item carries a record.
func (m *syncMerger) fixUnique() error {
	return m.n.view(func(tx Tx) error {
		cands, err := m.uniqueCands(tx)
		if err != nil {
			return err
		}
		if err := m.uniqueTexts(cands); err != nil {
			return err
		}
		m.uniqueURLs(cands)
		if err := m.uniqueKeys(tx, cands); err != nil {
			return err
		}
		return m.fixTags(tx)
	})
}

// uniqueCands returns the live merged articles, and the notebook's
// articles that hold one of their texts, URLs or keys, by ID.
func (m *syncMerger) uniqueCands(tx Tx) (map[string]*uniqueCand, error) {
	cands := map[string]*uniqueCand{}
	var touched []string
	for p, f := range m.out {
		k, id, _ := gsync.ParsePath(p)
		if k != gsync.ArticleFile || f.rec == nil {
			continue
		}
		a, err := readArticle(p, id, *f.rec)
		if err != nil {
			return nil, err
		}
		if a.Deleted == nil {
			rec := f.rec.Clone()
			cands[id] = &uniqueCand{id: id, rec: &rec, art: a}
			touched = append(touched, id)
		}
	}
	sort.Strings(touched)
	for _, id := range touched {
		a := cands[id].art.Article
		lookups := []struct {
			v  string
			by func(string) (string, bool, error)
		}{{a.TextHash, tx.ArticleByHash}, {a.URL, tx.ArticleByURL}, {a.CiteKey, tx.ArticleByCiteKey}}
		for _, l := range lookups {
			if l.v == "" {
				continue
			}
			other, ok, err := l.by(l.v)
			if err != nil {
				return nil, err
			}
			if !ok || other == id || cands[other] != nil {
				continue
			}
			if _, isMerged := m.out[gsync.ArticlePath(other)]; isMerged {
				continue // its merged record is a candidate, or not live
			}
			p := gsync.ArticlePath(other)
			r, err := m.final(p)
			if err != nil {
				return nil, err
			}
			if r == nil {
				continue // not sent (see Skipped): the notebook keeps it
			}
			oa, err := readArticle(p, other, *r)
			if err != nil || oa.Deleted != nil {
				continue
			}
			cands[other] = &uniqueCand{id: other, rec: r, art: oa}
		}
	}
	return cands, nil
}

// byValue groups the candidates by a value (skipping ""), each group in
// ID order, the groups in value order; only groups of two or more.
func byValue(cands map[string]*uniqueCand, value func(*uniqueCand) string) [][]*uniqueCand {
	groups := map[string][]*uniqueCand{}
	for _, c := range cands {
		if c.art.Deleted != nil {
			continue
		}
		if v := value(c); v != "" {
			groups[v] = append(groups[v], c)
		}
	}
	keys := make([]string, 0, len(groups))
	for v, g := range groups {
		if len(g) > 1 {
			keys = append(keys, v)
		}
	}
	sort.Strings(keys)
	out := make([][]*uniqueCand, 0, len(keys))
	for _, v := range keys {
		g := groups[v]
		sort.Slice(g, func(i, j int) bool { return g[i].id < g[j].id })
		out = append(out, g)
	}
	return out
}

// firstHolder orders a clash group so that the article whose field got
// its value first comes first (ties: the smaller ID).
func firstHolder(g []*uniqueCand, field string) {
	sort.SliceStable(g, func(i, j int) bool {
		ci, cj := g[i].rec.Clock(field), g[j].rec.Clock(field)
		if ci != cj {
			return ci.Before(cj)
		}
		return g[i].id < g[j].id
	})
}

// uniqueTexts sends to the trash every live article whose text an article
// with a smaller ID has, and moves its highlights to that article.
func (m *syncMerger) uniqueTexts(cands map[string]*uniqueCand) error {
	for _, g := range byValue(cands, func(c *uniqueCand) string { return c.art.Article.TextHash }) {
		keep := g[0]
		for _, c := range g[1:] {
			del := syncDeleted{At: m.now, Title: c.art.Article.Title}
			if err := c.rec.Set(fDeleted, del); err != nil {
				return err
			}
			c.rec.Clocks[fDeleted] = m.clock
			c.art.Deleted = &del
			m.set(gsync.ArticlePath(c.id), c.rec)
			moved, err := m.moveAnnotations(c.id, keep.id)
			if err != nil {
				return err
			}
			m.rep.Conflicts = append(m.rep.Conflicts, fmt.Sprintf("article %s (%s) has the same text as article %s: moved to the trash, its %d highlights moved to article %s", c.id, c.art.Article.Title, keep.id, moved, keep.id))
		}
	}
	return nil
}

// uniqueURLs takes a URL off every live article that got it after another.
func (m *syncMerger) uniqueURLs(cands map[string]*uniqueCand) {
	for _, g := range byValue(cands, func(c *uniqueCand) string { return c.art.Article.URL }) {
		firstHolder(g, "url")
		for _, c := range g[1:] {
			m.rep.Conflicts = append(m.rep.Conflicts, fmt.Sprintf("article %s (%s): its URL %s is article %s's; removed from it", c.id, c.art.Article.Title, c.art.Article.URL, g[0].id))
			c.art.Article.URL = ""
			c.rec.Set("url", "")
			c.rec.Clocks["url"] = m.clock
			m.set(gsync.ArticlePath(c.id), c.rec)
		}
	}
}

// uniqueKeys gives a new citation key to every live article that got its
// key after another: one made from its metadata and free among the keys
// of the merged notebook.
func (m *syncMerger) uniqueKeys(tx Tx, cands map[string]*uniqueCand) error {
	groups := byValue(cands, func(c *uniqueCand) string { return strings.ToLower(c.art.Article.CiteKey) })
	if len(groups) == 0 {
		return nil
	}
	// taken: every key of the merged notebook that starts with base.
	assigned := map[string]bool{}
	taken := func(base string) (map[string]bool, error) {
		used, err := tx.CiteKeysWithPrefix(base)
		if err != nil {
			return nil, err
		}
		t := map[string]bool{}
		for _, k := range used {
			holder, ok, err := tx.ArticleByCiteKey(k)
			if err != nil {
				return nil, err
			}
			if _, merged := m.out[gsync.ArticlePath(holder)]; ok && (merged || cands[holder] != nil) {
				continue // counted below with its merged key
			}
			t[strings.ToLower(k)] = true
		}
		for _, c := range cands {
			if c.art.Deleted == nil && c.art.Article.CiteKey != "" {
				t[strings.ToLower(c.art.Article.CiteKey)] = true
			}
		}
		for k := range assigned {
			t[k] = true
		}
		return t, nil
	}
	for _, g := range groups {
		firstHolder(g, "citekey")
		for _, c := range g[1:] {
			base := CiteKeyBase(c.art.Article)
			t, err := taken(base)
			if err != nil {
				return err
			}
			key := cite.UniqueKey(base, func(k string) bool { return t[strings.ToLower(k)] })
			assigned[strings.ToLower(key)] = true
			m.rep.Conflicts = append(m.rep.Conflicts, fmt.Sprintf("article %s (%s): its citation key %s is article %s's; it is now %s", c.id, c.art.Article.Title, c.art.Article.CiteKey, g[0].id, key))
			c.art.Article.CiteKey = key
			if err := c.rec.Set("citekey", key); err != nil {
				return err
			}
			c.rec.Clocks["citekey"] = m.clock
			m.set(gsync.ArticlePath(c.id), c.rec)
		}
	}
	return nil
}

// moveAnnotations moves the annotations of article from (but those
// trashed with it) to article to, whose text is the same: their files
// move to to's folder, with to's ID. An annotation that a merge finds in
// both folders (moved on one side, edited on the other) is merged field
// by field, the later change winning. It returns how many moved.
func (m *syncMerger) moveAnnotations(from, to string) (int, error) {
	moved := 0
	tp := gsync.ArticlePath(to)
	tr, err := m.final(tp)
	if err != nil || tr == nil {
		return 0, err
	}
	target, err := readArticle(tp, to, *tr)
	if err != nil {
		return 0, err
	}
	final, haveText := m.text(target.Article.TextHash)
	for _, p := range m.groupPaths(from) {
		r, err := m.final(p)
		if err != nil {
			return moved, err
		}
		if r == nil {
			continue
		}
		_, _, annID := gsync.ParsePath(p)
		s, err := readAnnotationLoose(p, from, annID, *r)
		if err != nil {
			return moved, err
		}
		if s.Deleted != nil && s.Deleted.With != "" {
			continue
		}
		rec := r.Clone()
		if err := rec.Set("article_id", to); err != nil {
			return moved, err
		}
		rec.Clocks["article_id"] = m.clock
		if s.Deleted == nil {
			s.Annotation.ArticleID = to
			f := &groupFile{rec: &rec, ann: s}
			if err := m.reattach(f, target.Article, final, haveText); err != nil {
				return moved, err
			}
		}
		dst := gsync.AnnotationPath(to, annID)
		if there, err := m.final(dst); err != nil {
			return moved, err
		} else if there != nil {
			out := gsync.Merge(nil, there, &rec, annotationRules)
			rec = out.Record
		}
		m.set(p, nil)
		m.set(dst, &rec)
		moved++
	}
	return moved, nil
}
