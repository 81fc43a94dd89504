package reuse

import (
	"cmp"
	"slices"
	"time"
)

// Source is one independent source of some spans or documents: the text
// they share, traced to the document that carried it first.
type Source struct {
	// Origin is the ID of the source's earliest carrier (see Earliest).
	Origin string
	// Published is Origin's publication date; zero if no carrier has one.
	Published time.Time
	// Docs are the IDs of the documents carrying the source: those of the
	// grouped spans or documents and the members of the clusters linking
	// them, sorted.
	Docs []string
	// Keys are the keys of those clusters, sorted; none for a document's
	// own text.
	Keys []string
	// Spans are the input spans of this source, in input order (nil for
	// SourceDocs).
	Spans []Span
}

// before orders carriers: known publication dates first, earliest first,
// then by document ID.
func before(a, b string, published func(string) time.Time) bool {
	ta, tb := published(a), published(b)
	switch {
	case ta.IsZero() != tb.IsZero():
		return !ta.IsZero()
	case !ta.Equal(tb):
		return ta.Before(tb)
	}
	return a < b
}

// Earliest returns the member of c whose document was published first:
// members with an unknown date (a zero time from published) come after
// dated ones, and ties go to the smaller document ID, then the earlier
// span. ok is false for a cluster without members.
func Earliest(c Cluster, published func(docID string) time.Time) (first Span, ok bool) {
	for i, m := range c.Members {
		if i == 0 || before(m.DocID, first.DocID, published) || (m.DocID == first.DocID && m.Start < first.Start) {
			first, ok = m, true
		}
	}
	return first, ok
}

// Sources groups spans (say, the highlights of a theme) into independent
// sources, the way a reader counts them once reused text is traced back:
// a span that overlaps a member of a cluster belongs to that cluster, and
// all spans of one cluster are one source, whichever documents they are
// in; a span outside every cluster member belongs to its own document,
// and all such spans of one document are one source (the document's own
// text). A span overlapping members of several clusters joins them into
// one source. Sources are ordered by Published (unknown last), then
// Origin; len(result) is the number of independent sources.
func Sources(spans []Span, clusters []Cluster, published func(docID string) time.Time) []Source {
	// Nodes: one per input span, one per cluster, one per document with
	// spans of its own text.
	var uf unionFind
	for range spans {
		uf.add()
	}
	clusterNode := make([]int, len(clusters))
	for i := range clusters {
		clusterNode[i] = len(uf.parent)
		uf.add()
	}
	byDoc := map[string][]int{} // document → clusters with a member in it
	for i, c := range clusters {
		for _, m := range c.Members {
			if l := byDoc[m.DocID]; len(l) == 0 || l[len(l)-1] != i {
				byDoc[m.DocID] = append(l, i)
			}
		}
	}
	ownNode := map[string]int{}
	for si, s := range spans {
		inCluster := false
		for _, ci := range byDoc[s.DocID] {
			for _, m := range clusters[ci].Members {
				if m.DocID == s.DocID && overlap(m.Start, m.End, s.Start, s.End) > 0 {
					uf.union(si, clusterNode[ci])
					inCluster = true
				}
			}
		}
		if !inCluster {
			n, ok := ownNode[s.DocID]
			if !ok {
				n = len(uf.parent)
				uf.add()
				ownNode[s.DocID] = n
			}
			uf.union(si, n)
		}
	}
	groups := map[int]*Source{}
	var order []int
	get := func(node int) *Source {
		r := uf.find(node)
		g := groups[r]
		if g == nil {
			g = &Source{}
			groups[r] = g
			order = append(order, r)
		}
		return g
	}
	for si, s := range spans {
		g := get(si)
		g.Spans = append(g.Spans, s)
		g.Docs = append(g.Docs, s.DocID)
	}
	for i, c := range clusters {
		if _, ok := groups[uf.find(clusterNode[i])]; !ok {
			continue // a cluster no span touches
		}
		g := get(clusterNode[i])
		g.Keys = append(g.Keys, c.Key)
		for _, m := range c.Members {
			g.Docs = append(g.Docs, m.DocID)
		}
	}
	return finishSources(groups, order, published)
}

// overlap returns the length of the intersection of [a0, a1) and [b0, b1).
func overlap(a0, a1, b0, b1 int) int { return max(0, min(a1, b1)-max(a0, b0)) }

// SourceDocs groups whole documents into independent sources: documents
// that share a reused passage, directly or through other documents, are
// one source; a document sharing none is a source of its own. Sources are
// ordered by Published (unknown last), then Origin.
func SourceDocs(docIDs []string, clusters []Cluster, published func(docID string) time.Time) []Source {
	var uf unionFind
	node := map[string]int{}
	nodeOf := func(id string) int {
		n, ok := node[id]
		if !ok {
			n = len(uf.parent)
			uf.add()
			node[id] = n
		}
		return n
	}
	for _, id := range docIDs {
		nodeOf(id)
	}
	wanted := map[string]bool{}
	for _, id := range docIDs {
		wanted[id] = true
	}
	// A cluster links its members' documents when it touches a wanted one.
	var linking []int
	for ci, c := range clusters {
		touches := false
		for _, m := range c.Members {
			touches = touches || wanted[m.DocID]
		}
		if !touches {
			continue
		}
		linking = append(linking, ci)
		first := nodeOf(c.Members[0].DocID)
		for _, m := range c.Members[1:] {
			uf.union(first, nodeOf(m.DocID))
		}
	}
	groups := map[int]*Source{}
	var order []int
	get := func(id string) *Source {
		r := uf.find(node[id])
		g := groups[r]
		if g == nil {
			g = &Source{}
			groups[r] = g
			order = append(order, r)
		}
		return g
	}
	for _, id := range docIDs {
		get(id).Docs = append(get(id).Docs, id)
	}
	for _, ci := range linking {
		c := clusters[ci]
		g := get(c.Members[0].DocID)
		g.Keys = append(g.Keys, c.Key)
		for _, m := range c.Members {
			g.Docs = append(g.Docs, m.DocID)
		}
	}
	return finishSources(groups, order, published)
}

// finishSources sorts and deduplicates each source's lists, names its
// origin and orders the sources.
func finishSources(groups map[int]*Source, order []int, published func(string) time.Time) []Source {
	out := make([]Source, 0, len(order))
	for _, r := range order {
		g := groups[r]
		slices.Sort(g.Docs)
		g.Docs = slices.Compact(g.Docs)
		slices.Sort(g.Keys)
		g.Keys = slices.Compact(g.Keys)
		for i, d := range g.Docs {
			if i == 0 || before(d, g.Origin, published) {
				g.Origin = d
			}
		}
		g.Published = published(g.Origin)
		out = append(out, *g)
	}
	slices.SortFunc(out, func(a, b Source) int {
		switch {
		case a.Origin == b.Origin:
			return cmp.Compare(len(a.Spans), len(b.Spans))
		case before(a.Origin, b.Origin, published):
			return -1
		}
		return 1
	})
	return out
}
