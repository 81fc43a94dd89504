// Package model is the pure-Go text model behind the ArticleView widget:
// an article split into paragraphs, its Unicode break opportunities, the
// wrapped lines for a width, hit testing, span rectangles and selection
// arithmetic. It does not import Fyne; text is measured through an injected
// function, so every rule here is tested without a window.
//
// All offsets are code-point (rune) offsets into the article text.
package model

import (
	"strconv"
	"unicode"
)

// Kind is the presentation of one paragraph.
type Kind uint8

// Paragraph kinds. Title and Meta are used for the header lines above the
// article and never occur inside the article text.
const (
	Body Kind = iota
	Heading
	Quote
	Caption
	Item
	Title
	Meta
)

var kindNames = [...]string{"body", "heading", "quote", "caption", "item", "title", "meta"}

// String returns the lower-case name of k.
func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "kind(" + strconv.Itoa(int(k)) + ")"
}

// Paragraph is one paragraph of a Document: the runes [Start, End) and its
// kind. The two-rune separator "\n\n" between paragraphs belongs to no
// paragraph.
type Paragraph struct {
	Start, End int
	Kind       Kind
}

// ParagraphSeparator separates paragraphs in article text.
const ParagraphSeparator = "\n\n"

// Document is an immutable article text with its paragraphs and break
// opportunities.
type Document struct {
	runes []rune
	paras []Paragraph
	attrs []attr // len(runes)+1; attrs[i] describes the boundary before rune i
	word  []bool // word[i] reports whether rune i belongs to a word (UAX #29)
}

// NewDocument splits text into paragraphs at every "\n\n" and assigns
// kinds[i] to paragraph i (Body where kinds is short or nil). A single "\n"
// inside a paragraph is a hard line break. Any text is accepted.
func NewDocument(text string, kinds []Kind) *Document {
	d := &Document{runes: []rune(text)}
	start := 0
	for i := 0; ; i++ {
		end := indexSeparator(d.runes, start)
		k := Body
		if i < len(kinds) {
			k = kinds[i]
		}
		if end < 0 {
			d.paras = append(d.paras, Paragraph{Start: start, End: len(d.runes), Kind: k})
			break
		}
		d.paras = append(d.paras, Paragraph{Start: start, End: end, Kind: k})
		start = end + 2
	}
	d.analyse()
	return d
}

func indexSeparator(r []rune, from int) int {
	for i := from; i+1 < len(r); i++ {
		if r[i] == '\n' && r[i+1] == '\n' {
			return i
		}
	}
	return -1
}

// Len returns the number of runes in the document.
func (d *Document) Len() int { return len(d.runes) }

// Runes returns the document's runes; the caller must not modify them.
func (d *Document) Runes() []rune { return d.runes }

// Paragraphs returns the paragraphs in order; the caller must not modify them.
func (d *Document) Paragraphs() []Paragraph { return d.paras }

// Clamp limits off to [0, Len()].
func (d *Document) Clamp(off int) int {
	return max(0, min(off, len(d.runes)))
}

// Slice returns the text of the runes [start, end), clamped to the document
// and with start and end swapped if needed.
func (d *Document) Slice(start, end int) string {
	start, end = d.Clamp(start), d.Clamp(end)
	if start > end {
		start, end = end, start
	}
	return string(d.runes[start:end])
}

// ParagraphAt returns the index of the paragraph containing off. An offset
// inside a separator belongs to the paragraph before it.
func (d *Document) ParagraphAt(off int) int {
	lo, hi := 0, len(d.paras)-1
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if d.paras[mid].Start <= off {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return lo
}

// IsSpace reports whether rune i is white space (false outside the text).
func (d *Document) IsSpace(i int) bool {
	return i >= 0 && i < len(d.runes) && unicode.IsSpace(d.runes[i])
}
