package search

import (
	"strings"
	"unicode/utf8"
)

// plan is a Query compiled against the index's current vocabulary.
type plan struct {
	groups   []group  // one per term and per phrase word; bit i of a token's groups
	phrases  [][]int  // group indexes of each phrase's words, in order
	terms    []int    // group indexes of the fuzzy terms, in query order
	xwords   []uint32 // excluded single words
	xphrases [][]int  // group indexes of excluded phrases' words (not in groups' AND)
	termBits map[uint32]uint64
	filters  []cfilter
	none     bool // nothing can match (a term or phrase word is unknown)
}

// group is one required word of the query and the vocabulary words it
// stands for.
type group struct {
	exps   []expansion
	volume int // total posting entries, to intersect the rarest first
}

// cfilter is a Filter resolved against the index's interned tables.
type cfilter struct {
	f  *Filter
	ok []bool // tag:, in:, by:, outlet:: which table entries pass
	// by: also looks at outlets
	okOutlet []bool
	color    uint32
	colorOK  bool
}

func (ix *Index) compile(q *Query) *plan {
	p := &plan{termBits: map[uint32]uint64{}}
	addGroup := func(exps []expansion) int {
		i := len(p.groups)
		g := group{exps: exps}
		for _, e := range exps {
			g.volume += len(ix.vocab.post[e.term])
			p.termBits[e.term] |= 1 << i
		}
		p.groups = append(p.groups, g)
		return i
	}
	for _, t := range q.Terms {
		exps := ix.vocab.expand(t, true)
		if len(exps) == 0 {
			p.none = true
			return p
		}
		p.terms = append(p.terms, addGroup(exps))
	}
	for _, ph := range q.Phrases {
		var idx []int
		for _, w := range ph {
			id, ok := ix.vocab.lookup(w)
			if !ok {
				p.none = true
				return p
			}
			idx = append(idx, addGroup([]expansion{{id, qualityExact}}))
		}
		p.phrases = append(p.phrases, idx)
	}
	bit := len(p.groups)
	for _, ph := range q.Exclude {
		ids := make([]uint32, 0, len(ph))
		for _, w := range ph {
			if id, ok := ix.vocab.lookup(w); ok {
				ids = append(ids, id)
			}
		}
		if len(ids) < len(ph) {
			continue // a word that occurs nowhere excludes nothing
		}
		if len(ids) == 1 {
			p.xwords = append(p.xwords, ids[0])
			continue
		}
		var idx []int
		for _, id := range ids {
			p.termBits[id] |= 1 << bit
			idx = append(idx, bit)
			bit++
		}
		p.xphrases = append(p.xphrases, idx)
	}
	for i := range q.Filters {
		p.filters = append(p.filters, ix.compileFilter(&q.Filters[i]))
	}
	return p
}

func (ix *Index) compileFilter(f *Filter) cfilter {
	c := cfilter{f: f}
	switch f.Op {
	case "tag":
		c.ok = make([]bool, len(ix.tags.norm))
		for i, t := range ix.tags.norm {
			c.ok[i] = t == f.norm || strings.HasPrefix(t, f.norm+"/")
		}
	case "color":
		// Colours are interned by their normalised name (see record).
		c.color, c.colorOK = ix.colors.ids[f.norm]
	case "in":
		c.ok = metaMatches(&ix.titles, f.ws)
	case "by":
		c.ok = metaMatches(&ix.bylines, f.ws)
		c.okOutlet = metaMatches(&ix.outlets, f.ws)
	case "outlet":
		c.ok = metaMatches(&ix.outlets, f.ws)
	case "creator":
		c.ok = metaMatches(&ix.creators, f.ws)
	}
	return c
}

// metaMatches returns which entries of m contain every query word, each
// matched exactly, as a prefix or with a typo.
func metaMatches(m *metaTable, qws []string) []bool {
	ok := make([]bool, max(1, len(m.words))) // id 0, the empty string, exists even in an empty table
	var d osa
	var qr, wr []rune
	memo := map[[2]string]bool{}
	match := func(q, w string) bool {
		if strings.HasPrefix(w, q) {
			return true
		}
		k := typoBudget(utf8.RuneCountInString(q))
		if k == 0 {
			return false
		}
		key := [2]string{q, w}
		if v, ok := memo[key]; ok {
			return v
		}
		qr, wr = appendRunes(qr[:0], q), appendRunes(wr[:0], w)
		v := d.distance(qr, wr, k) <= k
		memo[key] = v
		return v
	}
	for i, ws := range m.words {
		all := len(ws) > 0
		for _, q := range qws {
			found := false
			for _, w := range ws {
				if match(q, w) {
					found = true
					break
				}
			}
			if !found {
				all = false
				break
			}
		}
		ok[i] = all
	}
	return ok
}

// pass reports whether document r satisfies the filter.
func (c *cfilter) pass(r *docRec) bool {
	return c.test(r) != c.f.Negate
}

func (c *cfilter) test(r *docRec) bool {
	switch c.f.Op {
	case "tag":
		for _, t := range r.tags {
			if c.ok[t] {
				return true
			}
		}
		return false
	case "color":
		return c.colorOK && r.color == c.color
	case "in":
		return c.ok[r.title]
	case "by":
		return c.ok[r.byline] || c.okOutlet[r.outlet]
	case "outlet":
		return c.ok[r.outlet]
	case "creator":
		return c.ok[r.creator]
	case "has":
		if c.f.norm == "note" {
			return r.flags&flagNote != 0
		}
		return len(r.tags) > 0
	case "is":
		switch c.f.norm {
		case "orphan", "orphaned":
			return r.flags&flagOrphan != 0
		case "article":
			return r.kind == KindArticle
		}
		return r.kind == KindAnnotation
	case "after":
		return r.flags&flagPublished != 0 && r.published >= c.f.day
	case "before":
		return r.flags&flagPublished != 0 && r.published < c.f.day
	}
	return false
}
