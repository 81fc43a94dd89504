package app

import (
	"fmt"
	"slices"
	"strings"

	"github.com/glossnotes/gloss/app/articleview"
	"github.com/glossnotes/gloss/notebook"
)

// The operations below are the UI's undoable edits: each is one notebook
// method call in the write queue (jobs.go), and records its inverse. The
// display follows through the notebook's change feed (refresh.go), never
// by re-reading here.

// highlight highlights the reader's selection in colour c. The passage is
// drawn at once; then, once committed and shown, the new annotation is
// selected and then (when not nil) runs with it.
func (ui *UI) highlight(c notebook.Color, then func(a notebook.Annotation)) bool {
	start, end := ui.reader.view.Selection()
	if ui.cur.ID == "" || start >= end {
		return false
	}
	spec := notebook.HighlightSpec{ArticleID: ui.cur.ID, Start: start, End: end, Color: c}
	ui.lastColor = c
	ui.prefs.SetString(prefLastColor, string(c))
	ui.reader.view.SetSelection(end, end)
	ui.pendingSeq++
	pending := articleview.Span{ID: fmt.Sprintf("pending:%d", ui.pendingSeq), Start: start, End: end, Color: string(c)}
	ui.reader.pending = append(ui.reader.pending, pending)
	ui.reader.setSpans(ui.curAnns)

	var id string // set by the write, read by Undo (in the same queue)
	op := &undoOp{label: "highlight",
		undo: func() error { _, err := ui.nb.Delete(id); return err },
		redo: func() error { _, err := ui.nb.Restore(id); return err },
	}
	ui.undo.push(op)
	ui.write(func() (func(), error) {
		a, err := ui.nb.Highlight(spec)
		if err != nil {
			return func() {
				ui.undo.remove(op)
				ui.reader.pending = slices.DeleteFunc(ui.reader.pending, func(s articleview.Span) bool { return s.ID == pending.ID })
				ui.reader.setSpans(ui.curAnns)
			}, fmt.Errorf("highlight: %w", err)
		}
		id = a.ID
		return func() {
			ui.whenCardShown(a.ID, func() {
				ui.selectAnnotation(a.ID)
				ui.anns.revealCard(a.ID)
				if then != nil {
					then(a)
				}
			})
		}, nil
	})
	return true
}

// whenCardShown runs fn once the annotation's card is shown (at once if it
// is).
func (ui *UI) whenCardShown(id string, fn func()) {
	if ui.anns.card(id) != nil {
		fn()
		return
	}
	ui.whenShown[id] = append(ui.whenShown[id], fn)
}

// deleteAnnotation moves an annotation to the trash, offering Undo.
func (ui *UI) deleteAnnotation(id string) {
	op := &undoOp{label: "delete highlight",
		undo: func() error { _, err := ui.nb.Restore(id); return err },
		redo: func() error { _, err := ui.nb.Delete(id); return err },
	}
	ui.undo.push(op)
	if ui.selAnn == id {
		ui.selectAnnotation("")
	}
	ui.write(func() (func(), error) {
		if _, err := ui.nb.Delete(id); err != nil {
			return func() { ui.undo.remove(op) }, fmt.Errorf("delete highlight: %w", err)
		}
		return func() {
			ui.notify.show("Highlight deleted.", ui.undoAction)
			ui.countTrash()
		}, nil
	})
}

