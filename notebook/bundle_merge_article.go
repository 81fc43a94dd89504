package notebook

// Merging an article record: its metadata, text, versions and source.

import (
	"errors"
	"time"
)

// article validates and merges one article record with its annotations
// (see merger for the rules).
func (m *merger) article(p recordPos, b bundleArticle) error {
	a := b.Article
	if err := b.validate(); err != nil {
		return p.invalid(a.ID, err)
	}
	if err := m.inOrder(p, a.ID); err != nil {
		return err
	}
	if k, err := m.clash(a.ID, true); err != nil {
		return err
	} else if k != kindNone {
		m.refusef("article %s (%s): the ID is %s here; not merged, nor its %d annotations", a.ID, a.Title, k, len(b.Annotations))
		return nil
	}
	var err error
	if a.Tags, err = m.canonTags(a.Tags); err != nil {
		return err
	}
	if err := m.canonAnnotationTags(b.Annotations); err != nil {
		return err
	}
	b.Article = a
	local, err := m.tx.Article(a.ID)
	switch {
	case errors.Is(err, ErrNotFound):
		return m.newArticle(b, a)
	case err != nil:
		return err
	}
	localBody, err := m.tx.Body(a.ID)
	if err != nil {
		return err
	}
	text := localBody.Text
	if sameJSON(local, a) && sameJSON(localBody, b.Body) {
		m.rep.ArticlesUnchanged++
	} else if a.Updated.After(local.Updated) {
		replaced, err := m.replaceArticle(local, localBody, b, a)
		if err != nil {
			return err
		}
		if replaced {
			text = b.Body.Text
		}
	} else {
		m.rep.ArticlesUnchanged++
		if b.Body.Text != localBody.Text {
			if err := m.keepVersion(a.ID, b.Body, a.Updated, "merge"); err != nil {
				return err
			}
		}
	}
	if err := m.mergeVersions(a.ID, b.Versions); err != nil {
		return err
	}
	if err := m.versionAboveHistory(a.ID); err != nil {
		return err
	}
	if b.Source != nil {
		if _, err := m.tx.Source(a.ID); errors.Is(err, ErrNotFound) {
			if err := m.tx.PutSource(a.ID, *b.Source); err != nil {
				return err
			}
		} else if err != nil {
			return err
		}
	}
	return m.annotations(a.ID, texts{local: localBody.Text, bundle: b.Body.Text, final: text}, b.Annotations)
}

// newArticle handles a bundle article whose ID is not here.
func (m *merger) newArticle(b bundleArticle, a Article) error {
	if gone, err := m.deletedAfter(a.ID, a.Updated); err != nil {
		return err
	} else if gone {
		m.rep.Skipped++
		return nil
	}
	if other, ok, err := m.tx.ArticleByHash(a.TextHash); err != nil {
		return err
	} else if ok {
		// The same text under another ID: one article, both sets of notes.
		m.rep.ArticlesMatched++
		for i := range b.Annotations {
			b.Annotations[i].ArticleID = other
		}
		t := b.Body.Text
		return m.annotations(other, texts{t, t, t}, b.Annotations)
	}
	if a.URL != "" {
		if other, ok, err := m.tx.ArticleByURL(a.URL); err != nil {
			return err
		} else if ok {
			m.conflictf("article %s (%s): its URL %s belongs to article %s here; added without the URL", a.ID, a.Title, a.URL, other)
			a.URL = ""
		}
	}
	if next := nextVersion(b.Versions); a.Version < next {
		a.Version = next
	}
	// The bundle's citation key stays the article's unless another
	// article here has it (see CiteKeys.Ensure).
	if err := m.keys.Ensure(&a); err != nil {
		return err
	}
	if err := m.tx.PutArticle(a); err != nil {
		return err
	}
	if err := m.tx.PutBody(a.ID, b.Body); err != nil {
		return err
	}
	if b.Source != nil {
		if err := m.tx.PutSource(a.ID, *b.Source); err != nil {
			return err
		}
	}
	for _, v := range b.Versions {
		if err := m.tx.PutVersion(a.ID, v); err != nil {
			return err
		}
	}
	m.rep.ArticlesAdded++
	m.change.Articles = append(m.change.Articles, a.ID)
	t := b.Body.Text
	return m.annotations(a.ID, texts{t, t, t}, b.Annotations)
}

