package app

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/glossnotes/gloss/app/articleview"
	"github.com/glossnotes/gloss/notebook"
)

// actionBar is the compact bar shown over the reader while text is
// selected: the eight colour swatches, Note, Tags and a hint. When the
// reader is too narrow for all of it, what does not fit goes into a ⋯
// menu at the end, so the bar never widens the reader.
type actionBar struct {
	ui     *UI
	items  []fyne.CanvasObject
	labels []string // menu labels of the items ("" for separators and the hint)
	acts   []func()
	more   *tipButton
	box    *fyne.Container
	hidden []int // items in the ⋯ menu
}

func newActionBar(ui *UI) *actionBar {
	b := &actionBar{ui: ui}
	for i, c := range notebook.Colors {
		b.add(newSwatch(ui, c, i+1), fmt.Sprintf("Highlight %s (%d)", c, i+1), func() { ui.highlight(c, nil) })
	}
	note := newTipButton(ui, theme.DocumentCreateIcon(), "Highlight and write a note (N)", ui.highlightWithNote)
	note.SetText("Note")
	tags := newTipButton(ui, theme.MenuIcon(), "Highlight and tag (T)", ui.highlightWithTag)
	tags.SetText("Tags")
	hint := widget.NewLabel("H highlight · 1–8 colour · N note · T tag")
	hint.Importance = widget.LowImportance
	b.add(widget.NewSeparator(), "", nil)
	b.add(note, "Highlight with note (N)", ui.highlightWithNote)
	b.add(tags, "Highlight and tag… (T)", ui.highlightWithTag)
	b.add(hint, "", nil)
	b.more = newTipButton(ui, theme.MoreHorizontalIcon(), "More highlight actions", b.showMore)
	objs := append(append([]fyne.CanvasObject{}, b.items...), b.more)
	b.box = container.New(&overflowLayout{b: b}, objs...)
	b.box.Hide()
	return b
}

func (b *actionBar) add(o fyne.CanvasObject, label string, act func()) {
	b.items = append(b.items, o)
	b.labels = append(b.labels, label)
	b.acts = append(b.acts, act)
}

func (b *actionBar) content() fyne.CanvasObject { return b.box }
func (b *actionBar) show()                      { b.box.Show() }
func (b *actionBar) hide()                      { b.box.Hide() }

// showMore opens the menu of the actions that did not fit.
func (b *actionBar) showMore() {
	var items []*fyne.MenuItem
	for _, i := range b.hidden {
		if b.labels[i] != "" {
			items = append(items, fyne.NewMenuItem(b.labels[i], b.acts[i]))
		}
	}
	if len(items) == 0 {
		return
	}
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(b.more)
	widget.ShowPopUpMenuAtPosition(fyne.NewMenu("", items...), b.ui.win.Canvas(), pos.Add(fyne.NewPos(0, b.more.Size().Height)))
}

// overflowLayout lays the bar's items out left to right; those that do not
// fit are hidden and listed in the ⋯ menu (the last object).
type overflowLayout struct{ b *actionBar }

// MinSize is part of fyne.Layout: the ⋯ button and the first swatch, so
// the bar never forces the reader wider.
func (l *overflowLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	h := float32(0)
	for _, o := range objs {
		h = max(h, o.MinSize().Height)
	}
	more := l.b.more.MinSize().Width
	return fyne.NewSize(more+theme.Padding()+l.b.items[0].MinSize().Width, h)
}

// Layout is part of fyne.Layout.
func (l *overflowLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	b := l.b
	gap := theme.Padding()
	total := float32(0)
	for _, it := range b.items {
		total += it.MinSize().Width + gap
	}
	room := size.Width
	fitsAll := total-gap <= room
	if !fitsAll {
		room -= b.more.MinSize().Width + gap
	}
	b.hidden = b.hidden[:0]
	x := float32(0)
	for i, it := range b.items {
		w := it.MinSize().Width
		if len(b.hidden) == 0 && (fitsAll || x+w <= room) {
			it.Move(fyne.NewPos(x, (size.Height-it.MinSize().Height)/2))
			it.Resize(fyne.NewSize(w, it.MinSize().Height))
			it.Show()
			x += w + gap
			continue
		}
		it.Hide()
		b.hidden = append(b.hidden, i)
	}
	// The hint alone does not need the menu.
	if len(b.hidden) == 1 && b.labels[b.hidden[0]] == "" {
		b.more.Hide()
		return
	}
	if len(b.hidden) == 0 {
		b.more.Hide()
		return
	}
	ms := b.more.MinSize()
	b.more.Resize(ms)
	b.more.Move(fyne.NewPos(size.Width-ms.Width, (size.Height-ms.Height)/2))
	b.more.Show()
}

