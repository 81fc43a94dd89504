package app

import (
	"image/color"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"

	"github.com/glossnotes/gloss/app/articleview"
	"github.com/glossnotes/gloss/notebook/timeline"
)

// tlRightMargin is the space right of the plot.
const tlRightMargin = 14

// timelineRenderer draws a timelineCanvas: only what the viewport shows,
// reusing its canvas objects from one frame to the next (each kind in a
// pool that grows to the largest frame drawn). Colours come from the
// theme at every refresh, so a theme switch redraws in the new colours.
type timelineRenderer struct {
	c       *timelineCanvas
	bg      *canvas.Rectangle
	repBg   *canvas.Rectangle
	axis    *canvas.Line
	repLine *canvas.Line
	repName *canvas.Text
	empty   *canvas.Text

	bands     []*canvas.Rectangle
	laneNames []*canvas.Text
	tickLines []*canvas.Line
	tickNames []*canvas.Text
	links     []*canvas.Line
	marks     []*canvas.Rectangle
	fades     []*canvas.LinearGradient
	counts    []*canvas.Text
	reps      []*canvas.Rectangle
	repCounts []*canvas.Text

	// The overlay: the selection ring, the hovered mark's link to its
	// report, the tooltip.
	ring      *canvas.Rectangle
	hoverLink *canvas.Line
	tipBg     *canvas.Rectangle
	tipTexts  [5]*canvas.Text

	objects  []fyne.CanvasObject
	overlayN int // objects[len-overlayN:] are the overlay
	colors   map[string]color.Color
}

func newTimelineRenderer(c *timelineCanvas) *timelineRenderer {
	r := &timelineRenderer{c: c, bg: canvas.NewRectangle(color.Transparent), repBg: canvas.NewRectangle(color.Transparent),
		axis: canvas.NewLine(color.Transparent), repLine: canvas.NewLine(color.Transparent),
		repName: canvas.NewText("Reported", color.Transparent), empty: canvas.NewText("", color.Transparent),
		ring: canvas.NewRectangle(color.Transparent), hoverLink: canvas.NewLine(color.Transparent),
		tipBg: canvas.NewRectangle(color.Transparent), colors: map[string]color.Color{}}
	r.ring.StrokeWidth = 2
	r.hoverLink.StrokeWidth = 1.5
	r.tipBg.StrokeWidth = 1
	r.tipBg.CornerRadius = 4
	for i := range r.tipTexts {
		r.tipTexts[i] = canvas.NewText("", color.Transparent)
	}
	r.update()
	return r
}

// Layout is part of fyne.WidgetRenderer.
func (r *timelineRenderer) Layout(fyne.Size) { r.update() }

// MinSize is part of fyne.WidgetRenderer.
func (r *timelineRenderer) MinSize() fyne.Size { return r.c.MinSize() }

// Refresh is part of fyne.WidgetRenderer.
func (r *timelineRenderer) Refresh() { r.update() }

// Objects is part of fyne.WidgetRenderer.
func (r *timelineRenderer) Objects() []fyne.CanvasObject { return r.objects }

// Destroy is part of fyne.WidgetRenderer.
func (r *timelineRenderer) Destroy() {}

// tlTake returns the i-th object of a pool, making it when the pool is
// shorter.
func tlTake[T any](pool *[]*T, i int, mk func() *T) *T {
	for len(*pool) <= i {
		*pool = append(*pool, mk())
	}
	return (*pool)[i]
}

func newTLText() *canvas.Text { return canvas.NewText("", color.Transparent) }
func newTLRect() *canvas.Rectangle {
	return canvas.NewRectangle(color.Transparent)
}
func newTLLine() *canvas.Line { return canvas.NewLine(color.Transparent) }
func newTLFade() *canvas.LinearGradient {
	return canvas.NewHorizontalGradient(color.Transparent, color.Transparent)
}

// tlSetText updates a text, refreshing it only when it changed (text
// objects are cached as textures).
func tlSetText(t *canvas.Text, s string, c color.Color, size float32, bold bool) {
	if t.Text == s && t.Color == c && t.TextSize == size && t.TextStyle.Bold == bold {
		return
	}
	t.Text, t.Color, t.TextSize, t.TextStyle.Bold = s, c, size, bold
	canvas.Refresh(t)
}

