package app

import (
	"fmt"
	"slices"
	"strings"

	"github.com/glossnotes/gloss/notebook"
)

// The operations below are the UI's undoable edits: each calls one
// notebook method and records its inverse. The display follows through
// the notebook's change notifications (UI.changed).

// highlight highlights the reader's selection in colour c and returns the
// new annotation.
func (ui *UI) highlight(c notebook.Color) (notebook.Annotation, bool) {
	start, end := ui.reader.view.Selection()
	if ui.cur.ID == "" || start >= end {
		return notebook.Annotation{}, false
	}
	a, err := ui.nb.Highlight(notebook.HighlightSpec{ArticleID: ui.cur.ID, Start: start, End: end, Color: c})
	if err != nil {
		ui.showError(fmt.Errorf("highlight: %w", err))
		return notebook.Annotation{}, false
	}
	ui.lastColor = c
	ui.prefs.SetString(prefLastColor, string(c))
	id := a.ID
	ui.undo.push(undoOp{label: "highlight",
		undo: func() error { _, err := ui.nb.Delete(id); return err },
		redo: func() error { _, err := ui.nb.Restore(id); return err },
	})
	ui.reader.view.SetSelection(end, end)
	ui.selAnn = id
	// Show it at once rather than waiting for the change notification.
	ui.refreshCurrent()
	ui.anns.markSelected(id)
	return a, true
}

// deleteAnnotation moves an annotation to the trash, offering Undo.
func (ui *UI) deleteAnnotation(id string) {
	if _, err := ui.nb.Delete(id); err != nil {
		ui.showError(fmt.Errorf("delete highlight: %w", err))
		return
	}
	op := undoOp{label: "delete highlight",
		undo: func() error { _, err := ui.nb.Restore(id); return err },
		redo: func() error { _, err := ui.nb.Delete(id); return err },
	}
	ui.undo.push(op)
	if ui.selAnn == id {
		ui.selAnn = ""
	}
	ui.notify.show("Highlight deleted.", ui.undoAction)
}

// editAnnotation changes an annotation; old holds the same fields as they
// were, for Undo.
func (ui *UI) editAnnotation(id, what string, old, upd notebook.AnnotationUpdate) {
	if _, err := ui.nb.EditAnnotation(id, upd); err != nil {
		ui.showError(fmt.Errorf("edit %s: %w", what, err))
		return
	}
	ui.undo.push(undoOp{label: "edit " + what,
		undo: func() error { _, err := ui.nb.EditAnnotation(id, old); return err },
		redo: func() error { _, err := ui.nb.EditAnnotation(id, upd); return err },
	})
}

// recolor changes an annotation's colour.
func (ui *UI) recolor(id string, c notebook.Color) {
	a, ok := ui.annotation(id)
	if !ok || a.Color == c {
		return
	}
	ui.lastColor = c
	ui.editAnnotation(id, "colour", notebook.AnnotationUpdate{Color: ptr(a.Color)}, notebook.AnnotationUpdate{Color: ptr(c)})
}

// setAnnotationTags replaces an annotation's tags.
func (ui *UI) setAnnotationTags(id string, tags []string) {
	a, ok := ui.annotation(id)
	if !ok {
		return
	}
	old := slices.Clone(a.Tags)
	ui.editAnnotation(id, "tags", notebook.AnnotationUpdate{Tags: &old}, notebook.AnnotationUpdate{Tags: &tags})
}

// addAnnotationTag adds one tag to an annotation.
func (ui *UI) addAnnotationTag(id, tag string) {
	a, ok := ui.annotation(id)
	if !ok {
		return
	}
	clean, err := notebook.CleanTag(tag)
	if err != nil {
		ui.showError(err)
		return
	}
	if notebook.HasTag(a.Tags, notebook.TagKey(clean)) && slices.ContainsFunc(a.Tags, func(t string) bool { return notebook.TagKey(t) == notebook.TagKey(clean) }) {
		return
	}
	ui.setAnnotationTags(id, append(slices.Clone(a.Tags), clean))
}

