package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/glossnotes/gloss/app/articleview"
	"github.com/glossnotes/gloss/notebook"
)

// actionBar is the compact bar shown over the reader while text is
// selected: the eight colour swatches, Note and Tags.
type actionBar struct {
	ui  *UI
	box *fyne.Container
}

func newActionBar(ui *UI) *actionBar {
	b := &actionBar{ui: ui}
	objs := []fyne.CanvasObject{}
	for i, c := range notebook.Colors {
		objs = append(objs, newSwatch(ui, c, i+1))
	}
	note := widget.NewButtonWithIcon("Note", theme.DocumentCreateIcon(), func() { ui.highlightWithNote() })
	tags := widget.NewButtonWithIcon("Tags", theme.MenuIcon(), func() { ui.highlightWithTag() })
	hint := widget.NewLabel("H highlight · 1–8 colour · N note · T tag")
	hint.Importance = widget.LowImportance
	hint.Truncation = fyne.TextTruncateEllipsis
	objs = append(objs, widget.NewSeparator(), note, tags)
	b.box = container.NewBorder(nil, nil, container.NewHBox(objs...), nil, hint)
	b.box.Hide()
	return b
}

func (b *actionBar) content() fyne.CanvasObject { return b.box }
func (b *actionBar) show()                      { b.box.Show() }
func (b *actionBar) hide()                      { b.box.Hide() }

// swatch is a round colour button of the action bar.
type swatch struct {
	widget.BaseWidget
	ui    *UI
	color notebook.Color
	key   int
}

var _ fyne.Tappable = (*swatch)(nil)

func newSwatch(ui *UI, c notebook.Color, key int) *swatch {
	s := &swatch{ui: ui, color: c, key: key}
	s.ExtendBaseWidget(s)
	return s
}

// CreateRenderer is part of fyne.Widget.
func (s *swatch) CreateRenderer() fyne.WidgetRenderer {
	dot := canvas.NewCircle(articleview.HighlightColor(string(s.color), s.ui.variant()))
	dot.StrokeColor = theme.Color(theme.ColorNameSeparator)
	dot.StrokeWidth = 1
	return &swatchRenderer{s: s, dot: dot}
}

// Tapped is part of fyne.Tappable: it highlights in this colour.
func (s *swatch) Tapped(*fyne.PointEvent) { s.ui.highlight(s.color) }

type swatchRenderer struct {
	s   *swatch
	dot *canvas.Circle
}

func (r *swatchRenderer) Layout(size fyne.Size) {
	d := min(size.Width, size.Height) - theme.Padding()
	r.dot.Resize(fyne.NewSize(d, d))
	r.dot.Move(fyne.NewPos((size.Width-d)/2, (size.Height-d)/2))
}
func (r *swatchRenderer) MinSize() fyne.Size {
	h := theme.IconInlineSize() + 2*theme.Padding()
	return fyne.NewSize(h, h)
}
func (r *swatchRenderer) Refresh() {
	r.dot.FillColor = articleview.HighlightColor(string(r.s.color), r.s.ui.variant())
	r.dot.StrokeColor = theme.Color(theme.ColorNameSeparator)
	r.dot.Refresh()
}
func (r *swatchRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.dot} }
func (r *swatchRenderer) Destroy()                     {}

// typedRune handles the reader's letter keys: with text selected H
// highlights in the last colour, 1–8 in a palette colour, N highlights and
// opens the note, T highlights and asks for a tag; with a highlight
// selected and no text, 1–8 recolour it, N edits its note and T tags it.
func (ui *UI) typedRune(r rune) {
	start, end := ui.reader.view.Selection()
	hasSel := start < end
	switch {
	case r == 'h' || r == 'H':
		if hasSel {
			ui.highlight(ui.lastColor)
		}
	case r >= '1' && r <= '8':
		c := notebook.Colors[r-'1']
		if hasSel {
			ui.highlight(c)
		} else if ui.selAnn != "" {
			ui.recolor(ui.selAnn, c)
		}
	case r == 'n' || r == 'N':
		if hasSel {
			ui.highlightWithNote()
		} else if ui.selAnn != "" {
			ui.anns.editNote(ui.selAnn)
		}
	case r == 't' || r == 'T':
		if hasSel {
			ui.highlightWithTag()
		} else if ui.selAnn != "" {
			ui.tagAnnotation(ui.selAnn)
		}
	}
}