// replaceArticle puts the bundle's newer record in place of ours, keeping
// our text as a version when it differs. It reports false when it kept
// ours because the bundle's text is another article's here.
func (m *merger) replaceArticle(local Article, localBody Body, b bundleArticle, a Article) (bool, error) {
	if a.TextHash != local.TextHash {
		if other, ok, err := m.tx.ArticleByHash(a.TextHash); err != nil {
			return false, err
		} else if ok && other != a.ID {
			m.conflictf("article %s: the bundle's newer text is already article %s here; kept ours", a.ID, other)
			m.rep.ArticlesUnchanged++
			return false, m.keepVersion(a.ID, b.Body, a.Updated, "merge")
		}
		if err := m.keepVersion(a.ID, localBody, local.Updated, "merge"); err != nil {
			return false, err
		}
	}
	if a.URL != "" && a.URL != local.URL {
		if other, ok, err := m.tx.ArticleByURL(a.URL); err != nil {
			return false, err
		} else if ok && other != a.ID {
			m.conflictf("article %s: its new URL %s belongs to article %s here; kept %q", a.ID, a.URL, other, local.URL)
			a.URL = local.URL
		}
	}
	vs, err := m.tx.Versions(a.ID)
	if err != nil {
		return false, err
	}
	if next := nextVersion(vs); a.Version < next {
		a.Version = next
	}
	// A key never changes behind the user's back: ours stays.
	if local.CiteKey != "" {
		a.CiteKey = local.CiteKey
	} else if err := m.keys.Ensure(&a); err != nil {
		return false, err
	}
	if err := m.tx.PutArticle(a); err != nil {
		return false, err
	}
	if err := m.tx.PutBody(a.ID, b.Body); err != nil {
		return false, err
	}
	m.rep.ArticlesUpdated++
	m.change.Articles = append(m.change.Articles, a.ID)
	return true, nil
}

// nextVersion is one more than the highest stored version number.
func nextVersion(vs []Version) int {
	next := 1
	for _, v := range vs {
		if v.Number >= next {
			next = v.Number + 1
		}
	}
	return next
}

// versionAboveHistory keeps an article's version number above those of
// its stored versions (a merged-in version may take the next number),
// so that every number names one text.
func (m *merger) versionAboveHistory(id string) error {
	a, err := m.tx.Article(id)
	if err != nil {
		return err
	}
	vs, err := m.tx.Versions(id)
	if err != nil {
		return err
	}
	if next := nextVersion(vs); a.Version < next {
		a.Version = next
		m.change.Articles = append(m.change.Articles, id)
		return m.tx.PutArticle(a)
	}
	return nil
}

// keepVersion stores body as a previous text of the article, unless a
// version with that text exists already.
func (m *merger) keepVersion(id string, body Body, saved time.Time, reason string) error {
	vs, err := m.tx.Versions(id)
	if err != nil {
		return err
	}
	hash := hashText(body.Text)
	for _, v := range vs {
		if v.TextHash == hash {
			return nil
		}
	}
	n := nextVersion(vs)
	if n >= maxVersionNumber {
		m.conflictf("article %s: no version number left to keep a text as a version; not kept", id)
		return nil
	}
	m.rep.VersionsAdded++
	return m.tx.PutVersion(id, Version{
		Number: n, Saved: saved.UTC().Truncate(time.Second),
		TextHash: hash, Body: body, Reason: reason,
	})
}

// mergeVersions adds the bundle's versions whose text we do not have,
// renumbered after ours when the number is taken.
func (m *merger) mergeVersions(id string, bvs []Version) error {
	for _, bv := range bvs {
		vs, err := m.tx.Versions(id)
		if err != nil {
			return err
		}
		have, taken := false, false
		for _, v := range vs {
			have = have || v.TextHash == bv.TextHash
			taken = taken || v.Number == bv.Number
		}
		if have {
			continue
		}
		if taken {
			if bv.Number = nextVersion(vs); bv.Number >= maxVersionNumber {
				m.conflictf("article %s: no version number left for the bundle's version; not kept", id)
				continue
			}
		}
		if err := m.tx.PutVersion(id, bv); err != nil {
			return err
		}
		m.rep.VersionsAdded++
	}
	return nil
}
