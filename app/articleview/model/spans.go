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
type Spans struct{ rangeSet[Span] }

// NewSpans clamps every span to [0, n], swaps reversed ends, drops empty
// spans and sorts the rest. The input slice is not modified.
func NewSpans(in []Span, n int) *Spans { return &Spans{newRangeSet(in, n)} }

func (sp Span) bounds() (int, int) { return sp.Start, sp.End }

func (sp Span) withBounds(start, end int) Span { sp.Start, sp.End = start, end; return sp }

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