// tlPlace moves and sizes an object.
func tlPlace(o fyne.CanvasObject, x, y, w, h float32) {
	o.Move(fyne.NewPos(x, y))
	o.Resize(fyne.NewSize(w, h))
}

// markColor is a highlight colour, opaque (a mark is small: the reader's
// translucent tints would be too faint).
func (r *timelineRenderer) markColor(name string, th fyne.Theme, v fyne.ThemeVariant) color.Color {
	if c, ok := r.colors[name]; ok {
		return c
	}
	c := th.Color(articleview.ColorName(name), v)
	if _, _, _, a := c.RGBA(); a == 0 {
		c = articleview.HighlightColor(name, v)
	}
	n := color.NRGBAModel.Convert(c).(color.NRGBA)
	n.A = 0xff
	r.colors[name] = n
	return n
}

// tlAlpha is c at alpha a (0..1).
func tlAlpha(c color.Color, a float64) color.Color {
	n := color.NRGBAModel.Convert(c).(color.NRGBA)
	n.A = uint8(max(0, min(255, float64(n.A)*a)))
	return n
}

// update builds the frame for the current size, viewport and theme.
func (r *timelineRenderer) update() {
	c := r.c
	size := c.Size()
	if size.Width > 0 && (!c.viewSet || c.fitted > 0 && c.fitted != c.plotW()) {
		// The first layout, or a resize of a view nobody zoomed: fit.
		c.view = c.data.fit(c.plotW())
		c.viewSet, c.fitted = true, c.plotW()
	}
	c.rebuild()
	if c.focused && c.sel < 0 && len(c.built.marks) > 0 {
		c.sel = int(c.built.marks[0].first) // the keyboard starts at the first mark
	}
	th := c.Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	clear(r.colors)
	fg := th.Color(theme.ColorNameForeground, v)
	muted := th.Color(theme.ColorNameDisabled, v)
	sep := th.Color(theme.ColorNameSeparator, v)
	bgc := th.Color(theme.ColorNameBackground, v)
	band := th.Color(theme.ColorNameInputBackground, v)
	caption := th.Size(theme.SizeNameCaptionText)
	W, H := size.Width, size.Height
	plotL, plotR := float32(tlGutter), W-tlRightMargin
	lanesT, lanesB := float32(tlAxisH), H-tlReportedH
	top := float32(c.top)
	d := c.data

	r.objects = r.objects[:0]
	r.bg.FillColor = bgc
	tlPlace(r.bg, 0, 0, W, H)
	r.repBg.FillColor = band
	tlPlace(r.repBg, 0, lanesB, W, tlReportedH)
	r.objects = append(r.objects, r.bg, r.repBg)

	// Lane bands, every other one tinted.
	nb := 0
	for li := range d.lanes {
		ln := &d.lanes[li]
		y0, y1 := lanesT+float32(ln.top)-top, lanesT+float32(ln.top+ln.height)-top
		if y1 < lanesT || y0 > lanesB {
			continue
		}
		if li%2 == 1 {
			b := tlTake(&r.bands, nb, newTLRect)
			nb++
			b.FillColor = band
			tlPlace(b, 0, max(y0, lanesT), W, min(y1, lanesB)-max(y0, lanesT))
			r.objects = append(r.objects, b)
		}
	}
	// Ticks: lines across the lanes, labels in the axis.
	nt := 0
	if len(d.items) > 0 {
		from, to := c.view.day(0), c.view.day(c.builtW)
		ticks := timeline.Ticks(dayTime(math.Floor(from)), dayTime(math.Floor(to)), int(c.builtW))
		for _, tk := range ticks {
			x := plotL + float32(c.view.x(dayNum(tk.At)))
			if x < plotL || x > plotR {
				continue
			}
			ln := tlTake(&r.tickLines, nt, newTLLine)
			tx := tlTake(&r.tickNames, nt, newTLText)
			nt++
			ln.StrokeColor, ln.StrokeWidth = sep, 1
			if tk.Major {
				ln.StrokeColor, ln.StrokeWidth = tlAlpha(muted, 0.6), 1
			}
			ln.Position1, ln.Position2 = fyne.NewPos(x, lanesT-8), fyne.NewPos(x, lanesB)
			col := muted
			if tk.Major {
				col = fg
			}
			tlSetText(tx, tk.Label, col, caption, tk.Major)
			tx.Move(fyne.NewPos(x+3, 6))
			r.objects = append(r.objects, ln)
			if x+3+fyne.MeasureText(tk.Label, caption, tx.TextStyle).Width <= W {
				r.objects = append(r.objects, tx) // not a label cut by the edge
			}
		}
	}
	r.axis.StrokeColor, r.axis.StrokeWidth = muted, 1
	r.axis.Position1, r.axis.Position2 = fyne.NewPos(plotL, lanesT-1), fyne.NewPos(plotR, lanesT-1)
	r.repLine.StrokeColor, r.repLine.StrokeWidth = sep, 1
	r.repLine.Position1, r.repLine.Position2 = fyne.NewPos(0, lanesB), fyne.NewPos(W, lanesB)
	r.objects = append(r.objects, r.axis, r.repLine)

	b := &c.built
	repY := lanesB + tlReportedH/2
	// Links from each event to its report, faint (when not too many).
	nl := 0
	linkCol := tlAlpha(muted, 0.45)
	for _, l := range b.links {
		y0 := lanesT + l.y0 - top
		if y0 < lanesT || y0 > lanesB {
			continue
		}
		x0, x1 := plotL+l.x0, plotL+l.x1
		p0, p1, ok := clipSegment(x0, y0, x1, repY, plotL, plotR)
		if !ok {
			continue
		}
		ln := tlTake(&r.links, nl, newTLLine)
		nl++
		ln.StrokeColor, ln.StrokeWidth = linkCol, 1
		ln.Position1, ln.Position2 = p0, p1
		r.objects = append(r.objects, ln)
	}
	// Marks, with counts where several are merged and there is room.
	nm, nf, nc := 0, 0, 0
	for mi := range b.marks {
		m := &b.marks[mi]
		y := lanesT + m.y - top
		if y-tlMarkH/2 < lanesT || y+tlMarkH/2 > lanesB {
			continue
		}
		col := r.markColor(d.items[m.first].Color, th, v)
		x0, x1 := plotL+m.x0, plotL+m.x1
		cx0, cx1 := max(x0, plotL-1), min(x1, plotR+1)
		if m.kind == tlOpen && m.n == 1 {
			// A cap at the start, then a bar fading to the open end.
			full := float64(x1 - x0)
			a0 := 1 - 0.85*float64(cx0-x0)/full
			a1 := 1 - 0.85*float64(cx1-x0)/full
			f := tlTake(&r.fades, nf, newTLFade)
			nf++
			sc, ec := tlAlpha(col, a0), tlAlpha(col, a1)
			if f.StartColor != sc || f.EndColor != ec {
				f.StartColor, f.EndColor = sc, ec
				canvas.Refresh(f)
			}
			tlPlace(f, cx0, y-tlMarkH/2+1, cx1-cx0, tlMarkH-2)
			r.objects = append(r.objects, f)
			if x0 >= plotL {
				cap := tlTake(&r.marks, nm, newTLRect)
				nm++
				cap.FillColor, cap.StrokeWidth, cap.CornerRadius = col, 0, 1
				tlPlace(cap, x0, y-tlMarkH/2, 3, tlMarkH)
				r.objects = append(r.objects, cap)
			}
			continue
		}
		rc := tlTake(&r.marks, nm, newTLRect)
		nm++
		rc.FillColor = col
		rc.StrokeWidth = 0
		rc.CornerRadius = 2
		if m.kind == tlDot || m.n > 1 {
			rc.CornerRadius = tlMarkH / 2
		}
		if m.n > 1 {
			rc.StrokeColor, rc.StrokeWidth = tlAlpha(fg, 0.55), 1
		}
		tlPlace(rc, cx0, y-tlMarkH/2, max(cx1-cx0, 2), tlMarkH)
		r.objects = append(r.objects, rc)
		if m.n > 1 {
			s := strconv.Itoa(int(m.n))
			if m.gap >= float32(7*len(s)+3) && x1+2 < plotR {
				t := tlTake(&r.counts, nc, newTLText)
				nc++
				tlSetText(t, s, fg, caption-2, false)
				t.Move(fyne.NewPos(x1+2, y-tlMarkH/2-3))
				r.objects = append(r.objects, t)
			}
		}
	}
	// The reported row.
	nr, nrc := 0, 0
	for ri := range b.reported {
		rp := &b.reported[ri]
		x := plotL + rp.x
		if x < plotL || x > plotR {
			continue
		}
		rc := tlTake(&r.reps, nr, newTLRect)
		nr++
		rc.FillColor, rc.StrokeColor, rc.StrokeWidth, rc.CornerRadius = bgc, fg, 1.5, 1
		tlPlace(rc, x-4, repY-4, 8, 8)
		r.objects = append(r.objects, rc)
		if rp.n > 1 && (ri+1 == len(b.reported) || b.reported[ri+1].x-rp.x > float32(7*len(strconv.Itoa(int(rp.n)))+8)) {
			t := tlTake(&r.repCounts, nrc, newTLText)
			nrc++
			tlSetText(t, strconv.Itoa(int(rp.n)), fg, caption-2, false)
			t.Move(fyne.NewPos(x+5, repY-tlMarkH-4))
			r.objects = append(r.objects, t)
		}
	}
	// The gutter: lane names over a plain background.
	gut := tlTake(&r.bands, nb, newTLRect)
	nb++
	gut.FillColor = bgc
	tlPlace(gut, 0, lanesT, plotL-4, lanesB-lanesT)
	r.objects = append(r.objects, gut)
	nn := 0
	for li := range d.lanes {
		ln := &d.lanes[li]
		y0, y1 := lanesT+float32(ln.top)-top, lanesT+float32(ln.top+ln.height)-top
		if y1 < lanesT+8 || y0 > lanesB {
			continue
		}
		if li%2 == 1 {
			bb := tlTake(&r.bands, nb, newTLRect)
			nb++
			bb.FillColor = band
			tlPlace(bb, 0, max(y0, lanesT), plotL-4, min(y1, lanesB)-max(y0, lanesT))
			r.objects = append(r.objects, bb)
		}
		t := tlTake(&r.laneNames, nn, newTLText)
		nn++
		tlSetText(t, tlClip(ln.name, 20), fg, caption, false)
		t.Move(fyne.NewPos(8, max(y0, lanesT)+tlLanePad-1))
		r.objects = append(r.objects, t)
	}
	tlSetText(r.repName, "Reported", muted, caption, true)
	r.repName.Move(fyne.NewPos(8, repY-caption/2-2))
	r.objects = append(r.objects, r.repName)
	if len(d.items) == 0 {
		tlSetText(r.empty, c.emptyText(), muted, th.Size(theme.SizeNameText), false)
		ms := fyne.MeasureText(r.empty.Text, r.empty.TextSize, r.empty.TextStyle)
		r.empty.Move(fyne.NewPos(max(8, (W-ms.Width)/2), lanesT+20))
		r.objects = append(r.objects, r.empty)
	}
	// The overlay, always last.
	r.objects = append(r.objects, r.ring, r.hoverLink, r.tipBg)
	for _, t := range r.tipTexts {
		r.objects = append(r.objects, t)
	}
	r.overlayN = 3 + len(r.tipTexts)
	r.updateOverlay()
	canvas.Refresh(r.bg)
}

