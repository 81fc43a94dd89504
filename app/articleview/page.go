package articleview

import (
	"image/color"
	"math"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/glossnotes/gloss/app/articleview/model"
)

// page is the scrolled content of an ArticleView: as tall as the wrapped
// article, drawing only the lines inside the scroll's viewport. It receives
// the pointer events (see input.go); keys go to the ArticleView.
type page struct {
	widget.BaseWidget
	v *ArticleView
	r *pageRenderer
}

func newPage(v *ArticleView) *page {
	p := &page{v: v}
	p.ExtendBaseWidget(p)
	return p
}

// CreateRenderer is part of fyne.Widget.
func (p *page) CreateRenderer() fyne.WidgetRenderer {
	p.r = &pageRenderer{p: p, texts: make(map[int]*canvas.Text), textH: make(map[model.Face]float32)}
	p.r.dirty = canvas.NewRectangle(color.Transparent)
	p.r.caret = canvas.NewRectangle(color.Transparent)
	p.r.update()
	return p.r
}

// update redraws the visible lines if the renderer exists.
func (p *page) update() {
	if p.r != nil {
		p.r.update()
	}
}

// recolour re-applies theme colours to every live object.
func (p *page) recolour() {
	if p.r != nil {
		p.r.recolourAll = true
		p.r.update()
	}
}

// pool hands out reusable rectangles; the first n are in use.
type pool struct {
	all []*canvas.Rectangle
	n   int
}

func (p *pool) take() *canvas.Rectangle {
	if p.n == len(p.all) {
		p.all = append(p.all, canvas.NewRectangle(color.Transparent))
	}
	r := p.all[p.n]
	p.n++
	return r
}

func (p *pool) used() []*canvas.Rectangle { return p.all[:p.n] }

type pageRenderer struct {
	p *page

	lay   *model.Layout // layout the text objects were made for
	texts map[int]*canvas.Text
	free  []*canvas.Text
	textH map[model.Face]float32 // rendered text height per face

	bars, reuse, highlights, active, flash, selection, markers pool
	bullets                                                    []*canvas.Text
	caret                                                      *canvas.Rectangle
	dirty                                                      *canvas.Rectangle // refreshed to request a repaint

	objects     []fyne.CanvasObject
	recolourAll bool
	spanBuf     []model.Span
	rectBuf     []model.Rect
	lineOrder   []int
}

func (r *pageRenderer) Layout(fyne.Size) { r.update() }

func (r *pageRenderer) MinSize() fyne.Size {
	if l := r.p.v.lay; l != nil {
		return fyne.NewSize(0, l.Height)
	}
	return fyne.Size{}
}

func (r *pageRenderer) Refresh() { r.update() }

func (r *pageRenderer) Objects() []fyne.CanvasObject { return r.objects }

func (r *pageRenderer) Destroy() {}

// viewport returns the content band shown by the scroll container.
func (r *pageRenderer) viewport() (top, bottom float32) {
	v := r.p.v
	top = v.scroll.Offset.Y
	h := v.scroll.Size().Height
	if h <= 0 {
		h = r.p.Size().Height
	}
	return top, top + h
}

