package search

import (
	"fmt"
	"math"
	"slices"
)

// DefaultLimit is the number of hits returned when Search is asked for 0
// or fewer.
const DefaultLimit = 50

// maxLimit caps the limit, so that a huge one cannot overflow the window
// arithmetic.
const maxLimit = 1 << 24

// rerankMin is the least number of best candidates (by word matches and
// fields alone) that are re-scored with the proximity of the query words.
// Proximity only reorders within this window: computing it needs each
// document's word order, which is too slow for tens of thousands of
// candidates on every keystroke.
const rerankMin = 200

// Search parses query (see ParseQuery) and returns up to limit hits, best
// first: by how well the words match (exact > prefix > typo >
// abbreviation), in which fields, how close together they are (adjacent
// words in query order count as a phrase), and then the most recently
// updated first. A query of filters only lists the matching documents most
// recent first. The error, for an unknown operator, a bad date or an
// over-long query, says what is wrong.
func (ix *Index) Search(query string, limit int) ([]Hit, error) {
	q, err := ParseQuery(query)
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	return ix.SearchQuery(q, limit), nil
}

// SearchQuery is Search for an already parsed query.
func (ix *Index) SearchQuery(q Query, limit int) []Hit {
	if limit <= 0 {
		limit = DefaultLimit
	}
	limit = min(limit, maxLimit)
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	p := ix.compile(&q)
	if p.none {
		return nil
	}
	s := ix.getScratch()
	defer ix.scratch.Put(s)
	for t := range p.termBits {
		s.seen[t>>6] |= 1 << (t & 63)
	}
	defer func() {
		for t := range p.termBits {
			s.seen[t>>6] = 0
		}
	}()

	final := ix.candidates(p, s)
	for _, t := range p.xwords {
		for _, e := range ix.vocab.post[t] {
			if slot := postingSlot(e); s.stamp[slot] == final {
				s.stamp[slot] = 0
			}
		}
	}
	kept := s.cands[:0]
	for _, slot := range s.cands {
		if s.stamp[slot] != final || !ix.passes(slot, p, s) {
			continue
		}
		kept = append(kept, slot)
	}
	s.cands = kept

	if len(p.groups) == 0 {
		top := ix.topK(kept, limit, nil)
		hits := make([]Hit, len(top))
		for i, slot := range top {
			hits[i] = ix.hit(slot, 0, nil, p)
		}
		return hits
	}
	window := limit
	if len(p.groups) > 1 {
		window = max(rerankMin, 4*limit)
	}
	top := ix.topK(kept, window, s.total)
	type ranked struct {
		slot  uint32
		score float64
		toks  []mtok
	}
	rs := make([]ranked, len(top))
	for i, slot := range top {
		toks := slices.Clone(ix.collect(&ix.docs[slot], p, s))
		rs[i] = ranked{slot, s.total[slot] + p.proximity(toks), toks}
	}
	slices.SortFunc(rs, func(a, b ranked) int {
		switch {
		case a.score > b.score:
			return -1
		case a.score < b.score:
			return 1
		}
		return ix.byRecency(a.slot, b.slot)
	})
	rs = rs[:min(len(rs), limit)]
	hits := make([]Hit, len(rs))
	for i, r := range rs {
		hits[i] = ix.hit(r.slot, r.score, r.toks, p)
	}
	return hits
}

// passes applies the filters, excluded phrases and required phrases.
func (ix *Index) passes(slot uint32, p *plan, s *searchScratch) bool {
	r := &ix.docs[slot]
	for i := range p.filters {
		if !p.filters[i].pass(r) {
			return false
		}
	}
	if len(p.phrases) == 0 && len(p.xphrases) == 0 {
		return true
	}
	toks := ix.collect(r, p, s)
	for _, ph := range p.xphrases {
		if phraseStarts(toks, ph, nil) {
			return false
		}
	}
	for _, ph := range p.phrases {
		if !phraseStarts(toks, ph, nil) {
			return false
		}
	}
	return true
}

// maskWeight is the weight of the best field in each field mask.
var maskWeight = func() (w [1 << fieldBits]float64) {
	for m := range w {
		for f := Field(0); f < numFields; f++ {
			if m&(1<<f) != 0 {
				w[m] = max(w[m], fieldWeight[f])
			}
		}
	}
	return w
}()

