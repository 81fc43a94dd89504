package anchor

import "math/bits"

// pattern is a quote prepared for Myers' bit-parallel approximate search
// (G. Myers, "A fast bit-vector algorithm for approximate string matching
// based on dynamic programming", J. ACM 1999), in the multi-word ("blocks")
// form, so the pattern length is not limited to one machine word.
//
// Pattern and text are sequences of symbol ids (see symbols). For every
// distinct symbol of the pattern, peq holds a bit vector of the positions
// where it occurs; row maps a symbol id to its vector (row 0 is all zeros,
// for symbols absent from the pattern).
type pattern struct {
	m     int // length in runes
	words int // number of 64-bit blocks
	row   []int32
	peq   []uint64 // rows × words
	last  uint64   // bit of the last pattern row in the last block
}

// newPattern prepares p (m >= 1; ids in [0, nsym) or -1) for search.
func newPattern(p []int32, nsym int) *pattern {
	m := len(p)
	w := (m + 63) / 64
	pt := &pattern{
		m:     m,
		words: w,
		row:   make([]int32, nsym),
		peq:   make([]uint64, w, w*8),
		last:  1 << uint((m-1)%64),
	}
	for i, id := range p {
		if id < 0 {
			continue // absent from the text: matches nothing
		}
		r := pt.row[id]
		if r == 0 {
			r = int32(len(pt.peq) / w)
			pt.row[id] = r
			pt.peq = append(pt.peq, make([]uint64, w)...)
		}
		pt.peq[int(r)*w+i/64] |= 1 << uint(i%64)
	}
	return pt
}

// eq returns the match vector of a text symbol.
func (pt *pattern) eq(id int32) []uint64 {
	r := int(pt.row[id]) * pt.words
	return pt.peq[r : r+pt.words]
}

// distance returns the edit distance between the whole pattern and the
// whole text (global alignment: the top row counts insertions).
func (pt *pattern) distance(text []int32) int {
	return pt.run(text, true, -1, nil)
}

// scan computes, for every end position j in 1..len(text), the smallest edit
// distance between the pattern and a substring of text ending at j
// (exclusive), and calls fn(j, d) when d <= k. Only the blocks that can
// hold values <= k are computed (Ukkonen's cut-off, as in edlib), so the
// cost per text rune is about k/64 + 1 blocks rather than m/64.
func (pt *pattern) scan(text []int32, k int, fn func(end, dist int)) {
	w := pt.words
	if k >= pt.m {
		pt.run(text, false, k, fn)
		return
	}
	if w == 1 {
		pt.scan1(text, k, fn)
		return
	}
	rows := func(b int) int {
		if b == w-1 {
			return pt.m - 64*(w-1)
		}
		return 64
	}
	pv := make([]uint64, w)
	mv := make([]uint64, w)
	score := make([]int, w) // value of each block's last row
	y := min((k+64)/64, w) - 1
	for b := 0; b <= y; b++ {
		pv[b] = ^uint64(0)
		score[b] = 64*b + rows(b)
	}
	for j, id := range text {
		eqs := pt.eq(id)
		hout := 0
		// Blocks 0..y with pt.step written out (a call per block costs
		// about half the time); a block below y is never the last one, so
		// its last row is bit 63.
		for b := 0; b <= y; b++ {
			eq, p, n := eqs[b], pv[b], mv[b]
			xv := eq | n
			if hout < 0 {
				eq |= 1
			}
			xh := (((eq & p) + p) ^ p) | eq
			ph := n | ^(xh | p)
			mh := p & xh
			hi := uint64(1) << 63
			if b == w-1 {
				hi = pt.last
			}
			hin := hout
			hout = int((ph&hi)>>bits.TrailingZeros64(hi)) - int((mh&hi)>>bits.TrailingZeros64(hi))
			ph <<= 1
			mh <<= 1
			if hin < 0 {
				mh |= 1
			} else if hin > 0 {
				ph |= 1
			}
			pv[b] = mh | ^(xv | ph)
			mv[b] = ph & xv
			score[b] += hout
		}
		if y < w-1 && score[y]-hout <= k && (eqs[y+1]&1 != 0 || hout < 0) {
			// The band may reach into the next block: start it from the
			// previous column's values, bounded by the block above.
			y++
			pv[y], mv[y] = ^uint64(0), 0
			prev := score[y-1] - hout + rows(y)
			score[y] = prev + pt.step(&pv[y], &mv[y], eqs[y], hout, y)
		} else {
			for y > 0 && score[y] >= k+64 {
				y--
			}
		}
		if y == w-1 && score[y] <= k {
			fn(j+1, score[y])
		}
	}
}

// scan1 is scan for a pattern of at most 64 runes: one block, written out.
func (pt *pattern) scan1(text []int32, k int, fn func(end, dist int)) {
	pv, mv := ^uint64(0), uint64(0)
	score := pt.m
	hi := pt.last
	for j, id := range text {
		eq := pt.peq[pt.row[id]]
		xv := eq | mv
		xh := (((eq & pv) + pv) ^ pv) | eq
		ph := mv | ^(xh | pv)
		mh := pv & xh
		if ph&hi != 0 {
			score++
		} else if mh&hi != 0 {
			score--
		}
		ph <<= 1
		mh <<= 1
		pv = mh | ^(xv | ph)
		mv = ph & xv
		if score <= k {
			fn(j+1, score)
		}
	}
}

// run is the full bit-parallel dynamic programme behind distance (and scan
// when every value is wanted); it returns the last row's final value.
func (pt *pattern) run(text []int32, global bool, k int, fn func(end, dist int)) int {
	w := pt.words
	pv := make([]uint64, w)
	mv := make([]uint64, w)
	for i := range pv {
		pv[i] = ^uint64(0)
	}
	score := pt.m
	for j, id := range text {
		eqs := pt.eq(id)
		hin := 0 // search: the top row is all zeros
		if global {
			hin = 1 // global: the top row is 0, 1, 2, …
		}
		for b := 0; b < w; b++ {
			hin = pt.step(&pv[b], &mv[b], eqs[b], hin, b)
		}
		score += hin
		if fn != nil && score <= k {
			fn(j+1, score)
		}
	}
	return score
}

// step advances block b of the vertical delta vectors (pv, mv) by one text
// column whose match vector is eq, given the horizontal delta hin entering
// the block's top; it returns the delta leaving the block's last row.
func (pt *pattern) step(pv, mv *uint64, eq uint64, hin, b int) int {
	p, n := *pv, *mv
	xv := eq | n
	if hin < 0 {
		eq |= 1
	}
	sum, _ := bits.Add64(eq&p, p, 0)
	xh := (sum ^ p) | eq
	ph := n | ^(xh | p)
	mh := p & xh
	hi := uint64(1) << 63
	if b == pt.words-1 {
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
	*pv = mh | ^(xv | ph)
	*mv = ph & xv
	return hout
}
