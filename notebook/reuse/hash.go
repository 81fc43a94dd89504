package reuse

import "strings"

// gramLen is the number of words in a fingerprinted n-gram (a "shingle").
// Five words, as in Passim and most churnalism detectors: long enough that
// a shared 5-gram that is not a stock phrase almost always means shared
// text, short enough that a passage with a word changed every seven words
// still shares several.
const gramLen = 5

// hashWord returns the 32-bit hash of a normalised word (FNV-1a, folded).
// It is part of the saved form: changing it needs a new format version.
func hashWord(w []byte) uint32 {
	h := uint64(14695981039346656037)
	for _, c := range w {
		h ^= uint64(c)
		h *= 1099511628211
	}
	return uint32(h ^ h>>32)
}

// hashGram returns the 64-bit fingerprint of the gramLen words starting at
// w[0]; w must hold at least gramLen words.
func hashGram(w []uint32) uint64 {
	h := uint64(0x9e3779b97f4a7c15)
	for _, x := range w[:gramLen] {
		h = (h ^ uint64(x)) * 1099511628211
		h ^= h >> 29
	}
	// splitmix64's finaliser, so that the top bits (bucket and key) are
	// well mixed.
	h ^= h >> 30
	h *= 0xbf58476d1ce4e5b9
	h ^= h >> 27
	h *= 0x94d049bb133111eb
	h ^= h >> 31
	return h
}

// grams appends the fingerprints of every gramLen-word window of words to
// dst: len(words)-gramLen+1 of them, or none for a shorter text.
func grams(dst []uint64, words []uint32) []uint64 {
	if dst == nil && len(words) >= gramLen {
		dst = make([]uint64, 0, len(words)-gramLen+1)
	}
	for i := 0; i+gramLen <= len(words); i++ {
		dst = append(dst, hashGram(words[i:]))
	}
	return dst
}

// keyBits is how many top bits of a fingerprint the postings keep (the
// rest of the entry holds the document's slot); documents whose
// fingerprints agree in these bits share a posting.
const (
	slotBits = 24
	keyBits  = 64 - slotBits
	maxSlots = 1 << slotBits
	slotMask = maxSlots - 1
)

// key returns the posting key of a fingerprint.
func key(g uint64) uint64 { return g >> slotBits }

// functionWords are words that carry no content in the languages Gloss's
// users read most. A cluster's key is taken from an n-gram with at least
// three other words, so that stock phrases ("said in a statement on") do
// not become keys that two unrelated clusters share.
var functionWords = func() map[uint32]bool {
	const list = `a an the and or but nor so yet of to in on at by for from with without into onto
upon about above below over under after before since until during between among through against
as than then that this these those there here which who whom whose what when where why how
is are was were be been being am has have had having do does did done will would shall should
can could may might must not no yes it its it's he him his she her hers they them their theirs
we us our ours you your yours i me my mine one also just more most much many some any all each
every other such only very too own same both either neither said says say told according
statement added adding per percent mr mrs ms dr
le la les un une des du de et ou en au aux dans par pour sur avec sans ce cette ces qui que quoi
est sont a ont été il elle ils elles nous vous je se sa son ses leur leurs pas ne plus
der die das ein eine einer eines einem einen und oder in im am an auf aus bei mit nach von vor zu
zum zur ist sind war waren hat haben wird werden nicht auch als wie dass sich er sie es wir ihr
el la los las un una unos unas y o en de del al con por para sin sobre que es son fue fueron ha
han se su sus no lo le les como mas pero`
	m := map[uint32]bool{}
	for _, w := range strings.Fields(list) {
		m[hashWord([]byte(w))] = true
	}
	return m
}()

// contentGram reports whether the gramLen words starting at w[0] have at
// least three words that are not function words.
func contentGram(w []uint32) bool {
	n := 0
	for _, x := range w[:gramLen] {
		if !functionWords[x] {
			n++
		}
	}
	return n >= 3
}
