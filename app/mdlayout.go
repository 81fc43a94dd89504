package app

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// mdFace is the font of a piece of note text.
type mdFace struct {
	Bold, Italic, Mono bool
	Size               float32
}

// mdMetrics are the sizes a note layout needs.
type mdMetrics struct {
	TextSize   float32
	LineHeight func(size float32) float32 // height of a line of text of this size
	Measure    func(s string, f mdFace) float32
	ParaGap    float32 // space between blocks
	IndentStep float32 // per list or quote level
}

// mdPiece is text drawn at a place, in one face.
type mdPiece struct {
	Text string
	Face mdFace
	X, Y float32
	H    float32 // the line's height
	Link string
}

// mdRect is a rule or a quote bar.
type mdRect struct{ X, Y, W, H float32 }

// mdLayout is a laid-out note.
type mdLayout struct {
	Pieces  []mdPiece
	Rules   []mdRect
	Bars    []mdRect
	Width   float32 // widest line
	Height  float32
	Lines   int
	Clipped bool // maxLines cut it
}

// mdToken is a word, a run of spaces or a line break.
type mdToken struct {
	text  string
	face  mdFace
	link  string
	space bool
	brk   bool
}

// tokens splits a block's runs into words and spaces in their faces.
func tokens(runs []mdRun, size float32) []mdToken {
	var out []mdToken
	for _, r := range runs {
		f := mdFace{Bold: r.Bold, Italic: r.Italic, Mono: r.Mono, Size: size}
		if r.Break {
			out = append(out, mdToken{brk: true})
			continue
		}
		s := r.Text
		for s != "" {
			c, _ := utf8.DecodeRuneInString(s)
			sp := unicode.IsSpace(c)
			i := strings.IndexFunc(s, func(c rune) bool { return unicode.IsSpace(c) != sp })
			if i < 0 {
				i = len(s)
			}
			t := s[:i]
			if sp {
				t = " "
			}
			out = append(out, mdToken{text: t, face: f, link: r.Link, space: sp})
			s = s[i:]
		}
	}
	return out
}

// layoutMarkdown lays blocks out in width, wrapping at spaces only (a
// word longer than a whole line is the one thing broken inside), a word
// made of several styles moving as one. maxLines > 0 keeps that many lines
// and ends the last with an ellipsis.
func layoutMarkdown(blocks []mdBlock, width float32, m mdMetrics, maxLines int) mdLayout {
	var lay mdLayout
	y := float32(0)
	full := false
	for bi, b := range blocks {
		if full {
			lay.Clipped = true
			break
		}
		if bi > 0 {
			y += m.ParaGap
		}
		size := m.TextSize
		if b.Kind == mdHeading {
			switch b.Level {
			case 1:
				size *= 1.3
			case 2:
				size *= 1.15
			}
		}
		lineH := m.LineHeight(size)
		x0 := float32(b.Indent) * m.IndentStep
		if b.Kind == mdRule {
			lay.Rules = append(lay.Rules, mdRect{X: x0, Y: y + lineH/2, W: max(0, width-x0), H: 1})
			y += lineH
			lay.Lines++
			continue
		}
		if b.Bullet != "" {
			f := mdFace{Size: size}
			lay.Pieces = append(lay.Pieces, mdPiece{Text: b.Bullet, Face: f, X: max(0, x0-m.IndentStep*0.8), Y: y, H: lineH})
		}
		blockTop := y
		l := lineBuilder{lay: &lay, x0: x0, x: x0, y: y, h: lineH, width: width, m: m, last: -1}
		toks := tokens(b.Runs, size)
		for i := 0; i < len(toks); {
			t := toks[i]
			switch {
			case t.brk:
				i++
				if !l.newLine(maxLines) {
					full = true
				}
			case t.space:
				i++
				if l.x > l.x0 {
					l.add(t, m.Measure(" ", t.face))
				}
			default:
				// A word: the tokens up to the next space or break.
				j, w := i, float32(0)
				for j < len(toks) && !toks[j].space && !toks[j].brk {
					w += m.Measure(toks[j].text, toks[j].face)
					j++
				}
				if l.x+w > width && l.x > l.x0 {
					l.trimSpace()
					if !l.newLine(maxLines) {
						full = true
						break
					}
				}
				for k := i; k < j && !full; k++ {
					full = !l.word(toks[k], maxLines)
				}
				i = j
			}
			if full {
				break
			}
		}
		y = l.y + lineH
		lay.Lines++
		if b.Kind == mdQuote {
			lay.Bars = append(lay.Bars, mdRect{X: max(0, x0-m.IndentStep*0.6), Y: blockTop, W: 3, H: y - blockTop})
		}
		if maxLines > 0 && lay.Lines >= maxLines && bi < len(blocks)-1 {
			full = true
			lay.Clipped = true
		}
	}
	lay.Height = y
	if lay.Clipped {
		addEllipsis(&lay, width, m)
	}
	return lay
}

