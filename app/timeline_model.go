package app

import (
	"cmp"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/glossnotes/gloss/notebook/timeline"
)

// The Timeline view's model (issue 18): the dated highlights of a scope
// as plain numbers, and the marks one viewport shows. It knows no Fyne
// types, so that it is tested and benchmarked without a window.
//
// Time is measured in days since 1970-01-01 (float64, fractional days
// allowed); the viewport maps it to pixels with a start day and a number
// of days per pixel. Only the items that overlap the viewport are
// visited, and marks that would fall on the same few pixels of one row
// are merged into one mark with a count, so a view of 100,000 highlights
// draws at most a few marks per pixel column and row.

// Drawing sizes of the timeline, in Fyne units.
const (
	tlGutter    = 150 // lane labels at the left
	tlAxisH     = 34  // the axis at the top
	tlRowH      = 16  // one row of marks
	tlLanePad   = 5   // above and below a lane's rows
	tlReportedH = 34  // the "reported" row at the bottom
	tlMarkH     = 9   // height of a bar, diameter of a dot
	tlCell      = 7   // marks closer than this on one row are merged
	tlMaxRows   = 4   // rows per lane at most; overlapping marks beyond are merged
	tlMaxLinks  = 600 // "reported" links drawn at most (else only the selected one's)
)

// Zoom limits: a day is at most tlMaxDayPx wide; at least a decade (or
// all the data) fits when zoomed out.
const (
	tlMaxDayPx   = 480.0
	tlMinSpanDay = 3652.5
)

// tlKind is how a mark is drawn.
type tlKind uint8

const (
	tlDot  tlKind = iota // a day: a dot
	tlBar                // a period: a bar spanning it
	tlOpen               // an open period: a bar fading towards its open end
)

// tlLane is one lane: a group of rows named at the left.
type tlLane struct {
	name     string
	rows     int     // rows used (1..tlMaxRows)
	firstRow int     // index of its first row among all rows
	top      float64 // top of its band, in units from the top of the lanes area
	height   float64
}

// tlData is a loaded timeline: the dated items in chronological order
// and, per item, what drawing needs.
type tlData struct {
	items   []timeline.Item
	undated []timeline.Item
	start   []float64 // first day (day number)
	end     []float64 // end of the last day (exclusive); open: the data's end
	pub     []float64 // publication day; NaN when unknown
	row     []int32   // global row index (lanes' rows numbered top to bottom)
	lane    []int32
	kind    []tlKind
	lanes   []tlLane
	rowY    []float64 // centre of each global row, from the top of the lanes area
	height  float64   // of all lanes
	from    float64   // first day of the data (events and publication dates)
	to      float64   // end of the data's last day
	maxLen  float64   // the longest item, in days
	byID    map[string]int
}

// dayNum is t's day number (midnight UTC of its day).
func dayNum(t time.Time) float64 {
	y, m, d := t.Date()
	return float64(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix()) / 86400
}

// dayTime is the time at day number d.
func dayTime(d float64) time.Time {
	return time.Unix(int64(math.Floor(d*86400)), 0).UTC()
}

// laneOrder sorts lane names: alphabetically, ignoring case, with the
// placeholders ("(untagged)", "(no outlet)") last.
func laneOrder(a, b string) int {
	pa, pb := strings.HasPrefix(a, "("), strings.HasPrefix(b, "(")
	if pa != pb {
		if pa {
			return 1
		}
		return -1
	}
	if c := cmp.Compare(strings.ToLower(a), strings.ToLower(b)); c != 0 {
		return c
	}
	return cmp.Compare(a, b)
}

