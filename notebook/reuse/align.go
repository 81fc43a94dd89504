package reuse

import (
	"cmp"
	"slices"
)

// Alignment turns the fingerprints two documents share into passages:
//
//  1. Seeds: every pair of positions (i, j) where both documents have the
//     same 5-word fingerprint, leaving out stock phrases (fingerprints in
//     more than CommonDocs documents) and fingerprints repeated more than
//     maxRep times in either document. A pair with fewer than
//     max(3, MinWords/4) distinct seed fingerprints has no passage.
//  2. Chaining: seeds sorted by position are chained by dynamic
//     programming, as read mappers chain minimizer hits: a seed follows
//     another if it comes after it in both texts, within MaxGap+5 words,
//     with the two gaps differing by at most MaxGap words (a sentence
//     dropped or inserted); a chain scores the words it covers, less a
//     small penalty for each such drift. Chains are taken best first, each
//     seed in one chain.
//  3. A chain needs at least max(3, MinWords/4) seeds covering at least
//     MinWords/2 words: a passage is evidenced by fingerprints that are not
//     stock phrases, never by common text alone (the few fingerprints that
//     straddle a stock phrase and a boilerplate paragraph cover at most
//     eight words). Its region is extended at both ends word by word (a
//     match +1, a mismatch -1, stopping 2 below the best score, at most 10
//     words), which picks up the edges of a passage that has a changed
//     word near its end.
//  4. The words the two regions have in common are counted: the words the
//     seeds cover, plus the longest common subsequence of each gap between
//     consecutive seeds, plus the matches of the extensions. The region is
//     a passage if at least MinWords words match, not counting the words
//     of the first region inside stock phrases, and the similarity
//     2·matched/(words of both regions) is at least MinSimilarity.
//  5. Of passages that overlap by more than half in both documents, the one
//     with more matched words is kept.

const (
	maxRep   = 4    // a fingerprint repeated more often in a text is no seed
	xDrop    = 2    // extension stops this far below its best score
	lookback = 1024 // seeds looked back at when chaining
	// extendLimit is the most words a region is extended by at each end:
	// enough to reach past a changed word near the end of a passage, too
	// few to carry a single seed through a boilerplate paragraph.
	extendLimit = 2 * gramLen
)

// gramDoc is a document with its fingerprints by position.
type gramDoc struct {
	d *document
	g []uint64
}

func newGramDoc(d *document) *gramDoc {
	return &gramDoc{d: d, g: grams(nil, d.words)}
}

// set makes gd the fingerprints of d, reusing its slice.
func (gd *gramDoc) set(d *document) {
	gd.d, gd.g = d, grams(gd.g[:0], d.words)
}

// tableEntry describes one distinct fingerprint of a gramTable's document.
type tableEntry struct {
	first int32 // first position; next[] chains the others
	occ   int32 // occurrences in the document
	df    int32 // documents of the index (or corpus) that have the key
}

// gramTable finds the positions of fingerprints in one document.
type gramTable struct {
	gd   *gramDoc
	pos  map[uint64]tableEntry
	next []int32
}

// newGramTable indexes gd's fingerprints; df gives each distinct key's
// document frequency. A non-nil t is reused.
func newGramTable(t *gramTable, gd *gramDoc, df func(key uint64) int) *gramTable {
	if t == nil {
		t = &gramTable{pos: make(map[uint64]tableEntry, len(gd.g))}
	}
	clear(t.pos)
	t.gd = gd
	t.next = slices.Grow(t.next[:0], len(gd.g))[:len(gd.g)]
	for i := len(gd.g) - 1; i >= 0; i-- {
		g := gd.g[i]
		e, ok := t.pos[g]
		if ok {
			t.next[i] = e.first
		} else {
			t.next[i] = -1
		}
		e.first = int32(i)
		e.occ++
		t.pos[g] = e
	}
	for g, e := range t.pos {
		if stockKeys[key(g)] {
			e.df = stockDF
		} else {
			e.df = int32(min(df(key(g)), stockDF))
		}
		t.pos[g] = e
	}
	return t
}