// editAnnotation changes an annotation; old holds the same fields as they
// were, for Undo.
func (ui *UI) editAnnotation(id, what string, old, upd notebook.AnnotationUpdate) {
	op := &undoOp{label: "edit " + what,
		undo: func() error { _, err := ui.nb.EditAnnotation(id, old); return err },
		redo: func() error { _, err := ui.nb.EditAnnotation(id, upd); return err },
	}
	ui.undo.push(op)
	ui.write(func() (func(), error) {
		if _, err := ui.nb.EditAnnotation(id, upd); err != nil {
			return func() { ui.undo.remove(op) }, fmt.Errorf("edit %s: %w", what, err)
		}
		return nil, nil
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

// setAnnotationTagsFrom changes an annotation's tags from old (as the
// caller last saw them, for Undo) to tags.
func (ui *UI) setAnnotationTagsFrom(id string, old, tags []string) {
	o, t := slices.Clone(old), slices.Clone(tags)
	ui.editAnnotation(id, "tags", notebook.AnnotationUpdate{Tags: &o}, notebook.AnnotationUpdate{Tags: &t})
}

// hasTag reports whether tags hold tag (compared by key).
func hasTag(tags []string, tag string) bool {
	k := notebook.TagKey(tag)
	return slices.ContainsFunc(tags, func(t string) bool { return notebook.TagKey(t) == k })
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
	if hasTag(a.Tags, clean) {
		return
	}
	ui.setAnnotationTags(id, append(slices.Clone(a.Tags), clean))
}

// removeAnnotationTag removes one tag from an annotation.
func (ui *UI) removeAnnotationTag(id, tag string) {
	a, ok := ui.annotation(id)
	if !ok || !hasTag(a.Tags, tag) {
		return
	}
	k := notebook.TagKey(tag)
	kept := slices.DeleteFunc(slices.Clone(a.Tags), func(t string) bool { return notebook.TagKey(t) == k })
	ui.setAnnotationTags(id, kept)
}

// tagArticles adds a tag to articles (the library's bulk action).
func (ui *UI) tagArticles(ids []string, tag string) {
	clean, err := notebook.CleanTag(tag)
	if err != nil {
		ui.showError(err)
		return
	}
	// Only the articles that did not carry the tag lose it on Undo; the
	// write finds them (and Undo, later in the queue, reads them).
	var fresh []string
	op := &undoOp{label: "tag " + clean,
		undo: func() error { return ui.nb.RemoveTags(fresh, []string{clean}) },
		redo: func() error { return ui.nb.AddTags(fresh, []string{clean}) },
	}
	ui.undo.push(op)
	ui.write(func() (func(), error) {
		for _, id := range ids {
			a, err := ui.nb.Article(id)
			if err != nil {
				return func() { ui.undo.remove(op) }, fmt.Errorf("tag articles: %w", err)
			}
			if !hasTag(a.Tags, clean) {
				fresh = append(fresh, id)
			}
		}
		if len(fresh) == 0 {
			return func() { ui.undo.remove(op) }, nil
		}
		if err := ui.nb.AddTags(fresh, []string{clean}); err != nil {
			return func() { ui.undo.remove(op) }, fmt.Errorf("tag articles: %w", err)
		}
		n := len(fresh)
		return func() {
			ui.notify.show(fmt.Sprintf("Tagged %s with %s.", plural(n, "article", "articles"), clean), ui.undoAction)
		}, nil
	})
}

// deleteArticles moves articles to the trash, offering Undo.
func (ui *UI) deleteArticles(ids []string) {
	if len(ids) == 0 {
		return
	}
	done := slices.Clone(ids)
	op := &undoOp{label: "delete articles",
		undo: func() error { _, err := ui.nb.Restore(done...); return err },
		redo: func() error { _, err := ui.nb.Delete(done...); return err },
	}
	ui.undo.push(op)
	ui.write(func() (func(), error) {
		if _, err := ui.nb.Delete(done...); err != nil {
			return func() { ui.undo.remove(op) }, fmt.Errorf("delete articles: %w", err)
		}
		return func() {
			msg := "Article moved to the trash."
			if len(done) > 1 {
				msg = fmt.Sprintf("%d articles moved to the trash.", len(done))
			}
			ui.notify.show(msg, ui.undoAction)
			ui.countTrash()
			for _, id := range done {
				ui.nav.forget(id)
			}
		}, nil
	})
}

// setArticleNote replaces an article's note.
func (ui *UI) setArticleNote(id, old, note string) {
	if strings.TrimSpace(old) == strings.TrimSpace(note) {
		ui.anns.showNote(ui.cur)
		return
	}
	op := &undoOp{label: "edit article note",
		undo: func() error { _, err := ui.nb.SetArticleNote(id, old); return err },
		redo: func() error { _, err := ui.nb.SetArticleNote(id, note); return err },
	}
	ui.undo.push(op)
	ui.anns.noteSaving(note)
	ui.write(func() (func(), error) {
		if _, err := ui.nb.SetArticleNote(id, note); err != nil {
			return func() { ui.undo.remove(op); ui.anns.showNote(ui.cur) }, fmt.Errorf("article note: %w", err)
		}
		return nil, nil
	})
}

// tagOp runs a tag operation (rename, merge, delete, colour) in the write
// queue with its inverse; done (when not nil) runs on the Fyne goroutine
// afterwards with its error.
func (ui *UI) tagOp(label string, snapshot []string, do func() error, undo func(notebook.TagSnapshot) error, done func(error)) {
	var snap notebook.TagSnapshot
	op := &undoOp{label: label,
		undo: func() error { return undo(snap) },
		redo: do,
	}
	ui.undo.push(op)
	ui.write(func() (func(), error) {
		var err error
		if len(snapshot) > 0 {
			snap, err = ui.nb.SnapshotTags(snapshot...)
		}
		if err == nil {
			err = do()
		}
		return func() {
			if err != nil {
				ui.undo.remove(op)
			}
			if done != nil {
				done(err)
			}
		}, nil
	})
}

// renameTag renames a tag everywhere.
func (ui *UI) renameTag(from, to string, done func(error)) {
	ui.tagOp("rename tag "+from, nil,
		func() error { _, err := ui.nb.RenameTag(from, to); return err },
		func(notebook.TagSnapshot) error { _, err := ui.nb.RenameTag(to, from); return err },
		done)
}

// mergeTag folds one tag (and its children) into another; Undo puts every
// affected item's tags and the tag records back.
func (ui *UI) mergeTag(from, into string, done func(error)) {
	ui.tagOp("merge tag "+from, []string{from, into},
		func() error { _, err := ui.nb.MergeTag(from, into); return err },
		ui.nb.RestoreTags, done)
}

// deleteTag removes a tag (and its children) from everything, undoably.
func (ui *UI) deleteTag(name string, done func(error)) {
	ui.tagOp("delete tag "+name, []string{name},
		func() error { _, err := ui.nb.DeleteTag(name); return err },
		ui.nb.RestoreTags, done)
}

// setTagColor recolours a tag, undoably.
func (ui *UI) setTagColor(name string, old, color notebook.Color, done func(error)) {
	ui.tagOp("colour tag "+name, nil,
		func() error { return ui.nb.SetTagColor(name, string(color)) },
		func(notebook.TagSnapshot) error { return ui.nb.SetTagColor(name, string(old)) },
		done)
}

// reportErr is a done callback that shows an error with context.
func (ui *UI) reportErr(context string) func(error) {
	return func(err error) {
		if err != nil {
			ui.showError(fmt.Errorf("%s: %w", context, err))
		}
	}
}
