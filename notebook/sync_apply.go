package notebook

// Applying what a merge brought in to the notebook, in one transaction:
// every article whose files changed is made exactly what its files say.

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	gsync "github.com/glossnotes/gloss/notebook/sync"
)

// appliedGroup is an article's files after the merge.
type appliedGroup struct {
	id   string
	art  *syncArticle
	anns []syncAnnotation
}

// collectGroups reads, for every article with a changed file, its final
// article and annotation records; and the changed tag records. It keeps
// their digests in m.sums (for the index).
func (m *syncMerger) collectGroups(files []gsync.FileChange) ([]appliedGroup, map[string]*Tag, map[string]string, error) {
	m.sums = map[string][16]byte{}
	ids := map[string]bool{}
	tags := map[string]*Tag{}      // tag file → final record (nil: removed)
	oldTags := map[string]string{} // tag file → our name before
	for _, f := range files {
		k, a, _ := gsync.ParsePath(f.Path)
		switch k {
		case gsync.ArticleFile, gsync.AnnotationFile:
			ids[a] = true
		case gsync.TagFile:
			r, err := m.final(f.Path)
			if err != nil {
				return nil, nil, nil, err
			}
			if e, ok := m.ours.Files[f.Path]; ok {
				if old, err := m.read(e.Blob, f.Path); err == nil && old != nil {
					var t Tag
					old.Into(&t)
					oldTags[f.Path] = t.Name
				}
			}
			if r == nil {
				tags[f.Path] = nil
				continue
			}
			t, err := readTag(f.Path, a, *r)
			if err != nil {
				return nil, nil, nil, err
			}
			tags[f.Path] = &t
			m.sums[f.Path] = tagDigest(t)
		}
	}
	var out []appliedGroup
	for id := range ids {
		g := appliedGroup{id: id}
		p := gsync.ArticlePath(id)
		r, err := m.final(p)
		if err != nil {
			return nil, nil, nil, err
		}
		if r != nil {
			a, err := readArticle(p, id, *r)
			if err != nil {
				return nil, nil, nil, err
			}
			g.art = &a
			m.sums[p] = articleDigest(a.Article, a.Versions, a.Deleted)
		}
		for _, ap := range m.groupPaths(id) {
			r, err := m.final(ap)
			if err != nil {
				return nil, nil, nil, err
			}
			if r == nil {
				continue
			}
			_, _, annID := gsync.ParsePath(ap)
			s, err := m.annotation(ap, *r)
			if err == nil {
				err = checkSyncAnnotation(ap, id, annID, &s, -1, true)
			}
			if err != nil {
				return nil, nil, nil, err
			}
			g.anns = append(g.anns, s)
			m.sums[ap] = annotationDigest(s.Annotation, s.On, s.Deleted)
		}
		out = append(out, g)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].id < out[j].id })
	return out, tags, oldTags, nil
}

// release drops what the merge kept of every record (the apply works from
// the groups collectGroups read; texts stay), so that a clone does not
// hold each record three times while the apply's transaction grows.
func (m *syncMerger) release() {
	for p, f := range m.out {
		if f.rec != nil {
			delete(m.out, p)
		}
	}
	m.inputs, m.anns, m.annFiles = nil, nil, nil
}

// applyTags writes the changed tag records.
func applyTags(tx Tx, tags map[string]*Tag, oldTags map[string]string) error {
	for p, t := range tags {
		if old, ok := oldTags[p]; ok && (t == nil || TagKey(old) != TagKey(t.Name)) {
			if err := tx.DeleteTag(TagKey(old)); err != nil {
				return err
			}
		}
		if t != nil {
			if err := tx.PutTag(*t); err != nil {
				return err
			}
		}
	}
	return nil
}

