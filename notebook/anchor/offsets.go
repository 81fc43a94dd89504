package anchor

import (
	"sort"
	"unicode/utf8"
)

// Offsets converts between byte offsets and code-point (rune) offsets of one
// text. Construction is O(n); Byte is O(1) and Rune is O(log n). For pure
// ASCII text both are identity functions and no table is built.
//
// Rune boundaries are those of Go's UTF-8 decoding: an invalid byte counts as
// one rune. A byte offset inside a multi-byte rune is rounded down to the
// start of that rune. Out-of-range arguments are clamped to the text.
type Offsets struct {
	size  int     // len(text) in bytes
	runes int     // number of runes
	start []int32 // start[i] = byte offset of rune i; start[runes] = size; nil for ASCII
}

// NewOffsets builds the conversion table for text.
func NewOffsets(text string) *Offsets {
	o := &Offsets{size: len(text)}
	n := utf8.RuneCountInString(text)
	o.runes = n
	if n == len(text) {
		return o // ASCII (or only single-byte invalid runes): identity
	}
	o.start = make([]int32, 0, n+1)
	for i := range text {
		o.start = append(o.start, int32(i))
	}
	o.start = append(o.start, int32(len(text)))
	return o
}

// Len returns the text length in runes.
func (o *Offsets) Len() int { return o.runes }

// Rune returns the rune offset of a byte offset, rounding down inside a rune
// and clamping to [0, Len()].
func (o *Offsets) Rune(byteOff int) int {
	if byteOff <= 0 {
		return 0
	}
	if byteOff >= o.size {
		return o.runes
	}
	if o.start == nil {
		return byteOff
	}
	// Largest i with start[i] <= byteOff.
	return sort.Search(len(o.start), func(i int) bool { return int(o.start[i]) > byteOff }) - 1
}

// Byte returns the byte offset of a rune offset, clamping to [0, Len()].
func (o *Offsets) Byte(runeOff int) int {
	if runeOff <= 0 {
		return 0
	}
	if runeOff >= o.runes {
		return o.size
	}
	if o.start == nil {
		return runeOff
	}
	return int(o.start[runeOff])
}

// RuneOffset converts one byte offset of text to a rune offset in O(n),
// with the rounding and clamping rules of Offsets.Rune. Use NewOffsets for
// many conversions on the same text.
func RuneOffset(text string, byteOff int) int {
	if byteOff <= 0 {
		return 0
	}
	n := 0
	for i := range text {
		if i > byteOff {
			return n - 1
		}
		n++
	}
	if byteOff >= len(text) {
		return n
	}
	return n - 1
}

// ByteOffset converts one rune offset of text to a byte offset in O(n),
// clamping to the text.
func ByteOffset(text string, runeOff int) int {
	if runeOff <= 0 {
		return 0
	}
	n := 0
	for i := range text {
		if n == runeOff {
			return i
		}
		n++
	}
	return len(text)
}
