package app

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// mdView shows a Markdown note: inline bold, italic, code and links drawn
// inline, lines wrapped at word boundaries (see mdlayout.go). Its height
// follows its width, as a wrapping Label's does. With maxLines set it shows
// that many lines and an ellipsis (list rows).
type mdView struct {
	widget.BaseWidget
	src      string
	blocks   []mdBlock
	maxLines int
	// sizeName and colorName are the theme text size and colour
	// (foreground and body text by default).
	sizeName  fyne.ThemeSizeName
	colorName fyne.ThemeColorName

	lay     mdLayout
	layW    float32 // the width lay was made for (-1: none yet)
	laySize float32
	widths  map[mdMeasureKey]float32
	r       *mdRenderer
}

type mdMeasureKey struct {
	s string
	f mdFace
}

// newMDView returns a view of the Markdown src.
func newMDView(src string) *mdView {
	v := &mdView{sizeName: theme.SizeNameText, colorName: theme.ColorNameForeground, layW: -1, widths: map[mdMeasureKey]float32{}}
	v.ExtendBaseWidget(v)
	v.SetMarkdown(src)
	return v
}

// SetMarkdown shows new Markdown text.
func (v *mdView) SetMarkdown(src string) {
	if src == v.src && v.blocks != nil {
		return
	}
	v.src = src
	v.blocks = parseMarkdown(src)
	if v.blocks == nil {
		v.blocks = []mdBlock{}
	}
	v.layW = -1
	v.Refresh()
}

// Text returns the Markdown shown.
func (v *mdView) Text() string { return v.src }

// padding is the inset around the text, as a Label has.
func (v *mdView) padding() float32 { return theme.SizeForWidget(theme.SizeNameInnerPadding, v) }

func (v *mdView) metrics() mdMetrics {
	size := theme.SizeForWidget(v.sizeName, v)
	gap := theme.SizeForWidget(theme.SizeNameLineSpacing, v)
	return mdMetrics{
		TextSize: size,
		LineHeight: func(s float32) float32 {
			return fyne.MeasureText("Mg", s, fyne.TextStyle{}).Height + gap
		},
		Measure:    v.measure,
		ParaGap:    gap * 1.5,
		IndentStep: size * 1.4,
	}
}

func (v *mdView) measure(s string, f mdFace) float32 {
	k := mdMeasureKey{s, f}
	if w, ok := v.widths[k]; ok {
		return w
	}
	w := fyne.MeasureText(s, f.Size, fyne.TextStyle{Bold: f.Bold, Italic: f.Italic, Monospace: f.Mono}).Width
	if len(v.widths) > 4096 {
		clear(v.widths)
	}
	v.widths[k] = w
	return w
}

// layoutFor lays the text out for a widget width (<= 0: unwrapped).
func (v *mdView) layoutFor(width float32) {
	size := theme.SizeForWidget(v.sizeName, v)
	if width == v.layW && size == v.laySize {
		return
	}
	v.layW, v.laySize = width, size
	inner := width - 2*v.padding()
	if width <= 0 {
		inner = 1e9
	}
	v.lay = layoutMarkdown(v.blocks, max(inner, size), v.metrics(), v.maxLines)
}

// MinSize is part of fyne.Widget: narrow (the text wraps), as tall as the
// text at the current width.
func (v *mdView) MinSize() fyne.Size {
	v.layoutFor(v.Size().Width)
	p := v.padding()
	h := v.lay.Height + p
	if len(v.blocks) == 0 {
		h = 0
	}
	w := theme.SizeForWidget(v.sizeName, v) * 4
	if v.maxLines == 1 {
		w = theme.SizeForWidget(v.sizeName, v) * 2
	}
	return fyne.NewSize(w+2*p, h)
}

// Resize is part of fyne.Widget: a new width can change the height, which
// the containers above learn from the refresh.
func (v *mdView) Resize(s fyne.Size) {
	old := v.lay.Height
	v.BaseWidget.Resize(s)
	v.layoutFor(s.Width)
	if v.lay.Height != old {
		v.Refresh()
	}
}

// CreateRenderer is part of fyne.Widget.
func (v *mdView) CreateRenderer() fyne.WidgetRenderer {
	v.r = &mdRenderer{v: v}
	v.r.Refresh()
	return v.r
}

type mdRenderer struct {
	v       *mdView
	texts   []*canvas.Text
	rects   []*canvas.Rectangle
	objects []fyne.CanvasObject
}

func (r *mdRenderer) Layout(fyne.Size) { r.Refresh() }

func (r *mdRenderer) MinSize() fyne.Size { return r.v.MinSize() }

// Refresh places the laid-out pieces, in the theme's current colours.
func (r *mdRenderer) Refresh() {
	v := r.v
	v.layoutFor(v.Size().Width)
	p := v.padding()
	fg := theme.ColorForWidget(v.colorName, v)
	link := theme.ColorForWidget(theme.ColorNameHyperlink, v)
	sep := theme.ColorForWidget(theme.ColorNameSeparator, v)
	bar := theme.ColorForWidget(theme.ColorNameDisabled, v)
	r.objects = r.objects[:0]
	rect := 0
	addRect := func(m mdRect, c color.Color) {
		if rect == len(r.rects) {
			r.rects = append(r.rects, canvas.NewRectangle(c))
		}
		o := r.rects[rect]
		rect++
		o.FillColor = c
		o.Move(fyne.NewPos(p+m.X, p/2+m.Y))
		o.Resize(fyne.NewSize(m.W, m.H))
		o.Refresh()
		r.objects = append(r.objects, o)
	}
	for _, m := range v.lay.Rules {
		addRect(m, sep)
	}
	for _, m := range v.lay.Bars {
		addRect(m, bar)
	}
	for i, pc := range v.lay.Pieces {
		if i == len(r.texts) {
			r.texts = append(r.texts, canvas.NewText("", fg))
		}
		t := r.texts[i]
		t.Text = pc.Text
		t.TextSize = pc.Face.Size
		t.TextStyle = fyne.TextStyle{Bold: pc.Face.Bold, Italic: pc.Face.Italic, Monospace: pc.Face.Mono}
		t.Color = fg
		if pc.Link != "" {
			t.Color = link
		}
		th := fyne.MeasureText("Mg", pc.Face.Size, t.TextStyle).Height
		t.Move(fyne.NewPos(p+pc.X, p/2+pc.Y+(pc.H-th)/2))
		t.Resize(fyne.NewSize(v.measure(pc.Text, pc.Face), th))
		t.Refresh()
		r.objects = append(r.objects, t)
	}
}

func (r *mdRenderer) Objects() []fyne.CanvasObject { return r.objects }

func (r *mdRenderer) Destroy() {}

// plainText is the text drawn, line by line (for tests).
func (v *mdView) plainText() []string {
	v.layoutFor(v.Size().Width)
	var lines []string
	lastY := float32(-1)
	for _, p := range v.lay.Pieces {
		if p.Y != lastY || len(lines) == 0 {
			lines = append(lines, "")
			lastY = p.Y
		}
		lines[len(lines)-1] += p.Text
	}
	return lines
}
