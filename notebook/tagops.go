package notebook

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"
)

// canonicalTags cleans tag names, merges names with the same key, and gives
// every path segment the spelling it was first recorded with, creating tag
// records (for the tag and its parents) on first use.
func canonicalTags(tx Tx, names []string) ([]string, error) {
	if len(names) > MaxTagsPerItem {
		return nil, invalidf("%d tags at once (at most %d on one item)", len(names), MaxTagsPerItem)
	}
	out := newTagSet(nil)
	for _, name := range names {
		clean, err := CleanTag(name)
		if err != nil {
			return nil, err
		}
		canon, err := canonicalTag(tx, clean)
		if err != nil {
			return nil, err
		}
		out.add(canon)
	}
	return out.names, nil
}

func canonicalTag(tx Tx, clean string) (string, error) {
	segs := strings.Split(clean, "/")
	path := ""
	for i, seg := range segs {
		cand := seg
		if i > 0 {
			cand = path + "/" + seg
		}
		t, ok, err := tx.Tag(TagKey(cand))
		if err != nil {
			return "", err
		}
		if ok {
			path = t.Name
			continue
		}
		path = cand
		if err := tx.PutTag(Tag{Name: path}); err != nil {
			return "", err
		}
	}
	return path, nil
}

// taggable is an article or annotation whose tags are being changed.
type taggable struct {
	isArticle bool
	art       Article
	ann       Annotation
}

func loadTaggable(tx Tx, id string) (taggable, error) {
	if a, err := tx.Article(id); err == nil {
		return taggable{isArticle: true, art: a}, nil
	} else if !errors.Is(err, ErrNotFound) {
		return taggable{}, err
	}
	a, err := tx.Annotation(id)
	if err != nil {
		return taggable{}, fmt.Errorf("no article or annotation %s: %w", id, ErrNotFound)
	}
	return taggable{ann: a}, nil
}

func (t *taggable) tags() []string {
	if t.isArticle {
		return t.art.Tags
	}
	return t.ann.Tags
}

func (t *taggable) save(tx Tx, tags []string, now func() time.Time, c *Change) error {
	if t.isArticle {
		t.art.Tags = tags
		t.art.Updated = now()
		c.Articles = append(c.Articles, t.art.ID)
		return tx.PutArticle(t.art)
	}
	t.ann.Tags = tags
	t.ann.Updated = now()
	c.Annotations = append(c.Annotations, t.ann.ID)
	return tx.PutAnnotation(t.ann)
}

// AddTags adds tags to articles and annotations (IDs of either), creating
// the tags on first use.
func (n *Notebook) AddTags(ids []string, tags []string) error {
	if len(tags) == 0 {
		return invalidf("no tag given")
	}
	return n.update(func(tx Tx, c *Change) error {
		canon, err := canonicalTags(tx, tags)
		if err != nil {
			return err
		}
		for _, id := range ids {
			item, err := loadTaggable(tx, id)
			if err != nil {
				return err
			}
			cur := newTagSet(item.tags())
			for _, t := range canon {
				cur.add(t)
			}
			if len(cur.names) > MaxTagsPerItem {
				return invalidf("%s would carry %d tags (at most %d)", id, len(cur.names), MaxTagsPerItem)
			}
			if err := item.save(tx, cur.names, n.now, c); err != nil {
				return err
			}
		}
		c.Tags = true
		return nil
	})
}

// RemoveTags removes tags (exact tags, not their children) from articles and
// annotations. Removing a tag an item does not carry is an error.
func (n *Notebook) RemoveTags(ids []string, tags []string) error {
	return n.update(func(tx Tx, c *Change) error {
		for _, id := range ids {
			item, err := loadTaggable(tx, id)
			if err != nil {
				return err
			}
			cur := item.tags()
			for _, t := range tags {
				var found bool
				if cur, found = removeTag(cur, TagKey(t)); !found {
					return invalidf("%s does not carry tag %q", id, t)
				}
			}
			if err := item.save(tx, cur, n.now, c); err != nil {
				return err
			}
		}
		c.Tags = true
		return nil
	})
}

// Tags lists every tag with the number of articles and annotations that
// carry it or one of its children (an item tagged "Sahel/Mali" counts under
// "Sahel" too, once), ordered by name.
func (n *Notebook) Tags() ([]TagCount, error) {
	type counter struct {
		tc   TagCount
		seen map[string]bool
	}
	byKey := map[string]*counter{}
	get := func(key string) *counter {
		c := byKey[key]
		if c == nil {
			c = &counter{tc: TagCount{Name: key}, seen: map[string]bool{}}
			byKey[key] = c
		}
		return c
	}
	err := n.view(func(tx Tx) error {
		if err := tx.ForEachTag(func(t Tag) error {
			c := get(TagKey(t.Name))
			c.tc.Name, c.tc.Color = t.Name, t.Color
			return nil
		}); err != nil {
			return err
		}
		return tx.ForEachTagged(func(key string, isArticle bool, id string) error {
			for _, k := range TagParents(key) {
				c := get(k)
				if c.seen[id] {
					continue
				}
				c.seen[id] = true
				if isArticle {
					c.tc.Articles++
				} else {
					c.tc.Annotations++
				}
			}
			return nil
		})
	})
	if err != nil {
		return nil, err
	}
	out := make([]TagCount, 0, len(byKey))
	for _, c := range byKey {
		out = append(out, c.tc)
	}
	sort.Slice(out, func(i, j int) bool { return TagKey(out[i].Name) < TagKey(out[j].Name) })
	return out, nil
}

// RenameTag renames a tag and all its children everywhere, in one
// transaction ("Sahel" → "West Africa/Sahel" also renames "Sahel/Mali").
// The new name must not exist yet (use MergeTag). It returns how many items
// changed.
func (n *Notebook) RenameTag(from, to string) (int, error) {
	return n.retag(from, to, false)
}

