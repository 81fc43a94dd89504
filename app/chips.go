package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// chipFlow shows an annotation's tags as chips, wrapped onto as many rows
// as the width needs; each chip's × removes the tag from the annotation
// (undoably).
type chipFlow struct {
	widget.BaseWidget
	ui    *UI
	annID string
	chips []*tagChip
	lastW float32
}

func newChipFlow(ui *UI, annID string, tags []string) *chipFlow {
	f := &chipFlow{ui: ui, annID: annID}
	for _, t := range tags {
		f.chips = append(f.chips, newTagChip(ui, annID, t))
	}
	f.ExtendBaseWidget(f)
	return f
}

// rows places the chips for a width; it returns their positions and the
// height they take.
func (f *chipFlow) rows(width float32) ([]fyne.Position, float32) {
	gap := theme.Padding()
	pos := make([]fyne.Position, len(f.chips))
	x, y, rowH := float32(0), float32(0), float32(0)
	for i, c := range f.chips {
		s := c.MinSize()
		if x > 0 && width > 0 && x+s.Width > width {
			x, y = 0, y+rowH+gap
			rowH = 0
		}
		pos[i] = fyne.NewPos(x, y)
		x += s.Width + gap
		rowH = max(rowH, s.Height)
	}
	return pos, y + rowH
}

// MinSize is part of fyne.Widget: as tall as the rows at the current
// width, as wide as the widest chip.
func (f *chipFlow) MinSize() fyne.Size {
	w := float32(0)
	for _, c := range f.chips {
		w = max(w, c.MinSize().Width)
	}
	_, h := f.rows(f.Size().Width)
	return fyne.NewSize(min(w, 120), h)
}

// Resize is part of fyne.Widget: a new width can change the height.
func (f *chipFlow) Resize(s fyne.Size) {
	f.BaseWidget.Resize(s)
	if s.Width != f.lastW {
		f.lastW = s.Width
		f.Refresh()
	}
}

// CreateRenderer is part of fyne.Widget.
func (f *chipFlow) CreateRenderer() fyne.WidgetRenderer { return &chipFlowRenderer{f: f} }

type chipFlowRenderer struct{ f *chipFlow }

func (r *chipFlowRenderer) Layout(s fyne.Size) {
	pos, _ := r.f.rows(s.Width)
	for i, c := range r.f.chips {
		c.Move(pos[i])
		c.Resize(fyne.NewSize(min(c.MinSize().Width, s.Width), c.MinSize().Height))
	}
}
func (r *chipFlowRenderer) MinSize() fyne.Size { return r.f.MinSize() }
func (r *chipFlowRenderer) Refresh() {
	r.Layout(r.f.Size())
	for _, c := range r.f.chips {
		c.Refresh()
	}
}
func (r *chipFlowRenderer) Objects() []fyne.CanvasObject {
	objs := make([]fyne.CanvasObject, len(r.f.chips))
	for i, c := range r.f.chips {
		objs[i] = c
	}
	return objs
}
func (r *chipFlowRenderer) Destroy() {}

// tagChip is one tag of an annotation: its name and a remove button.
type tagChip struct {
	widget.BaseWidget
	ui     *UI
	annID  string
	tag    string
	bg     *canvas.Rectangle
	text   *canvas.Text
	remove *glyphButton
}

func newTagChip(ui *UI, annID, tag string) *tagChip {
	c := &tagChip{ui: ui, annID: annID, tag: tag}
	c.bg = canvas.NewRectangle(color0)
	c.text = canvas.NewText("#"+tag, color0)
	c.remove = newRemoveButton(ui, "Remove tag "+tag+" from this highlight", func() { ui.removeAnnotationTag(annID, tag) })
	c.ExtendBaseWidget(c)
	return c
}

// CreateRenderer is part of fyne.Widget.
func (c *tagChip) CreateRenderer() fyne.WidgetRenderer { return &tagChipRenderer{c: c} }

type tagChipRenderer struct{ c *tagChip }

func (r *tagChipRenderer) pad() float32 { return theme.Padding() }

func (r *tagChipRenderer) MinSize() fyne.Size {
	c := r.c
	c.text.TextSize = theme.CaptionTextSize()
	ts := fyne.MeasureText(c.text.Text, c.text.TextSize, fyne.TextStyle{})
	b := c.remove.MinSize()
	h := max(ts.Height, b.Height) + r.pad()/2
	return fyne.NewSize(r.pad()*2+ts.Width+b.Width, h)
}

func (r *tagChipRenderer) Layout(s fyne.Size) {
	c := r.c
	c.bg.Resize(s)
	c.bg.CornerRadius = s.Height / 2
	ts := fyne.MeasureText(c.text.Text, c.text.TextSize, fyne.TextStyle{})
	c.text.Move(fyne.NewPos(r.pad(), (s.Height-ts.Height)/2))
	c.text.Resize(ts)
	b := c.remove.MinSize()
	c.remove.Resize(b)
	c.remove.Move(fyne.NewPos(s.Width-b.Width-r.pad()/2, (s.Height-b.Height)/2))
}

