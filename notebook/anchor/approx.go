package anchor

import (
	"cmp"
	"slices"
)

// maxCandidates is how many of the best-distance match regions of a scan
// are scored with their context and position.
const maxCandidates = 8

// approxSearch is one target's approximate search in a doc.
type approxSearch struct {
	d   *doc
	t   Target
	q   []rune
	k   int
	exp int // expected byte offset
	pt  *pattern
	rev *pattern // reversed quote, built on first use
}

type candidate struct{ end, dist int }

// best scans the runes [lo, hi) of the text and returns the best-scoring match.
func (a *approxSearch) best(lo, hi int) (Result, bool) {
	// A region is a run of consecutive end positions within k edits; keep
	// the end with the smallest distance of each region.
	var cands []candidate
	prevEnd := -2
	a.pt.scan(a.d.ids[lo:hi], a.k, func(end, dist int) {
		end += lo
		if end == prevEnd+1 && len(cands) > 0 {
			if dist < cands[len(cands)-1].dist {
				cands[len(cands)-1] = candidate{end, dist}
			}
		} else {
			cands = append(cands, candidate{end, dist})
		}
		prevEnd = end
	})
	if len(cands) == 0 {
		return Result{}, false
	}
	expR := a.d.offs.Rune(a.exp)
	slices.SortStableFunc(cands, func(x, y candidate) int {
		if c := cmp.Compare(x.dist, y.dist); c != 0 {
			return c
		}
		return cmp.Compare(absInt(x.end-expR), absInt(y.end-expR))
	})
	var best Result
	found := false
	for _, c := range cands[:min(len(cands), maxCandidates)] {
		start := a.start(c)
		r := a.result(start, c.end, c.dist)
		// The boundaries chosen with the context are preferred even if
		// the quote alone would score a little higher with the others.
		if rs, re := a.refine(start, c.end); rs != start || re != c.end {
			if d := a.pt.distance(a.d.ids[rs:re]); d <= a.k {
				r = a.result(rs, re, d)
			}
		}
		if !found || r.Score > best.Score {
			best, found = r, true
		}
	}
	return best, found
}

// result scores the match of runes [start, end) at dist edits.
func (a *approxSearch) result(start, end, dist int) Result {
	bs, be := a.d.offs.Byte(start), a.d.offs.Byte(end)
	s := score(1-float64(dist)/float64(len(a.q)),
		contextSim(a.d.text, bs, be, a.t),
		positionSim(bs, a.exp, len(a.d.text)))
	return Result{Start: bs, End: be, Status: Moved, Score: s}
}

// start finds where the match ending at c.end begins: the reversed quote is
// searched backwards from c.end, and among the starts reaching the same
// distance the one giving a length closest to the quote's is taken.
func (a *approxSearch) start(c candidate) int {
	if a.rev == nil {
		a.rev = a.d.pattern(reversed(a.q))
	}
	from := max(0, c.end-len(a.q)-a.k)
	back := reversed(a.d.ids[from:c.end])
	bestLen := -1
	a.rev.scan(back, c.dist, func(n, dist int) {
		if dist == c.dist && (bestLen < 0 || absInt(n-len(a.q)) < absInt(bestLen-len(a.q))) {
			bestLen = n
		}
	})
	if bestLen < 0 { // cannot happen: the forward alignment exists backwards too
		bestLen = min(len(a.q), c.end-from)
	}
	return c.end - bestLen
}
