package notebook

// Merging an article's annotations, and re-attaching them to its text.

import (
	"errors"
	"time"
)

// deletedAfter reports whether the item with this ID is in our trash,
// deleted after t.
func (m *merger) deletedAfter(id string, t time.Time) (bool, error) {
	e, err := m.tx.Trash(id)
	if errors.Is(err, ErrNotFound) {
		return false, nil
	} else if err != nil {
		return false, err
	}
	return e.Deleted.After(t), nil
}

// texts are an article's text here before the merge (local), in the
// bundle, and after the merge (final). Annotations made on a text other
// than the final one are re-attached to it.
type texts struct{ local, bundle, final string }

// annotations merges an article's bundled annotations, and re-attaches
// our own annotations that the bundle lacks when the text changed.
func (m *merger) annotations(articleID string, txt texts, anns []Annotation) error {
	inBundle := make(map[string]bool, len(anns))
	for _, b := range anns {
		inBundle[b.ID] = true
		if k, err := m.clash(b.ID, false); err != nil {
			return err
		} else if k != kindNone {
			m.refusef("annotation %s: the ID is %s here; not merged", b.ID, k)
			continue
		}
		local, err := m.tx.Annotation(b.ID)
		switch {
		case errors.Is(err, ErrNotFound):
			if gone, err := m.deletedAfter(b.ID, b.Updated); err != nil {
				return err
			} else if gone {
				m.rep.Skipped++
				continue
			}
			if err := m.putAnnotation(m.reattach(txt.bundle, txt.final, b)); err != nil {
				return err
			}
			m.rep.AnnotationsAdded++
			continue
		case err != nil:
			return err
		}
		if local.ArticleID != articleID {
			m.refusef("annotation %s: on article %s here but %s in the bundle; kept ours", b.ID, local.ArticleID, articleID)
			continue
		}
		if sameJSON(local, b) && txt.local == txt.final {
			m.rep.AnnotationsUnchanged++
			continue
		}
		winner, loser := m.reattach(txt.local, txt.final, local), b
		if b.Updated.After(local.Updated) {
			winner, loser = m.reattach(txt.bundle, txt.final, b), local
		}
		if !sameContent(winner, loser) {
			if err := m.trashLoser(loser); err != nil {
				return err
			}
		}
		if sameJSON(winner, local) {
			m.rep.AnnotationsUnchanged++
			continue
		}
		if err := m.putAnnotation(winner); err != nil {
			return err
		}
		m.rep.AnnotationsUpdated++
	}
	if txt.local == txt.final {
		return nil
	}
	ours, err := m.tx.AnnotationsOf(articleID)
	if err != nil {
		return err
	}
	for _, a := range ours {
		if inBundle[a.ID] {
			continue
		}
		if err := m.putAnnotation(m.reattach(txt.local, txt.final, a)); err != nil {
			return err
		}
	}
	return nil
}

// sameContent reports whether two versions of an annotation say the same
// thing (note, tags, colour), whatever their anchors: a loser that only
// differs in position is not worth keeping in the trash.
func sameContent(a, b Annotation) bool {
	return a.Note == b.Note && a.Color == b.Color && (len(a.Tags) == 0 && len(b.Tags) == 0 || sameJSON(a.Tags, b.Tags))
}

func (m *merger) putAnnotation(a Annotation) error {
	m.change.Annotations = append(m.change.Annotations, a.ID)
	return m.tx.PutAnnotation(a)
}

// trashLoser keeps the losing side of an annotation conflict in the trash,
// unless the trash already holds exactly that annotation.
func (m *merger) trashLoser(a Annotation) error {
	e, err := m.tx.Trash(a.ID)
	if err == nil && len(e.Annotations) == 1 && sameJSON(e.Annotations[0], a) {
		return nil
	} else if err != nil && !errors.Is(err, ErrNotFound) {
		return err
	}
	title := ""
	if art, err := m.tx.Article(a.ArticleID); err == nil {
		title = art.Title
	}
	m.rep.KeptInTrash++
	return m.tx.PutTrash(TrashEntry{ID: a.ID, Kind: TrashAnnotation, Deleted: m.now, Title: title, Annotations: []Annotation{a}})
}

// reattach moves an annotation made on text from onto text to (see
// package anchor), recording its old anchor in its history when it moves
// or is orphaned. Its Updated time is kept: the researcher did not change
// it, and a merge decides by Updated.
func (m *merger) reattach(from, to string, a Annotation) Annotation {
	if from == to || a.Status == Orphaned {
		return a
	}
	version := 0
	if art, err := m.tx.Article(a.ArticleID); err == nil {
		version = art.Version
	}
	anns := []Annotation{a}
	reanchor(from, to, anns, version, "merge", m.now)
	return anns[0]
}
