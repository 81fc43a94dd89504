package reuse

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// TestPostings_lookup checks the postings against a plain sorted list
// through adds, flushes and removals.
func TestPostings_lookup(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	p := newPostings()
	var all []uint64
	keys := make([]uint64, 3000)
	for i := range keys {
		keys[i] = r.Uint64() >> slotBits
	}
	// Some keys in a crowded range, to exercise galloping.
	for i := range 200 {
		keys = append(keys, keys[0]+uint64(i))
	}
	bySlot := map[uint32][]uint64{}
	for slot := range uint32(300) {
		var es []uint64
		for range 40 {
			k := keys[r.IntN(len(keys))]
			es = append(es, k<<slotBits|uint64(slot))
		}
		slices.Sort(es)
		es = slices.Compact(es)
		bySlot[slot] = es
		p.add(slices.Clone(es))
		all = append(all, es...)
		if slot%97 == 0 {
			p.flush()
		}
	}
	p.flush()
	for slot := uint32(0); slot < 300; slot += 7 {
		p.remove(bySlot[slot], slot)
		all = slices.DeleteFunc(all, func(e uint64) bool { return uint32(e&slotMask) == slot })
	}
	slices.Sort(all)
	if p.n != len(all) {
		t.Fatalf("postings hold %d entries, want %d", p.n, len(all))
	}
	for _, k := range append(keys, 0, 1<<keyBits-1) {
		var want []uint64
		for _, e := range all {
			if e>>slotBits == k {
				want = append(want, e)
			}
		}
		if got := p.lookup(k); !slices.Equal(got, want) {
			t.Fatalf("lookup(%x) = %x, want %x", k, got, want)
		}
	}
}
