package search

import (
	"encoding/binary"
	"runtime"
	"sync"
)

// Build returns an index of docs. It is much faster than Putting them one
// by one: the documents are tokenised in parallel, each worker with its own
// vocabulary, the vocabularies are merged and the posting lists packed into
// one allocation. When several docs share an ID the last one wins.
func Build(docs []Doc) *Index {
	ix := New()
	last := make(map[string]int, len(docs))
	for i := range docs {
		if docs[i].ID != "" {
			last[docs[i].ID] = i
		}
	}
	order := make([]int, 0, len(last)) // docs to index, by slot
	for i := range docs {
		if id := docs[i].ID; id != "" && last[id] == i && len(order) < maxSlots {
			order = append(order, i)
		}
	}
	// Room to grow, or the first document added after opening would copy
	// them all (milliseconds for 100,000 documents).
	ix.docs = make([]docRec, len(order), len(order)+len(order)/8+16)
	ix.slots = make(map[string]uint32, len(order))
	for slot, i := range order {
		ix.docs[slot] = ix.record(&docs[i])
		ix.slots[docs[i].ID] = uint32(slot)
	}
	ix.live = len(order)

	w := max(1, min(runtime.GOMAXPROCS(0), 8, len(order)/2000))
	parts := make([]buildPart, w)
	var wg sync.WaitGroup
	for k := range parts {
		lo, hi := k*len(order)/w, (k+1)*len(order)/w
		wg.Go(func() { parts[k].run(docs, order, ix.docs, lo, hi) })
	}
	wg.Wait()

	// Part 0's word ids become the index's; the other parts' words are
	// added after them and their forward lists renumbered. Parts hold
	// increasing slots, so appending their postings in order keeps every
	// list sorted.
	ix.vocab = parts[0].vocab
	remaps := make([][]uint32, w)
	for k := 1; k < w; k++ {
		p := &parts[k]
		remap := make([]uint32, len(p.vocab.words))
		for id, word := range p.vocab.words {
			remap[id] = ix.vocab.add(word)
			g := remap[id]
			ix.vocab.post[g] = append(ix.vocab.post[g], p.vocab.post[id]...)
		}
		remaps[k] = remap
	}
	for k := 1; k < w; k++ {
		lo, hi := k*len(order)/w, (k+1)*len(order)/w
		for j := range w {
			a, b := lo+j*(hi-lo)/w, lo+(j+1)*(hi-lo)/w
			wg.Go(func() {
				var al chunkAlloc
				var buf []byte
				for slot := a; slot < b; slot++ {
					buf = renumber(buf[:0], ix.docs[slot].fwd, remaps[k])
					ix.docs[slot].fwd = al.clone(buf)
				}
			})
		}
	}
	wg.Wait()
	ix.vocab.pack()
	return ix
}

// buildPart is one worker's share of a Build.
type buildPart struct {
	vocab vocabulary
}

// run encodes the documents of slots [lo, hi) with the part's own
// vocabulary, filling their forward lists in recs and the part's postings.
func (p *buildPart) run(docs []Doc, order []int, recs []docRec, lo, hi int) {
	p.vocab = newVocabulary()
	var rc recorder
	var al chunkAlloc
	for slot := lo; slot < hi; slot++ {
		recs[slot].fwd = al.clone(rc.encode(&docs[order[slot]], &p.vocab))
		for _, t := range rc.touched {
			p.vocab.post[t] = append(p.vocab.post[t], uint32(slot)<<fieldBits|uint32(rc.mask[t]))
		}
		rc.reset()
	}
}

// renumber appends to dst the forward list fwd with its word ids mapped
// through remap.
func renumber(dst, fwd []byte, remap []uint32) []byte {
	var field []byte
	for f := Field(0); f < numFields; f++ {
		p := fieldPayload(fwd, f)
		field = field[:0]
		for len(p) > 0 {
			t, k := binary.Uvarint(p)
			field = binary.AppendUvarint(field, uint64(remap[t]))
			p = p[k:]
			g, k := binary.Uvarint(p)
			field = append(field, p[:k]...)
			p = p[k:]
			if g&1 == 1 {
				_, k = binary.Uvarint(p)
				field = append(field, p[:k]...)
				p = p[k:]
			}
		}
		dst = binary.AppendUvarint(dst, uint64(len(field)))
		dst = append(dst, field...)
	}
	return dst
}

// chunkAlloc copies small byte slices into shared 256 KiB chunks, which
// saves the allocator and the collector a hundred thousand objects.
type chunkAlloc struct{ chunk []byte }

func (a *chunkAlloc) clone(b []byte) []byte {
	if len(b) > 1<<14 {
		return append([]byte(nil), b...)
	}
	if cap(a.chunk)-len(a.chunk) < len(b) {
		a.chunk = make([]byte, 0, 1<<18)
	}
	n := len(a.chunk)
	a.chunk = append(a.chunk, b...)
	return a.chunk[n : n+len(b) : n+len(b)]
}

// pack moves every posting list into one array, replacing the spare
// capacity that appending left with a little room (1/8) to grow: without
// it the first update after opening copies the longest lists (words like
// "the" are in every document), which takes milliseconds. A list that
// outgrows its room is copied out of the array by append.
func (v *vocabulary) pack() {
	room := func(n int) int { return n + n/8 }
	total := 0
	for _, l := range v.post {
		total += room(len(l))
	}
	arena := make([]uint32, total)
	at := 0
	for i, l := range v.post {
		n := copy(arena[at:], l)
		c := room(n)
		v.post[i] = arena[at : at+n : at+c]
		at += c
	}
}
