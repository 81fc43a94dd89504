package search

import "slices"

// vocabulary holds every distinct normalised word once, with its posting
// list. Word ids are never reused; a word whose postings become empty stays
// (it is skipped when matching) so forward lists never need renumbering.
type vocabulary struct {
	ids   map[string]uint32
	words []string
	sig   []uint64 // signature(word)
	rlen  []uint8  // length in code points, capped at 255
	head  []uint32 // wordHead(word)
	// post[id] lists the documents containing the word, sorted, each entry
	// docSlot<<fieldBits | mask of the fields it occurs in.
	post [][]uint32
}

const (
	fieldBits = 6
	fieldMask = 1<<fieldBits - 1
	// maxSlots bounds the number of document slots a posting entry can hold.
	maxSlots = 1 << (32 - fieldBits)
)

func newVocabulary() vocabulary {
	return vocabulary{ids: make(map[string]uint32)}
}

// id returns the id of word w, adding it if it is new.
func (v *vocabulary) id(w []byte) uint32 {
	if id, ok := v.ids[string(w)]; ok {
		return id
	}
	return v.add(string(w))
}

// add returns the id of word s, adding it if it is new.
func (v *vocabulary) add(s string) uint32 {
	if id, ok := v.ids[s]; ok {
		return id
	}
	id := uint32(len(v.words))
	v.ids[s] = id
	v.words = append(v.words, s)
	v.sig = append(v.sig, signature(s))
	v.rlen = append(v.rlen, runeLen8(s))
	v.head = append(v.head, wordHead(s))
	v.post = append(v.post, nil)
	return id
}

// lookup returns the id of w if w is in the vocabulary and occurs somewhere.
func (v *vocabulary) lookup(w string) (uint32, bool) {
	id, ok := v.ids[w]
	if !ok || len(v.post[id]) == 0 {
		return 0, false
	}
	return id, true
}

func postingSlot(e uint32) uint32 { return e >> fieldBits }

// findPosting returns the index of slot's entry in list, or where it goes.
func findPosting(list []uint32, slot uint32) (int, bool) {
	return slices.BinarySearchFunc(list, slot, func(e, s uint32) int {
		switch es := postingSlot(e); {
		case es < s:
			return -1
		case es > s:
			return 1
		}
		return 0
	})
}

// setPosting records that term occurs in the fields mask of slot (mask 0
// removes the entry).
func (v *vocabulary) setPosting(term, slot uint32, mask uint8) {
	list := v.post[term]
	i, found := findPosting(list, slot)
	switch {
	case found && mask == 0:
		v.post[term] = slices.Delete(list, i, i+1)
	case found:
		list[i] = slot<<fieldBits | uint32(mask)
	case mask != 0:
		v.post[term] = slices.Insert(list, i, slot<<fieldBits|uint32(mask))
	}
}
