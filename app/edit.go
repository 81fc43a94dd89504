package app

import (
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
		if err := ui.setMetadata(a, u); err != nil {
			ui.showError(fmt.Errorf("edit metadata: %w", err))
		}
	}, ui.win)
	d.Resize(fyne.NewSize(560, 380))
	d.Show()
}

// setMetadata changes an article's metadata, undoably.
func (ui *UI) setMetadata(a notebook.Article, u notebook.ArticleUpdate) error {
	if _, err := ui.nb.SetArticle(a.ID, u); err != nil {
		return err
	}
	prev := notebook.ArticleUpdate{Title: ptr(a.Title), Byline: ptr(a.Byline), Outlet: ptr(a.Outlet),
		URL: ptr(a.URL), Published: ptr(a.Published), Language: ptr(a.Language)}
	ui.undo.push(undoOp{label: "edit metadata",
		undo: func() error { _, err := ui.nb.SetArticle(a.ID, prev); return err },
		redo: func() error { _, err := ui.nb.SetArticle(a.ID, u); return err },
	})
	return nil
}

// editText opens the current article's text for editing (fix typos or
// paste a newer version); saving re-attaches the highlights and shows the
// report.
func (ui *UI) editText() {
	a := ui.cur
	if a.ID == "" {
		return
	}
	body, err := ui.nb.Text(a.ID)
	if err != nil {
		ui.showError(fmt.Errorf("edit text: %w", err))
		return
	}
	e := widget.NewMultiLineEntry()
	e.Wrapping = fyne.TextWrapWord
	e.SetText(body.Text)
	hint := widget.NewLabel("Paragraphs are separated by a blank line. Highlights are re-attached to the new text; the old text is kept as a version.")
	hint.Wrapping = fyne.TextWrapWord
	hint.Importance = widget.LowImportance
	d := dialog.NewCustomConfirm("Edit text of “"+clipRunes(a.Title, 50)+"”", "Save", "Cancel",
		container.NewBorder(hint, nil, nil, nil, e), func(ok bool) {
			if ok && e.Text != body.Text {
				ui.saveText(a.ID, e.Text)
			}
		}, ui.win)
	cs := ui.win.Canvas().Size()
	d.Resize(fyne.NewSize(min(900, cs.Width-40), min(640, cs.Height-40)))
	d.Show()
}

// saveText stores a new text version and shows the re-attach report.
func (ui *UI) saveText(id, text string) (notebook.ReattachReport, bool) {
	rep, err := ui.nb.EditText(id, text)
	if err != nil {
		ui.showError(fmt.Errorf("edit text: %w", err))
		return rep, false
	}
	dialog.ShowInformation("Text saved", reattachSummary(rep), ui.win)
	return rep, true
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
