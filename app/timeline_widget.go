package app

import (
	"fmt"
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"

	"github.com/glossnotes/gloss/notebook/timeline"
)

// timelineCanvas is the Timeline view's drawing: the time axis, one band
// per lane with its marks, the "reported" row, a tooltip. It handles the
// mouse (hover, click, Ctrl+scroll to zoom, scroll and drag to pan) and
// the keyboard (arrows between marks, Enter, + and − to zoom, 0 or Home
// to fit). Drawing is in timeline_render.go, the model in
// timeline_model.go.
type timelineCanvas struct {
	widget.BaseWidget

	data    *tlData
	view    tlView
	viewSet bool    // a viewport was chosen (else fit at the first layout)
	fitted  float64 // the plot width the view was fitted to; 0 once zoomed or panned
	top     float64 // vertical scroll of the lanes area
	built   tlBuilt
	builtW  float64 // the plot width the marks were built for

	hover    int // the mark under the pointer (-1)
	hoverRep int // the reported mark under the pointer (-1)
	sel      int // the selected item (-1)
	focused  bool
	keyTip   bool          // the selected mark's tip shows (after a key press)
	pointer  fyne.Position // last pointer position (widget coordinates)

	// modifiers reports the keyboard modifiers held (Ctrl+scroll zooms);
	// tests replace it.
	modifiers func() fyne.KeyModifier
	// onOpen opens an item's passage; onChoose offers the items merged in
	// a mark (at a position in the widget) to choose from.
	onOpen   func(it timeline.Item)
	onChoose func(items []int, at fyne.Position)
	// onView runs after the viewport changed (zoom or pan).
	onView func()
	// emptyMsg is shown when there is nothing to draw ("" for the
	// default).
	emptyMsg string

	r *timelineRenderer
}

var (
	_ fyne.Tappable     = (*timelineCanvas)(nil)
	_ fyne.Focusable    = (*timelineCanvas)(nil)
	_ fyne.Scrollable   = (*timelineCanvas)(nil)
	_ fyne.Draggable    = (*timelineCanvas)(nil)
	_ desktop.Hoverable = (*timelineCanvas)(nil)
)

func newTimelineCanvas() *timelineCanvas {
	c := &timelineCanvas{hover: -1, hoverRep: -1, sel: -1, data: newTLData(nil, nil)}
	c.modifiers = func() fyne.KeyModifier {
		if d, ok := fyne.CurrentApp().Driver().(desktop.Driver); ok {
			return d.CurrentKeyModifiers()
		}
		return 0
	}
	c.ExtendBaseWidget(c)
	return c
}

// MinSize is part of fyne.Widget.
func (c *timelineCanvas) MinSize() fyne.Size {
	return fyne.NewSize(tlGutter+240, tlAxisH+tlReportedH+60)
}

// CreateRenderer is part of fyne.Widget.
func (c *timelineCanvas) CreateRenderer() fyne.WidgetRenderer {
	c.r = newTimelineRenderer(c)
	return c.r
}

// Geometry of the widget, in its own coordinates.

func (c *timelineCanvas) plotW() float64 {
	return max(float64(c.Size().Width)-tlGutter-tlRightMargin, 1)
}
func (c *timelineCanvas) lanesH() float64 {
	return max(float64(c.Size().Height)-tlAxisH-tlReportedH, 1)
}

// toPlot converts a widget position to plot x and lanes-area y (scroll
// included).
func (c *timelineCanvas) toPlot(p fyne.Position) (x, y float64) {
	return float64(p.X) - tlGutter, float64(p.Y) - tlAxisH + c.top
}

// inReported reports whether widget position p is in the reported row.
func (c *timelineCanvas) inReported(p fyne.Position) bool {
	return float64(p.Y) >= tlAxisH+c.lanesH() && float64(p.X) >= tlGutter
}

