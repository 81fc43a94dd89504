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

// best scans runes [lo, hi) and returns the best-scoring match.
func (a *approxSearch) best(lo, hi int) (Result, bool) {
	// A region is a run of consecutive end positions within k edits; keep
	// the end with the smallest distance of each region.
	var cands []candidate
	prevEnd := -2
	a.pt.scan(a.d.runes[lo:hi], a.k, func(end, dist int) {
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
		bs, be := a.d.offs.Byte(start), a.d.offs.Byte(c.end)
		s := score(1-float64(c.dist)/float64(len(a.q)),
			contextSim(a.d.text, bs, be, a.t),
			positionSim(bs, a.exp, len(a.d.text)))
		if !found || s > best.Score {
			best = Result{Start: bs, End: be, Status: Moved, Score: s}
			found = true
		}
	}
	return best, found
}

// start finds where the match ending at c.end begins: the reversed quote is
// searched backwards from c.end, and among the starts reaching the same
// distance the one giving a length closest to the quote's is taken.
func (a *approxSearch) start(c candidate) int {
	if a.rev == nil {
		r := slices.Clone(a.q)
		slices.Reverse(r)
		a.rev = newPattern(r)
	}
	from := max(0, c.end-len(a.q)-a.k)
	back := slices.Clone(a.d.runes[from:c.end])
	slices.Reverse(back)
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