// swatch is a round colour button of the action bar. Hovering or focusing
// it names its colour and key.
type swatch struct {
	widget.BaseWidget
	ui      *UI
	color   notebook.Color
	key     int
	focused bool
}

var (
	_ fyne.Tappable     = (*swatch)(nil)
	_ fyne.Focusable    = (*swatch)(nil)
	_ desktop.Hoverable = (*swatch)(nil)
)

func newSwatch(ui *UI, c notebook.Color, key int) *swatch {
	s := &swatch{ui: ui, color: c, key: key}
	s.ExtendBaseWidget(s)
	return s
}

// tip is the swatch's tooltip: "Red — key 2".
func (s *swatch) tip() string {
	name := string(s.color)
	return fmt.Sprintf("%s — key %d", strings.ToUpper(name[:1])+name[1:], s.key)
}

// CreateRenderer is part of fyne.Widget.
func (s *swatch) CreateRenderer() fyne.WidgetRenderer {
	dot := canvas.NewCircle(color0)
	ring := canvas.NewCircle(color0)
	r := &swatchRenderer{s: s, dot: dot, ring: ring}
	r.Refresh()
	return r
}

// Tapped is part of fyne.Tappable: it highlights in this colour, and the
// reader keeps the keyboard.
func (s *swatch) Tapped(*fyne.PointEvent) {
	s.ui.highlight(s.color, nil)
	s.ui.focusReader()
}

// MouseIn is part of desktop.Hoverable.
func (s *swatch) MouseIn(*desktop.MouseEvent) { s.ui.tips.show(s, s.tip()) }

// MouseMoved is part of desktop.Hoverable.
func (s *swatch) MouseMoved(*desktop.MouseEvent) {}

// MouseOut is part of desktop.Hoverable.
func (s *swatch) MouseOut() {
	if !s.focused {
		s.ui.tips.hide(s)
	}
}

// FocusGained is part of fyne.Focusable.
func (s *swatch) FocusGained() {
	s.focused = true
	s.ui.tips.show(s, s.tip())
	s.Refresh()
}

// FocusLost is part of fyne.Focusable.
func (s *swatch) FocusLost() {
	s.focused = false
	s.ui.tips.hide(s)
	s.Refresh()
}

// TypedRune is part of fyne.Focusable: the reader's keys.
func (s *swatch) TypedRune(r rune) { s.ui.typedRune(r) }

// TypedKey is part of fyne.Focusable: Space or Enter highlights.
func (s *swatch) TypedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeySpace, fyne.KeyReturn, fyne.KeyEnter:
		s.ui.highlight(s.color, nil)
	case fyne.KeyEscape:
		s.ui.focusReader()
	}
}

type swatchRenderer struct {
	s         *swatch
	dot, ring *canvas.Circle
}

func (r *swatchRenderer) Layout(size fyne.Size) {
	d := min(size.Width, size.Height) - theme.Padding()
	r.dot.Resize(fyne.NewSize(d, d))
	r.dot.Move(fyne.NewPos((size.Width-d)/2, (size.Height-d)/2))
	r.ring.Resize(fyne.NewSize(d+4, d+4))
	r.ring.Move(fyne.NewPos((size.Width-d)/2-2, (size.Height-d)/2-2))
}
func (r *swatchRenderer) MinSize() fyne.Size {
	h := theme.IconInlineSize() + 2*theme.Padding()
	return fyne.NewSize(h, h)
}
func (r *swatchRenderer) Refresh() {
	r.dot.FillColor = theme.Color(articleview.ColorName(string(r.s.color)))
	r.dot.StrokeColor = theme.Color(theme.ColorNameForeground)
	r.dot.StrokeWidth = 1
	r.ring.FillColor = color0
	r.ring.StrokeWidth = 0
	if r.s.focused {
		r.ring.StrokeColor = theme.Color(theme.ColorNameFocus)
		r.ring.StrokeWidth = 2
	}
	r.dot.Refresh()
	r.ring.Refresh()
}
func (r *swatchRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.ring, r.dot} }
func (r *swatchRenderer) Destroy()                     {}

