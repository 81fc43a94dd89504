package pdf

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"math"
	"strings"

	"github.com/glossnotes/gloss/notebook/ingest/internal/budget"
	lpdf "github.com/ledongthuc/pdf"
)

// Why our own content-stream walk (interp): the library's Page.Content appends a
// "\n" after every TJ operator and decodes it through the font, which in
// the subset fonts LibreOffice and Word embed turns into a real glyph
// ("Marrow" + "m"); it also measures two-byte (Type0/Identity-H) codes one
// byte at a time and ignores word spacing. We use the library for parsing
// the file, the content stream and the fonts' encodings, and position the
// glyphs ourselves, following the text-showing rules of ISO 32000-1, 9.4.

// matrix is a PDF transformation matrix in the row-vector convention.
type matrix [3][3]float64

var identity = matrix{{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}

func (x matrix) mul(y matrix) matrix {
	var z matrix
	for i := 0; i < 3; i++ {
		for j := 0; j < 3; j++ {
			for k := 0; k < 3; k++ {
				z[i][j] += x[i][k] * y[k][j]
			}
		}
	}
	return z
}

func translate(tx, ty float64) matrix {
	return matrix{{1, 0, 0}, {0, 1, 0}, {tx, ty, 1}}
}

// fontMetrics is what text positioning needs from one font resource.
type fontMetrics struct {
	name    string
	enc     lpdf.TextEncoding
	twoByte bool            // Type0 font with two-byte codes (Identity-H)
	toUni   *toUnicode      // our reading of a Type0 font's ToUnicode map
	widths  map[int]float64 // glyph widths in 1/1000 text space units
	dw      float64         // width of codes missing from widths
	// standard is set for a simple font without widths: one of the
	// standard fonts, measured with standardWidth.
	standard bool
	// text caches the text of each code, which the library decodes slowly
	// (a walk of the whole Differences array per character).
	text map[int]string
}

// maxWidths bounds the widths read from one font: a simple font has 256
// codes, a two-byte font 65,536.
const maxWidths = 70000

// loadFont reads a font resource (a font dictionary).
func loadFont(v lpdf.Value) *fontMetrics {
	f := lpdf.Font{V: v}
	base := f.BaseFont()
	if i := strings.Index(base, "+"); i >= 0 {
		base = base[i+1:]
	}
	pf := &fontMetrics{name: base, widths: map[int]float64{}, dw: 500, text: map[int]string{}}
	if enc := f.Encoder(); enc != nil {
		pf.enc = enc
	}
	if f.V.Key("Subtype").Name() == "Type0" {
		pf.twoByte = true
		pf.toUni = readToUnicode(f.V.Key("ToUnicode"))
		pf.dw = 1000
		desc := f.V.Key("DescendantFonts").Index(0)
		if dw := desc.Key("DW"); dw.Kind() == lpdf.Integer || dw.Kind() == lpdf.Real {
			pf.dw = dw.Float64()
		}
		// W: [c [w1 w2 …] c1 c2 w …]
		w := desc.Key("W")
		for i := 0; i < w.Len() && len(pf.widths) < maxWidths; {
			first := int(w.Index(i).Int64())
			next := w.Index(i + 1)
			if next.Kind() == lpdf.Array {
				for j := 0; j < next.Len() && j < maxWidths; j++ {
					pf.widths[first+j] = next.Index(j).Float64()
				}
				i += 2
				continue
			}
			last := int(next.Int64())
			width := w.Index(i + 2).Float64()
			for c := first; c <= last && c-first < maxWidths; c++ {
				pf.widths[c] = width
			}
			i += 3
		}
		return pf
	}
	first := f.FirstChar()
	ws := f.V.Key("Widths")
	for i := 0; i < ws.Len() && first+i <= 0xFF; i++ {
		pf.widths[first+i] = ws.Index(i).Float64()
	}
	if mw := f.V.Key("FontDescriptor").Key("MissingWidth"); mw.Kind() == lpdf.Integer || mw.Kind() == lpdf.Real {
		pf.dw = mw.Float64()
	}
	if ws.Len() == 0 {
		_, pf.standard = standardWidth(base, 'n')
	}
	return pf
}

// decode returns the text of one character code (raw holds its bytes).
func (f *fontMetrics) decode(code int, raw string) string {
	if s, ok := f.text[code]; ok {
		return s
	}
	s := raw
	if t, ok := f.toUni.lookup(code); ok {
		s = t
	} else if f.enc != nil {
		s = f.enc.Decode(raw)
	}
	f.text[code] = s
	return s
}

// width returns the width of one character code, in 1/1000 text space
// units.
func (f *fontMetrics) width(code int) float64 {
	w, ok := f.widths[code]
	if !ok {
		w = f.dw
		if f.standard {
			w, _ = standardWidth(f.name, code)
		}
	}
	return w
}

// textState is the part of the graphics state that positions text.
type textState struct {
	ctm            matrix
	tc, tw, th, tl float64
	tfs, trise     float64
	font           *fontMetrics
	tm, tlm        matrix
}

// maxSaved bounds the graphics states saved with q.
const maxSaved = 1000

// glyphCost is the memory charged per glyph collected.
const glyphCost = 128

// interp runs the content stream of one page and collects its
// positioned glyphs: the text-showing rules of ISO 32000-1, 9.4.
type interp struct {
	budget    *budget.Budget
	resources lpdf.Value // the page's resources
	fonts     map[string]*fontMetrics
	g         textState
	saved     []textState
	glyphs    []lpdf.Text
	max       int // glyphs still allowed in the document
}

// newInterp returns an interpreter for a page with these resources,
// allowed to collect at most max glyphs.
func newInterp(b *budget.Budget, resources lpdf.Value, max int) *interp {
	return &interp{
		budget:    b,
		resources: resources,
		fonts:     map[string]*fontMetrics{},
		g:         textState{ctm: identity, th: 1, tm: identity, tlm: identity},
		max:       max,
	}
}

// run interprets a content stream. A damaged stream gives the glyphs read
// before the damage and an error wrapping errPDFContent.
func (in *interp) run(r io.Reader) (err error) {
	// The library panics on some malformed fonts and encodings.
	defer func() {
		if x := recover(); x != nil {
			err = fmt.Errorf("%w: %v", errPDFContent, x)
		}
	}()
	lx := &lexer{r: bufio.NewReader(r)}
	var args []operand
	for {
		if err := in.budget.Step(); err != nil {
			return err
		}
		v, op, err := lx.next()
		if err == errPDFEnd {
			return nil
		}
		if err != nil {
			if in.budget.Err() != nil {
				return in.budget.Err()
			}
			if !errors.Is(err, errPDFContent) {
				err = fmt.Errorf("%w: %v", errPDFContent, err)
			}
			return err
		}
		if op == "" {
			if len(args) >= maxOperands {
				return fmt.Errorf("%w: more than %d operands before an operator", errPDFContent, maxOperands)
			}
			args = append(args, v)
			continue
		}
		lx.pending = 0
		if op == "ID" {
			if err := lx.skipInlineImage(); err != nil && err != errPDFEnd {
				return fmt.Errorf("%w: %v", errPDFContent, err)
			}
		}
		if err := in.op(op, args); err != nil {
			return err
		}
		args = args[:0]
	}
}

// op executes one operator.
func (in *interp) op(op string, args []operand) error {
	g := &in.g
	want := func(k int) bool {
		if len(args) != k {
			return false
		}
		for _, a := range args {
			if a.kind != kindNumber {
				return false
			}
		}
		return true
	}
	num := func(i int) float64 { return args[i].num }
	switch op {
	case "q":
		if len(in.saved) < maxSaved {
			in.saved = append(in.saved, *g)
		}
	case "Q":
		if n := len(in.saved); n > 0 {
			*g = in.saved[n-1]
			in.saved = in.saved[:n-1]
		}
	case "cm":
		if want(6) {
			m := matrix{{num(0), num(1), 0}, {num(2), num(3), 0}, {num(4), num(5), 1}}
			g.ctm = m.mul(g.ctm)
		}
	case "BT":
		g.tm, g.tlm = identity, identity
	case "Tf":
		if len(args) == 2 && args[0].kind == kindName && args[1].kind == kindNumber {
			g.font, g.tfs = in.font(args[0].str), args[1].num
		}
	case "Tc":
		if want(1) {
			g.tc = num(0)
		}
	case "Tw":
		if want(1) {
			g.tw = num(0)
		}
	case "Tz":
		if want(1) {
			g.th = num(0) / 100
		}
	case "TL":
		if want(1) {
			g.tl = num(0)
		}
	case "Ts":
		if want(1) {
			g.trise = num(0)
		}
	case "Td", "TD":
		if want(2) {
			if op == "TD" {
				g.tl = -num(1)
			}
			g.tlm = translate(num(0), num(1)).mul(g.tlm)
			g.tm = g.tlm
		}
	case "Tm":
		if want(6) {
			g.tm = matrix{{num(0), num(1), 0}, {num(2), num(3), 0}, {num(4), num(5), 1}}
			g.tlm = g.tm
		}
	case "T*":
		in.nextLine()
	case "Tj":
		if len(args) == 1 && args[0].kind == kindString {
			return in.show(args[0].str)
		}
	case "'", "\"":
		if op == "\"" && len(args) == 3 && args[0].kind == kindNumber && args[1].kind == kindNumber {
			g.tw, g.tc = num(0), num(1)
			args = args[2:]
		}
		if len(args) == 1 && args[0].kind == kindString {
			in.nextLine()
			return in.show(args[0].str)
		}
	case "TJ":
		if len(args) == 1 && args[0].kind == kindArray {
			for _, x := range args[0].arr {
				switch x.kind {
				case kindString:
					if err := in.show(x.str); err != nil {
						return err
					}
				case kindNumber:
					g.tm = translate(-x.num/1000*g.tfs*g.th, 0).mul(g.tm)
				}
			}
		}
	}
	return nil
}

// nextLine moves to the start of the next line (T*).
func (in *interp) nextLine() {
	in.g.tlm = translate(0, -in.g.tl).mul(in.g.tlm)
	in.g.tm = in.g.tlm
}

// font returns the page's font resource name, loading it on first use.
func (in *interp) font(name string) *fontMetrics {
	f, ok := in.fonts[name]
	if !ok {
		f = loadFont(in.resources.Key("Font").Key(name))
		in.fonts[name] = f
	}
	return f
}

// show positions the glyphs of one string.
func (in *interp) show(raw string) error {
	g := &in.g
	if g.font == nil {
		return nil
	}
	step := 1
	if g.font.twoByte {
		step = 2
	}
	for i := 0; i+step <= len(raw); i += step {
		if err := in.budget.Step(); err != nil {
			return err
		}
		code := int(raw[i])
		if step == 2 {
			code = code<<8 | int(raw[i+1])
		}
		s := g.font.decode(code, raw[i:i+step])
		w0 := g.font.width(code)
		trm := matrix{{g.tfs * g.th, 0, 0}, {0, g.tfs, 0}, {0, g.trise, 1}}.mul(g.tm).mul(g.ctm)
		size := math.Hypot(trm[0][0], trm[0][1])
		if s != "" && s != "\x00" && len(in.glyphs) < in.max {
			if err := in.budget.Alloc(glyphCost); err != nil {
				return err
			}
			in.glyphs = append(in.glyphs, lpdf.Text{Font: g.font.name, FontSize: size, X: trm[2][0], Y: trm[2][1], W: w0 / 1000 * size, S: s})
		}
		tx := w0/1000*g.tfs + g.tc
		if step == 1 && code == ' ' {
			tx += g.tw
		}
		g.tm = translate(tx*g.th, 0).mul(g.tm)
	}
	return nil
}
