package notebook

import (
	"fmt"
	"slices"
)

// withAlsoIn returns yield wrapped so that each set it passes on carries
// its AlsoIn: for every annotation, the other articles that carry the
// passage it highlights. It builds the reuse index first when needed. The
// other articles' metadata is read once per article for the whole export.
func (n *Notebook) withAlsoIn(yield func(ExcerptSet, error) bool) (func(ExcerptSet, error) bool, error) {
	r, err := n.reuse.get(n)
	if err != nil {
		return yield, fmt.Errorf("reuse index: %w", err)
	}
	meta := articleMeta{}
	return func(set ExcerptSet, err error) bool {
		if err == nil && len(set.Annotations) > 0 {
			if err = n.fillAlsoIn(r, &set, meta); err != nil {
				err = fmt.Errorf("export article %s: reuse: %w", set.Article.ID, err)
			}
		}
		return yield(set, err)
	}, nil
}

// fillAlsoIn sets set.AlsoIn from the reuse index r: for each anchored
// annotation, every other article carrying a reused passage of set's
// article that overlaps it, once (its most similar copy), earliest
// published first.
func (n *Notebook) fillAlsoIn(r *reuseState, set *ExcerptSet, meta articleMeta) error {
	ps := r.ix.Passages(set.Article.ID)
	if len(ps) == 0 {
		return nil
	}
	return n.view(func(tx Tx) error {
		for _, an := range set.Annotations {
			if an.Status == Orphaned {
				continue
			}
			best := map[string]ReuseMatch{}
			for _, p := range ps {
				if p.Start >= an.End || an.Start >= p.End {
					continue
				}
				for _, m := range p.Others {
					if old, ok := best[m.DocID]; ok && old.Similarity >= m.Similarity {
						continue
					}
					a, ok, err := meta.get(tx, m.DocID)
					if err != nil {
						return err
					}
					if ok {
						best[m.DocID] = reuseMatchOf(a, m)
					}
				}
			}
			if len(best) == 0 {
				continue
			}
			ms := make([]ReuseMatch, 0, len(best))
			for _, m := range best {
				ms = append(ms, m)
			}
			slices.SortFunc(ms, func(x, y ReuseMatch) int { return comparePublished(x.Published, y.Published, x.ArticleID, y.ArticleID) })
			if set.AlsoIn == nil {
				set.AlsoIn = map[string][]ReuseMatch{}
			}
			set.AlsoIn[an.ID] = ms
		}
		return nil
	})
}
