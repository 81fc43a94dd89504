package reuse

import "sync"

// document is one indexed text as the index keeps it: its words' hashes
// and their code-point offsets (9 bytes a word), never the text itself.
type document struct {
	id     string
	slot   uint32
	words  []uint32 // hashWord of each normalised word
	starts []uint32 // code-point offset of each word
	lens   []uint8  // length of each word in code points (at most maxWordRunes, or 9 for "per cent")
}

// runeSpan returns the code-point span [start, end) of words [w0, w1).
func (d *document) runeSpan(w0, w1 int) (int, int) {
	return int(d.starts[w0]), int(d.starts[w1-1]) + int(d.lens[w1-1])
}

// tokenized is a scanner with the buffers a tokenisation fills.
type tokenized struct {
	sc     scanner
	words  []uint32
	starts []uint32
	lens   []uint8
	limit  int
	emit   func(w []byte, start, end int) bool
}

var tokenPool = sync.Pool{New: func() any {
	t := &tokenized{}
	t.emit = func(w []byte, start, end int) bool {
		if len(t.words) >= t.limit || int64(end) > maxOffset {
			return false
		}
		t.words = append(t.words, hashWord(w))
		t.starts = append(t.starts, uint32(start))
		t.lens = append(t.lens, uint8(end-start))
		return true
	}
	return t
}}

// maxOffset is the largest code-point offset a document may have; text
// beyond it is not indexed (offsets are stored in 32 bits).
const maxOffset = 1<<32 - 1

// tokenize returns the document of text, keeping at most maxWords words.
func tokenize(id, text string, maxWords int) *document {
	t := tokenPool.Get().(*tokenized)
	t.words, t.starts, t.lens, t.limit = t.words[:0], t.starts[:0], t.lens[:0], maxWords
	t.sc.scan(text, t.emit)
	d := &document{
		id:     id,
		words:  append([]uint32(nil), t.words...),
		starts: append([]uint32(nil), t.starts...),
		lens:   append([]uint8(nil), t.lens...),
	}
	if cap(t.words) <= 1<<16 {
		tokenPool.Put(t)
	}
	return d
}

// CountWords returns the number of words of s as the index counts them
// (a Han or kana character is a word; see the package doc), for callers
// that keep only passages of at least some length.
func CountWords(s string) int {
	var sc scanner
	n := 0
	sc.scan(s, func([]byte, int, int) bool { n++; return true })
	return n
}