// applyGroup makes an article and its annotations in the notebook what
// their files say.
func (m *syncMerger) applyGroup(tx Tx, c *Change, g appliedGroup) error {
	if g.art == nil {
		return nil
	}
	id := g.id
	la, errA := tx.Article(id)
	live := errA == nil
	if errA != nil && !errors.Is(errA, ErrNotFound) {
		return errA
	}
	var te TrashEntry
	trashed := false
	if !live {
		var err error
		te, err = tx.Trash(id)
		if err == nil && te.Kind == TrashArticle {
			trashed = true
		} else if err != nil && !errors.Is(err, ErrNotFound) {
			return err
		}
	}
	// What the notebook has of the article now.
	var localBody *Body
	var localVersions []Version
	var source *Source
	switch {
	case live:
		b, err := tx.Body(id)
		if err != nil {
			return err
		}
		localBody = &b
		if localVersions, err = tx.Versions(id); err != nil {
			return err
		}
		if s, err := tx.Source(id); err == nil {
			source = &s
		} else if !errors.Is(err, ErrNotFound) {
			return err
		}
	case trashed:
		localBody, localVersions, source = te.Body, te.Versions, te.Source
	}
	a := g.art.Article
	body, err := m.body(a.TextHash, localBody)
	if err != nil {
		return fmt.Errorf("article %s: %w", id, err)
	}
	a.Chars = charsOf(body.Text)
	versions, err := m.versions(g.art.Versions, localVersions)
	if err != nil {
		return fmt.Errorf("article %s: %w", id, err)
	}
	annotations := func(keep func(syncAnnotation) bool) []Annotation {
		var out []Annotation
		for _, s := range g.anns {
			if keep(s) {
				out = append(out, s.Annotation)
			}
		}
		return out
	}
	c.Articles = append(c.Articles, id)
	c.Tags = true
	if g.art.Deleted != nil {
		entry := TrashEntry{ID: id, Kind: TrashArticle, Deleted: g.art.Deleted.At, Title: g.art.Deleted.Title,
			Article: &a, Body: &body, Source: source, Versions: versions,
			Annotations: annotations(func(s syncAnnotation) bool { return s.Deleted != nil && s.Deleted.With == id })}
		if live {
			anns, err := tx.AnnotationsOf(id)
			if err != nil {
				return err
			}
			for _, an := range anns {
				if err := tx.DeleteAnnotation(an.ID); err != nil {
					return err
				}
				c.Annotations = append(c.Annotations, an.ID)
			}
			if err := tx.DeleteArticle(id); err != nil {
				return err
			}
		}
		if !trashed || !sameJSON(te, entry) {
			if err := tx.PutTrash(entry); err != nil {
				return err
			}
		}
		return m.applyLooseAnnotations(tx, c, g, a.Title)
	}
	// A live article.
	if trashed {
		if err := tx.DeleteTrash(id); err != nil {
			return err
		}
	}
	rebuild := !live || !sameVersionNumbers(localVersions, versions)
	if live && rebuild {
		if err := tx.DeleteArticle(id); err != nil {
			return err
		}
	}
	if rebuild || !sameJSON(la, a) {
		if err := tx.PutArticle(a); err != nil {
			return err
		}
	}
	if rebuild || localBody == nil || !sameJSON(*localBody, body) {
		if err := tx.PutBody(id, body); err != nil {
			return err
		}
	}
	if rebuild && source != nil {
		if err := tx.PutSource(id, *source); err != nil {
			return err
		}
	}
	for i, v := range versions {
		if !rebuild && i < len(localVersions) && sameJSON(localVersions[i], v) {
			continue
		}
		if err := tx.PutVersion(id, v); err != nil {
			return err
		}
	}
	want := map[string]bool{}
	for _, s := range g.anns {
		if s.Deleted != nil {
			continue
		}
		want[s.Annotation.ID] = true
		old, err := tx.Annotation(s.Annotation.ID)
		if err != nil && !errors.Is(err, ErrNotFound) {
			return err
		}
		if err != nil || !sameJSON(old, s.Annotation) {
			if err := tx.PutAnnotation(s.Annotation); err != nil {
				return err
			}
			c.Annotations = append(c.Annotations, s.Annotation.ID)
		}
		if e, err := tx.Trash(s.Annotation.ID); err == nil && e.Kind == TrashAnnotation {
			if err := tx.DeleteTrash(e.ID); err != nil {
				return err
			}
		}
	}
	anns, err := tx.AnnotationsOf(id)
	if err != nil {
		return err
	}
	for _, an := range anns {
		if !want[an.ID] {
			if err := tx.DeleteAnnotation(an.ID); err != nil {
				return err
			}
			c.Annotations = append(c.Annotations, an.ID)
		}
	}
	return m.applyLooseAnnotations(tx, c, g, a.Title)
}