// setData shows a new timeline. The viewport is kept (a refresh after a
// change) unless fit is true or nobody zoomed or panned since the last
// fit; the selection follows its item by ID.
func (c *timelineCanvas) setData(d *tlData, fit bool) {
	selID := ""
	if c.sel >= 0 && c.sel < len(c.data.items) {
		selID = c.data.items[c.sel].ID
	}
	c.data = d
	c.sel = -1
	if i, ok := d.byID[selID]; ok {
		c.sel = i
	}
	c.hover, c.hoverRep = -1, -1
	if fit || !c.viewSet || c.fitted > 0 {
		c.fit()
		return
	}
	c.view = d.clamp(c.view, c.plotW())
	c.top = c.clampTop(c.top)
	c.Refresh()
}

// fit shows all the data.
func (c *timelineCanvas) fit() {
	c.view = c.data.fit(c.plotW())
	c.viewSet = c.Size().Width > 0
	c.fitted = c.plotW()
	c.top = 0
	c.changedView()
}

// zoomAt zooms by factor around plot position x.
func (c *timelineCanvas) zoomAt(factor, x float64) {
	c.view = c.data.zoom(c.view, factor, x, c.plotW())
	c.viewSet, c.fitted = true, 0
	c.changedView()
}

// zoomCentre zooms around the selected mark when it is shown, else the
// middle of the plot.
func (c *timelineCanvas) zoomCentre(factor float64) {
	x := c.plotW() / 2
	if m := c.selMark(); m >= 0 {
		mk := c.built.marks[m]
		x = float64(mk.x0+mk.x1) / 2
	}
	c.zoomAt(factor, x)
}

// pan moves the view by dx plot units (positive: later) and the lanes by
// dy units (positive: down).
func (c *timelineCanvas) pan(dx, dy float64) {
	c.view.start += dx * c.view.dpp
	c.view = c.data.clamp(c.view, c.plotW())
	c.top = c.clampTop(c.top + dy)
	c.viewSet = true
	if dx != 0 {
		c.fitted = 0
	}
	c.changedView()
}

func (c *timelineCanvas) clampTop(top float64) float64 {
	return max(0, min(top, c.data.height-c.lanesH()))
}

func (c *timelineCanvas) changedView() {
	c.hover, c.hoverRep = -1, -1
	c.Refresh()
	if c.onView != nil {
		c.onView()
	}
}

// rebuild computes the marks of the current viewport.
func (c *timelineCanvas) rebuild() {
	c.builtW = c.plotW()
	c.data.build(&c.built, c.view, c.builtW, c.top, c.lanesH())
}

// selMark is the mark of the selected item, or -1.
func (c *timelineCanvas) selMark() int {
	if c.sel < 0 {
		return -1
	}
	return c.built.markOf(c.sel)
}

// selectItem selects item i; with reveal, the view moves to show it.
func (c *timelineCanvas) selectItem(i int, reveal bool) {
	c.sel = i
	if reveal && i >= 0 && i < len(c.data.items) {
		w := c.plotW()
		s, e := c.data.start[i], min(c.data.end[i], c.data.start[i]+c.view.dpp*w/2)
		c.view.start = (s+e)/2 - c.view.dpp*w/2
		c.view = c.data.clamp(c.view, w)
		c.fitted = 0
		y := c.data.rowY[c.data.row[i]]
		if y-c.top < tlRowH || y-c.top > c.lanesH()-tlRowH {
			c.top = c.clampTop(y - c.lanesH()/2)
		}
		c.changedView()
		return
	}
	c.Refresh()
}

// step moves the selection to the next mark: in time (dir ±1, beyond the
// view when none is left in it) or to the row above or below (±2).
func (c *timelineCanvas) step(dir int) {
	b := &c.built
	cur := c.selMark()
	if n := b.neighbour(cur, dir); n >= 0 {
		c.selectItem(int(b.marks[n].first), false)
		return
	}
	if (dir != 1 && dir != -1) || len(c.data.items) == 0 {
		return
	}
	i := c.sel
	if i < 0 {
		i = b.lo
	}
	for j := i + dir; j >= 0 && j < len(c.data.items); j += dir {
		if b.markOf(j) == -1 {
			c.selectItem(j, true)
			return
		}
	}
}

