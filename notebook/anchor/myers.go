package anchor

import "math/bits"

// pattern is a quote prepared for Myers' bit-parallel approximate search
// (G. Myers, "A fast bit-vector algorithm for approximate string matching
// based on dynamic programming", J. ACM 1999), in the multi-word ("blocks")
// form, so the pattern length is not limited to one machine word.
//
// peq holds, for every rune of the pattern, a bit vector of the positions
// where it occurs: ASCII runes in a flat table, others in a map.
type pattern struct {
	m     int      // length in runes
	words int      // number of 64-bit blocks
	ascii []uint64 // 128*words
	other map[rune][]uint64
	zero  []uint64 // eq vector of a rune absent from the pattern
	last  uint64   // bit of the last pattern row in the last block
}

// newPattern prepares p (m >= 1) for search.
func newPattern(p []rune) *pattern {
	m := len(p)
	w := (m + 63) / 64
	pt := &pattern{
		m:     m,
		words: w,
		ascii: make([]uint64, 128*w),
		zero:  make([]uint64, w),
		last:  1 << uint((m-1)%64),
	}
	for i, r := range p {
		var v []uint64
		if r >= 0 && r < 128 {
			v = pt.ascii[int(r)*w : int(r)*w+w]
		} else {
			if pt.other == nil {
				pt.other = make(map[rune][]uint64)
			}
			if v = pt.other[r]; v == nil {
				v = make([]uint64, w)
				pt.other[r] = v
			}
		}
		v[i/64] |= 1 << uint(i%64)
	}
	return pt
}

func (pt *pattern) eq(r rune) []uint64 {
	if r >= 0 && r < 128 {
		w := pt.words
		return pt.ascii[int(r)*w : int(r)*w+w]
	}
	if v, ok := pt.other[r]; ok {
		return v
	}
	return pt.zero
}

// distance returns the edit distance between the whole pattern and the
// whole text (global alignment: the top row counts insertions).
func (pt *pattern) distance(text []rune) int {
	return pt.run(text, true, -1, nil)
}

// scan computes, for every end position j in 1..len(text), the smallest edit
// distance between the pattern and a substring of text ending at j
// (exclusive), and calls fn(j, d) when d <= k.
func (pt *pattern) scan(text []rune, k int, fn func(end, dist int)) {
	pt.run(text, false, k, fn)
}

// run is the bit-parallel dynamic programme behind scan and distance; it
// returns the last row's final value.
func (pt *pattern) run(text []rune, global bool, k int, fn func(end, dist int)) int {
	w := pt.words
	pv := make([]uint64, w)
	mv := make([]uint64, w)
	for i := range pv {
		pv[i] = ^uint64(0)
	}
	score := pt.m
	for j, r := range text {
		eqs := pt.eq(r)
		hin := 0 // search: the top row is all zeros
		if global {
			hin = 1 // global: the top row is 0, 1, 2, …
		}
		for b := 0; b < w; b++ {
			eq := eqs[b]
			p, n := pv[b], mv[b]
			xv := eq | n
			if hin < 0 {
				eq |= 1
			}
			sum, _ := bits.Add64(eq&p, p, 0)
			xh := (sum ^ p) | eq
			ph := n | ^(xh | p)
			mh := p & xh
			hi := uint64(1) << 63
			if b == w-1 {
				hi = pt.last
			}
			hout := 0
			if ph&hi != 0 {
				hout = 1
			} else if mh&hi != 0 {
				hout = -1
			}
			ph <<= 1
			mh <<= 1
			if hin < 0 {
				mh |= 1
			} else if hin > 0 {
				ph |= 1
			}
			pv[b] = mh | ^(xv | ph)
			mv[b] = ph & xv
			hin = hout
		}
		score += hin
		if fn != nil && score <= k {
			fn(j+1, score)
		}
	}
	return score
}