// update places canvas objects for the visible lines, reusing the text
// objects of lines that stay visible.
func (r *pageRenderer) update() {
	v := r.p.v
	lay := v.lay
	r.objects = r.objects[:0]
	r.objects = append(r.objects, r.dirty)
	if lay != nil && lay != r.lay {
		r.releaseAll()
		r.lay = lay
		clear(r.textH)
	}
	if lay == nil {
		r.releaseAll()
		r.lay = nil
		canvas.Refresh(r.dirty)
		return
	}
	th := v.Theme()
	variant := fyne.CurrentApp().Settings().ThemeVariant()
	top, bottom := r.viewport()
	from, to := lay.LinesIn(top, bottom)

	// Texts of lines that scrolled away go back to the free list.
	for li, t := range r.texts {
		if li < from || li >= to {
			delete(r.texts, li)
			r.free = append(r.free, t)
		}
	}
	fg := th.Color(theme.ColorNameForeground, variant)
	muted := th.Color(theme.ColorNamePlaceHolder, variant)
	for li := from; li < to; li++ {
		t, ok := r.texts[li]
		ln := &lay.Lines[li]
		c := fg
		if ln.Kind == model.Meta || ln.Kind == model.Caption {
			c = muted
		}
		if !ok {
			t = r.takeText()
			t.Text = lay.Text(li)
			t.TextSize = ln.Face.Size
			t.TextStyle = fyne.TextStyle{Bold: ln.Face.Bold, Italic: ln.Face.Italic}
			t.Color = c
			r.texts[li] = t
			if !lay.Calibrated(li) {
				lay.Calibrate(li, measureText(t.Text, ln.Face))
			}
			t.Move(r.snap(fyne.NewPos(ln.X, ln.Y+(ln.Height-r.textHeight(ln.Face))/2)))
			canvas.Refresh(t)
		} else if r.recolourAll && t.Color != c {
			t.Color = c
			canvas.Refresh(t)
		}
	}
	r.recolourAll = false

	r.bars.n, r.reuse.n, r.highlights.n, r.active.n, r.flash.n, r.selection.n, r.markers.n = 0, 0, 0, 0, 0, 0, 0
	bodyFrom := max(from, lay.Body)
	var bullets []*canvas.Text
	if bodyFrom < to {
		r.decorations(lay, bodyFrom, to, th, variant, &bullets)
	}

	// Paint order: quote bars, margin marks, highlights, the selected
	// highlight's outline, flash, selection, text, markers, caret.
	for _, p := range []*pool{&r.bars, &r.reuse, &r.highlights, &r.active, &r.flash, &r.selection} {
		for _, o := range p.used() {
			r.objects = append(r.objects, o)
		}
	}
	r.lineOrder = r.lineOrder[:0]
	for li := range r.texts {
		r.lineOrder = append(r.lineOrder, li)
	}
	slices.Sort(r.lineOrder)
	for _, li := range r.lineOrder {
		r.objects = append(r.objects, r.texts[li])
	}
	for _, b := range bullets {
		r.objects = append(r.objects, b)
	}
	for _, o := range r.markers.used() {
		r.objects = append(r.objects, o)
	}
	if r.caret != nil && v.focused && v.sel.Empty() && !r.underOverlay() {
		x, y, li := lay.PointAt(v.sel.Caret)
		if li >= from && li < to {
			ln := &lay.Lines[li]
			h := r.textHeight(ln.Face)
			r.caret.FillColor = th.Color(theme.ColorNamePrimary, variant)
			r.caret.Move(fyne.NewPos(x-1, y+(ln.Height-h)/2))
			r.caret.Resize(fyne.NewSize(2, h))
			r.objects = append(r.objects, r.caret)
		}
	}
	canvas.Refresh(r.dirty)
}

// underOverlay reports whether a dialog or pop-up covers the window: the
// caret is not drawn then (the view keeps its focus under a modal
// dialog, and a caret would show through the dialog's shade).
func (r *pageRenderer) underOverlay() bool {
	c := fyne.CurrentApp().Driver().CanvasForObject(r.p)
	return c != nil && c.Overlays().Top() != nil
}

