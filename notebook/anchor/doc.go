// Package anchor locates highlighted passages (quotes) in an article's text
// and re-attaches them after the text changes.
//
// A Target stores a passage the way the W3C Web Annotation model does: a
// position (Start, End) and a quote (Exact, with about 32 runes of Prefix
// and Suffix). In this package's API offsets are byte offsets on rune
// boundaries unless a name says Rune; exported formats count code points,
// and Offsets, RuneOffset and ByteOffset convert between the two.
package anchor
