package search

import (
	"math/bits"
)

// mtok is one word of a document that the query mentions.
type mtok struct {
	field      Field
	pos        int32 // ordinal of the word in its field
	start, end int32 // code points
	groups     uint64
}

// collect decodes r's forward list and returns the words the plan
// mentions, by field and position. The slice is reused by the next call.
func (ix *Index) collect(r *docRec, p *plan, s *searchScratch) []mtok {
	toks := s.toks[:0]
	for f := Field(0); f < numFields; f++ {
		it := newWordIter(fieldPayload(r.fwd, f), ix.vocab.rlen)
		for it.next() {
			t := it.w.term
			if s.seen[t>>6]&(1<<(t&63)) == 0 {
				continue
			}
			toks = append(toks, mtok{f, int32(it.w.pos), int32(it.w.start), int32(it.w.end), p.termBits[t]})
		}
	}
	s.toks = toks
	return toks
}

// phraseStarts reports whether the groups in ph occur at consecutive
// positions of one field; if mark is not nil it is set for every word of
// every occurrence.
func phraseStarts(toks []mtok, ph []int, mark []bool) bool {
	found := false
	for i := range toks {
		if !phraseAt(toks, i, ph) {
			continue
		}
		found = true
		if mark == nil {
			return true
		}
		for j := range ph {
			mark[i+j] = true
		}
	}
	return found
}

// phraseAt reports whether the phrase ph starts at toks[i]. Only words the
// query mentions are in toks, so consecutive positions are consecutive
// entries.
func phraseAt(toks []mtok, i int, ph []int) bool {
	if i+len(ph) > len(toks) {
		return false
	}
	for j, g := range ph {
		t := toks[i+j]
		if t.groups&(1<<g) == 0 || t.field != toks[i].field || t.pos != toks[i].pos+int32(j) {
			return false
		}
	}
	return true
}

// Proximity bonuses, per field and scaled by its weight: all the query's
// words within the smallest window of n words earn proximityWeight·(n−1);
// the fuzzy terms adjacent and in the query's order earn orderWeight·(n−1)
// more, as a phrase would.
const (
	proximityWeight = 0.5
	orderWeight     = 0.3
)

// proximity returns the best proximity bonus over the fields of toks.
func (p *plan) proximity(toks []mtok) float64 {
	n := len(p.groups)
	if n < 2 {
		return 0
	}
	all := uint64(1)<<n - 1
	best := 0.0
	for lo := 0; lo < len(toks); {
		hi := lo
		for hi < len(toks) && toks[hi].field == toks[lo].field {
			hi++
		}
		ft := toks[lo:hi]
		f := ft[0].field
		lo = hi
		span := minWindow(ft, all, n)
		if span == 0 {
			continue
		}
		bonus := proximityWeight * float64(n-1) * float64(n) / float64(span)
		if len(p.terms) > 1 {
			for i := range ft {
				if phraseAt(ft, i, p.terms) {
					bonus += orderWeight * float64(len(p.terms)-1)
					break
				}
			}
		}
		best = max(best, bonus*fieldWeight[f])
	}
	return best
}

// minWindow returns the length in words of the shortest run of toks (one
// field) that holds every group of all, or 0 if there is none.
func minWindow(toks []mtok, all uint64, n int) int {
	var count [64]int32
	covered, best, l := 0, 0, 0
	for r := range toks {
		for b := toks[r].groups & all; b != 0; b &= b - 1 {
			i := bits.TrailingZeros64(b)
			if count[i] == 0 {
				covered++
			}
			count[i]++
		}
		for covered == n {
			if span := int(toks[r].pos-toks[l].pos) + 1; best == 0 || span < best {
				best = span
			}
			for b := toks[l].groups & all; b != 0; b &= b - 1 {
				i := bits.TrailingZeros64(b)
				count[i]--
				if count[i] == 0 {
					covered--
				}
			}
			l++
		}
	}
	if best > 0 && best < n {
		best = n // one word standing for two query terms
	}
	return best
}

// hit builds the result for slot with the ranges of the words the query
// matched: every word a fuzzy term matched, and the words of each phrase
// occurrence.
func (ix *Index) hit(slot uint32, score float64, toks []mtok, p *plan) Hit {
	r := &ix.docs[slot]
	h := Hit{ID: r.id, ArticleID: r.articleID, Kind: r.kind, Score: score}
	if len(toks) == 0 {
		return h
	}
	var termMask uint64
	for _, g := range p.terms {
		termMask |= 1 << g
	}
	mark := make([]bool, len(toks))
	for _, ph := range p.phrases {
		phraseStarts(toks, ph, mark)
	}
	for i, t := range toks {
		if t.groups&termMask == 0 && !mark[i] {
			continue
		}
		if n := len(h.Matches); n == 0 || h.Matches[n-1].Field != t.field {
			h.Matches = append(h.Matches, Match{Field: t.field})
		}
		m := &h.Matches[len(h.Matches)-1]
		m.Ranges = append(m.Ranges, Range{int(t.start), int(t.end)})
	}
	return h
}