// decorations fills the rectangle pools for the article lines [from, to).
func (r *pageRenderer) decorations(lay *model.Layout, from, to int, th fyne.Theme, variant fyne.ThemeVariant, bullets *[]*canvas.Text) {
	v := r.p.v
	visStart, visEnd := lay.Lines[from].Start, lay.Lines[to-1].Next+2
	size := lay.Metrics.TextSize

	// Quote bars and list bullets.
	bulletN := 0
	for li := from; li < to; li++ {
		ln := &lay.Lines[li]
		switch {
		case ln.Kind == model.Quote:
			b := r.bars.take()
			r.setRect(b, model.Rect{X: ln.X - size, Y: ln.Y, W: 3, H: ln.Height}, th.Color(theme.ColorNameSeparator, variant), 0)
		case ln.Kind == model.Item && ln.First:
			if bulletN == len(r.bullets) {
				r.bullets = append(r.bullets, canvas.NewText("•", color.Black))
			}
			t := r.bullets[bulletN]
			bulletN++
			t.TextSize = ln.Face.Size
			t.Color = th.Color(theme.ColorNameForeground, variant)
			t.Move(fyne.NewPos(ln.X-size, ln.Y+(ln.Height-r.textHeight(ln.Face))/2))
			canvas.Refresh(t)
			*bullets = append(*bullets, t)
		}
	}

	// Margin marks (passages other articles carry).
	if v.marks.Len() > 0 {
		mc := resolveReuseMark(th, variant)
		r.rectBuf = lay.AppendMarkBarsIn(r.rectBuf[:0], v.marks, from, to)
		for _, rc := range r.rectBuf {
			r.setRect(r.reuse.take(), rc, mc, rc.W/2)
		}
	}

	// Highlights, longest first so that shorter ones blend on top.
	r.spanBuf = v.spans.Overlapping(r.spanBuf[:0], visStart, visEnd)
	slices.SortStableFunc(r.spanBuf, func(a, b model.Span) int { return (b.End - b.Start) - (a.End - a.Start) })
	radius := size * 0.25
	for _, sp := range r.spanBuf {
		c := resolveHighlight(th, sp.Color, variant)
		r.rectBuf = lay.AppendRectsIn(r.rectBuf[:0], sp.Start, sp.End, from, to)
		for _, rc := range r.rectBuf {
			r.setRect(r.highlights.take(), r.textBand(lay, rc, 2), c, radius)
		}
		if sp.HasNote && sp.End >= visStart && sp.End <= visEnd {
			x, y, li := lay.PointAt(sp.End)
			if li >= from && li < to {
				ln := &lay.Lines[li]
				d := size * 0.5
				top := y + (ln.Height-r.textHeight(ln.Face))/2
				r.setRect(r.markers.take(), model.Rect{X: x - d/2 + 2, Y: top - d/2, W: d, H: d}, opaque(c), d/2)
			}
		}
	}

	if v.active != "" {
		oc := th.Color(theme.ColorNamePrimary, variant)
		for _, sp := range r.spanBuf {
			if sp.ID != v.active {
				continue
			}
			r.rectBuf = lay.AppendRectsIn(r.rectBuf[:0], sp.Start, sp.End, from, to)
			for _, rc := range r.rectBuf {
				o := r.active.take()
				r.setRect(o, r.textBand(lay, rc, 4), color.Transparent, radius)
				o.StrokeColor = oc
				o.StrokeWidth = 1.5
				canvas.Refresh(o)
			}
		}
	}

	if v.flash.alpha > 0 && v.flash.end > v.flash.start {
		pc := color.NRGBAModel.Convert(th.Color(theme.ColorNamePrimary, variant)).(color.NRGBA)
		pc.A = uint8(150 * v.flash.alpha)
		r.rectBuf = lay.AppendRectsIn(r.rectBuf[:0], v.flash.start, v.flash.end, from, to)
		for _, rc := range r.rectBuf {
			r.setRect(r.flash.take(), r.textBand(lay, rc, 4), pc, radius)
		}
	}

	if s, e := v.sel.Range(); e > s {
		sc := th.Color(theme.ColorNameSelection, variant)
		r.rectBuf = lay.AppendRectsIn(r.rectBuf[:0], s, e, from, to)
		for _, rc := range r.rectBuf {
			r.setRect(r.selection.take(), rc, sc, 0)
		}
	}
}

// textBand shrinks a line-box rectangle to the text's height plus pad, and
// widens it by pad, for the rounded highlight look.
func (r *pageRenderer) textBand(lay *model.Layout, rc model.Rect, pad float32) model.Rect {
	li := lay.LineAt(rc.Y + 0.5)
	h := min(rc.H, r.textHeight(lay.Lines[li].Face)+pad)
	return model.Rect{X: rc.X - pad/2, Y: rc.Y + (rc.H-h)/2, W: rc.W + pad, H: h}
}

func (r *pageRenderer) setRect(o *canvas.Rectangle, rc model.Rect, c color.Color, radius float32) {
	o.FillColor = c
	o.StrokeWidth = 0
	o.CornerRadius = radius
	o.Move(fyne.NewPos(rc.X, rc.Y))
	o.Resize(fyne.NewSize(rc.W, rc.H))
	canvas.Refresh(o)
}

// textHeight is the height of a rendered line of text in face f.
func (r *pageRenderer) textHeight(f model.Face) float32 {
	if h, ok := r.textH[f]; ok {
		return h
	}
	h := fyne.MeasureText("Mg", f.Size, fyne.TextStyle{Bold: f.Bold, Italic: f.Italic}).Height
	r.textH[f] = h
	return h
}

// snap rounds a text position to whole device pixels: text drawn between
// pixels is resampled and looks blurred.
func (r *pageRenderer) snap(p fyne.Position) fyne.Position {
	scale := float32(1)
	if c := fyne.CurrentApp().Driver().CanvasForObject(r.p); c != nil && c.Scale() > 0 {
		scale = c.Scale()
	}
	round := func(x float32) float32 { return float32(math.Round(float64(x*scale))) / scale }
	return fyne.NewPos(round(p.X), round(p.Y))
}

func (r *pageRenderer) takeText() *canvas.Text {
	if n := len(r.free); n > 0 {
		t := r.free[n-1]
		r.free = r.free[:n-1]
		return t
	}
	return canvas.NewText("", color.Black)
}

func (r *pageRenderer) releaseAll() {
	for li, t := range r.texts {
		delete(r.texts, li)
		r.free = append(r.free, t)
	}
}

// liveObjects returns the number of canvas objects currently drawn.
func (r *pageRenderer) liveObjects() int { return len(r.objects) }
