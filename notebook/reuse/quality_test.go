package reuse

import (
	"sort"
	"testing"
)

// quality is what evaluate measures against the generator's truth.
type quality struct {
	// Recall over copied passages of at least 40 words with at most 15%
	// of their words substituted: found means a passage of the derived
	// article covering at least 80% of the copied span, matched with the
	// source article on at least 80% of the source span.
	truth, found int
	// The same for shorter (20–39 words) and more edited (over 15%)
	// passages, which the targets do not cover.
	truthShort, foundShort, truthHeavy, foundHeavy int
	// Fragmented counts found passages reported as more than one passage
	// matched with the source.
	fragmented int
	// Precision over reported matches: correct when the two spans really
	// share at least MinWords/2 words (by origin) and neither span reaches
	// beyond its shared words by more than a fifth of its length.
	reported, correct int
	missed            []copyOp
	wrong             []string
}

func (q quality) recall() float64    { return ratio(q.found, q.truth) }
func (q quality) precision() float64 { return ratio(q.correct, q.reported) }
func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

// itemsIn returns the indices of a's word items inside the code-point
// span [s, e).
func (a *gArticle) itemsIn(s, e int) []int {
	i := sort.Search(len(a.spans), func(i int) bool { return a.spans[i][0] >= s })
	var out []int
	for ; i < len(a.spans) && a.spans[i][1] <= e; i++ {
		if a.word[i] {
			out = append(out, i)
		}
	}
	return out
}

// evaluate measures passages (by article ID) against the corpus truth.
func evaluate(c *corpus, passages map[string][]Passage, minWords int) quality {
	var q quality
	byID := map[string]*gArticle{}
	for _, a := range c.arts {
		byID[a.id] = a
	}
	for _, op := range c.ops {
		dst, src := c.arts[op.dst], c.arts[op.src]
		found, pieces := false, 0
		for _, p := range passages[dst.id] {
			piece := false
			for _, m := range p.Others {
				if m.DocID != src.id {
					continue
				}
				if !piece && 2*overlap(p.Start, p.End, op.dstSpan[0], op.dstSpan[1]) > p.End-p.Start {
					piece = true
					pieces++
				}
				if 5*overlap(p.Start, p.End, op.dstSpan[0], op.dstSpan[1]) >= 4*(op.dstSpan[1]-op.dstSpan[0]) &&
					5*overlap(m.Start, m.End, op.srcSpan[0], op.srcSpan[1]) >= 4*(op.srcSpan[1]-op.srcSpan[0]) {
					found = true
				}
			}
		}
		switch {
		case op.words < 40:
			q.truthShort++
			if found {
				q.foundShort++
			}
		case op.subRate > 0.15:
			q.truthHeavy++
			if found {
				q.foundHeavy++
			}
		default:
			q.truth++
			if found {
				q.found++
				if pieces > 1 {
					q.fragmented++
				}
			} else {
				q.missed = append(q.missed, op)
			}
		}
	}
	for id, ps := range passages {
		x := byID[id]
		for _, p := range ps {
			xi := x.itemsIn(p.Start, p.End)
			xOrig := map[origin]bool{}
			for _, i := range xi {
				xOrig[x.orig[i]] = true
			}
			sharedAny := map[int]bool{}
			for _, m := range p.Others {
				q.reported++
				y := byID[m.DocID]
				yi := y.itemsIn(m.Start, m.End)
				yOrig := map[origin]bool{}
				for _, i := range yi {
					yOrig[y.orig[i]] = true
				}
				shared := 0
				for _, i := range xi {
					if yOrig[x.orig[i]] {
						shared++
						sharedAny[i] = true
					}
				}
				if 2*shared >= minWords && compact(yi, func(i int) bool { return xOrig[y.orig[i]] }) {
					q.correct++
				} else {
					q.wrong = append(q.wrong, id+" → "+m.DocID)
				}
			}
			if !compact(xi, func(i int) bool { return sharedAny[i] }) {
				// The passage reaches beyond what it shares: every match
				// of it is counted wrong.
				q.correct -= len(p.Others)
				q.wrong = append(q.wrong, id+" (span)")
			}
		}
	}
	q.correct = max(q.correct, 0)
	return q
}

// compact reports whether the items from the first to the last shared
// one make up at least 80% of the items.
func compact(items []int, shared func(int) bool) bool {
	first, last := -1, -1
	for k, i := range items {
		if shared(i) {
			if first < 0 {
				first = k
			}
			last = k
		}
	}
	if first < 0 {
		return false
	}
	return 5*(last-first+1) >= 4*len(items)
}

// indexCorpus puts every article of c into a new index.
func indexCorpus(t testing.TB, c *corpus, opt Options) *Index {
	ix := New(opt)
	for _, a := range c.arts {
		if err := ix.Put(a.id, a.text); err != nil {
			t.Fatal(err)
		}
	}
	return ix
}

var qualitySpec = genSpec{
	seed: 17, originals: 150, derived: 250, unrelated: 200, articleWords: 800,
	footerRate: 0.5, maxSubRate: 0.2, minCopyWords: 20, maxCopyWords: 200, repeatRate: 0.2,
}

func TestIndex_quality(t *testing.T) {
	c := generate(qualitySpec)
	ix := indexCorpus(t, c, Options{})
	passages := map[string][]Passage{}
	for _, a := range c.arts {
		if ps := ix.Passages(a.id); len(ps) > 0 {
			passages[a.id] = ps
		}
	}
	q := evaluate(c, passages, ix.Options().MinWords)
	t.Logf("recall (≥40 words, ≤15%% substituted): %d/%d = %.3f, %d fragmented", q.found, q.truth, q.recall(), q.fragmented)
	t.Logf("recall 20–39 words: %d/%d; over 15%% substituted: %d/%d", q.foundShort, q.truthShort, q.foundHeavy, q.truthHeavy)
	t.Logf("precision: %d/%d = %.4f", q.correct, q.reported, q.precision())
	if q.recall() < 0.95 {
		for _, op := range q.missed[:min(len(q.missed), 10)] {
			t.Logf("missed %s ← %s words %d sub %.2f dropped %v inserted %v", c.arts[op.dst].id, c.arts[op.src].id, op.words, op.subRate, op.dropped, op.inserted)
		}
		t.Errorf("recall %.3f, want ≥ 0.95", q.recall())
	}
	if q.precision() < 0.98 {
		t.Errorf("precision %.4f, want ≥ 0.98; wrong: %v", q.precision(), q.wrong[:min(10, len(q.wrong))])
	}
	if q.fragmented*20 > q.found {
		t.Errorf("%d of %d found passages fragmented", q.fragmented, q.found)
	}
}
