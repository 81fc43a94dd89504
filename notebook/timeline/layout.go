package timeline

import (
	"container/heap"
	"time"
)

// Layout is a timeline placed on a drawing of a given width: the items in
// chronological order, each on a lane and a row, and the axis ticks.
type Layout struct {
	From, To time.Time // the first and last day shown
	Width    int       // pixels
	Lanes    []Lane
	Places   []Place // one per item, in the (sorted) order of the items
	Ticks    []Tick
}

// Lane is a group of rows: the items with the same Item.Lane.
type Lane struct {
	Name string
	Rows int // rows needed so that no two marks overlap
}

// Place is where an item is drawn.
type Place struct {
	Lane, Row int     // indexes into Layout.Lanes and the lane's rows
	X0, X1    float64 // pixels: start of the first day, end of the last (at least MarkWidth apart); an open item ends at Width
}

// MarkWidth is the least width in pixels of an item's mark: a day's dot.
const MarkWidth = 8

// markGap is the least space in pixels between two marks on one row.
const markGap = 2

// Compute sorts items (with Sort) and lays them out over widthPx pixels:
// lanes in the order in which they first occur, each item on a row of its
// lane where its mark (at least MarkWidth wide) does not touch another
// (the row that has been free the longest, or a new one), and the axis
// ticks. It takes O(n log n) time.
func Compute(items []Item, widthPx int) Layout {
	Sort(items)
	widthPx = max(widthPx, 1)
	from, to, _ := Bounds(items)
	l := Layout{From: from, To: to, Width: widthPx, Places: make([]Place, len(items))}
	sc := newScale(from, to, float64(widthPx))
	lanes := map[string]int{}
	var free []rowHeap // per lane: its rows by the x where they become free
	for i := range items {
		it := &items[i]
		li, ok := lanes[it.Lane]
		if !ok {
			li = len(l.Lanes)
			lanes[it.Lane] = li
			l.Lanes = append(l.Lanes, Lane{Name: it.Lane})
			free = append(free, nil)
		}
		x0 := sc.x(day(it.Start))
		x1 := float64(widthPx)
		if !it.open() {
			x1 = sc.x(day(it.last()).AddDate(0, 0, 1))
		}
		x1 = max(x1, x0+MarkWidth)
		p := Place{Lane: li, X0: x0, X1: x1}
		h := &free[li]
		if h.Len() > 0 && (*h)[0].end+markGap <= x0 {
			p.Row = (*h)[0].row
			(*h)[0].end = x1
			heap.Fix(h, 0)
		} else {
			p.Row = l.Lanes[li].Rows
			l.Lanes[li].Rows++
			heap.Push(h, rowEnd{row: p.Row, end: x1})
		}
		l.Places[i] = p
	}
	if len(items) > 0 {
		l.Ticks = Ticks(from, to, widthPx)
	}
	return l
}

// rowEnd is a row of a lane and the x where its last mark ends.
type rowEnd struct {
	row int
	end float64
}

// rowHeap is a min-heap of rows by end, lowest row first among equals.
type rowHeap []rowEnd

func (h rowHeap) Len() int { return len(h) }
func (h rowHeap) Less(i, j int) bool {
	return h[i].end < h[j].end || h[i].end == h[j].end && h[i].row < h[j].row
}
func (h rowHeap) Swap(i, j int) { h[i], h[j] = h[j], h[i] }
func (h *rowHeap) Push(x any)   { *h = append(*h, x.(rowEnd)) }
func (h *rowHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}
