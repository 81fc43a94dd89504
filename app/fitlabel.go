package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// fitLabel is one line of text cut with an ellipsis to its width, for
// list rows. Fyne's Label does the same with a new text shaper for every
// refresh, which made a page of library rows cost tens of milliseconds of
// the Fyne goroutine; this measures prefixes with fyne.MeasureText (its
// measurements are cached) in a binary search.
type fitLabel struct {
	widget.BaseWidget
	text      string
	style     fyne.TextStyle
	sizeName  fyne.ThemeSizeName
	colorName fyne.ThemeColorName
	t         *canvas.Text
	fitW      float32 // the width the shown text was cut for
}

func newFitLabel(text string) *fitLabel {
	l := &fitLabel{text: text, sizeName: theme.SizeNameText, colorName: theme.ColorNameForeground, fitW: -1}
	l.t = canvas.NewText(text, color0)
	l.ExtendBaseWidget(l)
	return l
}

// SetText changes the text (nothing when it is the same).
func (l *fitLabel) SetText(s string) {
	if s == l.text {
		return
	}
	l.text = s
	l.fitW = -1
	l.Refresh()
}

// Text returns the full text (the shown one may be cut).
func (l *fitLabel) Text() string { return l.text }

// Shown returns the text as drawn.
func (l *fitLabel) Shown() string { return l.t.Text }

func (l *fitLabel) size() float32 { return theme.SizeForWidget(l.sizeName, l) }
func (l *fitLabel) pad() float32  { return theme.SizeForWidget(theme.SizeNameInnerPadding, l) }

// fit cuts the text to width w.
func (l *fitLabel) fit(w float32) {
	if w == l.fitW && l.t.TextSize == l.size() {
		return
	}
	l.fitW = w
	size := l.size()
	l.t.TextSize, l.t.TextStyle = size, l.style
	measure := func(s string) float32 { return fyne.MeasureText(s, size, l.style).Width }
	full := measure(l.text)
	if w <= 0 || full <= w {
		l.t.Text = l.text
		return
	}
	// The longest prefix that fits with the ellipsis: start from the
	// proportional guess and step (usually two or three measurements).
	r := []rune(l.text)
	fits := func(n int) bool { return n == 0 || measure(string(r[:n])+"…") <= w }
	n := min(len(r)-1, max(0, int(float32(len(r))*w/full)))
	for n > 0 && !fits(n) {
		n--
	}
	for n+1 < len(r) && fits(n+1) {
		n++
	}
	l.t.Text = string(r[:n]) + "…"
}

// MinSize is part of fyne.Widget: one line high, narrow.
func (l *fitLabel) MinSize() fyne.Size {
	h := fyne.MeasureText("Mg", l.size(), l.style).Height
	return fyne.NewSize(l.size()+2*l.pad(), h+2*l.pad())
}

// CreateRenderer is part of fyne.Widget.
func (l *fitLabel) CreateRenderer() fyne.WidgetRenderer { return &fitLabelRenderer{l: l} }

type fitLabelRenderer struct{ l *fitLabel }

func (r *fitLabelRenderer) Layout(s fyne.Size) {
	l := r.l
	l.fit(s.Width - 2*l.pad())
	h := fyne.MeasureText("Mg", l.size(), l.style).Height
	l.t.Move(fyne.NewPos(l.pad(), (s.Height-h)/2))
	l.t.Resize(fyne.NewSize(s.Width-2*l.pad(), h))
}

func (r *fitLabelRenderer) MinSize() fyne.Size { return r.l.MinSize() }

func (r *fitLabelRenderer) Refresh() {
	l := r.l
	l.t.Color = theme.ColorForWidget(l.colorName, l)
	l.fitW = -1
	r.Layout(l.Size())
	l.t.Refresh()
}

func (r *fitLabelRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.l.t} }

func (r *fitLabelRenderer) Destroy() {}
