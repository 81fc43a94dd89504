package model

import "math"

// Style is how one kind of paragraph is set.
type Style struct {
	Face        Face
	Indent      float32 // left indent of every line of the paragraph
	SpaceBefore float32 // gap above the paragraph (none for the first of a block)
	LineHeight  float32 // height of one line box
}

// Metrics are the layout inputs besides the text and the width.
type Metrics struct {
	TextSize float32 // body text size; the other kinds scale from it
	Padding  float32 // minimum space left and right of the column, and above and below
	MaxChars int     // reading measure: the column is at most this many average characters wide
}

// DefaultMaxChars is the reading measure used when Metrics.MaxChars is zero.
const DefaultMaxChars = 75

// measureSample is the text whose average advance defines "one character"
// for the reading measure.
const measureSample = "the quick brown fox jumps over the lazy dog, THE QUICK BROWN FOX"

// Style returns the style of kind k for these metrics. Font sizes are
// whole pixels: text drawn at a fractional size is rasterised at another
// size and scaled, which blurs parts of a line.
func (m Metrics) Style(k Kind) Style {
	s := m.TextSize
	switch k {
	case Title:
		return Style{Face: Face{Size: whole(s * 1.6), Bold: true}, LineHeight: s * 1.6 * 1.3}
	case Meta:
		return Style{Face: Face{Size: whole(s * 0.9)}, SpaceBefore: s * 0.4, LineHeight: s * 0.9 * 1.5}
	case Heading:
		return Style{Face: Face{Size: whole(s * 1.25), Bold: true}, SpaceBefore: s * 1.4, LineHeight: s * 1.25 * 1.35}
	case Quote:
		return Style{Face: Face{Size: whole(s), Italic: true}, Indent: s * 1.5, SpaceBefore: s * 0.8, LineHeight: s * 1.55}
	case Caption:
		return Style{Face: Face{Size: whole(s * 0.85), Italic: true}, SpaceBefore: s * 0.6, LineHeight: s * 0.85 * 1.5}
	case Item:
		return Style{Face: Face{Size: whole(s)}, Indent: s * 1.5, SpaceBefore: s * 0.4, LineHeight: s * 1.55}
	default:
		return Style{Face: Face{Size: whole(s)}, SpaceBefore: s * 0.8, LineHeight: s * 1.55}
	}
}

// whole rounds a size to whole pixels.
func whole(x float32) float32 { return float32(math.Round(float64(x))) }

// headerGap is the space between the header (title, meta) and the article.
func (m Metrics) headerGap() float32 { return m.TextSize * 1.6 }