// updateOverlay draws the selection ring, the hovered mark's link and the
// tooltip (after a hover, without rebuilding the marks).
func (r *timelineRenderer) updateOverlay() {
	c := r.c
	th := c.Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	size := c.Size()
	lanesT, lanesB := float32(tlAxisH), size.Height-tlReportedH
	plotL, plotR := float32(tlGutter), size.Width-tlRightMargin
	top := float32(c.top)
	b := &c.built
	markBox := func(m int) (x0, y0, x1, y1 float32, ok bool) {
		if m < 0 || m >= len(b.marks) {
			return 0, 0, 0, 0, false
		}
		mk := &b.marks[m]
		y := lanesT + mk.y - top
		if y-tlMarkH/2 < lanesT || y+tlMarkH/2 > lanesB {
			return 0, 0, 0, 0, false
		}
		return max(plotL+mk.x0, plotL), y - tlMarkH/2, min(plotL+mk.x1, plotR), y + tlMarkH/2, true
	}
	primary := th.Color(theme.ColorNamePrimary, v)
	r.ring.Hide()
	if x0, y0, x1, y1, ok := markBox(c.selMark()); ok {
		r.ring.FillColor, r.ring.StrokeColor = color.Transparent, primary
		r.ring.CornerRadius = tlMarkH/2 + 3
		tlPlace(r.ring, x0-4, y0-4, x1-x0+8, y1-y0+8)
		r.ring.Show()
	}
	r.hoverLink.Hide()
	lm := c.hover
	if lm < 0 && c.focused && c.keyTip {
		lm = c.selMark()
	}
	if x0, y0, x1, _, ok := markBox(lm); ok {
		it := &c.data.items[b.marks[lm].first]
		if it.PubKnown {
			px := plotL + float32(c.view.x(dayNum(it.Published)+0.5))
			sx := (x0 + x1) / 2
			if b.marks[lm].kind != tlDot {
				sx = x0 // the bar's start, or its left edge on screen
			}
			if p0, p1, ok := clipSegment(sx, y0+tlMarkH/2, px, lanesB+tlReportedH/2, plotL, plotR); ok {
				r.hoverLink.StrokeColor = primary
				r.hoverLink.Position1, r.hoverLink.Position2 = p0, p1
				r.hoverLink.Show()
			}
		}
	}
	// The tooltip, near the pointer (or the selected mark).
	lines := c.tipLines()
	r.tipBg.Hide()
	for _, t := range r.tipTexts {
		t.Hide()
	}
	if len(lines) > 0 {
		fg := th.Color(theme.ColorNameForeground, v)
		sz := th.Size(theme.SizeNameCaptionText) + 1
		lineH := sz + 4
		w := float32(0)
		n := min(len(lines), len(r.tipTexts))
		for i := 0; i < n; i++ {
			t := r.tipTexts[i]
			tlSetText(t, lines[i], fg, sz, i == 0 && strings.HasSuffix(lines[0], "separate them)"))
			w = max(w, fyne.MeasureText(t.Text, t.TextSize, t.TextStyle).Width)
		}
		w += 16
		h := float32(n)*lineH + 10
		at := c.pointer
		if c.hover < 0 && c.hoverRep < 0 {
			if x0, _, _, y1, ok := markBox(c.selMark()); ok {
				at = fyne.NewPos(x0, y1)
			}
		}
		x, y := at.X+14, at.Y+16
		if x+w > size.Width {
			x = max(0, size.Width-w-2)
		}
		if y+h > size.Height {
			y = max(0, at.Y-h-8)
		}
		r.tipBg.FillColor = th.Color(theme.ColorNameOverlayBackground, v)
		r.tipBg.StrokeColor = th.Color(theme.ColorNameSeparator, v)
		tlPlace(r.tipBg, x, y, w, h)
		r.tipBg.Show()
		for i := 0; i < n; i++ {
			r.tipTexts[i].Move(fyne.NewPos(x+8, y+5+float32(i)*lineH))
			r.tipTexts[i].Show()
		}
	}
	for _, o := range r.objects[len(r.objects)-r.overlayN:] {
		canvas.Refresh(o)
	}
}