func (r *tagChipRenderer) Refresh() {
	c := r.c
	c.bg.FillColor = theme.Color(theme.ColorNameHover)
	c.bg.StrokeColor = theme.Color(theme.ColorNameSeparator)
	c.bg.StrokeWidth = 1
	c.text.Color = theme.Color(theme.ColorNameForeground)
	c.text.TextSize = theme.CaptionTextSize()
	r.Layout(c.Size())
	c.bg.Refresh()
	c.text.Refresh()
	c.remove.Refresh()
}

func (r *tagChipRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.c.bg, r.c.text, r.c.remove}
}

func (r *tagChipRenderer) Destroy() {}

// glyphButton is a small button drawn with lines (× to remove, ⋮ for a
// menu), with a tooltip. Cards have several; drawing the glyphs costs
// nothing, where an icon image decodes its SVG each time a card is
// built.
type glyphButton struct {
	widget.BaseWidget
	ui    *UI
	glyph glyph
	tip   string
	onTap func()
	hover bool
}

// glyph is what a glyphButton draws.
type glyph int

const (
	glyphClose glyph = iota // ×
	glyphMore               // ⋮
)

var (
	_ fyne.Tappable     = (*glyphButton)(nil)
	_ desktop.Hoverable = (*glyphButton)(nil)
)

func newGlyphButton(ui *UI, g glyph, tip string, fn func()) *glyphButton {
	b := &glyphButton{ui: ui, glyph: g, tip: tip, onTap: fn}
	b.ExtendBaseWidget(b)
	return b
}

// newRemoveButton is a small × with a tooltip.
func newRemoveButton(ui *UI, tip string, fn func()) *glyphButton {
	return newGlyphButton(ui, glyphClose, tip, fn)
}

// Tapped is part of fyne.Tappable.
func (b *glyphButton) Tapped(*fyne.PointEvent) {
	b.ui.tips.hide(b)
	if b.onTap != nil {
		b.onTap()
	}
}

// MouseIn is part of desktop.Hoverable.
func (b *glyphButton) MouseIn(*desktop.MouseEvent) {
	b.hover = true
	b.Refresh()
	b.ui.tips.show(b, b.tip)
}

// MouseMoved is part of desktop.Hoverable.
func (b *glyphButton) MouseMoved(*desktop.MouseEvent) {}

// MouseOut is part of desktop.Hoverable.
func (b *glyphButton) MouseOut() {
	b.hover = false
	b.Refresh()
	b.ui.tips.hide(b)
}

// CreateRenderer is part of fyne.Widget.
func (b *glyphButton) CreateRenderer() fyne.WidgetRenderer {
	r := &glyphRenderer{b: b, bg: canvas.NewCircle(color0)}
	for range 3 {
		r.dots = append(r.dots, canvas.NewCircle(color0))
	}
	r.lines = []*canvas.Line{canvas.NewLine(color0), canvas.NewLine(color0)}
	r.Refresh()
	return r
}

type glyphRenderer struct {
	b     *glyphButton
	bg    *canvas.Circle
	dots  []*canvas.Circle
	lines []*canvas.Line
}

func (r *glyphRenderer) MinSize() fyne.Size {
	s := theme.CaptionTextSize() + 2
	if r.b.glyph == glyphMore {
		s = theme.IconInlineSize() + theme.Padding()
	}
	return fyne.NewSize(s, s)
}

func (r *glyphRenderer) Layout(s fyne.Size) {
	d := min(s.Width, s.Height)
	r.bg.Resize(fyne.NewSize(d, d))
	r.bg.Move(fyne.NewPos((s.Width-d)/2, (s.Height-d)/2))
	cx, cy := s.Width/2, s.Height/2
	switch r.b.glyph {
	case glyphMore:
		dot := max(2, d/8)
		for i, c := range r.dots {
			y := cy + float32(i-1)*dot*2
			c.Resize(fyne.NewSize(dot, dot))
			c.Move(fyne.NewPos(cx-dot/2, y-dot/2))
		}
	default:
		a := d * 0.28
		r.lines[0].Position1, r.lines[0].Position2 = fyne.NewPos(cx-a, cy-a), fyne.NewPos(cx+a, cy+a)
		r.lines[1].Position1, r.lines[1].Position2 = fyne.NewPos(cx-a, cy+a), fyne.NewPos(cx+a, cy-a)
	}
}

func (r *glyphRenderer) Refresh() {
	fg := theme.Color(theme.ColorNameForeground)
	r.bg.FillColor = color0
	if r.b.hover {
		r.bg.FillColor = theme.Color(theme.ColorNameHover)
	}
	for _, c := range r.dots {
		c.FillColor = fg
		c.Refresh()
	}
	for _, l := range r.lines {
		l.StrokeColor = fg
		l.StrokeWidth = 1.5
		l.Refresh()
	}
	r.Layout(r.b.Size())
	r.bg.Refresh()
}

func (r *glyphRenderer) Objects() []fyne.CanvasObject {
	objs := []fyne.CanvasObject{r.bg}
	if r.b.glyph == glyphMore {
		for _, c := range r.dots {
			objs = append(objs, c)
		}
		return objs
	}
	return append(objs, r.lines[0], r.lines[1])
}

func (r *glyphRenderer) Destroy() {}
