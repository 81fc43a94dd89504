package reuse

import (
	"runtime"
	"sync"
)

// Clusters returns every cluster of reused passages in the index, by Key.
// A cluster any of whose alignments touches a muted fingerprint is left
// out.
//
// Each pair of documents is aligned once. The candidate pairs come from
// scans of the postings, in batches of documents: a scan counts, for
// every document of the batch, the keys (neither stock phrases nor in more
// than CommonDocs documents) it shares with every other document, so
// Clusters needs no lookups but one pass that collects the common keys.
// The alignments of a batch run on all cores.
func (ix *Index) Clusters() []Cluster {
	ix.rlock()
	defer ix.mu.RUnlock()
	n := len(ix.slots)
	batch := min(max(1, clusterCountsVar/max(1, n)), 4096)
	workers := max(1, runtime.GOMAXPROCS(0))
	queries := make([]*query, workers)
	results := make([][]edge, workers)
	for w := range queries {
		queries[w] = ix.newQuery()
	}
	counts := make([]uint16, min(batch, n)*n)
	common := ix.post.commonKeys(ix.opt.CommonDocs)
	// Only whether a key is common matters to the alignment.
	df := func(k uint64) int {
		if common[k] {
			return ix.opt.CommonDocs + 1
		}
		return 1
	}
	for s0 := 0; s0 < n; s0 += batch {
		s1 := min(n, s0+batch)
		clear(counts)
		ix.post.scan(uint32(s0), uint32(s1), uint32(n), ix.opt.CommonDocs, counts)
		next := s0
		var mu sync.Mutex
		var wg sync.WaitGroup
		for w := range workers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				q := queries[w]
				for {
					mu.Lock()
					s := next
					next++
					mu.Unlock()
					if s >= s1 {
						return
					}
					d := ix.slots[s]
					if d == nil {
						continue
					}
					q.resetWith(d, df)
					row := counts[(s-s0)*n : (s-s0+1)*n]
					for c, k := range row {
						if int(k) < ix.opt.minSeeds() || ix.slots[c].id <= d.id {
							continue
						}
						results[w] = append(results[w], q.alignWith(ix.slots[c])...)
					}
				}
			}()
		}
		wg.Wait()
	}
	var edges []edge
	for _, r := range results {
		edges = append(edges, r...)
	}
	return clustersOf(edges)
}

// clusterCountsVar is the size of a batch's table of shared-key counts
// (2 bytes each): batches hold clusterCountsVar/documents documents.
var clusterCountsVar = 8 << 20

// commonKeys returns the keys in more than common documents.
func (p *postings) commonKeys(common int) map[uint64]bool {
	m := map[uint64]bool{}
	for _, b := range p.buckets {
		for i := 0; i < len(b); {
			k := b[i] >> slotBits
			j := i + 1
			for j < len(b) && b[j]>>slotBits == k {
				j++
			}
			if j-i > common {
				m[k] = true
			}
			i = j
		}
	}
	return m
}

// scan reads all postings once. For every key that is neither a stock
// phrase nor in more than common documents, it adds one to
// counts[(a-s0)*n+b] for each document a of slots [s0, s1) with the key
// and every other document b with the key (counts saturate at 65535).
func (p *postings) scan(s0, s1, n uint32, common int, counts []uint16) {
	for _, b := range p.buckets {
		for i := 0; i < len(b); {
			k := b[i] >> slotBits
			j := i + 1
			for j < len(b) && b[j]>>slotBits == k {
				j++
			}
			run := b[i:j]
			i = j
			if len(run) < 2 || len(run) > common {
				continue
			}
			first := -1
			for x, e := range run {
				if s := uint32(e & slotMask); s >= s0 && s < s1 {
					first = x
					break
				}
			}
			if first < 0 || stockKeys[k] {
				continue
			}
			for _, ea := range run[first:] {
				a := uint32(ea & slotMask)
				if a >= s1 {
					break
				}
				row := counts[(a-s0)*n : (a-s0+1)*n]
				for _, eb := range run {
					if bs := uint32(eb & slotMask); bs != a && row[bs] < 65535 {
						row[bs]++
					}
				}
			}
		}
	}
}
