package model

// Selection is a selected range as an anchor (where it started) and a caret
// (the end that moves). Anchor == Caret is an empty selection.
type Selection struct {
	Anchor, Caret int
}

// Range returns the selection as start <= end.
func (s Selection) Range() (start, end int) {
	if s.Anchor <= s.Caret {
		return s.Anchor, s.Caret
	}
	return s.Caret, s.Anchor
}

// Empty reports whether nothing is selected.
func (s Selection) Empty() bool { return s.Anchor == s.Caret }

// Unit is the granularity of a selection made by dragging.
type Unit uint8

// Selection units: a plain drag selects graphemes, a drag after a double
// click whole words, after a triple click whole paragraphs.
const (
	ByGrapheme Unit = iota
	ByWord
	ByParagraph
)

// unitAt returns the unit-sized range around the grapheme at i.
func (d *Document) unitAt(i int, u Unit) (int, int) {
	switch u {
	case ByWord:
		return d.WordAt(i)
	case ByParagraph:
		return d.ParagraphRange(i)
	}
	i = d.SnapGrapheme(i)
	return i, i
}

// Extend returns the selection from the anchor range [as, ae) (the unit
// first clicked) to the pointer: to the offset off for ByGrapheme, or to the
// word or paragraph around the grapheme char for ByWord and ByParagraph. The
// anchor range always stays selected, as in text editors.
func (d *Document) Extend(as, ae, off, char int, u Unit) Selection {
	if u == ByGrapheme {
		return Selection{Anchor: as, Caret: d.SnapGrapheme(off)}
	}
	us, ue := d.unitAt(char, u)
	if us < as {
		return Selection{Anchor: ae, Caret: us}
	}
	return Selection{Anchor: as, Caret: max(ue, ae)}
}