// MergeTag moves everything tagged `from` (and its children) to the existing
// or new tag `into`, and removes `from`. It returns how many items changed.
func (n *Notebook) MergeTag(from, into string) (int, error) {
	return n.retag(from, into, true)
}

func (n *Notebook) retag(from, to string, merge bool) (int, error) {
	fromClean, err := CleanTag(from)
	if err != nil {
		return 0, err
	}
	toClean, err := CleanTag(to)
	if err != nil {
		return 0, err
	}
	fromKey, toKey := TagKey(fromClean), TagKey(toClean)
	if strings.HasPrefix(toKey+"/", fromKey+"/") && toKey != fromKey {
		return 0, invalidf("cannot move tag %q inside itself (%q)", from, to)
	}
	changed := 0
	err = n.update(func(tx Tx, c *Change) error {
		if _, ok, err := tx.Tag(fromKey); err != nil {
			return err
		} else if !ok {
			return fmt.Errorf("tag %q: %w", from, ErrNotFound)
		}
		existing, exists, err := tx.Tag(toKey)
		if err != nil {
			return err
		}
		if exists && !merge && toKey != fromKey {
			return invalidf("tag %q already exists; merge into it instead", existing.Name)
		}
		// Records: move every tag record under from to the new path.
		moves, err := subtreeRecords(tx, fromKey)
		if err != nil {
			return err
		}
		// rename replaces the leading segments that spell `from` by `to`.
		depth := len(strings.Split(fromClean, "/"))
		rename := func(name string) string {
			rest := strings.SplitN(name, "/", depth+1)
			if len(rest) <= depth {
				return toClean
			}
			return toClean + "/" + rest[depth]
		}
		for _, t := range moves {
			if err := tx.DeleteTag(TagKey(t.Name)); err != nil {
				return err
			}
		}
		for _, t := range moves {
			// Keep the first spelling of tags that already exist under the
			// destination (merge), otherwise take the new spelling.
			newName, err := canonicalTag(tx, rename(cleanOr(t.Name)))
			if err != nil {
				return err
			}
			if t.Color != "" {
				rec, _, err := tx.Tag(TagKey(newName))
				if err != nil {
					return err
				}
				if rec.Color == "" {
					rec.Color = t.Color
					if err := tx.PutTag(rec); err != nil {
						return err
					}
				}
			}
		}
		// Items.
		changed, err = rewriteTagged(tx, c, n.now, fromKey, func(t string) (string, error) {
			return canonicalTag(tx, rename(cleanOr(t)))
		})
		if err != nil {
			return err
		}
		c.Tags = true
		return nil
	})
	return changed, err
}

// cleanOr returns the clean spelling of a stored tag name (stored names are
// already clean; this guards against older records).
func cleanOr(name string) string {
	if c, err := CleanTag(name); err == nil {
		return c
	}
	return name
}

// DeleteTag removes a tag and its children from every item and deletes
// their records. It returns how many items changed.
func (n *Notebook) DeleteTag(name string) (int, error) {
	key := TagKey(name)
	changed := 0
	err := n.update(func(tx Tx, c *Change) error {
		if _, ok, err := tx.Tag(key); err != nil {
			return err
		} else if !ok {
			return fmt.Errorf("tag %q: %w", name, ErrNotFound)
		}
		var err error
		if changed, err = rewriteTagged(tx, c, n.now, key, func(string) (string, error) { return "", nil }); err != nil {
			return err
		}
		recs, err := subtreeRecords(tx, key)
		if err != nil {
			return err
		}
		for _, t := range recs {
			if err := tx.DeleteTag(TagKey(t.Name)); err != nil {
				return err
			}
		}
		c.Tags = true
		return nil
	})
	return changed, err
}

// subtreeRecords returns the tag records of key and its children.
func subtreeRecords(tx Tx, key string) ([]Tag, error) {
	var out []Tag
	err := tx.ForEachTag(func(t Tag) error {
		if underKey(TagKey(t.Name), key) {
			out = append(out, t)
		}
		return nil
	})
	return out, err
}

// rewriteTagged visits every article and annotation carrying key or one of
// its children and replaces each such tag by what rewrite returns ("" drops
// it), returning how many items it saved.
func rewriteTagged(tx Tx, c *Change, now func() time.Time, key string, rewrite func(tag string) (string, error)) (int, error) {
	arts, anns, err := tx.TaggedWith(key)
	if err != nil {
		return 0, err
	}
	changed := 0
	for _, id := range append(arts, anns...) {
		item, err := loadTaggable(tx, id)
		if err != nil {
			return changed, err
		}
		var tags []string
		for _, t := range item.tags() {
			if underKey(TagKey(t), key) {
				if t, err = rewrite(t); err != nil {
					return changed, err
				}
				if t == "" {
					continue
				}
			}
			tags = addTag(tags, t)
		}
		if err := item.save(tx, tags, now, c); err != nil {
			return changed, err
		}
		changed++
	}
	return changed, nil
}

// SetTagColor sets a tag's display colour from its name or alias as a
// user typed it ("" clears it); an unknown colour is ErrInvalid.
func (n *Notebook) SetTagColor(name, color string) error {
	return n.update(func(tx Tx, c *Change) error {
		t, ok, err := tx.Tag(TagKey(name))
		if err != nil {
			return err
		}
		if !ok {
			return fmt.Errorf("tag %q: %w", name, ErrNotFound)
		}
		var col Color
		if color != "" {
			if col, err = ParseColor(color); err != nil {
				return err
			}
		}
		t.Color = col
		c.Tags = true
		return tx.PutTag(t)
	})
}
