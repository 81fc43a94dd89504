package reuse

import (
	"cmp"
	"slices"
)

// Passage is a span of one document that also occurs, verbatim or lightly
// edited, in other documents.
type Passage struct {
	// Start and End are code-point offsets in the document's text.
	Start, End int
	// Key identifies the passage's cluster, for muting: the smallest
	// content fingerprint the passage shares with the spans it is aligned
	// with. It depends only on those texts, so it stays the same when
	// unrelated documents are added or removed.
	Key string
	// Others are the spans of other documents the passage is aligned
	// with, by DocID and Start.
	Others []Match
}

// Match is a span of another document aligned with a passage.
type Match struct {
	DocID string
	// Start and End are code-point offsets in that document's text.
	Start, End int
	// Similarity is 2·(words in common)/(words of both spans), in [0, 1].
	Similarity float64
}

// Cluster is a set of spans that share a passage, directly or through
// each other.
type Cluster struct {
	// Key is the smallest key of the cluster's aligned pairs (see
	// Passage.Key).
	Key string
	// Members are the spans, by DocID and Start; one document may have
	// more than one.
	Members []Span
}

// Span is a range of code points in a document.
type Span struct {
	DocID      string
	Start, End int
}

// Passages returns the reused passages of document docID, in text order
// (nil for an unknown document). Spans of the document aligned with
// different documents are one passage when they overlap. A passage any of
// whose alignments touches a muted fingerprint is left out.
func (ix *Index) Passages(docID string) []Passage {
	ix.rlock()
	defer ix.mu.RUnlock()
	d := ix.byID[docID]
	if d == nil {
		return nil
	}
	q := ix.newQuery()
	q.reset(d)
	var edges []edge
	for _, c := range q.candidates(false) {
		edges = append(edges, q.alignWith(ix.slots[c])...)
	}
	return passagesOf(d, edges)
}

// query compares one document with the index. A query is reused for
// many documents by one goroutine.
type query struct {
	ix      *Index
	gd      *gramDoc
	t       *gramTable
	al      *aligner
	other   gramDoc  // the candidate being aligned
	counts  []int32  // by slot: distinct keys shared with the document
	touched []uint32 // slots with a count
}

func (ix *Index) newQuery() *query {
	df := func(k uint64) int { return len(ix.post.lookup(k)) }
	return &query{ix: ix, al: newAligner(&ix.opt, ix.muted, df), counts: make([]int32, len(ix.slots))}
}

// reset makes d the query document: its fingerprint table, with each
// key's document frequency, and the count of keys (not stock phrases) it
// shares with every other document, from one lookup per key.
func (q *query) reset(d *document) {
	for _, s := range q.touched {
		q.counts[s] = 0
	}
	q.touched = q.touched[:0]
	common := q.ix.opt.CommonDocs
	q.resetWith(d, func(k uint64) int {
		es := q.ix.post.lookup(k)
		if len(es) <= common {
			for _, e := range es {
				s := uint32(e & slotMask)
				if q.counts[s] == 0 {
					q.touched = append(q.touched, s)
				}
				q.counts[s]++
			}
		}
		return len(es)
	})
}

// resetWith makes d the query document with the given document
// frequencies, leaving the counts alone.
func (q *query) resetWith(d *document, df func(k uint64) int) {
	if q.gd == nil {
		q.gd = &gramDoc{}
	}
	q.gd.set(d)
	q.t = newGramTable(q.t, q.gd, df)
}

// candidates returns the slots of the documents that share at least
// max(3, MinWords/4) distinct keys, none a stock phrase, with the query
// document: a superset of the documents with a passage in common. With
// after, only those whose ID sorts after the query document's.
func (q *query) candidates(after bool) []uint32 {
	self := q.gd.d.slot
	var out []uint32
	for _, s := range q.touched {
		if s == self || int(q.counts[s]) < q.ix.opt.minSeeds() {
			continue
		}
		if after && q.ix.slots[s].id <= q.gd.d.id {
			continue
		}
		out = append(out, s)
	}
	slices.Sort(out)
	return out
}

// alignWith returns the passages the query document shares with d, in
// canonical orientation (the lower ID is x).
func (q *query) alignWith(d *document) []edge {
	q.other.set(d)
	var es []edge
	if q.gd.d.id < d.id {
		es = q.al.align(q.gd, &q.other, q.t, true)
	} else {
		es = q.al.align(&q.other, q.gd, q.t, false)
	}
	return slices.Clone(es)
}

