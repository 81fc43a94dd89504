package anchor

import (
	"cmp"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
)

// weakContext is the context similarity from which an exact occurrence of
// the quote counts as in place (Anchored); below it the occurrence is Moved
// and competes with the best approximate match near the expected position.
const weakContext = 0.5

// Reattach finds target t in text, which may have changed since t was made.
// See the package documentation for the steps and the scoring. To update a
// moved target, call NewTarget(text, r.Start, r.End).
func Reattach(text string, t Target) Result {
	return ReattachAll(text, []Target{t})[0]
}

// ReattachAll re-attaches many targets made on an earlier version of text.
// It shares the per-text work between them and estimates where a target
// should now be from the shift observed on the target before it (by old
// position), which makes the search for both exact and approximate matches
// start at the right place after an insertion or deletion. Targets that
// need the approximate search are shared out between GOMAXPROCS
// goroutines. Results are in the order of ts.
func ReattachAll(text string, ts []Target) []Result {
	d := &doc{text: text}
	res := make([]Result, len(ts))
	order := make([]int, len(ts))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(ts[a].Start, ts[b].Start) })

	type pending struct {
		i, exp  int
		exact   Result
		exactOK bool
	}
	var todo []pending
	shift := 0
	for _, i := range order {
		t := ts[i]
		exp := min(max(t.Start+shift, 0), len(text))
		if t.Exact == "" {
			res[i] = Result{Status: Orphaned}
			continue
		}
		r, ok := d.exact(t, exp)
		if ok && r.Status == Anchored {
			res[i] = r
			shift = r.Start - t.Start
			continue
		}
		todo = append(todo, pending{i, exp, r, ok})
	}
	if len(todo) == 0 {
		return res
	}
	// The approximate searches are independent and only read the doc once
	// it is prepared: share them out between the processors.
	d.prepare()
	finish := func(p pending) {
		a, ok := d.approximate(ts[p.i], p.exp)
		switch {
		case ok && (!p.exactOK || a.Score > p.exact.Score):
			res[p.i] = a
		case p.exactOK:
			res[p.i] = p.exact
		default:
			res[p.i] = Result{Status: Orphaned}
		}
	}
	workers := min(runtime.GOMAXPROCS(0), len(todo)/4)
	if workers <= 1 {
		for _, p := range todo {
			finish(p)
		}
		return res
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for j := int(next.Add(1) - 1); j < len(todo); j = int(next.Add(1) - 1) {
				finish(todo[j])
			}
		})
	}
	wg.Wait()
	return res
}

// doc is a text prepared for re-attaching targets; the symbol form needed
// by the approximate matcher is built only when first needed.
type doc struct {
	text     string
	prepared bool
	sym      *symbols
	ids      []int32 // the text's runes as symbol ids
	offs     *Offsets
}

func (d *doc) prepare() {
	if !d.prepared {
		d.sym, d.ids = encodeText(d.text)
		d.offs = NewOffsets(d.text)
		d.prepared = true
	}
}

// pattern prepares runes for searching this doc.
func (d *doc) pattern(rs []rune) *pattern {
	return newPattern(d.sym.encode(rs), d.sym.n)
}

// exact runs steps 1 and 2: the old position, then the occurrences of the
// quote.
func (d *doc) exact(t Target, exp int) (Result, bool) {
	text := d.text
	if t.Start >= 0 && t.End <= len(text) && t.End-t.Start == len(t.Exact) &&
		text[t.Start:t.End] == t.Exact && isBoundary(text, t.Start) && isBoundary(text, t.End) {
		return Result{Start: t.Start, End: t.End, Status: Anchored, Score: 1}, true
	}
	s, ctx, ok := d.nearestWithContext(t, exp)
	if !ok {
		s, ctx, ok = d.bestOccurrence(t, exp)
	}
	if !ok {
		return Result{}, false
	}
	status := Moved
	if ctx >= weakContext {
		status = Anchored
	}
	return Result{Start: s, End: s + len(t.Exact), Status: status,
		Score: score(1, ctx, positionSim(s, exp, len(text)))}, true
}

