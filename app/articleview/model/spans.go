package model

import (
	"cmp"
	"slices"
)

// Span is a highlighted range of the article: runes [Start, End) drawn with
// the palette colour Color; HasNote adds a marker at its end.
type Span struct {
	ID         string
	Start, End int
	Color      string
	HasNote    bool
}

// Spans is a set of spans sorted by start (then longest first), ready for
// range queries.
type Spans struct {
	list   []Span
	maxLen int // length of the longest span, bounding backward scans
}

// NewSpans clamps every span to [0, n], swaps reversed ends, drops empty
// spans and sorts the rest. The input slice is not modified.
func NewSpans(in []Span, n int) *Spans {
	s := &Spans{list: make([]Span, 0, len(in))}
	for _, sp := range in {
		sp.Start, sp.End = max(0, min(sp.Start, n)), max(0, min(sp.End, n))
		if sp.Start > sp.End {
			sp.Start, sp.End = sp.End, sp.Start
		}
		if sp.Start == sp.End {
			continue
		}
		s.maxLen = max(s.maxLen, sp.End-sp.Start)
		s.list = append(s.list, sp)
	}
	slices.SortStableFunc(s.list, func(a, b Span) int {
		if c := cmp.Compare(a.Start, b.Start); c != 0 {
			return c
		}
		return cmp.Compare(b.End, a.End)
	})
	return s
}

// All returns the spans in order; the caller must not modify them.
func (s *Spans) All() []Span { return s.list }

// Len returns the number of spans.
func (s *Spans) Len() int { return len(s.list) }

// Overlapping appends to dst the spans intersecting [start, end), in order.
func (s *Spans) Overlapping(dst []Span, start, end int) []Span {
	// Spans starting before start-maxLen cannot reach start.
	lo, _ := slices.BinarySearchFunc(s.list, start-s.maxLen, func(sp Span, t int) int { return cmp.Compare(sp.Start, t) })
	for _, sp := range s.list[lo:] {
		if sp.Start >= end {
			break
		}
		if sp.End > start {
			dst = append(dst, sp)
		}
	}
	return dst
}

// At returns the spans containing the rune at off, innermost (shortest)
// first, so that a click on nested highlights picks the most specific.
func (s *Spans) At(off int) []Span {
	out := s.Overlapping(nil, off, off+1)
	slices.SortStableFunc(out, func(a, b Span) int { return cmp.Compare(a.End-a.Start, b.End-b.Start) })
	return out
}

// Find returns the span with the given ID.
func (s *Spans) Find(id string) (Span, bool) {
	for _, sp := range s.list {
		if sp.ID == id {
			return sp, true
		}
	}
	return Span{}, false
}