// tagArticles adds a tag to articles (the library's bulk action).
func (ui *UI) tagArticles(ids []string, tag string) {
	clean, err := notebook.CleanTag(tag)
	if err != nil {
		ui.showError(err)
		return
	}
	// Only the articles that did not carry the tag lose it on Undo.
	var fresh []string
	for _, id := range ids {
		a, err := ui.nb.Article(id)
		if err != nil {
			ui.showError(fmt.Errorf("tag articles: %w", err))
			return
		}
		if !slices.ContainsFunc(a.Tags, func(t string) bool { return notebook.TagKey(t) == notebook.TagKey(clean) }) {
			fresh = append(fresh, id)
		}
	}
	if len(fresh) == 0 {
		return
	}
	if err := ui.nb.AddTags(fresh, []string{clean}); err != nil {
		ui.showError(fmt.Errorf("tag articles: %w", err))
		return
	}
	ui.undo.push(undoOp{label: "tag " + clean,
		undo: func() error { return ui.nb.RemoveTags(fresh, []string{clean}) },
		redo: func() error { return ui.nb.AddTags(fresh, []string{clean}) },
	})
	ui.notify.show(fmt.Sprintf("Tagged %d articles with %s.", len(fresh), clean), ui.undoAction)
}

// deleteArticles moves articles to the trash, offering Undo.
func (ui *UI) deleteArticles(ids []string) {
	if len(ids) == 0 {
		return
	}
	if _, err := ui.nb.Delete(ids...); err != nil {
		ui.showError(fmt.Errorf("delete articles: %w", err))
		return
	}
	done := slices.Clone(ids)
	ui.undo.push(undoOp{label: "delete articles",
		undo: func() error {
			for _, id := range done {
				if _, err := ui.nb.Restore(id); err != nil {
					return err
				}
			}
			return nil
		},
		redo: func() error { _, err := ui.nb.Delete(done...); return err },
	})
	msg := "Article moved to the trash."
	if len(done) > 1 {
		msg = fmt.Sprintf("%d articles moved to the trash.", len(done))
	}
	ui.notify.show(msg, ui.undoAction)
}

// setArticleNote replaces the current article's note.
func (ui *UI) setArticleNote(id, old, note string) {
	if strings.TrimSpace(old) == strings.TrimSpace(note) {
		ui.anns.showNote(ui.cur)
		return
	}
	a, err := ui.nb.SetArticleNote(id, note)
	if err != nil {
		ui.showError(fmt.Errorf("article note: %w", err))
		return
	}
	ui.undo.push(undoOp{label: "edit article note",
		undo: func() error { _, err := ui.nb.SetArticleNote(id, old); return err },
		redo: func() error { _, err := ui.nb.SetArticleNote(id, note); return err },
	})
	if id == ui.cur.ID {
		ui.cur = a
		ui.anns.showNote(a)
	}
}

// renameTag renames a tag everywhere.
func (ui *UI) renameTag(from, to string) error {
	if _, err := ui.nb.RenameTag(from, to); err != nil {
		return err
	}
	ui.undo.push(undoOp{label: "rename tag " + from,
		undo: func() error { _, err := ui.nb.RenameTag(to, from); return err },
		redo: func() error { _, err := ui.nb.RenameTag(from, to); return err },
	})
	return nil
}

// mergeTag folds one tag (and its children) into another; Undo puts every
// affected item's tags and the tag records back.
func (ui *UI) mergeTag(from, into string) error {
	snap, err := ui.nb.SnapshotTags(from, into)
	if err != nil {
		return err
	}
	if _, err := ui.nb.MergeTag(from, into); err != nil {
		return err
	}
	ui.undo.push(undoOp{label: "merge tag " + from,
		undo: func() error { return ui.nb.RestoreTags(snap) },
		redo: func() error { _, err := ui.nb.MergeTag(from, into); return err },
	})
	return nil
}

// deleteTag removes a tag (and its children) from everything, undoably.
func (ui *UI) deleteTag(name string) error {
	snap, err := ui.nb.SnapshotTags(name)
	if err != nil {
		return err
	}
	if _, err := ui.nb.DeleteTag(name); err != nil {
		return err
	}
	ui.undo.push(undoOp{label: "delete tag " + name,
		undo: func() error { return ui.nb.RestoreTags(snap) },
		redo: func() error { _, err := ui.nb.DeleteTag(name); return err },
	})
	return nil
}

// setTagColor recolours a tag, undoably.
func (ui *UI) setTagColor(name, old, color string) error {
	if err := ui.nb.SetTagColor(name, color); err != nil {
		return err
	}
	ui.undo.push(undoOp{label: "colour tag " + name,
		undo: func() error { return ui.nb.SetTagColor(name, old) },
		redo: func() error { return ui.nb.SetTagColor(name, color) },
	})
	return nil
}
