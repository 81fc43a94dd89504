package notebook

// Trash entries that share an ID with a live item. Merging bundles with
// an older Gloss could leave an article (or a highlight) both live and in
// the trash under one ID. The text form has one file per ID, so such an
// entry could not be synced; before an export, fixTrashIDs gives it (and
// the highlights in it that share a live highlight's ID) new IDs, and
// the sync then sends it like any trash entry.

// fixTrashIDs gives new IDs to the trash entries, and the annotations in
// trashed articles, whose IDs live items have, in one transaction. The
// entries keep everything else; the live items are not touched.
func (n *Notebook) fixTrashIDs() error {
	return n.update(func(tx Tx, c *Change) error {
		liveArticles, liveAnns := map[string]bool{}, map[string]bool{}
		if err := tx.ForEachArticle(func(a Article) error {
			liveArticles[a.ID] = true
			return nil
		}); err != nil {
			return err
		}
		if err := tx.ForEachAnnotation(func(an Annotation) error {
			liveAnns[an.ID] = true
			return nil
		}); err != nil {
			return err
		}
		var fix []TrashEntry
		if err := tx.ForEachTrash(func(e TrashEntry) error {
			switch e.Kind {
			case TrashArticle:
				clash := liveArticles[e.ID]
				for _, an := range e.Annotations {
					clash = clash || liveAnns[an.ID]
				}
				if clash {
					fix = append(fix, e)
				}
			case TrashAnnotation:
				if liveAnns[e.ID] {
					fix = append(fix, e)
				}
			}
			return nil
		}); err != nil {
			return err
		}
		for _, e := range fix {
			if err := tx.DeleteTrash(e.ID); err != nil {
				return err
			}
			if e.Kind == TrashArticle && liveArticles[e.ID] {
				e.ID = n.newID()
				if e.Article != nil {
					a := *e.Article
					a.ID = e.ID
					e.Article = &a
				}
			}
			anns := make([]Annotation, len(e.Annotations))
			for i, an := range e.Annotations {
				if liveAnns[an.ID] {
					an.ID = n.newID()
				}
				if e.Kind == TrashArticle {
					an.ArticleID = e.ID
				}
				anns[i] = an
			}
			e.Annotations = anns
			if e.Kind == TrashAnnotation && len(anns) == 1 {
				e.ID = anns[0].ID
			}
			if err := tx.PutTrash(e); err != nil {
				return err
			}
			c.Trash = true
		}
		return nil
	})
}
