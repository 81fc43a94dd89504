package model

import "sort"

// Rect is an axis-aligned rectangle in layout coordinates.
type Rect struct {
	X, Y, W, H float32
}

// bodyLines returns the article lines.
func (l *Layout) bodyLines() []Line { return l.Lines[l.Body:] }

// LineAt returns the index (into Lines) of the article line at height y.
// Points above the article give its first line, points below its last, and
// points in the gap between paragraphs the line above the gap.
func (l *Layout) LineAt(y float32) int {
	body := l.bodyLines()
	k := sort.Search(len(body), func(k int) bool { return body[k].Y > y })
	return l.Body + max(0, k-1)
}

// LinesIn returns the half-open range [from, to) of line indexes (header
// lines included) whose boxes intersect the vertical band [top, bottom).
func (l *Layout) LinesIn(top, bottom float32) (from, to int) {
	from = sort.Search(len(l.Lines), func(k int) bool { return l.Lines[k].Y+l.Lines[k].Height > top })
	to = sort.Search(len(l.Lines), func(k int) bool { return l.Lines[k].Y >= bottom })
	return from, max(from, to)
}

// LineOf returns the index of the article line holding the caret at off.
// At a soft wrap the caret belongs to the start of the next line; offsets
// in a paragraph separator belong to the end of the paragraph.
func (l *Layout) LineOf(off int) int {
	body := l.bodyLines()
	k := sort.Search(len(body), func(k int) bool { return body[k].Start > off })
	return l.Body + max(0, k-1)
}

// OffsetInLine returns the caret offset on line i nearest to x.
func (l *Layout) OffsetInLine(i int, x float32) int {
	ln := &l.Lines[i]
	d := l.Blocks[ln.Block]
	if x <= ln.X {
		return ln.Start
	}
	s := ln.scale
	if s == 0 {
		s = 1
	}
	cur := ln.X
	for k := ln.Start; k < ln.End; {
		j := k + 1
		for j < ln.End && d.attrs[j]&attrGrapheme == 0 {
			j++
		}
		w := s * l.m.Grapheme(d.runes[k:j], ln.Face)
		if x < cur+w/2 {
			return k
		}
		cur += w
		k = j
	}
	return ln.End
}

// OffsetAt returns the caret offset in the article nearest to the point.
func (l *Layout) OffsetAt(x, y float32) int {
	if len(l.bodyLines()) == 0 {
		return 0
	}
	if y < l.Lines[l.Body].Y {
		return 0
	}
	i := l.LineAt(y)
	if last := &l.Lines[len(l.Lines)-1]; i == len(l.Lines)-1 && y >= last.Y+last.Height {
		return l.Article().Len()
	}
	return l.OffsetInLine(i, x)
}

// CharAt returns the start of the grapheme under the point (clamped to the
// line), which is what a double or triple click selects around. It returns
// the line's End for a point right of the text.
func (l *Layout) CharAt(x, y float32) int {
	i := l.LineAt(y)
	ln := &l.Lines[i]
	d := l.Blocks[ln.Block]
	s := ln.scale
	if s == 0 {
		s = 1
	}
	cur := ln.X
	for k := ln.Start; k < ln.End; {
		j := k + 1
		for j < ln.End && d.attrs[j]&attrGrapheme == 0 {
			j++
		}
		cur += s * l.m.Grapheme(d.runes[k:j], ln.Face)
		if x < cur {
			return k
		}
		k = j
	}
	return ln.End
}

// PointAt returns the top of the caret before article offset off and the
// index of its line.
func (l *Layout) PointAt(off int) (x, y float32, line int) {
	i := l.LineOf(off)
	return l.X(i, off), l.Lines[i].Y, i
}

// nubWidth is the width shown for a selected line break.
func (l *Layout) nubWidth() float32 { return l.Metrics.TextSize * 0.35 }

// Rects returns one rectangle per article line covered by [start, end).
// A range that continues past a hard line break or paragraph end gets a
// small nub after the line's text so that the selected break is visible.
func (l *Layout) Rects(start, end int) []Rect {
	return l.AppendRects(nil, start, end)
}

// AppendRects is Rects appending to dst, for callers that reuse buffers.
func (l *Layout) AppendRects(dst []Rect, start, end int) []Rect {
	return l.AppendRectsIn(dst, start, end, 0, len(l.Lines))
}

// AppendRectsIn is AppendRects limited to the lines [from, to), so that
// drawing the visible part of a long span costs only the visible lines.
func (l *Layout) AppendRectsIn(dst []Rect, start, end, from, to int) []Rect {
	if start > end {
		start, end = end, start
	}
	if start == end || len(l.bodyLines()) == 0 {
		return dst
	}
	to = min(to, len(l.Lines))
	for i := max(from, l.LineOf(start)); i < to; i++ {
		ln := &l.Lines[i]
		if ln.Start >= end {
			break
		}
		a, b := max(start, ln.Start), min(end, ln.End)
		hard := ln.Next != ln.End || l.isParagraphEnd(i)
		nub := hard && end > ln.End && start <= ln.End
		if a >= b && !nub {
			continue
		}
		x0 := l.X(i, a)
		x1 := x0
		if b > a {
			x1 = l.X(i, b)
		}
		if nub {
			x1 += l.nubWidth()
		}
		dst = append(dst, Rect{X: x0, Y: ln.Y, W: x1 - x0, H: ln.Height})
	}
	return dst
}

// isParagraphEnd reports whether line i is the last line of its paragraph.
func (l *Layout) isParagraphEnd(i int) bool {
	return i+1 >= len(l.Lines) || l.Lines[i+1].Para != l.Lines[i].Para || l.Lines[i+1].Block != l.Lines[i].Block
}
