package app

import (
	"context"
	"fmt"

	"github.com/glossnotes/gloss/notebook"
)

// The trash, as `gloss trash` and `gloss restore` show it: Library →
// Trash lists what was deleted; each row restores its item.

// trashEmptier is the service method that empties the trash for good. The
// notebook does not have it yet (nor does the CLI): until it does, the
// Empty button is not shown.
type trashEmptier interface {
	EmptyTrash() (int, error)
}

// canEmptyTrash reports whether the service can empty the trash.
func (ui *UI) canEmptyTrash() bool {
	_, ok := any(ui.nb).(trashEmptier)
	return ok
}

// countTrash refreshes the Trash count in the background.
func (ui *UI) countTrash() {
	ui.background(func(context.Context) func() {
		es, err := ui.nb.TrashEntries()
		return func() {
			if err != nil {
				ui.showError(fmt.Errorf("list the trash: %w", err))
				return
			}
			ui.lib.setTrash(len(es))
		}
	})
}

// restoreFromTrash puts a trashed article or highlight back, undoably.
func (ui *UI) restoreFromTrash(id string) {
	op := &undoOp{label: "restore",
		undo: func() error { _, err := ui.nb.Delete(id); return err },
		redo: func() error { _, err := ui.nb.Restore(id); return err },
	}
	ui.undo.push(op)
	ui.write(func() (func(), error) {
		es, err := ui.nb.Restore(id)
		if err == nil && len(es) == 0 {
			err = fmt.Errorf("%s is not in the trash", id)
		}
		if err != nil {
			return func() { ui.undo.remove(op) }, fmt.Errorf("restore: %w", err)
		}
		e := es[0]
		return func() {
			what := "highlight"
			if e.Kind == notebook.TrashArticle {
				what = "article “" + clipRunes(e.Title, 60) + "”"
			}
			ui.notify.show("Restored the "+what+".", ui.undoAction)
			ui.countTrash()
		}, nil
	})
}

// emptyTrash deletes everything in the trash for good, after asking.
func (ui *UI) emptyTrash() {
	emptier, ok := any(ui.nb).(trashEmptier)
	if !ok {
		return
	}
	ui.confirm("Empty the trash", "Delete everything in the trash for good? This cannot be undone.", func(yes bool) {
		if !yes {
			return
		}
		ui.write(func() (func(), error) {
			n, err := emptier.EmptyTrash()
			if err != nil {
				return nil, fmt.Errorf("empty the trash: %w", err)
			}
			return func() {
				ui.notify.show(fmt.Sprintf("Deleted %s for good.", plural(n, "item", "items")), nil)
				ui.countTrash()
				if ui.anns.mode == paneTrash {
					ui.anns.reloadGlobal()
				}
			}, nil
		})
	})
}