// typedRune handles the reader's letter keys: with text selected H
// highlights in the last colour, 1–8 in a palette colour, N highlights and
// opens the note, T highlights and asks for a tag; with a highlight
// selected and no text, 1–8 recolour it, N edits its note and T tags it.
func (ui *UI) typedRune(r rune) {
	if ui.modals > 0 {
		return
	}
	start, end := ui.reader.view.Selection()
	hasSel := start < end
	if ui.reader.attach.active() {
		return // choosing a passage to re-attach: Enter attaches
	}
	switch {
	case r == 'h' || r == 'H':
		if hasSel {
			ui.highlight(ui.lastColor, nil)
		}
	case r >= '1' && r <= '8':
		c := notebook.Colors[r-'1']
		if hasSel {
			ui.highlight(c, nil)
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
	case r == 'r' || r == 'R':
		if !hasSel && ui.selAnn != "" {
			ui.startReattach(ui.selAnn)
		}
	}
}

// highlightWithNote highlights the selection and opens its note editor.
func (ui *UI) highlightWithNote() {
	ui.highlight(ui.lastColor, func(a notebook.Annotation) { ui.anns.editNote(a.ID) })
}

// highlightWithTag highlights the selection and asks for a tag.
func (ui *UI) highlightWithTag() {
	ui.highlight(ui.lastColor, func(a notebook.Annotation) { ui.tagAnnotation(a.ID) })
}

// readerKey handles Delete (remove the selected highlight), Enter (attach
// while re-attaching) and Escape; it reports whether it used the key.
func (ui *UI) readerKey(ev *fyne.KeyEvent) bool {
	start, end := ui.reader.view.Selection()
	switch ev.Name {
	case fyne.KeyDelete, fyne.KeyBackspace:
		if ui.selAnn != "" && start == end {
			ui.deleteAnnotation(ui.selAnn)
			return true
		}
	case fyne.KeyReturn, fyne.KeyEnter:
		if ui.reader.attach.active() {
			ui.reader.attach.attach()
			return true
		}
	case fyne.KeyEscape:
		if ui.reader.attach.active() {
			ui.reader.attach.cancel()
			return true
		}
		if ui.selAnn != "" {
			ui.selectAnnotation("")
		}
		if ui.win.Canvas().Focused() != ui.reader.view {
			ui.focusReader()
			return true
		}
	}
	return false
}

// readerMenu is the reader's context menu.
func (ui *UI) readerMenu(ev articleview.SecondaryEvent) {
	var items []*fyne.MenuItem
	if ev.InSelection {
		for i, c := range notebook.Colors {
			items = append(items, fyne.NewMenuItem(fmt.Sprintf("Highlight %s (%d)", c, i+1), func() { ui.highlight(c, nil) }))
		}
		items = append(items, fyne.NewMenuItemSeparator(),
			fyne.NewMenuItem("Highlight with note (N)", ui.highlightWithNote),
			fyne.NewMenuItem("Highlight and tag… (T)", ui.highlightWithTag),
			fyne.NewMenuItem("Copy", ui.copySelection))
	}
	if len(ev.SpanIDs) > 0 {
		id := ev.SpanIDs[0]
		ui.selectAnnotation(id)
		if len(items) > 0 {
			items = append(items, fyne.NewMenuItemSeparator())
		}
		// The same menu as the card's ⋮ (event date, citation key).
		items = append(items, ui.withCiteKeyItem(ui.cardMenu(id), ui.cur.ID).Items...)
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
		colors[i] = fyne.NewMenuItem(fmt.Sprintf("%s (%d)", c, i+1), func() { ui.recolor(id, c) })
	}
	colorItem := fyne.NewMenuItem("Colour", nil)
	colorItem.ChildMenu = fyne.NewMenu("", colors...)
	del := fyne.NewMenuItem("Delete highlight", func() { ui.deleteAnnotation(id) })
	del.Icon = theme.DeleteIcon()
	items := []*fyne.MenuItem{
		colorItem,
		fyne.NewMenuItem("Edit note (N)", func() { ui.selectAnnotation(id); ui.anns.editNote(id) }),
		fyne.NewMenuItem("Tags… (T)", func() { ui.tagAnnotation(id) }),
	}
	if a, ok := ui.annotation(id); ok && len(a.Tags) > 0 {
		var rm []*fyne.MenuItem
		for _, t := range a.Tags {
			rm = append(rm, fyne.NewMenuItem(t, func() { ui.removeAnnotationTag(id, t) }))
		}
		remove := fyne.NewMenuItem("Remove tag", nil)
		remove.ChildMenu = fyne.NewMenu("", rm...)
		items = append(items, remove)
	}
	items = append(items,
		fyne.NewMenuItem("Copy with citation", func() { ui.copyCitation(id) }),
		fyne.NewMenuItem("Re-attach to another passage…", func() { ui.startReattach(id) }),
		fyne.NewMenuItemSeparator(),
		del)
	return fyne.NewMenu("", items...)
}

// copySelection copies the reader's selected text.
func (ui *UI) copySelection() {
	if s := ui.reader.view.SelectedText(); s != "" {
		ui.app.Clipboard().SetContent(s)
	}
}