// nearestRadius is the largest distance from the expected position at
// which nearestWithContext looks before bestOccurrence scans the text.
const nearestRadius = 4096

// nearestWithContext is the fast path of step 2: the occurrence of
// Prefix+Exact+Suffix (context similarity 1) whose quote starts nearest to
// exp, searched within nearestRadius bytes of exp.
func (d *doc) nearestWithContext(t Target, exp int) (int, float64, bool) {
	text := d.text
	needle := t.Prefix + t.Exact + t.Suffix
	lp, n := len(t.Prefix), len(text)
	for r := 1024; r <= nearestRadius; r *= 4 {
		lo := max(0, exp-r-lp)
		hi := min(n, exp+r-lp+len(needle))
		best := -1
		indexAll(text[:hi], needle, lo, func(i int) {
			qs := i + lp
			if isBoundary(text, qs) && isBoundary(text, qs+len(t.Exact)) &&
				(best < 0 || absInt(qs-exp) < absInt(best-exp)) {
				best = qs
			}
		})
		// Every quote start within r of exp lies in the window, so the
		// nearest one found is the nearest in the text.
		if best >= 0 {
			return best, 1, true
		}
		if lo == 0 && hi == n {
			break
		}
	}
	return 0, 0, false
}

// bestOccurrence is step 2 over the whole text: the occurrence of Exact
// with the best context similarity, the nearest to exp on ties.
func (d *doc) bestOccurrence(t Target, exp int) (int, float64, bool) {
	text := d.text
	best, bestCtx := -1, -1.0
	indexAll(text, t.Exact, 0, func(s int) {
		e := s + len(t.Exact)
		if !isBoundary(text, s) || !isBoundary(text, e) {
			return
		}
		var c float64
		switch {
		case strings.HasSuffix(text[:s], t.Prefix) && strings.HasPrefix(text[e:], t.Suffix):
			c = 1
		case bestCtx == 1:
			return // cannot beat or tie an intact context
		default:
			c = contextSim(text, s, e, t)
		}
		if c > bestCtx || c == bestCtx && absInt(s-exp) < absInt(best-exp) {
			best, bestCtx = s, c
		}
	})
	return best, bestCtx, best >= 0
}

// indexAll calls fn with the offset of every occurrence of needle in text
// that starts at or after from, overlapping ones included. Long needles are
// found by their first keyLen bytes, which the standard library searches
// with SIMD, and then checked in full.
func indexAll(text, needle string, from int, fn func(int)) {
	const keyLen = 32
	key := needle
	if len(key) > keyLen {
		key = key[:keyLen]
	}
	for at := from; at+len(needle) <= len(text); {
		i := strings.Index(text[at:len(text)-len(needle)+len(key)], key)
		if i < 0 {
			return
		}
		at += i
		if len(key) == len(needle) || text[at:at+len(needle)] == needle {
			fn(at)
		}
		at++
	}
}

// approximate runs step 3: the best match of the quote with at most
// maxErrors edits, first in a window around exp, then in the whole text;
// accepted if its score reaches MinScore.
func (d *doc) approximate(t Target, exp int) (Result, bool) {
	q := []rune(t.Exact)
	m := len(q)
	k := maxErrors(m)
	if k == 0 {
		return Result{}, false // short quotes match exactly or not at all
	}
	d.prepare()
	a := approxSearch{d: d, t: t, q: q, k: k, exp: exp, pt: d.pattern(q)}
	n := len(d.ids)
	expR := d.offs.Rune(exp)
	slack := max(2048, 4*m) + m + k
	lo, hi := max(0, expR-slack), min(n, expR+slack)
	if r, ok := a.best(lo, hi); ok && r.Score >= MinScore {
		return r, true
	}
	if lo == 0 && hi == n {
		return Result{}, false
	}
	if r, ok := a.best(0, n); ok && r.Score >= MinScore {
		return r, true
	}
	return Result{}, false
}

func absInt(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