// has reports whether fingerprint g occurs in the table's document at a
// position in [lo, hi].
func (t *gramTable) has(g uint64, lo, hi int) bool {
	e, ok := t.pos[g]
	if !ok {
		return false
	}
	for p := e.first; p >= 0; p = t.next[p] {
		if int(p) > hi {
			return false
		}
		if int(p) >= lo {
			return true
		}
	}
	return false
}

// edge is one passage two documents share: words [x0, x1) of x and
// [y0, y1) of y, where x's ID sorts before y's.
type edge struct {
	x, y           *document
	x0, x1, y0, y1 int32
	matched        int32
	sim            float64
	key            uint64 // the passage's key fingerprint
	muted          bool   // a span holds a muted fingerprint
}

type seed struct {
	x, y int32
	g    uint64
}

// aligner holds the scratch space of pair alignments; one per goroutine.
type aligner struct {
	opt    *Options
	df     func(key uint64) int
	muted  map[uint64]bool
	seeds  []seed
	gs     []uint64
	banned map[uint64]bool
	score  []int32
	pred   []int32
	order  []int32
	used   []bool
	row    []int32
	out    []edge
}

func newAligner(opt *Options, muted map[uint64]bool, df func(key uint64) int) *aligner {
	return &aligner{opt: opt, muted: muted, df: df, banned: map[uint64]bool{}}
}

// align returns the passages x and y share (x.d.id < y.d.id); t is the
// fingerprint table of x (tIsX) or of y, and the other one is probed
// against it. The result is valid until the next call.
func (al *aligner) align(x, y *gramDoc, t *gramTable, tIsX bool) []edge {
	al.out = al.out[:0]
	probe := y
	if !tIsX {
		probe = x
	}
	seeds := al.seeds[:0]
	common := int32(al.opt.CommonDocs)
	for j, g := range probe.g {
		te, ok := t.pos[g]
		if !ok || te.df > common || te.occ > maxRep {
			continue
		}
		for p := te.first; p >= 0; p = t.next[p] {
			if tIsX {
				seeds = append(seeds, seed{x: p, y: int32(j), g: g})
			} else {
				seeds = append(seeds, seed{x: int32(j), y: p, g: g})
			}
		}
	}
	al.seeds = seeds
	minSeeds := al.opt.minSeeds()
	if len(seeds) < minSeeds {
		return nil
	}
	// Fingerprints repeated too often in the probed document, and the
	// distinct keys of the others.
	gs := al.gs[:0]
	for _, s := range seeds {
		gs = append(gs, s.g)
	}
	slices.Sort(gs)
	al.gs = gs
	keys, banned := 0, false
	clear(al.banned)
	lastKey := ^uint64(0)
	for i := 0; i < len(gs); {
		j := i + 1
		for j < len(gs) && gs[j] == gs[i] {
			j++
		}
		if occT := int(t.pos[gs[i]].occ); (j-i)/occT > maxRep {
			al.banned[gs[i]] = true
			banned = true
		} else if k := key(gs[i]); k != lastKey {
			keys++
			lastKey = k
		}
		i = j
	}
	if keys < minSeeds {
		return nil
	}
	if banned {
		keep := seeds[:0]
		for _, s := range seeds {
			if !al.banned[s.g] {
				keep = append(keep, s)
			}
		}
		seeds = keep
	}
	slices.SortFunc(seeds, func(a, b seed) int {
		if c := cmp.Compare(a.x, b.x); c != 0 {
			return c
		}
		return cmp.Compare(a.y, b.y)
	})
	al.chain(seeds)
	al.extract(x, y, seeds)
	return al.out
}

// chain fills score and pred for seeds sorted by (x, y).
func (al *aligner) chain(seeds []seed) {
	n := len(seeds)
	al.score = slices.Grow(al.score[:0], n)[:n]
	al.pred = slices.Grow(al.pred[:0], n)[:n]
	maxStep := int32(al.opt.MaxGap + gramLen)
	maxDrift := int32(al.opt.MaxGap)
	for i, s := range seeds {
		best, pr := int32(gramLen), int32(-1)
		for p := i - 1; p >= 0 && p >= i-lookback; p-- {
			q := seeds[p]
			dx := s.x - q.x
			if dx > maxStep {
				break
			}
			dy := s.y - q.y
			if dx <= 0 || dy <= 0 || dy > maxStep {
				continue
			}
			drift := dx - dy
			if drift < 0 {
				drift = -drift
			}
			if drift > maxDrift {
				continue
			}
			gain := min(dx, dy, gramLen)
			if drift > 0 {
				gain -= 1 + drift/8
			}
			if sc := al.score[p] + gain; sc > best {
				best, pr = sc, int32(p)
			}
		}
		al.score[i], al.pred[i] = best, pr
	}
}

