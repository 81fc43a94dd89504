package model

import (
	"cmp"
	"slices"
)

// rangeItem is an item of a rangeSet: something over the article runes
// [start, end) (a highlight span, a margin mark).
type rangeItem[T any] interface {
	bounds() (start, end int)
	withBounds(start, end int) T
}

// rangeSet is a set of items sorted by start (then longest first), ready
// for range queries: the one implementation behind Spans and Marks.
type rangeSet[T rangeItem[T]] struct {
	list   []T
	maxLen int // length of the longest item, bounding backward scans
}

// newRangeSet clamps every item to [0, n], swaps reversed ends, drops
// empty items and sorts the rest. The input slice is not modified.
func newRangeSet[T rangeItem[T]](in []T, n int) rangeSet[T] {
	r := rangeSet[T]{list: make([]T, 0, len(in))}
	for _, it := range in {
		s, e := it.bounds()
		s, e = max(0, min(s, n)), max(0, min(e, n))
		if s > e {
			s, e = e, s
		}
		if s == e {
			continue
		}
		r.maxLen = max(r.maxLen, e-s)
		r.list = append(r.list, it.withBounds(s, e))
	}
	slices.SortStableFunc(r.list, func(a, b T) int {
		as, ae := a.bounds()
		bs, be := b.bounds()
		if c := cmp.Compare(as, bs); c != 0 {
			return c
		}
		return cmp.Compare(be, ae)
	})
	return r
}

// All returns the items in order; the caller must not modify them.
func (r *rangeSet[T]) All() []T { return r.list }

// Len returns the number of items.
func (r *rangeSet[T]) Len() int { return len(r.list) }

// Overlapping appends to dst the items intersecting [start, end), in
// order.
func (r *rangeSet[T]) Overlapping(dst []T, start, end int) []T {
	// Items starting before start-maxLen cannot reach start.
	lo, _ := slices.BinarySearchFunc(r.list, start-r.maxLen, func(it T, t int) int {
		s, _ := it.bounds()
		return cmp.Compare(s, t)
	})
	for _, it := range r.list[lo:] {
		s, e := it.bounds()
		if s >= end {
			break
		}
		if e > start {
			dst = append(dst, it)
		}
	}
	return dst
}
