package model

// Line is one wrapped line.
type Line struct {
	Block  int     // index into Layout.Blocks
	Para   int     // paragraph index within the block
	Start  int     // first rune drawn on the line
	End    int     // one past the last rune drawn (a hard "\n" is not drawn)
	Next   int     // where the next line of the paragraph starts (End, or End+1 after "\n")
	X, Y   float32 // top-left corner of the line box
	Width  float32 // advance of the drawn runes without trailing spaces
	Height float32 // height of the line box
	Kind   Kind
	Face   Face
	First  bool    // first line of its paragraph
	scale  float32 // measured/estimated width, set by Calibrate; 0 means 1
}

// Layout is a set of documents (the header blocks, then the article) wrapped
// to a width. Build it with NewLayout; it is not safe for concurrent use.
type Layout struct {
	Blocks  []*Document // header documents first, the article last
	Lines   []Line
	Body    int     // index of the first article line
	Width   float32 // the width laid out for
	Height  float32 // total height including padding
	ColumnX float32 // left edge of the text column
	ColumnW float32 // width of the text column
	Metrics Metrics

	m *Measurer
}

// NewLayout wraps the header documents (title, meta; empty ones are skipped)
// and the article to width using the measurer m.
func NewLayout(m *Measurer, metrics Metrics, width float32, article *Document, header ...*Document) *Layout {
	if metrics.MaxChars <= 0 {
		metrics.MaxChars = DefaultMaxChars
	}
	if metrics.TextSize <= 0 {
		metrics.TextSize = 14
	}
	l := &Layout{Width: width, Metrics: metrics, m: m}
	body := Face{Size: metrics.TextSize}
	avg := m.Measure(measureSample, body) / float32(len([]rune(measureSample)))
	l.ColumnW = min(width-2*metrics.Padding, avg*float32(metrics.MaxChars))
	l.ColumnW = max(l.ColumnW, metrics.TextSize*4)
	l.ColumnX = max(0, (width-l.ColumnW)/2)

	for _, h := range header {
		if h != nil && h.Len() > 0 {
			l.Blocks = append(l.Blocks, h)
		}
	}
	l.Blocks = append(l.Blocks, article)

	y := metrics.Padding
	for b, d := range l.Blocks {
		if b == len(l.Blocks)-1 {
			l.Body = len(l.Lines)
			if b > 0 {
				y += metrics.headerGap()
			}
		}
		for p, para := range d.paras {
			st := metrics.Style(para.Kind)
			if p > 0 {
				y += st.SpaceBefore
			}
			y = l.wrap(d, b, p, st, y)
		}
	}
	l.Height = y + metrics.Padding
	return l
}

// wrap appends the lines of paragraph p of block b starting at y and
// returns the y below them. Breaks are taken at UAX #14 opportunities; a
// word longer than the column is broken between graphemes; spaces at the
// end of a line hang into the margin.
func (l *Layout) wrap(d *Document, b, p int, st Style, y float32) float32 {
	para := d.paras[p]
	avail := l.ColumnW - st.Indent
	r := d.runes
	fc := l.m.cache(st.Face)
	first := true
	emit := func(start, end, next int, x float32) {
		// Trailing spaces do not count towards the visible width.
		for e := end; e > start && (r[e-1] == ' ' || r[e-1] == '\t'); e-- {
			x -= l.m.Grapheme(r[e-1:e], st.Face)
		}
		l.Lines = append(l.Lines, Line{
			Block: b, Para: p, Start: start, End: end, Next: next,
			X: l.ColumnX + st.Indent, Y: y, Width: x, Height: st.LineHeight,
			Kind: para.Kind, Face: st.Face, First: first,
		})
		first = false
		y += st.LineHeight
	}

	lineStart := para.Start
	var x, xAtBreak float32
	lastBreak := -1
	for i := para.Start; i < para.End; {
		a := d.attrs[i]
		if i > lineStart && a&attrMandatory != 0 {
			end := i
			if r[i-1] == '\n' {
				end = i - 1
			}
			emit(lineStart, end, i, x)
			lineStart, x, lastBreak = i, 0, -1
			continue
		}
		if i > lineStart && a&attrLine != 0 {
			lastBreak, xAtBreak = i, x
		}
		j := i + 1
		for j < para.End && d.attrs[j]&attrGrapheme == 0 {
			j++
		}
		var w float32
		if c := r[i]; j == i+1 && c < 128 && fc.ascii[c] >= 0 {
			w = fc.ascii[c]
		} else {
			w = l.m.Grapheme(r[i:j], st.Face)
		}
		if x+w > avail && i > lineStart && !isBlank(r[i]) {
			if lastBreak > lineStart {
				emit(lineStart, lastBreak, lastBreak, xAtBreak)
				x -= xAtBreak
				lineStart, lastBreak = lastBreak, -1
			} else {
				emit(lineStart, i, i, x)
				lineStart, x, lastBreak = i, 0, -1
			}
			continue
		}
		x += w
		i = j
	}
	emit(lineStart, para.End, para.End, x)
	return y
}

func isBlank(c rune) bool { return c == ' ' || c == '\t' || c == '\n' }

// Article returns the article document (the last block).
func (l *Layout) Article() *Document { return l.Blocks[len(l.Blocks)-1] }

// Text returns the runes drawn on line i as a string.
func (l *Layout) Text(i int) string {
	ln := &l.Lines[i]
	return string(l.Blocks[ln.Block].runes[ln.Start:ln.End])
}

// Calibrate records the measured width of line i as drawn (with kerning),
// so that positions inside the line are scaled to match the glyphs. Widths
// outside ±20 % of the estimate are ignored as implausible.
func (l *Layout) Calibrate(i int, measured float32) {
	ln := &l.Lines[i]
	if ln.Width <= 0 || measured <= 0 {
		ln.scale = 1
		return
	}
	s := measured / l.advance(i, ln.Start, ln.End)
	if s < 0.8 || s > 1.2 {
		s = 1
	}
	ln.scale = s
}

// Calibrated reports whether Calibrate has been called for line i.
func (l *Layout) Calibrated(i int) bool { return l.Lines[i].scale != 0 }

// advance is the uncalibrated width of runes [from, to) of line i.
func (l *Layout) advance(i, from, to int) float32 {
	ln := &l.Lines[i]
	r := l.Blocks[ln.Block].runes
	d := l.Blocks[ln.Block]
	var x float32
	for k := from; k < to; {
		j := k + 1
		for j < to && d.attrs[j]&attrGrapheme == 0 {
			j++
		}
		x += l.m.Grapheme(r[k:j], ln.Face)
		k = j
	}
	return x
}

// X returns the x coordinate of the caret before rune off on line i
// (off is clamped to the line).
func (l *Layout) X(i, off int) float32 {
	ln := &l.Lines[i]
	off = max(ln.Start, min(off, ln.End))
	s := ln.scale
	if s == 0 {
		s = 1
	}
	return ln.X + s*l.advance(i, ln.Start, off)
}
