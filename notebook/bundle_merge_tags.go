package notebook

// Merging tag records, and the tags on merged items.

import "fmt"

// canonTags gives tag names this notebook's spelling and makes the tag
// records they need, counting those it makes; an empty list stays as it
// is (null and [] are stored as they came).
func (m *merger) canonTags(tags []string) ([]string, error) {
	if len(tags) == 0 {
		return tags, nil
	}
	return canonicalTags(tagCounter{m.tx, &m.rep.TagsAdded}, tags)
}

// tagCounter counts the tag records canonicalTags makes.
type tagCounter struct {
	Tx
	added *int
}

func (t tagCounter) PutTag(tag Tag) error {
	*t.added++
	return t.Tx.PutTag(tag)
}

func (m *merger) canonAnnotationTags(anns []Annotation) error {
	for i := range anns {
		var err error
		if anns[i].Tags, err = m.canonTags(anns[i].Tags); err != nil {
			return err
		}
	}
	return nil
}

// tag validates and merges a tag record: made when missing (with its
// parents), its colour taken when ours has none.
func (m *merger) tag(p recordPos, t Tag) error {
	if err := validateTag(&t); err != nil {
		return p.invalid(t.Name, err)
	}
	clean, _ := CleanTag(t.Name) // validateTag checked it
	if err := m.inOrder(p, TagKey(clean)); err != nil {
		return err
	}
	canon, err := canonicalTag(tagCounter{m.tx, &m.rep.TagsAdded}, clean)
	if err != nil {
		return err
	}
	local, ok, err := m.tx.Tag(TagKey(canon))
	if err != nil {
		return err
	}
	if !ok {
		return fmt.Errorf("tag %q: record missing after it was made", canon)
	}
	if local.Color == "" && t.Color != "" {
		local.Color = t.Color
		return m.tx.PutTag(local)
	}
	return nil
}