// extract takes chains best first and turns them into edges.
func (al *aligner) extract(x, y *gramDoc, seeds []seed) {
	n := len(seeds)
	al.order = al.order[:0]
	for i := range n {
		al.order = append(al.order, int32(i))
	}
	slices.SortFunc(al.order, func(a, b int32) int {
		if c := cmp.Compare(al.score[b], al.score[a]); c != 0 {
			return c
		}
		return cmp.Compare(a, b)
	})
	al.used = slices.Grow(al.used[:0], n)[:n]
	clear(al.used)
	var chain []int32
	first := len(al.out)
	for _, end := range al.order {
		if al.used[end] {
			continue
		}
		chain = chain[:0]
		for t := end; t >= 0 && !al.used[t]; t = al.pred[t] {
			al.used[t] = true
			chain = append(chain, t)
		}
		slices.Reverse(chain)
		if e, ok := al.region(x, y, seeds, chain); ok {
			al.out = append(al.out, e)
		}
	}
	// Of passages overlapping by more than half in both texts, keep the
	// one with more matched words (the order above is by chain score).
	es := al.out[first:]
	slices.SortStableFunc(es, func(a, b edge) int { return cmp.Compare(b.matched, a.matched) })
	keep := es[:0]
	for _, e := range es {
		dup := false
		for _, k := range keep {
			if overlapHalf(e.x0, e.x1, k.x0, k.x1) && overlapHalf(e.y0, e.y1, k.y0, k.y1) {
				dup = true
				break
			}
		}
		if !dup {
			keep = append(keep, e)
		}
	}
	al.out = al.out[:first+len(keep)]
	slices.SortFunc(al.out[first:], func(a, b edge) int {
		if c := cmp.Compare(a.x0, b.x0); c != 0 {
			return c
		}
		return cmp.Compare(a.y0, b.y0)
	})
}

// overlapHalf reports whether [a0, a1) and [b0, b1) overlap by more than
// half the shorter.
func overlapHalf(a0, a1, b0, b1 int32) bool {
	o := min(a1, b1) - max(a0, b0)
	return o > 0 && 2*o > min(a1-a0, b1-b0)
}

// region measures one chain and reports whether it is a passage.
func (al *aligner) region(x, y *gramDoc, seeds []seed, chain []int32) (edge, bool) {
	xw, yw := x.d.words, y.d.words
	var matched, covered int32
	s0 := seeds[chain[0]]
	xEnd, yEnd := s0.x, s0.y // ends of the words covered so far
	for _, c := range chain {
		s := seeds[c]
		if gx, gy := s.x-xEnd, s.y-yEnd; gx > 0 && gy > 0 {
			matched += al.lcs(xw[xEnd:s.x], yw[yEnd:s.y])
		}
		addX := s.x + gramLen - max(s.x, xEnd)
		addY := s.y + gramLen - max(s.y, yEnd)
		matched += max(0, min(addX, addY))
		covered += max(0, addX)
		xEnd, yEnd = max(xEnd, s.x+gramLen), max(yEnd, s.y+gramLen)
	}
	if len(chain) < al.opt.minSeeds() || 2*int(covered) < al.opt.MinWords {
		return edge{}, false
	}
	limit := extendLimit
	ls, lm := extend(xw, yw, int(s0.x)-1, int(s0.y)-1, -1, limit)
	rs, rm := extend(xw, yw, int(xEnd), int(yEnd), 1, limit)
	matched += int32(lm + rm)
	e := edge{
		x: x.d, y: y.d,
		x0: s0.x - int32(ls), x1: xEnd + int32(rs),
		y0: s0.y - int32(ls), y1: yEnd + int32(rs),
	}
	e.matched = min(matched, e.x1-e.x0, e.y1-e.y0)
	e.sim = min(1, float64(2*e.matched)/float64(e.x1-e.x0+e.y1-e.y0))
	if int(e.matched) < al.opt.MinWords || e.sim < al.opt.MinSimilarity {
		return edge{}, false
	}
	if int(e.matched)-al.commonWords(x, e.x0, e.x1) < al.opt.MinWords {
		return edge{}, false
	}
	al.keyOf(&e, x, y)
	return e, true
}