// applyLooseAnnotations makes the trash entries of annotations trashed on
// their own, and removes those restored.
func (m *syncMerger) applyLooseAnnotations(tx Tx, c *Change, g appliedGroup, title string) error {
	for _, s := range g.anns {
		if s.Deleted == nil || s.Deleted.With != "" {
			continue
		}
		an := s.Annotation
		if _, err := tx.Annotation(an.ID); err == nil {
			if err := tx.DeleteAnnotation(an.ID); err != nil {
				return err
			}
		} else if !errors.Is(err, ErrNotFound) {
			return err
		}
		entry := TrashEntry{ID: an.ID, Kind: TrashAnnotation, Deleted: s.Deleted.At, Title: s.Deleted.Title, Annotations: []Annotation{an}}
		old, err := tx.Trash(an.ID)
		if err != nil && !errors.Is(err, ErrNotFound) {
			return err
		}
		if err != nil || !sameJSON(old, entry) {
			if err := tx.PutTrash(entry); err != nil {
				return err
			}
		}
		c.Annotations = append(c.Annotations, an.ID)
	}
	return nil
}

// incomingText reports whether the merge changes the text file of this
// hash (a new text, or the same text with other paragraph kinds).
func (m *syncMerger) incomingText(hash string) bool {
	f, ok := m.out[gsync.TextPath(hash)]
	return ok && !f.blob.IsZero() && f.blob != m.ours.Files[gsync.TextPath(hash)].Blob
}

// body returns the text with this hash: the local one when it is that
// text (unless the merge brought its file with other paragraph kinds),
// else the one in Git.
func (m *syncMerger) body(hash string, local *Body) (Body, error) {
	if local != nil && hashText(local.Text) == hash {
		if m.incomingText(hash) {
			if b, ok := m.text(hash); ok {
				return b, nil
			}
		}
		return *local, nil
	}
	b, ok := m.text(hash)
	if !ok {
		return Body{}, fmt.Errorf("text %s is missing from the remote", hash)
	}
	return b, nil
}

// versions returns an article's earlier texts as the files list them.
func (m *syncMerger) versions(vs []syncVersion, local []Version) ([]Version, error) {
	byHash := map[string]Body{}
	for _, v := range local {
		if !m.incomingText(v.TextHash) {
			byHash[v.TextHash] = v.Body
		}
	}
	out := make([]Version, 0, len(vs))
	for _, v := range vs {
		b, ok := byHash[v.Text]
		if !ok {
			if b, ok = m.text(v.Text); !ok {
				return nil, fmt.Errorf("the text of version %d is missing from the remote", v.Number)
			}
		}
		saved, err := time.Parse(time.RFC3339, v.Saved)
		if err != nil {
			return nil, fmt.Errorf("version %d: saved time %s is not an RFC 3339 time", v.Number, quoteShort(v.Saved))
		}
		out = append(out, Version{Number: v.Number, Saved: saved, TextHash: v.Text, Body: b, Reason: v.Reason})
	}
	return out, nil
}

// sameVersionNumbers reports whether the new versions keep every local
// number (so that replacing them one by one leaves no stale version).
func sameVersionNumbers(local, want []Version) bool {
	have := map[int]bool{}
	for _, v := range want {
		have[v.Number] = true
	}
	for _, v := range local {
		if !have[v.Number] {
			return false
		}
	}
	return true
}