// activate opens the selected mark: its item, or the choice of the items
// merged in it.
func (c *timelineCanvas) activate(m int) {
	if m < 0 || m >= len(c.built.marks) {
		return
	}
	mk := c.built.marks[m]
	if mk.n == 1 {
		c.sel = int(mk.first)
		c.Refresh()
		if c.onOpen != nil {
			c.onOpen(c.data.items[mk.first])
		}
		return
	}
	if c.onChoose != nil {
		at := fyne.NewPos(float32(tlGutter)+mk.x0, float32(tlAxisH-c.top)+mk.y+tlMarkH)
		c.onChoose(c.data.members(&c.built, m, tlChooseMax), at)
	}
}

// tlChooseMax is the number of merged items a click offers at most.
const tlChooseMax = 25

// Tapped is part of fyne.Tappable: a click opens the mark under it.
func (c *timelineCanvas) Tapped(ev *fyne.PointEvent) {
	if cv := fyne.CurrentApp().Driver().CanvasForObject(c); cv != nil {
		cv.Focus(c)
	}
	if c.inReported(ev.Position) {
		if r := c.built.hitReported(ev.Position.X - tlGutter); r >= 0 {
			c.sel = int(c.built.reported[r].first)
			c.activate(c.selMark())
		}
		return
	}
	x, y := c.toPlot(ev.Position)
	c.activate(c.built.hit(float32(x), float32(y)))
}

// Scrolled is part of fyne.Scrollable: Ctrl+scroll zooms around the
// pointer, Shift+scroll moves the lanes up and down, scrolling pans.
func (c *timelineCanvas) Scrolled(ev *fyne.ScrollEvent) {
	mods := c.modifiers()
	dx, dy := float64(ev.Scrolled.DX), float64(ev.Scrolled.DY)
	switch {
	case mods&(fyne.KeyModifierControl|fyne.KeyModifierSuper) != 0:
		x, _ := c.toPlot(ev.Position)
		c.zoomAt(math.Pow(1.25, dy/25), x)
	case mods&fyne.KeyModifierShift != 0:
		c.pan(0, -dy-dx)
	case dx != 0:
		c.pan(-dx*2, 0)
	default:
		c.pan(-dy*2, 0)
	}
}

// Dragged is part of fyne.Draggable: dragging pans.
func (c *timelineCanvas) Dragged(ev *fyne.DragEvent) {
	c.pan(-float64(ev.Dragged.DX), -float64(ev.Dragged.DY))
}

// DragEnd is part of fyne.Draggable.
func (c *timelineCanvas) DragEnd() {}

// MouseIn is part of desktop.Hoverable.
func (c *timelineCanvas) MouseIn(ev *desktop.MouseEvent) { c.MouseMoved(ev) }

// MouseMoved is part of desktop.Hoverable: the mark under the pointer
// shows its tooltip.
func (c *timelineCanvas) MouseMoved(ev *desktop.MouseEvent) {
	c.pointer = ev.Position
	c.keyTip = false
	hover, rep := -1, -1
	if c.inReported(ev.Position) {
		rep = c.built.hitReported(ev.Position.X - tlGutter)
	} else if float64(ev.Position.X) >= tlGutter && float64(ev.Position.Y) >= tlAxisH {
		x, y := c.toPlot(ev.Position)
		hover = c.built.hit(float32(x), float32(y))
	}
	if hover != c.hover || rep != c.hoverRep {
		c.hover, c.hoverRep = hover, rep
		if c.r != nil {
			c.r.updateOverlay()
		}
	}
}

// MouseOut is part of desktop.Hoverable.
func (c *timelineCanvas) MouseOut() {
	c.hover, c.hoverRep, c.keyTip = -1, -1, false
	if c.r != nil {
		c.r.updateOverlay()
	}
}

// FocusGained is part of fyne.Focusable.
func (c *timelineCanvas) FocusGained() {
	c.focused = true
	if c.sel < 0 && len(c.built.marks) > 0 {
		c.sel = int(c.built.marks[0].first)
	}
	c.Refresh()
}

