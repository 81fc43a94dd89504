package anchor

import "slices"

// noLimit makes pattern.scan and pattern.run report every end position.
const noLimit = 1 << 30

// refine moves the boundaries of an approximate match [start, end) (rune
// offsets) to where the quote meets its stored context best. The search
// alone minimises the quote's edit distance, which can cut off the end of a
// quote after a long insertion near it ("…tmcv" + inserted word + "лiл."
// matches best without "лiл."); here the end b within k runes of the found
// one is chosen to minimise
//
//	distance(quote, text[start:b]) + cost of the stored suffix starting at b
//
// and then the start likewise with the prefix, so the context decides
// between boundaries the quote alone cannot tell apart.
func (a *approxSearch) refine(start, end int) (int, int) {
	R := a.d.ids
	n := len(R)
	k := a.k
	if suf := []rune(a.t.Suffix); len(suf) > 0 {
		lo, hi := max(start+1, end-k-1), min(n, end+k+1)
		quote := a.globalCosts(start, lo, hi, false)
		after := contextCosts(a.d.pattern(reversed(suf)), R, lo, hi, min(n, hi+len(suf)+k), true)
		end = bestBoundary(quote, after, lo, end)
	}
	if pre := []rune(a.t.Prefix); len(pre) > 0 {
		lo, hi := max(0, start-k-1), min(end-1, start+k+1)
		if lo <= hi {
			quote := a.globalCosts(end, lo, hi, true)
			before := contextCosts(a.d.pattern(pre), R, lo, hi, max(0, lo-len(pre)-k), false)
			start = bestBoundary(quote, before, lo, start)
		}
	}
	return start, end
}

// globalCosts returns, for every boundary b in [lo, hi], the edit distance
// between the quote and the text from the fixed other boundary to b:
// text[fixed:b], or text[b:fixed] if backward.
func (a *approxSearch) globalCosts(fixed, lo, hi int, backward bool) []int {
	costs := make([]int, hi-lo+1)
	for i := range costs {
		costs[i] = len(a.q) // nothing aligned
	}
	if !backward {
		a.pt.run(a.d.ids[fixed:hi], true, noLimit, func(j, d int) {
			if b := fixed + j; b >= lo {
				costs[b-lo] = d
			}
		})
		return costs
	}
	if a.rev == nil {
		a.rev = a.d.pattern(reversed(a.q))
	}
	a.rev.run(reversed(a.d.ids[lo:fixed]), true, noLimit, func(j, d int) {
		if b := fixed - j; b <= hi {
			costs[b-lo] = d
		}
	})
	return costs
}

// contextCosts returns, for every boundary b in [lo, hi], the cost of
// aligning a context pattern so that it ends at b (forward, text read from
// `from` <= lo) or, if backward, starts at b (the pattern is reversed and
// the text is read backwards from `from` >= hi). The other end of the
// alignment is free.
func contextCosts(pt *pattern, R []int32, lo, hi, from int, backward bool) []int {
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

// bestBoundary picks the boundary in [lo, lo+len(quote)) with the smallest
// quote+context cost, the one nearest to def on ties.
func bestBoundary(quote, context []int, lo, def int) int {
	best, bestCost := def, -1
	for i := range quote {
		c := quote[i] + context[i]
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