// highlightWithNote highlights the selection and opens its note editor.
func (ui *UI) highlightWithNote() {
	if a, ok := ui.highlight(ui.lastColor); ok {
		ui.anns.editNote(a.ID)
	}
}

// highlightWithTag highlights the selection and asks for a tag.
func (ui *UI) highlightWithTag() {
	if a, ok := ui.highlight(ui.lastColor); ok {
		ui.tagAnnotation(a.ID)
	}
}

// tagAnnotation asks for a tag and adds it to an annotation.
func (ui *UI) tagAnnotation(id string) {
	ui.pickTag("Tag highlight", func(tag string) { ui.addAnnotationTag(id, tag) })
}

// readerKey handles Delete (remove the selected highlight) and Escape.
func (ui *UI) readerKey(ev *fyne.KeyEvent) bool {
	switch ev.Name {
	case fyne.KeyDelete, fyne.KeyBackspace:
		start, end := ui.reader.view.Selection()
		if ui.selAnn != "" && start == end {
			ui.deleteAnnotation(ui.selAnn)
			return true
		}
	case fyne.KeyEscape:
		if ui.selAnn != "" {
			ui.selAnn = ""
			ui.anns.markSelected("")
		}
	}
	return false
}

// readerMenu is the reader's context menu.
func (ui *UI) readerMenu(ev articleview.SecondaryEvent) {
	var items []*fyne.MenuItem
	if ev.InSelection {
		for _, c := range notebook.Colors {
			items = append(items, fyne.NewMenuItem("Highlight "+string(c), func() { ui.highlight(c) }))
		}
		items = append(items, fyne.NewMenuItemSeparator(),
			fyne.NewMenuItem("Highlight with note", ui.highlightWithNote),
			fyne.NewMenuItem("Highlight and tag…", ui.highlightWithTag),
			fyne.NewMenuItem("Copy", ui.copySelection))
	}
	if len(ev.SpanIDs) > 0 {
		id := ev.SpanIDs[0]
		ui.selectAnnotation(id)
		if len(items) > 0 {
			items = append(items, fyne.NewMenuItemSeparator())
		}
		items = append(items, ui.annotationMenu(id).Items...)
	}
	if len(items) == 0 {
		return
	}
	widget.ShowPopUpMenuAtPosition(fyne.NewMenu("", items...), ui.win.Canvas(), ev.AbsolutePosition)
}

// annotationMenu is the menu of one annotation (card menu and context
// menu).
func (ui *UI) annotationMenu(id string) *fyne.Menu {
	colors := make([]*fyne.MenuItem, len(notebook.Colors))
	for i, c := range notebook.Colors {
		colors[i] = fyne.NewMenuItem(string(c), func() { ui.recolor(id, c) })
	}
	colorItem := fyne.NewMenuItem("Colour", nil)
	colorItem.ChildMenu = fyne.NewMenu("", colors...)
	del := fyne.NewMenuItem("Delete highlight", func() { ui.deleteAnnotation(id) })
	del.Icon = theme.DeleteIcon()
	return fyne.NewMenu("",
		colorItem,
		fyne.NewMenuItem("Edit note", func() { ui.selectAnnotation(id); ui.anns.editNote(id) }),
		fyne.NewMenuItem("Add tag…", func() { ui.tagAnnotation(id) }),
		fyne.NewMenuItem("Copy with citation", func() { ui.copyCitation(id) }),
		fyne.NewMenuItemSeparator(),
		del,
	)
}

// copySelection copies the reader's selected text.
func (ui *UI) copySelection() {
	if s := ui.reader.view.SelectedText(); s != "" {
		ui.app.Clipboard().SetContent(s)
	}
}
