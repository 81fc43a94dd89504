package export

import (
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/rivo/uniseg"
)

// paraSep separates paragraphs in an article's text.
const paraSep = "\n\n"

// textIndex locates code-point offsets in an article's text: the paragraph
// they fall in (for ¶N) and the byte offsets needed to cut out the quote
// and its context. Building it is one pass over the text; each lookup is a
// binary search plus a scan of one paragraph.
type textIndex struct {
	text     string
	chars    int   // length in code points
	paraRune []int // code-point offset at which each paragraph starts
	paraByte []int // byte offset at which each paragraph starts
	// sentences holds, per paragraph once needed, the byte offsets at
	// which its sentences start, then the paragraph's end.
	sentences map[int][]int
}

func newTextIndex(text string) *textIndex {
	ix := &textIndex{text: text, paraRune: []int{0}, paraByte: []int{0}}
	runes, b := 0, 0
	for {
		i := strings.Index(text[b:], paraSep)
		if i < 0 {
			break
		}
		runes += utf8.RuneCountInString(text[b:i+b]) + len(paraSep)
		b += i + len(paraSep)
		for b < len(text) && text[b] == '\n' { // tolerate extra blank lines
			b++
			runes++
		}
		ix.paraRune = append(ix.paraRune, runes)
		ix.paraByte = append(ix.paraByte, b)
	}
	ix.chars = runes + utf8.RuneCountInString(text[b:])
	return ix
}

// valid reports whether start–end is a non-empty range inside the text.
func (ix *textIndex) valid(start, end int) bool {
	return start >= 0 && start < end && end <= ix.chars
}

// paragraph returns the 0-based index of the paragraph holding code point r.
func (ix *textIndex) paragraph(r int) int {
	return sort.Search(len(ix.paraRune), func(i int) bool { return ix.paraRune[i] > r }) - 1
}

// byteOffset converts a code-point offset (0 ≤ r ≤ chars) to a byte offset.
func (ix *textIndex) byteOffset(r int) int {
	p := ix.paragraph(r)
	if p < 0 {
		return 0
	}
	b, n := ix.paraByte[p], ix.paraRune[p]
	for b < len(ix.text) && n < r {
		_, size := utf8.DecodeRuneInString(ix.text[b:])
		b += size
		n++
	}
	return b
}

// paraBounds returns the byte range of paragraph p, without separators.
func (ix *textIndex) paraBounds(p int) (start, end int) {
	start, end = ix.paraByte[p], len(ix.text)
	if p+1 < len(ix.paraByte) {
		end = ix.paraByte[p+1]
	}
	return start, start + len(strings.TrimRight(ix.text[start:end], "\n"))
}

// context returns the text around the quote at code points [rs, re) that
// completes the sentence or paragraph it starts and ends in, each trimmed
// of surrounding space.
func (ix *textIndex) context(mode ContextMode, rs, re int) (before, after string) {
	if mode != SentenceContext && mode != ParagraphContext {
		return "", ""
	}
	qs, qe := ix.byteOffset(rs), ix.byteOffset(re)
	ss, se := ix.paraBounds(ix.paragraph(rs))
	es, ee := ix.paraBounds(ix.paragraph(max(re-1, rs)))
	from, to := ss, ee
	if mode == SentenceContext {
		if qs < se {
			from, _ = ix.sentenceAround(ix.paragraph(rs), qs)
		}
		if qe > es && qe <= ee {
			_, to = ix.sentenceAround(ix.paragraph(max(re-1, rs)), qe-1)
		}
	}
	from, to = min(from, qs), max(to, qe)
	return strings.TrimSpace(ix.text[from:qs]), strings.TrimSpace(ix.text[qe:to])
}

// sentenceAround returns the byte bounds of the sentence (Unicode UAX
// #29) of paragraph p that holds byte b. Each paragraph is segmented once.
func (ix *textIndex) sentenceAround(p, b int) (start, end int) {
	bounds, ok := ix.sentences[p]
	if !ok {
		ps, pe := ix.paraBounds(p)
		bounds = []int{ps}
		off, state, rest := ps, -1, ix.text[ps:pe]
		for len(rest) > 0 {
			var sent string
			sent, rest, state = uniseg.FirstSentenceInString(rest, state)
			off += len(sent)
			bounds = append(bounds, off)
		}
		if ix.sentences == nil {
			ix.sentences = map[int][]int{}
		}
		ix.sentences[p] = bounds
	}
	k := sort.SearchInts(bounds, b+1) - 1 // last bound ≤ b
	if k < 0 {
		return bounds[0], bounds[0]
	}
	if k+1 >= len(bounds) {
		return bounds[len(bounds)-1], bounds[len(bounds)-1]
	}
	return bounds[k], bounds[k+1]
}
