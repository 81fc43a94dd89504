package reuse

import (
	"runtime"
	"slices"
	"sync"
)

// Naive finds the reused passages of docs by comparing every pair of
// documents, without the fingerprint index: the baseline the Index is
// measured against. It tokenises, aligns and groups exactly as the Index
// does, so for the same documents and options it returns the same
// passages (by document ID) and clusters as Index.Passages and
// Index.Clusters; only the work differs (n²/2 pair alignments instead of
// the few pairs the index finds). Documents with an empty ID or an ID
// longer than MaxIDBytes are skipped, as Put refuses them.
func Naive(docs map[string]string, opt Options) (map[string][]Passage, []Cluster) {
	o := opt.withDefaults()
	muted := map[uint64]bool{}
	for _, k := range opt.Muted {
		if v, err := parseKey(k); err == nil {
			muted[v] = true
		}
	}
	ids := make([]string, 0, len(docs))
	for id := range docs {
		if id != "" && len(id) <= MaxIDBytes {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	gds := make([]*gramDoc, len(ids))
	df := map[uint64]int{}
	for i, id := range ids {
		d := tokenize(id, docs[id], o.MaxWords)
		d.slot = uint32(i)
		gds[i] = newGramDoc(d)
		ks := make([]uint64, len(gds[i].g))
		for j, g := range gds[i].g {
			ks[j] = key(g)
		}
		slices.Sort(ks)
		for _, k := range slices.Compact(ks) {
			df[k]++
		}
	}
	// Rows of the pair matrix on all cores, as Index.Clusters does.
	workers := max(1, runtime.GOMAXPROCS(0))
	results := make([][]edge, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			al := newAligner(&o, muted, func(k uint64) int { return df[k] })
			var t *gramTable
			for i := w; i < len(gds); i += workers {
				t = newGramTable(t, gds[i], func(k uint64) int { return df[k] })
				for j := i + 1; j < len(gds); j++ {
					results[w] = append(results[w], al.align(gds[i], gds[j], t, true)...)
				}
			}
		}()
	}
	wg.Wait()
	var edges []edge
	for _, r := range results {
		edges = append(edges, r...)
	}
	byDoc := map[*document][]edge{}
	for _, e := range edges {
		byDoc[e.x] = append(byDoc[e.x], e)
		byDoc[e.y] = append(byDoc[e.y], e)
	}
	passages := map[string][]Passage{}
	for _, gd := range gds {
		if ps := passagesOf(gd.d, byDoc[gd.d]); len(ps) > 0 {
			passages[gd.d.id] = ps
		}
	}
	return passages, clustersOf(edges)
}
