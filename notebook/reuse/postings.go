package reuse

import (
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
)

// postings is the inverted index from fingerprint keys to documents. An
// entry is one uint64: the top keyBits bits of a fingerprint and the
// document's slot in the low slotBits bits, so sorting entries sorts them
// by key and the entries of one key are adjacent. Each document has at
// most one entry per key.
//
// Entries live in 2^bucketBits buckets by their top bits, each a sorted
// slice. New entries wait in pending, unsorted, until the next read merges
// them in (flush): a bulk load of thousands of documents is one sort, and
// one new document touches a few hundred buckets. Entries are 8 bytes, so
// 10,000 articles of 800 words (8 million entries) take 64 MB.
type postings struct {
	buckets  [][]uint64
	pending  [][]uint64 // one slice per added document
	npending int
	n        int // entries in buckets
}

const bucketBits = 16

func newPostings() postings {
	return postings{buckets: make([][]uint64, 1<<bucketBits)}
}

func bucketOf(e uint64) int { return int(e >> (64 - bucketBits)) }

// entry returns the posting entry of fingerprint g for a slot.
func entry(g uint64, slot uint32) uint64 { return g&^slotMask | uint64(slot) }

// add queues entries (keeping the slice); they are visible after flush.
func (p *postings) add(entries []uint64) {
	if len(entries) > 0 {
		p.pending = append(p.pending, entries)
		p.npending += len(entries)
	}
}

// dirty reports whether entries wait to be merged.
func (p *postings) dirty() bool { return p.npending > 0 }

// flush merges the pending entries into the buckets. Pending entries that
// are already in a bucket are dropped.
//
// The pending entries are distributed by bucket into one new array (a
// counting sort on the top bits), each bucket's part is sorted, on all
// cores, and becomes the bucket if that was empty (a bulk load allocates
// nothing more) or is merged into it from the back.
func (p *postings) flush() {
	if p.npending == 0 {
		return
	}
	if p.npending < 1<<16 {
		// A few documents: sort them together and merge.
		arr := make([]uint64, 0, p.npending)
		for _, es := range p.pending {
			arr = append(arr, es...)
		}
		p.pending, p.npending = nil, 0
		slices.Sort(arr)
		arr = slices.Compact(arr)
		for i := 0; i < len(arr); {
			b := bucketOf(arr[i])
			j := i + 1
			for j < len(arr) && bucketOf(arr[j]) == b {
				j++
			}
			p.mergeBucket(b, arr[i:j:j])
			i = j
		}
		return
	}
	var start [1<<bucketBits + 1]int
	for _, es := range p.pending {
		for _, e := range es {
			start[bucketOf(e)+1]++
		}
	}
	for b := 1; b <= 1<<bucketBits; b++ {
		start[b] += start[b-1]
	}
	arr := make([]uint64, p.npending)
	next := start
	for _, es := range p.pending {
		for _, e := range es {
			b := bucketOf(e)
			arr[next[b]] = e
			next[b]++
		}
	}
	p.pending, p.npending = nil, 0
	groups := make([][]uint64, 1<<bucketBits)
	parallel(1<<bucketBits, 64, func(b int) {
		seg := arr[start[b]:start[b+1]]
		if len(seg) == 0 {
			return
		}
		slices.Sort(seg)
		seg = slices.Compact(seg)
		groups[b] = seg[:len(seg):len(seg)]
	})
	for b, group := range groups {
		if len(group) > 0 {
			p.mergeBucket(b, group)
		}
	}
}

// mergeBucket merges a sorted group of entries into bucket b; the group
// becomes the bucket's storage if the bucket is empty.
func (p *postings) mergeBucket(b int, group []uint64) {
	old := p.buckets[b]
	if len(old) == 0 {
		p.buckets[b] = group
		p.n += len(group)
		return
	}
	p.buckets[b] = mergeInto(old, group)
	p.n += len(p.buckets[b]) - len(old)
}