// uniqueHolders returns, before an apply, the notebook's articles other
// than the groups' own that hold a text, URL or citation key of a live
// article the apply writes (checkApplied looks at them afterwards: the
// indexes alone would not show a clash, as a write takes the index entry).
func uniqueHolders(tx Tx, groups []appliedGroup) ([]string, error) {
	var out []string
	for _, g := range groups {
		if g.art == nil || g.art.Deleted != nil {
			continue
		}
		a := g.art.Article
		for _, l := range []struct {
			v  string
			by func(string) (string, bool, error)
		}{{a.TextHash, tx.ArticleByHash}, {a.URL, tx.ArticleByURL}, {a.CiteKey, tx.ArticleByCiteKey}} {
			if l.v == "" {
				continue
			}
			other, ok, err := l.by(l.v)
			if err != nil {
				return nil, err
			}
			if ok && other != a.ID {
				out = append(out, other)
			}
		}
	}
	return out, nil
}

// checkApplied verifies, after an apply, that every live article it wrote
// owns its text, URL and citation key in the notebook's indexes, and that
// none of the articles that held one before (holders) still has it.
func checkApplied(tx Tx, groups []appliedGroup, holders []string) error {
	written := map[string]Article{}
	for _, g := range groups {
		if g.art == nil || g.art.Deleted != nil {
			continue
		}
		a := g.art.Article
		written[a.ID] = a
		if other, ok, err := tx.ArticleByHash(a.TextHash); err != nil {
			return err
		} else if ok && other != a.ID {
			return fmt.Errorf("article %s has the text of article %s", a.ID, other)
		}
		if a.URL != "" {
			if other, ok, err := tx.ArticleByURL(a.URL); err != nil {
				return err
			} else if ok && other != a.ID {
				return fmt.Errorf("article %s has the URL of article %s", a.ID, other)
			}
		}
		if a.CiteKey != "" {
			if other, ok, err := tx.ArticleByCiteKey(a.CiteKey); err != nil {
				return err
			} else if ok && other != a.ID {
				return fmt.Errorf("article %s has the citation key of article %s", a.ID, other)
			}
		}
	}
	for _, h := range holders {
		if _, ok := written[h]; ok {
			continue
		}
		ha, err := tx.Article(h)
		if errors.Is(err, ErrNotFound) {
			continue
		} else if err != nil {
			return err
		}
		for _, a := range written {
			switch {
			case ha.TextHash == a.TextHash:
				return fmt.Errorf("articles %s and %s have the same text", h, a.ID)
			case ha.URL != "" && ha.URL == a.URL:
				return fmt.Errorf("articles %s and %s have the same URL", h, a.ID)
			case ha.CiteKey != "" && strings.EqualFold(ha.CiteKey, a.CiteKey):
				return fmt.Errorf("articles %s and %s have the same citation key", h, a.ID)
			}
		}
	}
	return nil
}

// applyTextKinds gives the paragraph kinds of a text file the merge
// changed (see textClash) to the live article with that text, when no
// group of the apply wrote it. (Earlier versions and trash entries of
// articles the merge did not touch keep theirs.)
func (m *syncMerger) applyTextKinds(tx Tx, c *Change, files []gsync.FileChange, groups []appliedGroup) error {
	written := map[string]bool{}
	for _, g := range groups {
		written[g.id] = true
	}
	for _, f := range files {
		k, hash, _ := gsync.ParsePath(f.Path)
		if k != gsync.TextFile || f.Delete || !m.incomingText(hash) {
			continue
		}
		id, ok, err := tx.ArticleByHash(hash)
		if err != nil {
			return err
		}
		if !ok || written[id] {
			continue
		}
		b, ok := m.text(hash)
		if !ok {
			continue
		}
		old, err := tx.Body(id)
		if err != nil {
			return err
		}
		if hashText(old.Text) == hash && !sameJSON(old, b) {
			if err := tx.PutBody(id, b); err != nil {
				return err
			}
			c.Articles = append(c.Articles, id)
		}
	}
	return nil
}
