package search

import (
	"encoding/binary"
	"unicode/utf8"
)

// A document's forward list keeps, for each field, the sequence of its
// words as vocabulary ids with their character offsets, so phrases,
// proximity and match ranges are computed without keeping the text. It is
// one byte slice per document:
//
//	for each field in Field order: uvarint(payload length), payload
//	payload: for each word: uvarint(term id), uvarint(gap<<1 | f) [, uvarint(length)]
//
// gap is the number of code points between the previous word's end (or the
// start of the field) and this word; the word's length in code points
// follows only when f is 1, that is when it differs from its vocabulary
// form's (as for "Goïta" written with a combining diaeresis) or that form
// is 255 code points or longer. Ordinary words take two or three bytes.

// fieldEncoder accumulates one field's payload.
type fieldEncoder struct {
	buf     []byte
	prevEnd int
}

func (e *fieldEncoder) reset() { e.buf, e.prevEnd = e.buf[:0], 0 }

func (e *fieldEncoder) add(term uint32, start, end, normLen int) {
	e.buf = binary.AppendUvarint(e.buf, uint64(term))
	gap := uint64(start - e.prevEnd)
	if n := end - start; n != normLen || normLen >= 255 {
		e.buf = binary.AppendUvarint(e.buf, gap<<1|1)
		e.buf = binary.AppendUvarint(e.buf, uint64(n))
	} else {
		e.buf = binary.AppendUvarint(e.buf, gap<<1)
	}
	e.prevEnd = end
}

// fieldPayload returns field f's payload within a forward list.
func fieldPayload(fwd []byte, f Field) []byte {
	for i := Field(0); i < numFields && len(fwd) > 0; i++ {
		n, k := binary.Uvarint(fwd)
		if k <= 0 || uint64(len(fwd)-k) < n {
			return nil
		}
		if i == f {
			return fwd[k : k+int(n)]
		}
		fwd = fwd[k+int(n):]
	}
	return nil
}

// fwdWord is one decoded word of a field.
type fwdWord struct {
	term       uint32
	pos        int // ordinal of the word in the field
	start, end int // code points
}

// wordIter decodes a field payload.
type wordIter struct {
	p    []byte
	rlen []uint8 // vocabulary word lengths in code points (capped at 255)
	w    fwdWord
}

func newWordIter(payload []byte, rlen []uint8) wordIter {
	return wordIter{p: payload, rlen: rlen, w: fwdWord{pos: -1}}
}

// next advances to the next word; it returns false at the end (or on a
// damaged payload, which cannot happen for lists this package wrote).
func (it *wordIter) next() bool {
	if len(it.p) == 0 {
		return false
	}
	t, k := binary.Uvarint(it.p)
	if k <= 0 {
		return false
	}
	it.p = it.p[k:]
	g, k := binary.Uvarint(it.p)
	if k <= 0 {
		return false
	}
	it.p = it.p[k:]
	n := 0
	if g&1 == 1 {
		v, k := binary.Uvarint(it.p)
		if k <= 0 {
			return false
		}
		it.p = it.p[k:]
		n = int(v)
	} else if int(t) < len(it.rlen) {
		n = int(it.rlen[t])
	}
	it.w.term = uint32(t)
	it.w.pos++
	it.w.start = it.w.end + int(g>>1)
	it.w.end = it.w.start + n
	return true
}

// runeLen8 returns the code-point length of w capped at 255.
func runeLen8(w string) uint8 {
	n := 0
	for i := 0; i < len(w); {
		if w[i] < utf8.RuneSelf {
			i++
		} else {
			_, size := utf8.DecodeRuneInString(w[i:])
			i += size
		}
		n++
		if n >= 255 {
			return 255
		}
	}
	return uint8(n)
}
