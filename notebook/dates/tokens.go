package dates

import (
	"unicode"
	"unicode/utf8"
)

// kind is the kind of a token.
type kind uint8

const (
	word  kind = iota // letters, with inner digits, hyphens and apostrophes: "Lavrov", "G7", "COVID-19", "mid-2019"
	num               // digits, with inner separators and a letter suffix: "19", "2023-01-19", "19th", "1990s", "10bn"
	punct             // any other single character
)

// token is a word, number or punctuation mark of the text.
type token struct {
	kind   kind
	text   string // as written
	b0, b1 int    // byte offsets in the text
	r0, r1 int    // code-point offsets in the text
	space  bool   // white space (or the start of the text) before it
	// For numbers: the digits and separators (digits) and the letters
	// glued after them (suffix): "19th" is "19" and "th".
	digits, suffix string
}

// lower is the token's text in lower case, for words; it allocates only
// when the word has an upper-case letter.
func (t *token) lower() string { return toLower(t.text) }

// isWord reports whether t is the word w (lower case, ASCII).
func (t *token) isWord(ws ...string) bool {
	if t.kind != word {
		return false
	}
	for _, w := range ws {
		if equalFoldASCII(t.text, w) {
			return true
		}
	}
	return false
}

// isPunct reports whether t is one of the punctuation marks in set.
func (t *token) isPunct(set string) bool {
	if t.kind != punct {
		return false
	}
	r, _ := utf8.DecodeRuneInString(t.text)
	for _, c := range set {
		if c == r {
			return true
		}
	}
	return false
}

// capitalised reports whether t starts with an upper-case letter.
func (t *token) capitalised() bool {
	r, _ := utf8.DecodeRuneInString(t.text)
	return unicode.IsUpper(r)
}

// plain reports whether t is a number of digits only, with no suffix.
func (t *token) plain() bool {
	return t.kind == num && t.suffix == "" && len(t.digits) == len(t.text) && allDigits(t.digits)
}

// value is the value of a plain number of at most 4 digits, else -1.
func (t *token) value() int {
	if t.kind != num || !allDigits(t.digits) || len(t.digits) > 4 {
		return -1
	}
	v := 0
	for i := 0; i < len(t.digits); i++ {
		v = v*10 + int(t.digits[i]-'0')
	}
	return v
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// isDash reports whether r joins the parts of a number or a span.
func isDash(r rune) bool { return r == '-' || r == '–' || r == '—' || r == '‐' || r == '‑' }

// isNumSep reports whether r may stand between digits inside one number.
func isNumSep(r rune) bool { return r == '.' || r == ',' || r == '/' || r == ':' || isDash(r) }

// isApos reports whether r is an apostrophe.
func isApos(r rune) bool { return r == '\'' || r == '’' }

// isLetter reports whether r continues a word.
func isLetter(r rune) bool { return unicode.IsLetter(r) || unicode.Is(unicode.Mn, r) }

// tokenize splits text into tokens, appending them to buf. runeBase is
// the code-point offset of text[0] in the caller's text. It makes one pass
// and looks at most two characters ahead.
func tokenize(text string, runeBase int, buf []token) []token {
	r0 := runeBase
	space := true
	for i := 0; i < len(text); {
		c, n := utf8.DecodeRuneInString(text[i:])
		if unicode.IsSpace(c) {
			i += n
			r0++
			space = true
			continue
		}
		t := token{b0: i, r0: r0, space: space}
		space = false
		j, rj := i+n, r0+1
		// peek returns the character at byte j and the one after it.
		peek := func(j int) (rune, int, rune) {
			a, an := utf8.DecodeRuneInString(text[j:])
			b, _ := utf8.DecodeRuneInString(text[j+an:])
			return a, an, b
		}
		switch {
		case c >= '0' && c <= '9':
			t.kind = num
			for j < len(text) {
				a, an, b := peek(j)
				if a >= '0' && a <= '9' || isNumSep(a) && b >= '0' && b <= '9' {
					j += an
					rj++
					continue
				}
				break
			}
			t.digits = text[i:j]
			s := j
			for j < len(text) {
				a, an := utf8.DecodeRuneInString(text[j:])
				if !isLetter(a) && a != '°' {
					break
				}
				j += an
				rj++
			}
			t.suffix = text[s:j]
		case isLetter(c):
			t.kind = word
			for j < len(text) {
				a, an, b := peek(j)
				if isLetter(a) || a >= '0' && a <= '9' ||
					(isDash(a) || isApos(a)) && (isLetter(b) || b >= '0' && b <= '9') {
					j += an
					rj++
					continue
				}
				break
			}
		default:
			t.kind = punct
		}
		t.b1, t.r1, t.text = j, rj, text[i:j]
		buf = append(buf, t)
		i, r0 = j, rj
	}
	return buf
}

// toLower lower-cases s, allocating only when s has an upper-case letter.
func toLower(s string) string {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' || c >= 0x80 {
			return lowerSlow(s)
		}
	}
	return s
}

func lowerSlow(s string) string {
	b := make([]rune, 0, len(s))
	for _, r := range s {
		b = append(b, unicode.ToLower(r))
	}
	return string(b)
}

// equalFoldASCII reports whether s equals the ASCII lower-case word w in
// any case.
func equalFoldASCII(s, w string) bool {
	if len(s) != len(w) {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != w[i] {
			return false
		}
	}
	return true
}