// passagesOf groups the edges touching d into passages.
func passagesOf(d *document, edges []edge) []Passage {
	type side struct {
		w0, w1 int32 // d's words
		other  *document
		o0, o1 int32 // the other's words
		e      *edge
	}
	var ss []side
	for i := range edges {
		e := &edges[i]
		if e.x == d {
			ss = append(ss, side{e.x0, e.x1, e.y, e.y0, e.y1, e})
		} else if e.y == d {
			ss = append(ss, side{e.y0, e.y1, e.x, e.x0, e.x1, e})
		}
	}
	slices.SortFunc(ss, func(a, b side) int {
		if c := cmp.Compare(a.w0, b.w0); c != 0 {
			return c
		}
		return cmp.Compare(a.w1, b.w1)
	})
	var out []Passage
	for i := 0; i < len(ss); {
		j, end := i+1, ss[i].w1
		for j < len(ss) && ss[j].w0 < end {
			end = max(end, ss[j].w1)
			j++
		}
		group := ss[i:j]
		i = j
		muted := false
		k := ^uint64(0)
		p := Passage{}
		p.Start, p.End = d.runeSpan(int(group[0].w0), int(end))
		for _, s := range group {
			muted = muted || s.e.muted
			k = min(k, s.e.key)
			st, en := s.other.runeSpan(int(s.o0), int(s.o1))
			p.Others = append(p.Others, Match{DocID: s.other.id, Start: st, End: en, Similarity: s.e.sim})
		}
		if muted {
			continue
		}
		p.Key = formatKey(k)
		slices.SortFunc(p.Others, compareMatch)
		out = append(out, p)
	}
	return out
}

func compareMatch(a, b Match) int {
	if c := cmp.Compare(a.DocID, b.DocID); c != 0 {
		return c
	}
	if c := cmp.Compare(a.Start, b.Start); c != 0 {
		return c
	}
	return cmp.Compare(a.End, b.End)
}

// clustersOf builds the clusters of a set of edges: in each document the
// overlapping spans are one member, and members joined by an edge are one
// cluster.
func clustersOf(edges []edge) []Cluster {
	type end struct {
		d      *document
		w0, w1 int32
		edge   int
	}
	ends := make([]end, 0, 2*len(edges))
	for i, e := range edges {
		ends = append(ends, end{e.x, e.x0, e.x1, i}, end{e.y, e.y0, e.y1, i})
	}
	slices.SortFunc(ends, func(a, b end) int {
		if c := cmp.Compare(a.d.id, b.d.id); c != 0 {
			return c
		}
		if c := cmp.Compare(a.w0, b.w0); c != 0 {
			return c
		}
		return cmp.Compare(a.w1, b.w1)
	})
	// Members: overlapping spans of one document.
	type member struct {
		d      *document
		w0, w1 int32
	}
	var members []member
	nodeOf := make([]int, len(edges)) // one member per edge, then union
	uf := unionFind{}
	for i := 0; i < len(ends); {
		j, last := i+1, ends[i].w1
		for j < len(ends) && ends[j].d == ends[i].d && ends[j].w0 < last {
			last = max(last, ends[j].w1)
			j++
		}
		m := len(members)
		members = append(members, member{ends[i].d, ends[i].w0, last})
		uf.add()
		for _, e := range ends[i:j] {
			if nodeOf[e.edge] == 0 {
				nodeOf[e.edge] = m + 1
			} else {
				uf.union(nodeOf[e.edge]-1, m)
			}
		}
		i = j
	}
	type acc struct {
		key     uint64
		muted   bool
		members []int
	}
	byRoot := map[int]*acc{}
	for i, e := range edges {
		r := uf.find(nodeOf[i] - 1)
		a := byRoot[r]
		if a == nil {
			a = &acc{key: e.key}
			byRoot[r] = a
		}
		a.key = min(a.key, e.key)
		a.muted = a.muted || e.muted
	}
	for m := range members {
		if a := byRoot[uf.find(m)]; a != nil {
			a.members = append(a.members, m)
		}
	}
	var out []Cluster
	for _, a := range byRoot {
		if a.muted {
			continue
		}
		c := Cluster{Key: formatKey(a.key)}
		for _, m := range a.members {
			st, en := members[m].d.runeSpan(int(members[m].w0), int(members[m].w1))
			c.Members = append(c.Members, Span{DocID: members[m].d.id, Start: st, End: en})
		}
		slices.SortFunc(c.Members, compareSpan)
		out = append(out, c)
	}
	slices.SortFunc(out, func(a, b Cluster) int {
		if c := cmp.Compare(a.Key, b.Key); c != 0 {
			return c
		}
		return compareSpan(a.Members[0], b.Members[0])
	})
	return out
}

func compareSpan(a, b Span) int {
	if c := cmp.Compare(a.DocID, b.DocID); c != 0 {
		return c
	}
	if c := cmp.Compare(a.Start, b.Start); c != 0 {
		return c
	}
	return cmp.Compare(a.End, b.End)
}

// unionFind is a disjoint-set forest with path halving.
type unionFind struct{ parent []int }

func (u *unionFind) add() { u.parent = append(u.parent, len(u.parent)) }

func (u *unionFind) find(i int) int {
	for u.parent[i] != i {
		u.parent[i] = u.parent[u.parent[i]]
		i = u.parent[i]
	}
	return i
}

func (u *unionFind) union(a, b int) {
	if a, b = u.find(a), u.find(b); a != b {
		u.parent[max(a, b)] = min(a, b)
	}
}
