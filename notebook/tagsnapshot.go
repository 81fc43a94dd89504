package notebook

import (
	"strings"
)

// TagSnapshot records, for a set of tags, every tag record in their subtrees
// and the full tag lists of every article and annotation that carries one
// of them (or a child): enough to put them back after a merge or a delete
// (Undo in the app).
type TagSnapshot struct {
	Keys    []string            // the tag keys the snapshot covers
	Records []Tag               // the tag records under those keys
	Items   map[string][]string // item ID → its tags at snapshot time
}

func underKey(k, key string) bool { return k == key || strings.HasPrefix(k, key+"/") }

// SnapshotTags records the state of the tags named (and their children).
func (n *Notebook) SnapshotTags(names ...string) (TagSnapshot, error) {
	s := TagSnapshot{Items: map[string][]string{}}
	for _, name := range names {
		s.Keys = append(s.Keys, TagKey(name))
	}
	err := n.view(func(tx Tx) error {
		seen := map[string]bool{}
		for _, key := range s.Keys {
			recs, err := subtreeRecords(tx, key)
			if err != nil {
				return err
			}
			for _, t := range recs {
				if !seen[TagKey(t.Name)] {
					seen[TagKey(t.Name)] = true
					s.Records = append(s.Records, t)
				}
			}
			arts, anns, err := tx.TaggedWith(key)
			if err != nil {
				return err
			}
			for _, id := range append(arts, anns...) {
				item, err := loadTaggable(tx, id)
				if err != nil {
					return err
				}
				s.Items[id] = append([]string(nil), item.tags()...)
			}
		}
		return nil
	})
	return s, err
}

// RestoreTags puts a snapshot back in one transaction: the tag records
// under its keys become exactly the recorded ones, and every recorded item
// gets its recorded tag list again. Items deleted since are skipped.
func (n *Notebook) RestoreTags(s TagSnapshot) error {
	return n.update(func(tx Tx, c *Change) error {
		for _, key := range s.Keys {
			stale, err := subtreeRecords(tx, key)
			if err != nil {
				return err
			}
			for _, t := range stale {
				if err := tx.DeleteTag(TagKey(t.Name)); err != nil {
					return err
				}
			}
		}
		for _, t := range s.Records {
			if err := tx.PutTag(t); err != nil {
				return err
			}
		}
		for id, tags := range s.Items {
			item, err := loadTaggable(tx, id)
			if err != nil {
				continue // deleted since the snapshot
			}
			if err := item.save(tx, tags, n.now, c); err != nil {
				return err
			}
		}
		c.Tags = true
		return nil
	})
}