// newTLData prepares dated items (in the chronological order
// Notebook.Timeline returns) and the undated ones for drawing: day
// numbers, lanes, and a row per item in its lane so that marks of
// overlapping periods do not cover each other (up to tlMaxRows rows; more
// overlap, and are merged when drawn). It sorts items that are not in
// order. O(n log n).
func newTLData(dated, undated []timeline.Item) *tlData {
	if !slices.IsSortedFunc(dated, func(a, b timeline.Item) int { return a.Start.Compare(b.Start) }) {
		timeline.Sort(dated)
	}
	n := len(dated)
	d := &tlData{items: dated, undated: undated,
		start: make([]float64, n), end: make([]float64, n), pub: make([]float64, n),
		row: make([]int32, n), lane: make([]int32, n), kind: make([]tlKind, n), byID: make(map[string]int, n)}
	d.from, d.to = math.Inf(1), math.Inf(-1)
	laneIdx := map[string]int32{}
	var names []string
	for i := range dated {
		it := &dated[i]
		d.byID[it.ID] = i
		s := dayNum(it.Start)
		d.start[i] = s
		switch {
		case it.End.IsZero():
			d.kind[i] = tlOpen
			d.end[i] = s + 1
		default:
			e := max(dayNum(it.End)+1, s+1)
			d.end[i] = e
			if it.Precision == "day" || e-s <= 1 {
				d.kind[i] = tlDot
			} else {
				d.kind[i] = tlBar
			}
		}
		d.pub[i] = math.NaN()
		if it.PubKnown {
			d.pub[i] = dayNum(it.Published)
			d.from, d.to = min(d.from, d.pub[i]), max(d.to, d.pub[i]+1)
		}
		d.from, d.to = min(d.from, s), max(d.to, d.end[i])
		if _, ok := laneIdx[it.Lane]; !ok {
			laneIdx[it.Lane] = 0
			names = append(names, it.Lane)
		}
	}
	if n == 0 {
		d.from, d.to = 0, 1
	}
	// Open periods run to the end of the data.
	for i := range dated {
		if d.kind[i] == tlOpen {
			d.end[i] = max(d.to, d.start[i]+1)
		}
		d.maxLen = max(d.maxLen, d.end[i]-d.start[i])
	}
	slices.SortFunc(names, laneOrder)
	for i, name := range names {
		laneIdx[name] = int32(i)
	}
	d.lanes = make([]tlLane, len(names))
	for i, name := range names {
		d.lanes[i].name = name
	}
	// Rows, lane by lane: each item goes on the first row that is free by
	// the item's start, else on a new row, else (all tlMaxRows taken) on
	// the row that frees the earliest.
	freeAt := make([][tlMaxRows]float64, len(names))
	for i := range dated {
		li := laneIdx[dated[i].Lane]
		d.lane[i] = li
		ln := &d.lanes[li]
		best := -1
		for r := 0; r < ln.rows && best < 0; r++ {
			if freeAt[li][r] <= d.start[i] {
				best = r
			}
		}
		if best < 0 && ln.rows < tlMaxRows {
			best = ln.rows
			ln.rows++
		}
		if best < 0 {
			best = 0
			for r := 1; r < ln.rows; r++ {
				if freeAt[li][r] < freeAt[li][best] {
					best = r
				}
			}
		}
		freeAt[li][best] = d.end[i]
		d.row[i] = int32(best)
	}
	y := 0.0
	rows := 0
	for li := range d.lanes {
		ln := &d.lanes[li]
		ln.rows = max(ln.rows, 1)
		ln.firstRow = rows
		ln.top = y
		ln.height = float64(ln.rows*tlRowH + 2*tlLanePad)
		for r := 0; r < ln.rows; r++ {
			d.rowY = append(d.rowY, y+tlLanePad+float64(r)*tlRowH+tlRowH/2)
		}
		rows += ln.rows
		y += ln.height
	}
	d.height = y
	for i := range dated {
		d.row[i] += int32(d.lanes[d.lane[i]].firstRow)
	}
	return d
}

// tlView is a viewport: the day at the left edge of the plot and the
// days per unit of width.
type tlView struct {
	start float64
	dpp   float64
}

// x is the position of day number day in the plot.
func (v tlView) x(day float64) float64 { return (day - v.start) / v.dpp }

// day is the day number at position x of the plot.
func (v tlView) day(x float64) float64 { return v.start + x*v.dpp }

// fit is the viewport that shows all the data over width units, with a
// margin on each side.
func (d *tlData) fit(width float64) tlView {
	width = max(width, 1)
	span := max(d.to-d.from, 1)
	margin := span * 0.04
	v := tlView{start: d.from - margin, dpp: (span + 2*margin) / width}
	return d.clamp(v, width)
}

// clamp keeps a viewport within the zoom limits and near the data.
func (d *tlData) clamp(v tlView, width float64) tlView {
	width = max(width, 1)
	minDpp := 1 / tlMaxDayPx
	maxDpp := max(tlMinSpanDay, (d.to-d.from)*1.5) / width
	if !(v.dpp >= minDpp) { // also NaN
		v.dpp = minDpp
	}
	v.dpp = min(v.dpp, maxDpp)
	// Keep some of the data on screen: the left edge no later than the
	// data's end, the right edge no earlier than its start.
	span := v.dpp * width
	v.start = max(v.start, d.from-span*0.9)
	v.start = min(v.start, d.to-span*0.1)
	return v
}