// clipSegment cuts the segment (x0,y0)-(x1,y1) to x in [left, right];
// ok is false when nothing of it is left.
func clipSegment(x0, y0, x1, y1, left, right float32) (p0, p1 fyne.Position, ok bool) {
	if (x0 < left && x1 < left) || (x0 > right && x1 > right) {
		return p0, p1, false
	}
	at := func(x float32) float32 {
		if x1 == x0 {
			return y0
		}
		return y0 + (y1-y0)*(x-x0)/(x1-x0)
	}
	cx0, cx1 := max(left, min(right, x0)), max(left, min(right, x1))
	return fyne.NewPos(cx0, at(cx0)), fyne.NewPos(cx1, at(cx1)), true
}

// tlClip cuts s to n runes with an ellipsis.
func tlClip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return strings.TrimSpace(string(r[:n-1])) + "…"
}

// tlOneLine is s with its runs of white space made one space.
func tlOneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// tlWrap splits s at word boundaries into lines of at most width runes,
// at most n lines (the last cut with an ellipsis).
func tlWrap(s string, width, n int) []string {
	var lines []string
	cur := ""
	words := strings.Fields(s)
	for i, w := range words {
		switch {
		case cur == "":
			cur = w
		case utf8.RuneCountInString(cur)+1+utf8.RuneCountInString(w) <= width:
			cur += " " + w
		default:
			lines = append(lines, cur)
			cur = w
			if len(lines) == n-1 {
				cur = strings.Join(words[i:], " ")
				return append(lines, tlClip(cur, width))
			}
		}
	}
	if cur != "" {
		lines = append(lines, tlClip(cur, width))
	}
	return lines
}
