package ingest

import (
	"fmt"
	"math"
	"strings"

	"github.com/ledongthuc/pdf"
)

// Why our own content-stream walk: the library's Page.Content appends a
// "\n" after every TJ operator and decodes it through the font, which in
// the subset fonts LibreOffice and Word embed turns into a real glyph
// ("Marrow" + "m"); it also measures two-byte (Type0/Identity-H) codes one
// byte at a time and ignores word spacing. We use the library for parsing
// the file, the content stream and the fonts' encodings, and position the
// glyphs ourselves, following the text-showing rules of ISO 32000-1, 9.4.

// pdfMatrix is a PDF transformation matrix in the row-vector convention.
type pdfMatrix [3][3]float64

var pdfIdentity = pdfMatrix{{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}

func (x pdfMatrix) mul(y pdfMatrix) pdfMatrix {
	var z pdfMatrix
	for i := 0; i < 3; i++ {
		for j := 0; j < 3; j++ {
			for k := 0; k < 3; k++ {
				z[i][j] += x[i][k] * y[k][j]
			}
		}
	}
	return z
}

func pdfTranslate(tx, ty float64) pdfMatrix {
	return pdfMatrix{{1, 0, 0}, {0, 1, 0}, {tx, ty, 1}}
}

// pdfFont is what text positioning needs from one font resource.
type pdfFont struct {
	name    string
	enc     pdf.TextEncoding
	twoByte bool            // Type0 font with two-byte codes (Identity-H)
	toUni   *pdfToUnicode   // our reading of a Type0 font's ToUnicode map
	widths  map[int]float64 // glyph widths in 1/1000 text space units
	dw      float64         // width of codes missing from widths
	// standard is set for a simple font without widths: one of the
	// standard fonts, measured with pdfStandardWidth.
	standard bool
}

// pdfLoadFont reads a page font resource.
func pdfLoadFont(p pdf.Page, name string) *pdfFont {
	f := p.Font(name)
	base := f.BaseFont()
	if i := strings.Index(base, "+"); i >= 0 {
		base = base[i+1:]
	}
	pf := &pdfFont{name: base, widths: map[int]float64{}, dw: 500}
	if enc := f.Encoder(); enc != nil {
		pf.enc = enc
	}
	if f.V.Key("Subtype").Name() == "Type0" {
		pf.twoByte = true
		pf.toUni = pdfReadToUnicode(f.V.Key("ToUnicode"))
		pf.dw = 1000
		desc := f.V.Key("DescendantFonts").Index(0)
		if dw := desc.Key("DW"); dw.Kind() == pdf.Integer || dw.Kind() == pdf.Real {
			pf.dw = dw.Float64()
		}
		// W: [c [w1 w2 …] c1 c2 w …]
		w := desc.Key("W")
		for i := 0; i < w.Len() && len(pf.widths) < 70000; {
			first := int(w.Index(i).Int64())
			next := w.Index(i + 1)
			if next.Kind() == pdf.Array {
				for j := 0; j < next.Len(); j++ {
					pf.widths[first+j] = next.Index(j).Float64()
				}
				i += 2
				continue
			}
			last := int(next.Int64())
			width := w.Index(i + 2).Float64()
			for c := first; c <= last && c-first < 70000; c++ {
				pf.widths[c] = width
			}
			i += 3
		}
		return pf
	}
	first := f.FirstChar()
	ws := f.Widths()
	for i, w := range ws {
		pf.widths[first+i] = w
	}
	if mw := f.V.Key("FontDescriptor").Key("MissingWidth"); mw.Kind() == pdf.Integer || mw.Kind() == pdf.Real {
		pf.dw = mw.Float64()
	}
	if len(ws) == 0 {
		_, pf.standard = pdfStandardWidth(base, 'n')
	}
	return pf
}

// pdfTextState is the part of the graphics state that positions text.
type pdfTextState struct {
	ctm             pdfMatrix
	tc, tw, th, tl  float64
	tfs, trise      float64
	font            *pdfFont
	tm, tlm         pdfMatrix
	fontInitialised bool
}

// pdfPageGlyphs returns the positioned glyphs of one page. A damaged
// content stream gives the glyphs read before the damage and an error.
func pdfPageGlyphs(p pdf.Page) (glyphs []pdf.Text, err error) {
	defer func() {
		if x := recover(); x != nil {
			err = fmt.Errorf("damaged page content: %v", x)
		}
	}()
	strm := p.V.Key("Contents")
	if strm.Kind() == pdf.Null {
		return nil, nil
	}
	fonts := map[string]*pdfFont{}
	g := pdfTextState{ctm: pdfIdentity, th: 1, tm: pdfIdentity, tlm: pdfIdentity}
	var stack []pdfTextState

	show := func(raw string) {
		if g.font == nil {
			return
		}
		step := 1
		if g.font.twoByte {
			step = 2
		}
		for i := 0; i+step <= len(raw); i += step {
			code := int(raw[i])
			if step == 2 {
				code = code<<8 | int(raw[i+1])
			}
			s := raw[i : i+step]
			if t, ok := g.font.toUni.lookup(code); ok {
				s = t
			} else if g.font.enc != nil {
				s = g.font.enc.Decode(s)
			}
			w0, ok := g.font.widths[code]
			if !ok {
				w0 = g.font.dw
				if g.font.standard {
					w0, _ = pdfStandardWidth(g.font.name, code)
				}
			}
			trm := pdfMatrix{{g.tfs * g.th, 0, 0}, {0, g.tfs, 0}, {0, g.trise, 1}}.mul(g.tm).mul(g.ctm)
			size := math.Hypot(trm[0][0], trm[0][1])
			if s != "" && s != "\x00" && len(glyphs) < pdfMaxGlyphs {
				glyphs = append(glyphs, pdf.Text{Font: g.font.name, FontSize: size, X: trm[2][0], Y: trm[2][1], W: w0 / 1000 * size, S: s})
			}
			tx := w0/1000*g.tfs + g.tc
			if step == 1 && code == ' ' {
				tx += g.tw
			}
			g.tm = pdfTranslate(tx*g.th, 0).mul(g.tm)
		}
	}
	num := func(v pdf.Value) float64 { return v.Float64() }

	pdf.Interpret(strm, func(stk *pdf.Stack, op string) {
		n := stk.Len()
		args := make([]pdf.Value, n)
		for i := n - 1; i >= 0; i-- {
			args[i] = stk.Pop()
		}
		want := func(k int) bool { return len(args) == k }
		switch op {
		case "q":
			if len(stack) < 1000 {
				stack = append(stack, g)
			}
		case "Q":
			if len(stack) > 0 {
				g = stack[len(stack)-1]
				stack = stack[:len(stack)-1]
			}
		case "cm":
			if want(6) {
				m := pdfMatrix{{num(args[0]), num(args[1]), 0}, {num(args[2]), num(args[3]), 0}, {num(args[4]), num(args[5]), 1}}
				g.ctm = m.mul(g.ctm)
			}
		case "BT":
			g.tm, g.tlm = pdfIdentity, pdfIdentity
		case "Tf":
			if want(2) {
				name := args[0].Name()
				f, ok := fonts[name]
				if !ok {
					f = pdfLoadFont(p, name)
					fonts[name] = f
				}
				g.font, g.tfs = f, num(args[1])
			}
		case "Tc":
			if want(1) {
				g.tc = num(args[0])
			}
		case "Tw":
			if want(1) {
				g.tw = num(args[0])
			}
		case "Tz":
			if want(1) {
				g.th = num(args[0]) / 100
			}
		case "TL":
			if want(1) {
				g.tl = num(args[0])
			}
		case "Ts":
			if want(1) {
				g.trise = num(args[0])
			}
		case "Td", "TD":
			if want(2) {
				if op == "TD" {
					g.tl = -num(args[1])
				}
				g.tlm = pdfTranslate(num(args[0]), num(args[1])).mul(g.tlm)
				g.tm = g.tlm
			}
		case "Tm":
			if want(6) {
				g.tm = pdfMatrix{{num(args[0]), num(args[1]), 0}, {num(args[2]), num(args[3]), 0}, {num(args[4]), num(args[5]), 1}}
				g.tlm = g.tm
			}
		case "T*":
			g.tlm = pdfTranslate(0, -g.tl).mul(g.tlm)
			g.tm = g.tlm
		case "Tj":
			if want(1) {
				show(args[0].RawString())
			}
		case "'", "\"":
			if op == "\"" && want(3) {
				g.tw, g.tc = num(args[0]), num(args[1])
				args = args[2:]
			}
			if len(args) == 1 {
				g.tlm = pdfTranslate(0, -g.tl).mul(g.tlm)
				g.tm = g.tlm
				show(args[0].RawString())
			}
		case "TJ":
			if want(1) {
				v := args[0]
				for i := 0; i < v.Len(); i++ {
					x := v.Index(i)
					if x.Kind() == pdf.String {
						show(x.RawString())
					} else {
						g.tm = pdfTranslate(-num(x)/1000*g.tfs*g.th, 0).mul(g.tm)
					}
				}
			}
		}
	})
	return glyphs, nil
}