// candidates intersects the groups' posting lists, rarest first, leaving
// the matching slots in s.cands with their summed scores in s.total; it
// returns the stamp that marks them. Without groups every document is a
// candidate.
func (ix *Index) candidates(p *plan, s *searchScratch) uint32 {
	s.cands = s.cands[:0]
	if len(p.groups) == 0 {
		g := s.nextGen()
		for slot := range ix.docs {
			if ix.docs[slot].id != "" {
				s.stamp[slot] = g
				s.total[slot] = 0
				s.cands = append(s.cands, uint32(slot))
			}
		}
		return g
	}
	order := make([]int, len(p.groups))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return p.groups[a].volume - p.groups[b].volume })
	var prev uint32
	for k, gi := range order {
		g := s.nextGen()
		visit := func(slot uint32, sc float64) {
			switch s.stamp[slot] {
			case prev:
				s.stamp[slot] = g
				s.best[slot] = sc
			case g:
				s.best[slot] = max(s.best[slot], sc)
			}
		}
		for _, e := range p.groups[gi].exps {
			list := ix.vocab.post[e.term]
			switch {
			case k == 0:
				for _, ent := range list {
					slot, sc := postingSlot(ent), e.quality*maskWeight[ent&fieldMask]
					if s.stamp[slot] != g {
						s.stamp[slot] = g
						s.best[slot] = sc
						s.cands = append(s.cands, slot)
					} else {
						s.best[slot] = max(s.best[slot], sc)
					}
				}
			case len(s.cands)*16 < len(list):
				for _, slot := range s.cands {
					if st := s.stamp[slot]; st == prev || st == g {
						if i, ok := findPosting(list, slot); ok {
							visit(slot, e.quality*maskWeight[list[i]&fieldMask])
						}
					}
				}
			default:
				for _, ent := range list {
					visit(postingSlot(ent), e.quality*maskWeight[ent&fieldMask])
				}
			}
		}
		kept := s.cands[:0]
		for _, slot := range s.cands {
			if s.stamp[slot] != g {
				continue
			}
			if k == 0 {
				s.total[slot] = s.best[slot]
			} else {
				s.total[slot] += s.best[slot]
			}
			kept = append(kept, slot)
		}
		s.cands = kept
		prev = g
		if len(kept) == 0 {
			break
		}
	}
	return prev
}

// byRecency orders slots most recently updated first, then by ID.
func (ix *Index) byRecency(a, b uint32) int {
	ra, rb := &ix.docs[a], &ix.docs[b]
	switch {
	case ra.updated > rb.updated:
		return -1
	case ra.updated < rb.updated:
		return 1
	case ra.id < rb.id:
		return -1
	case ra.id > rb.id:
		return 1
	}
	return 0
}

// topK returns the best k slots, best first: by score (if scores is not
// nil), then by recency. It keeps a heap of k, so it costs n·log k.
func (ix *Index) topK(slots []uint32, k int, scores []float64) []uint32 {
	cmp := func(a, b uint32) int { // < 0 when a ranks above b
		if scores != nil {
			switch {
			case scores[a] > scores[b]:
				return -1
			case scores[a] < scores[b]:
				return 1
			}
		}
		return ix.byRecency(a, b)
	}
	if len(slots) <= k {
		out := slices.Clone(slots)
		slices.SortFunc(out, cmp)
		return out
	}
	// h is a heap with the worst of the best k at the root.
	h := make([]uint32, 0, k)
	down := func(i int) {
		for {
			c := 2*i + 1
			if c >= len(h) {
				return
			}
			if c+1 < len(h) && cmp(h[c+1], h[c]) > 0 {
				c++
			}
			if cmp(h[c], h[i]) <= 0 {
				return
			}
			h[i], h[c] = h[c], h[i]
			i = c
		}
	}
	for _, slot := range slots {
		if len(h) < k {
			h = append(h, slot)
			for i := len(h) - 1; i > 0; {
				parent := (i - 1) / 2
				if cmp(h[i], h[parent]) <= 0 {
					break
				}
				h[i], h[parent] = h[parent], h[i]
				i = parent
			}
			continue
		}
		if cmp(slot, h[0]) < 0 {
			h[0] = slot
			down(0)
		}
	}
	slices.SortFunc(h, cmp)
	return h
}

// searchScratch holds one search's working arrays, pooled between
// searches. stamp marks, per document slot, the last stage a slot got
// through; generations only grow, so nothing is cleared between searches.
type searchScratch struct {
	stamp       []uint32
	best, total []float64
	gen         uint32
	cands       []uint32
	seen        []uint64 // bitset over the vocabulary: words the plan mentions
	toks        []mtok
}

func (ix *Index) getScratch() *searchScratch {
	s, _ := ix.scratch.Get().(*searchScratch)
	if s == nil {
		s = &searchScratch{}
	}
	if n := len(ix.docs); len(s.stamp) < n {
		n += n / 8
		s.stamp = make([]uint32, n)
		s.best = make([]float64, n)
		s.total = make([]float64, n)
		s.gen = 0
	}
	if n := (len(ix.vocab.words) + 63) / 64; len(s.seen) < n {
		s.seen = make([]uint64, n+n/8)
	}
	return s
}

func (s *searchScratch) nextGen() uint32 {
	if s.gen == math.MaxUint32 {
		clear(s.stamp)
		s.gen = 0
	}
	s.gen++
	return s.gen
}
