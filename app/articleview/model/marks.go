package model

// Mark is a margin mark: a thin bar in the left margin beside the lines of
// the article runes [Start, End). The reader marks passages that other
// articles also carry (text reuse) with them; unlike a highlight, a mark
// does not colour the text.
type Mark struct {
	ID         string
	Start, End int
}

// Marks is a set of margin marks sorted by start (then longest first).
type Marks struct{ rangeSet[Mark] }

// NewMarks clamps every mark to [0, n], swaps reversed ends, drops empty
// marks and sorts the rest. The input slice is not modified.
func NewMarks(in []Mark, n int) *Marks { return &Marks{newRangeSet(in, n)} }

func (m Mark) bounds() (int, int) { return m.Start, m.End }

func (m Mark) withBounds(start, end int) Mark { m.Start, m.End = start, end; return m }

// MarginBar returns the x and width of the margin bars: left of the text
// column, clear of quote bars and list bullets (which sit inside the
// column's indent), and never left of the view.
func (l *Layout) MarginBar() (x, w float32) {
	s := l.Metrics.TextSize
	w = max(2, float32(int(s*0.2+0.5)))
	x = max(0, l.ColumnX-s*0.6-w)
	return x, w
}

// AppendMarkBarsIn appends to dst the bar of each mark that covers a line
// of [from, to): one rectangle from the top of the first line the mark
// touches to the bottom of its last, clipped to those lines, and inset a
// little at both ends so that marks of adjacent passages stay apart.
func (l *Layout) AppendMarkBarsIn(dst []Rect, marks *Marks, from, to int) []Rect {
	from, to = max(from, l.Body), min(to, len(l.Lines))
	if marks == nil || from >= to {
		return dst
	}
	x, w := l.MarginBar()
	inset := l.Metrics.TextSize * 0.15
	var buf []Mark
	for _, mk := range marks.Overlapping(buf, l.Lines[from].Start, l.Lines[to-1].Next+1) {
		first, last := l.LineOf(mk.Start), l.LineOf(max(mk.Start, mk.End-1))
		top, bottom := l.Lines[max(first, from)], l.Lines[min(last, to-1)]
		if first > to-1 || last < from {
			continue
		}
		y0, y1 := top.Y, bottom.Y+bottom.Height
		if first >= from {
			y0 += inset
		}
		if last <= to-1 {
			y1 -= inset
		}
		dst = append(dst, Rect{X: x, Y: y0, W: w, H: max(1, y1-y0)})
	}
	return dst
}

// MarkAt returns the mark whose bar is at the point, with slop units of
// tolerance left and right of the bar (a thin bar is hard to hit). Of
// nested marks it returns the innermost.
func (l *Layout) MarkAt(marks *Marks, px, py, slop float32) (Mark, bool) {
	if marks == nil || marks.Len() == 0 || len(l.bodyLines()) == 0 {
		return Mark{}, false
	}
	x, w := l.MarginBar()
	if px < x-slop || px > x+w+slop {
		return Mark{}, false
	}
	i := l.LineAt(py)
	ln := &l.Lines[i]
	if py < l.Lines[l.Body].Y || py >= l.Height {
		return Mark{}, false
	}
	// A point in the gap below a line belongs to the marks that go on
	// past it (a passage over two paragraphs).
	inGap := py >= ln.Y+ln.Height
	var best Mark
	found := false
	for _, mk := range marks.Overlapping(nil, ln.Start, max(ln.Next, ln.Start+1)) {
		if inGap && mk.End <= ln.Next {
			continue
		}
		if !found || mk.End-mk.Start < best.End-best.Start {
			best, found = mk, true
		}
	}
	return best, found
}
