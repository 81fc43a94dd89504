package pdf

import (
	"encoding/hex"
	"io"
	"regexp"
	"strings"
	"unicode/utf16"

	lpdf "github.com/ledongthuc/pdf"
)

// toUnicode maps the character codes of a two-byte (Type0) font to text,
// read from the font's ToUnicode CMap. The PDF library's own reading of
// these maps handles a bfrange by changing only its last byte, so the
// identity ranges many generators write (<0000> <FFFF> <0000>) decode
// wrongly above U+00FF; we read them whole.
type toUnicode struct {
	chars  map[int]string
	ranges []codeRange
}

// codeRange is one bfrange: codes lo..hi map to dst, dst+1, … (or to
// the listed strings when list is set).
type codeRange struct {
	lo, hi int
	dst    []uint16
	list   []string
}

// cmapToken matches the tokens of a CMap that matter here.
var cmapToken = regexp.MustCompile(`<[0-9A-Fa-f\s]*>|\[|\]|beginbfchar|endbfchar|beginbfrange|endbfrange`)

// maxCMapBytes bounds the size of a ToUnicode stream that is read, and
// maxCMapRanges the ranges kept from it (lookup tries them in turn).
const (
	maxCMapBytes  = 4 << 20
	maxCMapRanges = 10_000
)

// readToUnicode parses a ToUnicode stream; it returns nil when the
// stream has no mappings.
func readToUnicode(v lpdf.Value) *toUnicode {
	if v.Kind() != lpdf.Stream {
		return nil
	}
	rc := v.Reader()
	data, err := io.ReadAll(io.LimitReader(rc, maxCMapBytes))
	rc.Close()
	if err != nil {
		return nil
	}
	m := &toUnicode{chars: map[int]string{}}
	toks := cmapToken.FindAllString(string(data), -1)
	mode := ""
	for i := 0; i < len(toks); i++ {
		switch t := toks[i]; t {
		case "beginbfchar", "beginbfrange":
			mode = t
		case "endbfchar", "endbfrange":
			mode = ""
		default:
			switch {
			case mode == "beginbfchar" && i+1 < len(toks):
				if code, ok := hexInt(t); ok {
					m.chars[code] = utf16Text(toks[i+1])
				}
				i++
			case mode == "beginbfrange" && i+2 < len(toks):
				lo, ok1 := hexInt(t)
				hi, ok2 := hexInt(toks[i+1])
				i += 2
				if toks[i] == "[" {
					var list []string
					for i++; i < len(toks) && toks[i] != "]"; i++ {
						list = append(list, utf16Text(toks[i]))
					}
					if ok1 && ok2 && hi >= lo && len(m.ranges) < maxCMapRanges {
						m.ranges = append(m.ranges, codeRange{lo: lo, hi: hi, list: list})
					}
					continue
				}
				if ok1 && ok2 && hi >= lo && len(m.ranges) < maxCMapRanges {
					m.ranges = append(m.ranges, codeRange{lo: lo, hi: hi, dst: utf16Units(toks[i])})
				}
			}
		}
	}
	if len(m.chars) == 0 && len(m.ranges) == 0 {
		return nil
	}
	return m
}

// lookup returns the text of one character code, and false when the map
// does not cover it (or there is no map).
func (m *toUnicode) lookup(code int) (string, bool) {
	if m == nil {
		return "", false
	}
	if s, ok := m.chars[code]; ok {
		return s, true
	}
	for _, r := range m.ranges {
		if code < r.lo || code > r.hi {
			continue
		}
		if r.list != nil {
			if i := code - r.lo; i < len(r.list) {
				return r.list[i], true
			}
			return "", false
		}
		if len(r.dst) == 0 {
			return "", false
		}
		u := append([]uint16(nil), r.dst...)
		u[len(u)-1] += uint16(code - r.lo)
		return string(utf16.Decode(u)), true
	}
	return "", false
}

// hexInt reads a <hex> token as a kindNumber.
func hexInt(t string) (int, bool) {
	b, err := hex.DecodeString(hexDigits(t))
	if err != nil || len(b) == 0 || len(b) > 4 {
		return 0, false
	}
	n := 0
	for _, c := range b {
		n = n<<8 | int(c)
	}
	return n, true
}

// utf16Units reads a <hex> token as UTF-16 code units.
func utf16Units(t string) []uint16 {
	b, err := hex.DecodeString(hexDigits(t))
	if err != nil {
		return nil
	}
	if len(b)%2 == 1 {
		b = append([]byte{0}, b...)
	}
	u := make([]uint16, len(b)/2)
	for i := range u {
		u[i] = uint16(b[2*i])<<8 | uint16(b[2*i+1])
	}
	return u
}

// utf16Text reads a <hex> token as UTF-16BE text.
func utf16Text(t string) string {
	return string(utf16.Decode(utf16Units(t)))
}

// hexDigits strips the brackets and white space of a <hex> token.
func hexDigits(t string) string {
	return strings.Join(strings.Fields(strings.Trim(t, "<>")), "")
}