// FocusLost is part of fyne.Focusable.
func (c *timelineCanvas) FocusLost() {
	c.focused = false
	c.Refresh()
}

// TypedRune is part of fyne.Focusable: + and − zoom, 0 fits.
func (c *timelineCanvas) TypedRune(r rune) {
	switch r {
	case '+', '=':
		c.zoomCentre(tlZoomStep)
	case '-', '_':
		c.zoomCentre(1 / tlZoomStep)
	case '0':
		c.fit()
	}
}

// tlZoomStep is the zoom factor of a key press or button.
const tlZoomStep = 1.5

// TypedKey is part of fyne.Focusable: arrows move between marks, Enter
// opens, Home fits, Page Up/Down scroll the lanes.
func (c *timelineCanvas) TypedKey(ev *fyne.KeyEvent) {
	c.keyTip = true
	switch ev.Name {
	case fyne.KeyRight:
		c.step(1)
	case fyne.KeyLeft:
		c.step(-1)
	case fyne.KeyDown:
		c.step(2)
	case fyne.KeyUp:
		c.step(-2)
	case fyne.KeyReturn, fyne.KeyEnter, fyne.KeySpace:
		c.activate(c.selMark())
	case fyne.KeyHome:
		c.fit()
	case fyne.KeyPageDown:
		c.pan(0, c.lanesH()*0.8)
	case fyne.KeyPageUp:
		c.pan(0, -c.lanesH()*0.8)
	}
}

// tipLines is the tooltip of the hovered mark (or, with the keyboard,
// the selected one): the quote, the date and its evidence, the article.
func (c *timelineCanvas) tipLines() []string {
	d := c.data
	if c.hoverRep >= 0 && c.hoverRep < len(c.built.reported) {
		r := c.built.reported[c.hoverRep]
		it := &d.items[r.first]
		lines := []string{"Reported " + it.Published.Format("2 Jan 2006") + ": " + tlClip(it.Title, 70)}
		if r.n > 1 {
			lines = append(lines, fmt.Sprintf("and %d more reports here", r.n-1))
		}
		return lines
	}
	m := c.hover
	if m < 0 && c.focused && c.keyTip {
		m = c.selMark()
	}
	if m < 0 || m >= len(c.built.marks) {
		return nil
	}
	mk := c.built.marks[m]
	i := int(mk.first)
	if c.hover < 0 && c.sel >= 0 {
		i = c.sel
	}
	it := &d.items[i]
	var lines []string
	if mk.n > 1 {
		lines = append(lines, fmt.Sprintf("%d highlights here (click to choose; zoom in to separate them)", mk.n))
	}
	lines = append(lines, tlWrap("“"+tlOneLine(it.Quote)+"”", 80, 2)...)
	when := periodText(it)
	if it.Evidence != "" {
		when += " — from “" + tlClip(tlOneLine(it.Evidence), 40) + "”"
	}
	if it.UserSet {
		when += " (set by hand)"
	}
	lines = append(lines, when)
	src := tlClip(it.Title, 60)
	if it.Outlet != "" {
		src += " · " + tlClip(it.Outlet, 30)
	}
	if it.PubKnown {
		src += " · published " + it.Published.Format("2 Jan 2006")
	}
	return append(lines, src)
}

// periodText says when an item's event was, at its precision.
func periodText(it *timeline.Item) string {
	s := it.Start
	switch {
	case it.End.IsZero():
		return "since " + s.Format("2 Jan 2006")
	case it.Precision == "day" || it.End.Equal(s):
		return s.Format("Mon 2 Jan 2006")
	case it.Precision == "month":
		return s.Format("January 2006")
	case it.Precision == "year":
		return s.Format("2006")
	case it.Precision == "decade":
		return s.Format("2006") + "s"
	}
	return s.Format("2 Jan 2006") + " – " + it.End.Format("2 Jan 2006")
}

// emptyText is what an empty timeline says.
func (c *timelineCanvas) emptyText() string {
	if c.emptyMsg != "" {
		return c.emptyMsg
	}
	return "No dated highlights in this scope."
}