// lineBuilder places the tokens of one block.
type lineBuilder struct {
	lay         *mdLayout
	x0, x, y, h float32
	width       float32
	m           mdMetrics
	last        int // the piece this line added last (-1: none yet)
}

// add places a token's text at the pen, merging it into the previous
// piece when the face and link match.
func (l *lineBuilder) add(t mdToken, w float32) {
	if l.last >= 0 {
		p := &l.lay.Pieces[l.last]
		if p.Face == t.face && p.Link == t.link {
			p.Text += t.text
			l.x += w
			l.lay.Width = max(l.lay.Width, l.x)
			return
		}
	}
	l.last = len(l.lay.Pieces)
	l.lay.Pieces = append(l.lay.Pieces, mdPiece{Text: t.text, Face: t.face, X: l.x, Y: l.y, H: l.h, Link: t.link})
	l.x += w
	l.lay.Width = max(l.lay.Width, l.x)
}

// word places one styled part of a word, breaking it only when it is
// wider than a whole line. It reports false when maxLines is reached.
func (l *lineBuilder) word(t mdToken, maxLines int) bool {
	w := l.m.Measure(t.text, t.face)
	if l.x+w <= l.width {
		l.add(t, w)
		return true
	}
	// The whole word was moved to a new line if it fits one: this part
	// belongs to a word longer than a line, broken between characters.
	rest := t.text
	for rest != "" {
		n := fitRunes(rest, t.face, l.width-l.x, l.m)
		if n == 0 {
			if l.x == l.x0 {
				n = len(string([]rune(rest)[:1]))
			} else if !l.newLine(maxLines) {
				return false
			} else {
				continue
			}
		}
		part := mdToken{text: rest[:n], face: t.face, link: t.link}
		l.add(part, l.m.Measure(part.text, t.face))
		rest = rest[n:]
		if rest != "" && !l.newLine(maxLines) {
			return false
		}
	}
	return true
}

// fitRunes is how many bytes of s fit in w.
func fitRunes(s string, f mdFace, w float32, m mdMetrics) int {
	fit := 0
	for i := range s {
		if i == 0 {
			continue
		}
		if m.Measure(s[:i], f) > w {
			return fit
		}
		fit = i
	}
	if m.Measure(s, f) <= w {
		return len(s)
	}
	return fit
}

// trimSpace drops a space ending the line.
func (l *lineBuilder) trimSpace() {
	if l.last < 0 {
		return
	}
	p := &l.lay.Pieces[l.last]
	trimmed := strings.TrimRight(p.Text, " ")
	if trimmed == "" && l.last == len(l.lay.Pieces)-1 {
		l.lay.Pieces = l.lay.Pieces[:l.last]
		l.last = -1
	} else {
		p.Text = trimmed
	}
}

// newLine moves the pen to the next line; false when maxLines is reached.
func (l *lineBuilder) newLine(maxLines int) bool {
	if maxLines > 0 && l.lay.Lines+1 >= maxLines {
		l.lay.Clipped = true
		return false
	}
	l.lay.Lines++
	l.y += l.h
	l.x = l.x0
	l.last = -1
	return true
}

// addEllipsis ends the last line with "…", shortening it to fit.
func addEllipsis(lay *mdLayout, width float32, m mdMetrics) {
	if len(lay.Pieces) == 0 {
		return
	}
	last := &lay.Pieces[len(lay.Pieces)-1]
	ell := m.Measure("…", last.Face)
	for {
		end := last.X + m.Measure(last.Text, last.Face)
		if end+ell <= width || last.Text == "" {
			break
		}
		_, size := utf8.DecodeLastRuneInString(last.Text)
		last.Text = last.Text[:len(last.Text)-size]
	}
	last.Text = strings.TrimRight(last.Text, " ") + "…"
}