// commonWords counts the words of x in [x0, x1) that lie inside a stock
// phrase: a 5-gram found in more than CommonDocs documents, or one of
// stockPhrases.
func (al *aligner) commonWords(x *gramDoc, x0, x1 int32) int {
	n, covered := 0, int32(-1) // covered: words before this are counted
	for q := max(0, x0-gramLen+1); q < x1 && int(q) < len(x.g); q++ {
		if k := key(x.g[q]); !stockKeys[k] && al.df(k) <= al.opt.CommonDocs {
			continue
		}
		lo, hi := max(q, x0, covered), min(q+gramLen, x1)
		if hi > lo {
			n += int(hi - lo)
			covered = hi
		}
	}
	return n
}

// keyOf sets the edge's key, the smallest fingerprint of a content 5-gram
// (see contentGram) that both spans hold (or of any 5-gram they share if
// none is a content one), and whether either span holds a muted
// fingerprint. The key depends only on the two spans' words.
func (al *aligner) keyOf(e *edge, x, y *gramDoc) {
	// A sorted set of x's span fingerprints, probed with y's.
	xs := al.gs[:0]
	for p := e.x0; p+gramLen <= e.x1; p++ {
		xs = append(xs, x.g[p])
	}
	slices.Sort(xs)
	al.gs = xs
	best, bestAny := ^uint64(0), ^uint64(0)
	found := false
	for p := e.y0; p+gramLen <= e.y1; p++ {
		g := y.g[p]
		if found && g >= best {
			continue // cannot lower either minimum (bestAny <= best)
		}
		if _, ok := slices.BinarySearch(xs, g); !ok {
			continue
		}
		bestAny = min(bestAny, g)
		if contentGram(y.d.words[p:]) {
			best, found = g, true
		}
	}
	if found {
		e.key = best
	} else {
		e.key = bestAny
	}
	if len(al.muted) > 0 {
		for _, g := range xs {
			if al.muted[g] {
				e.muted = true
				return
			}
		}
		for p := e.y0; p+gramLen <= e.y1; p++ {
			if al.muted[y.g[p]] {
				e.muted = true
				return
			}
		}
	}
}

// extend walks from (i, j) in direction dir (+1 or -1) comparing words and
// returns how many steps to take and how many of them match: the prefix
// with the best score (+1 a match, -1 a mismatch), stopping once the score
// falls xDrop below it or after limit steps.
func extend(a, b []uint32, i, j, dir, limit int) (steps, matches int) {
	score, best, m := 0, 0, 0
	for t := 0; t < limit; t++ {
		ii, jj := i+dir*t, j+dir*t
		if ii < 0 || jj < 0 || ii >= len(a) || jj >= len(b) {
			break
		}
		if a[ii] == b[jj] {
			score++
			m++
		} else {
			score--
		}
		if score > best {
			best, steps, matches = score, t+1, m
		} else if score <= best-xDrop {
			break
		}
	}
	return steps, matches
}

// lcs returns the length of the longest common subsequence of a and b.
func (al *aligner) lcs(a, b []uint32) int32 {
	if len(a) < len(b) {
		a, b = b, a
	}
	n := len(b)
	al.row = slices.Grow(al.row[:0], n+1)[:n+1]
	row := al.row
	clear(row)
	for _, wa := range a {
		prev := int32(0) // row[j-1] of the previous line
		for j := 1; j <= n; j++ {
			cur := row[j]
			if wa == b[j-1] {
				row[j] = prev + 1
			} else if row[j-1] > row[j] {
				row[j] = row[j-1]
			}
			prev = cur
		}
	}
	return row[n]
}
