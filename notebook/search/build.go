package search

// Build returns an index of docs, built in one pass: faster than Putting
// them one by one, and with posting lists packed into one allocation. When
// several docs share an ID the last one wins.
func Build(docs []Doc) *Index {
	ix := New()
	last := make(map[string]int, len(docs))
	for i := range docs {
		if docs[i].ID != "" {
			last[docs[i].ID] = i
		}
	}
	ix.docs = make([]docRec, 0, len(last))
	ix.slots = make(map[string]uint32, len(last))
	masks := map[uint32]uint8{}
	for i := range docs {
		d := &docs[i]
		if d.ID == "" || last[d.ID] != i || len(ix.docs) >= maxSlots {
			continue
		}
		slot := uint32(len(ix.docs))
		clear(masks)
		ix.docs = append(ix.docs, ix.record(d, &ix.rec, masks))
		ix.slots[d.ID] = slot
		for t, m := range masks {
			ix.vocab.post[t] = append(ix.vocab.post[t], slot<<fieldBits|uint32(m))
		}
	}
	ix.live = len(ix.docs)
	ix.vocab.pack()
	return ix
}

// pack moves every posting list into one exactly sized array, dropping the
// spare capacity that appending left. A list that grows later is copied
// out of it by append.
func (v *vocabulary) pack() {
	total := 0
	for _, l := range v.post {
		total += len(l)
	}
	arena := make([]uint32, total)
	at := 0
	for i, l := range v.post {
		n := copy(arena[at:], l)
		v.post[i] = arena[at : at+n : at+n]
		at += n
	}
}