// parallel calls fn(i) for i in [0, n) on all cores, handing out chunk
// indices at a time.
func parallel(n, chunk int, fn func(i int)) {
	workers := min(runtime.GOMAXPROCS(0), (n+chunk-1)/chunk)
	if workers <= 1 {
		for i := range n {
			fn(i)
		}
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				lo := int(next.Add(int64(chunk))) - chunk
				if lo >= n {
					return
				}
				for i := lo; i < min(n, lo+chunk); i++ {
					fn(i)
				}
			}
		}()
	}
	wg.Wait()
}

// mergeInto merges sorted group into sorted dst (no duplicates within
// either) and returns the result; entries of group already in dst are
// dropped.
func mergeInto(dst, group []uint64) []uint64 {
	n := len(dst)
	dst = slices.Grow(dst, len(group))[:n+len(group)]
	i, j, k := n-1, len(group)-1, n+len(group)-1
	for j >= 0 {
		switch {
		case i >= 0 && dst[i] > group[j]:
			dst[k] = dst[i]
			i--
		case i >= 0 && dst[i] == group[j]:
			dst[k] = dst[i]
			i--
			j--
		default:
			dst[k] = group[j]
			j--
		}
		k--
	}
	// Duplicates leave a hole at the front: shift the merged part down.
	if k >= 0 && k > i {
		copy(dst[i+1:], dst[k+1:])
		dst = dst[:len(dst)-(k-i)]
	}
	return dst
}

// remove deletes the given entries (sorted, no duplicates) from the
// buckets and from pending.
func (p *postings) remove(entries []uint64, slot uint32) {
	if p.npending > 0 {
		keep := p.pending[:0]
		for _, es := range p.pending {
			if len(es) > 0 && uint32(es[0]&slotMask) == slot {
				p.npending -= len(es)
				continue
			}
			keep = append(keep, es)
		}
		clear(p.pending[len(keep):])
		p.pending = keep
	}
	for i := 0; i < len(entries); {
		b := bucketOf(entries[i])
		j := i + 1
		for j < len(entries) && bucketOf(entries[j]) == b {
			j++
		}
		rm := entries[i:j]
		i = j
		old := p.buckets[b]
		out := old[:0]
		r := 0
		for _, e := range old {
			for r < len(rm) && rm[r] < e {
				r++
			}
			if r < len(rm) && rm[r] == e {
				continue
			}
			out = append(out, e)
		}
		p.n -= len(old) - len(out)
		clear(old[len(out):])
		p.buckets[b] = out
	}
}

// lookup returns the entries whose key is k (sorted by slot). The result
// aliases the bucket: read it before the next change. Pending entries are
// not seen.
func (p *postings) lookup(k uint64) []uint64 {
	lo := k << slotBits
	hi := lo | slotMask
	b := p.buckets[bucketOf(lo)]
	if len(b) == 0 {
		return nil
	}
	// Fingerprints are uniform hashes, so the key's place in its bucket is
	// about its fraction of the bucket's range: guess it, then gallop.
	frac := lo << bucketBits >> 32 // the bits below the bucket's, as 32
	i := int(frac * uint64(len(b)) >> 32)
	// First entry >= lo: step back or forward from the guess.
	if b[i] >= lo {
		step := 1
		for i > 0 && b[i-1] >= lo {
			j := max(0, i-step)
			if b[j] >= lo {
				i = j
				step *= 2
				continue
			}
			// b[j] < lo <= b[i]: binary search in (j, i].
			for j+1 < i {
				h := int(uint(j+i) >> 1)
				if b[h] >= lo {
					i = h
				} else {
					j = h
				}
			}
			break
		}
	} else {
		step := 1
		j := i // b[j] < lo
		for {
			k := j + step
			if k >= len(b) || b[k] >= lo {
				k = min(k, len(b))
				// b[j] < lo, answer in (j, k].
				for j+1 < k {
					h := int(uint(j+k) >> 1)
					if b[h] >= lo {
						k = h
					} else {
						j = h
					}
				}
				i = k
				break
			}
			j = k
			step *= 2
		}
	}
	e := i
	for e < len(b) && b[e] <= hi {
		e++
	}
	return b[i:e]
}
