package app

import (
	"context"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/glossnotes/gloss/notebook"
)

// editMetadata opens the metadata form of the current article.
func (ui *UI) editMetadata() {
	a := ui.cur
	if a.ID == "" {
		return
	}
	fields := []struct {
		label string
		value string
	}{{"Title", a.Title}, {"Byline", a.Byline}, {"Outlet", a.Outlet}, {"URL", a.URL}, {"Published", a.Published.String()}, {"Language", a.Language}}
	entries := make([]*widget.Entry, len(fields))
	items := make([]*widget.FormItem, len(fields))
	for i, f := range fields {
		entries[i] = widget.NewEntry()
		entries[i].SetText(f.value)
		items[i] = widget.NewFormItem(f.label, entries[i])
	}
	entries[4].SetPlaceHolder("YYYY-MM-DD")
	d := dialog.NewForm("Edit metadata", "Save", "Cancel", items, func(ok bool) {
		if !ok {
			return
		}
		date, err := notebook.ParseDate(strings.TrimSpace(entries[4].Text))
		if err != nil {
			ui.showError(fmt.Errorf("published: %w", err))
			return
		}
		u := notebook.ArticleUpdate{Title: ptr(entries[0].Text), Byline: ptr(entries[1].Text), Outlet: ptr(entries[2].Text),
			URL: ptr(entries[3].Text), Published: &date, Language: ptr(entries[5].Text)}
		ui.setMetadata(a, u)
	}, ui.win)
	d.Resize(fyne.NewSize(560, 380))
	ui.modal(d)
}

// setMetadata changes an article's metadata, undoably.
func (ui *UI) setMetadata(a notebook.Article, u notebook.ArticleUpdate) {
	prev := notebook.ArticleUpdate{Title: ptr(a.Title), Byline: ptr(a.Byline), Outlet: ptr(a.Outlet),
		URL: ptr(a.URL), Published: ptr(a.Published), Language: ptr(a.Language)}
	op := &undoOp{label: "edit metadata",
		undo: func() error { _, err := ui.nb.SetArticle(a.ID, prev); return err },
		redo: func() error { _, err := ui.nb.SetArticle(a.ID, u); return err },
	}
	ui.undo.push(op)
	ui.write(func() (func(), error) {
		if _, err := ui.nb.SetArticle(a.ID, u); err != nil {
			return func() { ui.undo.remove(op) }, fmt.Errorf("edit metadata: %w", err)
		}
		return nil, nil
	})
}

// editText opens the current article's text for editing (fix typos or
// paste a newer version); saving re-attaches the highlights and shows the
// report.
func (ui *UI) editText() {
	a := ui.cur
	if a.ID == "" {
		return
	}
	ui.background(func(context.Context) func() {
		body, err := ui.nb.Text(a.ID)
		return func() {
			if err != nil {
				ui.showError(fmt.Errorf("edit text: %w", err))
				return
			}
			ui.editTextDialog(a, body)
		}
	})
}

// editTextDialog shows the text editor over an article's text.
func (ui *UI) editTextDialog(a notebook.Article, body notebook.Body) {
	e := newShortcutEntry(ui)
	e.MultiLine = true
	e.Wrapping = fyne.TextWrapWord
	e.SetText(body.Text)
	e.editor = true
	e.saved = body.Text
	hint := widget.NewLabel("Paragraphs are separated by a blank line. Highlights are re-attached to the new text; the old text is kept as a version.")
	hint.Wrapping = fyne.TextWrapWord
	hint.Importance = widget.LowImportance
	d := dialog.NewCustomConfirm("Edit text of “"+clipRunes(a.Title, 50)+"”", "Save", "Cancel",
		container.NewBorder(hint, nil, nil, nil, e), func(ok bool) {
			if ok && e.Text != body.Text {
				ui.saveText(a.ID, e.Text, nil)
			}
		}, ui.win)
	cs := ui.win.Canvas().Size()
	d.Resize(fyne.NewSize(min(900, cs.Width-40), min(640, cs.Height-40)))
	ui.modal(d)
}

// saveText stores a new text version in the write queue and shows the
// re-attach report; done (when not nil) gets the report.
func (ui *UI) saveText(id, text string, done func(notebook.ReattachReport)) {
	ui.write(func() (func(), error) {
		rep, err := ui.nb.EditText(id, text)
		if err != nil {
			return nil, fmt.Errorf("edit text: %w", err)
		}
		return func() {
			ui.modal(dialog.NewInformation("Text saved", reattachSummary(rep), ui.win))
			if done != nil {
				done(rep)
			}
		}, nil
	})
}

// reattachSummary tells what happened to the highlights after an edit.
func reattachSummary(r notebook.ReattachReport) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Version %d saved. Highlights: %d in place, %d moved, %d orphaned.", r.Version, r.Anchored, len(r.Moved), len(r.Orphaned))
	if len(r.Moved) > 0 {
		b.WriteString("\n\nMoved:")
		for _, m := range r.Moved {
			fmt.Fprintf(&b, "\n• “%s” → “%s”", clipRunes(oneLine(m.OldQuote), 60), clipRunes(oneLine(m.NewQuote), 60))
		}
	}
	if len(r.Orphaned) > 0 {
		b.WriteString("\n\nOrphaned (kept, listed under Library → Orphans):")
		for _, m := range r.Orphaned {
			fmt.Fprintf(&b, "\n• “%s”", clipRunes(oneLine(m.OldQuote), 80))
		}
	}
	return b.String()
}