// zoom scales the viewport by factor (>1 zooms in) around position x of
// the plot, which stays over the same day.
func (d *tlData) zoom(v tlView, factor, x, width float64) tlView {
	at := v.day(x)
	nv := tlView{dpp: v.dpp / factor}
	nv = d.clamp(nv, width) // the limits first, then the anchor
	nv.start = at - x*nv.dpp
	return d.clamp(nv, width)
}

// tlMark is one mark of a built view: one item, or several merged.
type tlMark struct {
	x0, x1 float32 // plot units; a dot's centre is (x0+x1)/2
	y      float32 // centre, in units from the top of the lanes area
	kind   tlKind
	row    int32
	first  int32   // the first (earliest) item
	n      int32   // items merged into it
	gap    float32 // free units after it on its row (room for its count)
}

// tlReported is a mark of the "reported" row: publication dates merged
// by pixel cell.
type tlReported struct {
	x     float32
	first int32
	n     int32
}

// tlLink joins an event mark to its first item's publication date.
type tlLink struct {
	x0, y0 float32 // the event mark's centre (lanes-area units)
	x1     float32 // the publication date's position
	mark   int32
}

// tlBuilt is what one viewport shows: the marks and the reported row,
// reusing its slices from build to build.
type tlBuilt struct {
	marks    []tlMark
	reported []tlReported
	links    []tlLink
	// itemMark holds, for the items in [lo, hi), the mark each is
	// merged into (-1: not shown).
	itemMark []int32
	lo, hi   int
	lastRow  []int32 // per row: its last mark (scratch)
	pubs     []pubAt // scratch
}

// markOf returns the mark item i is drawn in, or -1.
func (b *tlBuilt) markOf(i int) int {
	if i < b.lo || i >= b.hi {
		return -1
	}
	return int(b.itemMark[i-b.lo])
}

// build computes the marks of the viewport v over a plot width units wide,
// for the lanes area scrolled by top units and height units tall. Items
// outside the window in time or in rows are skipped; items that fall
// within tlCell units of the previous mark of their row (both narrower
// than a cell) are merged into it, as are bars over the same span. It
// visits only the items that can overlap the window: those that start
// before its end and no earlier than its start minus the longest item.
func (d *tlData) build(b *tlBuilt, v tlView, width, top, height float64) {
	b.marks, b.reported, b.links = b.marks[:0], b.reported[:0], b.links[:0]
	from, to := v.day(0), v.day(width)
	lo, _ := slices.BinarySearch(d.start, from-d.maxLen)
	hi, _ := slices.BinarySearch(d.start, to)
	for hi < len(d.start) && d.start[hi] <= to {
		hi++
	}
	b.lo, b.hi = lo, hi
	b.itemMark = slices.Grow(b.itemMark[:0], hi-lo)[:hi-lo]
	nrows := len(d.rowY)
	b.lastRow = slices.Grow(b.lastRow[:0], nrows)[:nrows]
	for r := range b.lastRow {
		b.lastRow[r] = -1
	}
	// Rows in the vertical window.
	rowVisible := func(r int32) bool {
		y := d.rowY[r] - top
		return y > -tlRowH && y < height+tlRowH
	}
	for i := lo; i < hi; i++ {
		b.itemMark[i-lo] = -1
		s, e := d.start[i], d.end[i]
		if e < from || s > to {
			continue
		}
		r := d.row[i]
		if !rowVisible(r) {
			continue
		}
		x0, x1 := v.x(s), v.x(e)
		k := d.kind[i]
		if k == tlDot {
			c := (x0 + x1) / 2
			x0, x1 = c-tlMarkH/2, c+tlMarkH/2
		} else if x1-x0 < tlMarkH {
			x1 = x0 + tlMarkH
		}
		if x1 < 0 || x0 > width {
			continue
		}
		// Merge with the row's last mark when they share the same pixels.
		if li := b.lastRow[r]; li >= 0 {
			m := &b.marks[li]
			narrow := x1-x0 <= tlCell+tlMarkH && float64(m.x1-m.x0) <= tlCell+tlMarkH
			same := math.Abs(float64(m.x0)-x0) < 1 && math.Abs(float64(m.x1)-x1) < 1
			if (narrow && x0 < float64(m.x0)+tlCell) || same {
				m.n++
				m.x1 = max(m.x1, float32(x1))
				if k != m.kind && m.kind == tlDot {
					m.kind = k
				}
				b.itemMark[i-lo] = li
				continue
			}
		}
		b.lastRow[r] = int32(len(b.marks))
		b.itemMark[i-lo] = int32(len(b.marks))
		b.marks = append(b.marks, tlMark{x0: float32(x0), x1: float32(x1), y: float32(d.rowY[r]), kind: k, row: r, first: int32(i), n: 1})
	}
	// The room after each mark on its row.
	for r := range b.lastRow {
		b.lastRow[r] = -1
	}
	for mi := range b.marks {
		m := &b.marks[mi]
		m.gap = math.MaxFloat32
		if p := b.lastRow[m.row]; p >= 0 {
			b.marks[p].gap = m.x0 - b.marks[p].x1
		}
		b.lastRow[m.row] = int32(mi)
	}
	// The reported row: the publication dates of the marks' first items,
	// sorted by position and merged by cell.
	pubs := b.pubs[:0]
	for mi := range b.marks {
		m := &b.marks[mi]
		p := d.pub[m.first]
		if math.IsNaN(p) {
			continue
		}
		px := v.x(p + 0.5)
		if len(b.marks) <= tlMaxLinks {
			b.links = append(b.links, tlLink{x0: (m.x0 + m.x1) / 2, y0: m.y, x1: float32(px), mark: int32(mi)})
			if m.kind != tlDot {
				// From the start of a bar, or its left edge on screen.
				b.links[len(b.links)-1].x0 = max(m.x0, 0)
			}
		}
		if px < -tlCell || px > width+tlCell {
			continue
		}
		pubs = append(pubs, pubAt{px, m.first})
	}
	slices.SortFunc(pubs, func(a, b pubAt) int { return cmp.Compare(a.x, b.x) })
	for _, p := range pubs {
		if n := len(b.reported); n > 0 && p.x < float64(b.reported[n-1].x)+tlCell {
			b.reported[n-1].n++
			continue
		}
		b.reported = append(b.reported, tlReported{x: float32(p.x), first: p.item, n: 1})
	}
	b.pubs = pubs
}

