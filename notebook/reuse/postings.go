package reuse

import "slices"

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
	buckets [][]uint64
	pending []uint64
	n       int // entries in buckets
}

const bucketBits = 13

func newPostings() postings {
	return postings{buckets: make([][]uint64, 1<<bucketBits)}
}

func bucketOf(e uint64) int { return int(e >> (64 - bucketBits)) }

// entry returns the posting entry of fingerprint g for a slot.
func entry(g uint64, slot uint32) uint64 { return g&^slotMask | uint64(slot) }

// add queues entries; they are visible after flush.
func (p *postings) add(entries []uint64) {
	p.pending = append(p.pending, entries...)
}

// dirty reports whether entries wait to be merged.
func (p *postings) dirty() bool { return len(p.pending) > 0 }

// flush merges the pending entries into the buckets. Pending entries that
// are already in a bucket are dropped.
func (p *postings) flush() {
	if len(p.pending) == 0 {
		return
	}
	pend := p.pending
	p.pending = nil
	slices.Sort(pend)
	pend = slices.Compact(pend)
	// The sorted pending slice becomes the storage of the buckets that
	// were empty (a bulk load allocates nothing more); the others grow
	// and are merged from the back.
	for i := 0; i < len(pend); {
		b := bucketOf(pend[i])
		j := i + 1
		for j < len(pend) && bucketOf(pend[j]) == b {
			j++
		}
		group := pend[i:j:j]
		i = j
		old := p.buckets[b]
		if len(old) == 0 {
			p.buckets[b] = group
			p.n += len(group)
			continue
		}
		p.buckets[b], p.n = mergeInto(old, group), p.n-len(old)
		p.n += len(p.buckets[b])
	}
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
	if len(p.pending) > 0 {
		keep := p.pending[:0]
		for _, e := range p.pending {
			if uint32(e&slotMask) != slot {
				keep = append(keep, e)
			}
		}
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
	b := p.buckets[bucketOf(lo)]
	// First entry >= lo.
	i, j := 0, len(b)
	for i < j {
		h := int(uint(i+j) >> 1)
		if b[h] < lo {
			i = h + 1
		} else {
			j = h
		}
	}
	e := i
	for e < len(b) && b[e]>>slotBits == k {
		e++
		if e-i > 64 {
			// A long run: find its end by binary search.
			hi := lo | slotMask
			x, y := e, len(b)
			for x < y {
				h := int(uint(x+y) >> 1)
				if b[h] <= hi {
					x = h + 1
				} else {
					y = h
				}
			}
			e = x
			break
		}
	}
	return b[i:e]
}
