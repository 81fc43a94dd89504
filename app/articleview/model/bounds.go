package model

// IsWord reports whether rune i belongs to a word (UAX #29 word with a
// letter or digit).
func (d *Document) IsWord(i int) bool { return i >= 0 && i < len(d.word) && d.word[i] }

// WordAt returns the range selected by a double click on the grapheme at i:
// the word containing it, else the run of spaces containing it, else the
// grapheme itself. Ranges never cross a paragraph boundary.
func (d *Document) WordAt(i int) (start, end int) {
	n := len(d.runes)
	if n == 0 {
		return 0, 0
	}
	i = d.SnapGrapheme(min(max(i, 0), n-1))
	p := d.paras[d.ParagraphAt(i)]
	if i >= p.End { // in a separator: select the line break itself
		return i, d.NextGrapheme(i)
	}
	switch {
	case d.word[i]:
		start, end = i, i+1
		for start > p.Start && d.word[start-1] {
			start--
		}
		for end < p.End && d.word[end] {
			end++
		}
	case d.runes[i] == ' ' || d.runes[i] == '\t':
		start, end = i, i+1
		for start > p.Start && (d.runes[start-1] == ' ' || d.runes[start-1] == '\t') {
			start--
		}
		for end < p.End && (d.runes[end] == ' ' || d.runes[end] == '\t') {
			end++
		}
	default:
		start, end = i, d.NextGrapheme(i)
	}
	return d.SnapGrapheme(start), d.snapUp(end)
}

// snapUp moves off forward to the next grapheme boundary at or after it.
func (d *Document) snapUp(off int) int {
	off = d.Clamp(off)
	for !d.isGrapheme(off) {
		off++
	}
	return off
}

// ParagraphRange returns the range of the paragraph containing off (the
// paragraph before it for an offset in a separator).
func (d *Document) ParagraphRange(off int) (start, end int) {
	p := d.paras[d.ParagraphAt(off)]
	return p.Start, p.End
}

// NextWordEnd returns the end of the word at or after off, for Ctrl+Right:
// non-word runes are skipped, then the word.
func (d *Document) NextWordEnd(off int) int {
	i, n := d.Clamp(off), len(d.runes)
	for i < n && !d.word[i] {
		i++
	}
	for i < n && d.word[i] {
		i++
	}
	return d.snapUp(i)
}

// PrevWordStart returns the start of the word at or before off, for
// Ctrl+Left.
func (d *Document) PrevWordStart(off int) int {
	i := d.Clamp(off)
	for i > 0 && !d.word[i-1] {
		i--
	}
	for i > 0 && d.word[i-1] {
		i--
	}
	return d.SnapGrapheme(i)
}