// pubAt is a publication date's position (build's scratch).
type pubAt struct {
	x    float64
	item int32
}

// members lists the items merged into mark m (at most limit).
func (d *tlData) members(b *tlBuilt, m int, limit int) []int {
	var out []int
	for i := max(b.lo, int(b.marks[m].first)); i < b.hi && len(out) < limit; i++ {
		if b.itemMark[i-b.lo] == int32(m) {
			out = append(out, i)
		}
	}
	return out
}

// hit returns the mark under point (x, y) of the plot (y from the top of
// the lanes area, scroll included), or -1: the last drawn (topmost) one
// whose box, grown by a few units, holds the point.
func (b *tlBuilt) hit(x, y float32) int {
	const slop = 3
	for i := len(b.marks) - 1; i >= 0; i-- {
		m := &b.marks[i]
		if x >= m.x0-slop && x <= m.x1+slop && y >= m.y-tlMarkH/2-slop && y <= m.y+tlMarkH/2+slop {
			return i
		}
	}
	return -1
}

// hitReported returns the reported mark at x, or -1.
func (b *tlBuilt) hitReported(x float32) int {
	best, bestD := -1, float32(tlMarkH)
	for i := range b.reported {
		if dx := abs32(b.reported[i].x - x); dx <= bestD {
			best, bestD = i, dx
		}
	}
	return best
}

func abs32(f float32) float32 {
	if f < 0 {
		return -f
	}
	return f
}

// neighbour returns the mark next to mark cur in direction dir: the next
// or previous mark in time (by first item; dir ±1), or the nearest mark
// in x on the next row up or down that has one (dir ±2). -1 when none.
func (b *tlBuilt) neighbour(cur, dir int) int {
	if cur < 0 || cur >= len(b.marks) {
		if len(b.marks) == 0 {
			return -1
		}
		return 0
	}
	c := b.marks[cur]
	best := -1
	switch dir {
	case 1, -1:
		// Marks in order of (first item, index).
		less := func(i, j int) bool {
			fi, fj := b.marks[i].first, b.marks[j].first
			return fi < fj || fi == fj && i < j
		}
		for i := range b.marks {
			if i == cur || (dir > 0) != less(cur, i) {
				continue
			}
			if best < 0 || (dir > 0) == less(i, best) {
				best = i
			}
		}
	case 2, -2:
		cx := (c.x0 + c.x1) / 2
		bestRow := int32(-1)
		var bestD float32
		for i := range b.marks {
			m := &b.marks[i]
			if (dir > 0 && m.row <= c.row) || (dir < 0 && m.row >= c.row) {
				continue
			}
			d := abs32((m.x0+m.x1)/2 - cx)
			closerRow := bestRow < 0 || (dir > 0 && m.row < bestRow) || (dir < 0 && m.row > bestRow)
			if closerRow || m.row == bestRow && d < bestD {
				best, bestRow, bestD = i, m.row, d
			}
		}
	}
	return best
}
