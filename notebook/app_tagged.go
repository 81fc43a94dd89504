package notebook

import "sort"

// TaggedArticles returns the IDs of the articles under a tag for the
// desktop library: those that carry the tag (or one of its children)
// themselves, and those holding an annotation that does. ListOptions.Tag
// only finds the first kind, so clicking a tag given to highlights would
// show no article. The IDs are sorted.
func (n *Notebook) TaggedArticles(tag string) ([]string, error) {
	clean, err := CleanTag(tag)
	if err != nil {
		return nil, err
	}
	set := map[string]bool{}
	err = n.view(func(tx Tx) error {
		arts, anns, err := tx.TaggedWith(TagKey(clean))
		if err != nil {
			return err
		}
		for _, id := range arts {
			set[id] = true
		}
		for _, id := range anns {
			a, err := tx.Annotation(id)
			if err != nil {
				return err
			}
			set[a.ArticleID] = true
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	ids := make([]string, 0, len(set))
	for id := range set {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids, nil
}
