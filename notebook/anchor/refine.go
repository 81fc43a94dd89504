package anchor

import "slices"

// noLimit makes pattern.scan report every end position.
const noLimit = 1 << 30

// refine moves the boundaries of an approximate match [start, end) (rune
// offsets) to where the quote meets its stored context best. The search
// alone minimises the quote's edit distance, which can cut off the end of a
// quote after a long insertion near it ("…tmcv" + inserted word + "лiл."
// matches best without "лiл."); here each boundary b within k runes of the
// found one is chosen to minimise
//
//	cost(quote edge aligned up to b) + cost(context aligned from b)
//
// using the bit-parallel search for both sides, so the context decides.
func (a *approxSearch) refine(start, end int) (int, int) {
	R := a.d.ids
	n := len(R)
	k := a.k
	edge := min(len(a.q), k+32) // quote runes next to the boundary

	if suf := []rune(a.t.Suffix); len(suf) > 0 {
		lo, hi := max(start+1, end-k-1), min(n, end+k+1)
		tail := a.d.pattern(a.q[len(a.q)-edge:])
		before := edgeCosts(tail, R, lo, hi, max(0, lo-edge-k), false)
		after := edgeCosts(a.d.pattern(reversed(suf)), R, lo, hi, min(n, hi+len(suf)+k), true)
		end = bestBoundary(before, after, lo, end)
	}
	if pre := []rune(a.t.Prefix); len(pre) > 0 {
		lo, hi := max(0, start-k-1), min(end-1, start+k+1)
		if lo <= hi {
			before := edgeCosts(a.d.pattern(pre), R, lo, hi, max(0, lo-len(pre)-k), false)
			head := a.d.pattern(reversed(a.q[:edge]))
			after := edgeCosts(head, R, lo, hi, min(n, hi+edge+k), true)
			start = bestBoundary(before, after, lo, start)
		}
	}
	return start, end
}

// edgeCosts returns, for every boundary b in [lo, hi], the cost of aligning
// the pattern so that it ends at b (forward, text from `from` <= lo) or, if
// backward, starts at b (the pattern is reversed and the text is read
// backwards from `from` >= hi). The other end of the alignment is free.
func edgeCosts(pt *pattern, R []int32, lo, hi, from int, backward bool) []int {
	costs := make([]int, hi-lo+1)
	for i := range costs {
		costs[i] = pt.m // nothing aligned: every pattern rune deleted
	}
	if !backward {
		pt.scan(R[from:hi], noLimit, func(e, d int) {
			if b := from + e; b >= lo {
				costs[b-lo] = d
			}
		})
		return costs
	}
	back := reversed(R[lo:from])
	pt.scan(back, noLimit, func(e, d int) {
		if b := from - e; b <= hi {
			costs[b-lo] = d
		}
	})
	return costs
}

// bestBoundary picks the boundary in [lo, lo+len(before)) with the smallest
// before+after cost, the one nearest to def on ties.
func bestBoundary(before, after []int, lo, def int) int {
	best, bestCost := def, -1
	for i := range before {
		c := before[i] + after[i]
		b := lo + i
		if bestCost < 0 || c < bestCost || c == bestCost && absInt(b-def) < absInt(best-def) {
			best, bestCost = b, c
		}
	}
	return best
}

// reversed returns a reversed copy of r.
func reversed[T any](r []T) []T {
	c := slices.Clone(r)
	slices.Reverse(c)
	return c
}
