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
	"github.com/glossnotes/gloss/notebook/cite"
)

// editMetadata opens the metadata form of the current article.
func (ui *UI) editMetadata() { ui.showMetadata() }

// metadataForm is the Edit metadata dialog of one article.
type metadataForm struct {
	ui      *UI
	art     notebook.Article
	title   *widget.Entry
	byline  *widget.Entry
	outlet  *widget.Entry
	url     *widget.Entry
	date    *widget.Entry
	lang    *widget.Entry
	citeKey *widget.Entry
	dlg     dialog.Dialog
}

// showMetadata opens the metadata form of the current article (nil when
// none is open). The citation key is checked as it is typed (the form
// cannot be saved with an invalid one); a key another article has is
// refused by the notebook, in an error dialog.
func (ui *UI) showMetadata() *metadataForm {
	a := ui.cur
	if a.ID == "" {
		return nil
	}
	f := &metadataForm{ui: ui, art: a}
	entry := func(v string) *widget.Entry {
		e := widget.NewEntry()
		e.SetText(v)
		return e
	}
	f.title, f.byline, f.outlet, f.url = entry(a.Title), entry(a.Byline), entry(a.Outlet), entry(a.URL)
	f.date, f.lang, f.citeKey = entry(a.Published.String()), entry(a.Language), entry(a.CiteKey)
	f.date.SetPlaceHolder("YYYY-MM-DD")
	f.citeKey.SetPlaceHolder("empty: made from the byline, year and title")
	f.citeKey.Validator = validCiteKey
	keyHint := widget.NewLabel("Cited as [@key] in a draft for pandoc and in the reference exports.")
	keyHint.Importance = widget.LowImportance
	keyHint.Wrapping = fyne.TextWrapWord
	items := []*widget.FormItem{
		widget.NewFormItem("Title", f.title), widget.NewFormItem("Byline", f.byline),
		widget.NewFormItem("Outlet", f.outlet), widget.NewFormItem("URL", f.url),
		widget.NewFormItem("Published", f.date), widget.NewFormItem("Language", f.lang),
		widget.NewFormItem("Citation key", container.NewVBox(f.citeKey, keyHint)),
	}
	f.dlg = dialog.NewForm("Edit metadata", "Save", "Cancel", items, func(ok bool) {
		if ok {
			f.submit()
		}
	}, ui.win)
	f.dlg.Resize(fyne.NewSize(560, 460))
	ui.modal(f.dlg)
	return f
}

// validCiteKey checks a citation key as it is typed ("" asks for a new
// one); whether another article has it is the notebook's to say.
func validCiteKey(s string) error {
	if k := strings.TrimSpace(s); k != "" && !cite.ValidKey(k) {
		return fmt.Errorf("use letters, digits and _ (with - : . + / inside), at most %d", cite.MaxKeyLen)
	}
	return nil
}

// submit saves the form (undoably).
func (f *metadataForm) submit() {
	date, err := notebook.ParseDate(strings.TrimSpace(f.date.Text))
	if err != nil {
		f.ui.showError(fmt.Errorf("published: %w", err))
		return
	}
	u := notebook.ArticleUpdate{Title: ptr(f.title.Text), Byline: ptr(f.byline.Text), Outlet: ptr(f.outlet.Text),
		URL: ptr(f.url.Text), Published: &date, Language: ptr(f.lang.Text)}
	if k := strings.TrimSpace(f.citeKey.Text); k != f.art.CiteKey {
		u.CiteKey = ptr(k)
	}
	f.ui.setMetadata(f.art, u)
}

// setMetadata changes an article's metadata, undoably.
func (ui *UI) setMetadata(a notebook.Article, u notebook.ArticleUpdate) {
	prev := notebook.ArticleUpdate{Title: ptr(a.Title), Byline: ptr(a.Byline), Outlet: ptr(a.Outlet),
		URL: ptr(a.URL), Published: ptr(a.Published), Language: ptr(a.Language)}
	if u.CiteKey != nil {
		prev.CiteKey = ptr(a.CiteKey)
	}
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

// copyCiteKey copies an article's citation key as a pandoc citation
// ("[@key]") to the clipboard.
func (ui *UI) copyCiteKey(articleID string) {
	if articleID == "" {
		ui.notify.show("Open an article first, then copy its citation key.", nil)
		return
	}
	ui.background(func(context.Context) func() {
		a, err := ui.nb.Article(articleID)
		return func() {
			switch {
			case err != nil:
				ui.showError(fmt.Errorf("copy citation key: %w", err))
			case a.CiteKey == "":
				ui.showError(fmt.Errorf("copy citation key: %q has none (set one in Edit article metadata…)", a.Title))
			default:
				c := "[@" + a.CiteKey + "]"
				ui.app.Clipboard().SetContent(c)
				ui.notify.show(fmt.Sprintf("Copied %s, the citation for pandoc.", c), nil)
			}
		}
	})
}

// copyCurrentCiteKey copies the current article's citation key (Edit
// menu).
func (ui *UI) copyCurrentCiteKey() { ui.copyCiteKey(ui.cur.ID) }

// withCiteKeyItem adds "Copy citation key" (of the annotation's article)
// to an annotation's menu, after "Copy with citation".
func (ui *UI) withCiteKeyItem(m *fyne.Menu, articleID string) *fyne.Menu {
	it := fyne.NewMenuItem("Copy citation key", func() { ui.copyCiteKey(articleID) })
	at := len(m.Items)
	for i, x := range m.Items {
		if x.Label == "Copy with citation" {
			at = i + 1
		}
	}
	m.Items = append(m.Items[:at:at], append([]*fyne.MenuItem{it}, m.Items[at:]...)...)
	return m
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
	d.Resize(ui.dialogSize(900, 640))
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
