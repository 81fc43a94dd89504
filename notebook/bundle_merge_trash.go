package notebook

// Merging trash entries.

import (
	"errors"
	"fmt"
)

// trash validates and merges a trash entry: added when missing; for an
// entry of the same ID and kind here, the later deletion stays.
func (m *merger) trash(p recordPos, e TrashEntry) error {
	if err := validateTrashEntry(&e); err != nil {
		return p.invalid(e.ID, err)
	}
	if err := m.inOrder(p, e.ID); err != nil {
		return err
	}
	if why, err := m.trashClash(e); err != nil {
		return err
	} else if why != "" {
		m.refusef("trash entry %s (%s %s): %s; not merged", e.ID, e.Kind, e.Title, why)
		return nil
	}
	if e.Article != nil {
		var err error
		if e.Article.Tags, err = m.canonTags(e.Article.Tags); err != nil {
			return err
		}
	}
	if err := m.canonAnnotationTags(e.Annotations); err != nil {
		return err
	}
	local, err := m.tx.Trash(e.ID)
	if errors.Is(err, ErrNotFound) {
		m.rep.TrashAdded++
		m.noteTrash(e)
		return m.tx.PutTrash(e)
	} else if err != nil {
		return err
	}
	if !sameJSON(local, e) && e.Deleted.After(local.Deleted) {
		if m.trashedAnns != nil {
			for _, a := range local.Annotations {
				delete(m.trashedAnns, a.ID)
			}
		}
		m.noteTrash(e)
		return m.tx.PutTrash(e)
	}
	return nil
}

// trashClash says why a bundle trash entry cannot be merged here: its ID,
// or the ID of an annotation inside it, is an item of another kind here.
func (m *merger) trashClash(e TrashEntry) (string, error) {
	k, err := m.clash(e.ID, e.Kind == TrashArticle)
	if err != nil {
		return "", err
	}
	if k != kindNone {
		return fmt.Sprintf("the ID is %s here", k), nil
	}
	if e.Kind != TrashArticle {
		return "", nil
	}
	for _, a := range e.Annotations {
		if k, err := m.clash(a.ID, false); err != nil {
			return "", err
		} else if k != kindNone {
			return fmt.Sprintf("its annotation %s is %s here", a.ID, k), nil
		}
	}
	return "", nil
}
