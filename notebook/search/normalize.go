package search

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Normalisation is the same for indexed text and queries: a word is a run
// of letters, digits and combining marks; everything else (spaces,
// punctuation, every kind of dash, quotes and apostrophes) separates words,
// which is what makes "Russia-Africa" find "Russia–Africa". Each word is
// decomposed (NFKD), stripped of its diacritics, case folded and
// recomposed (NFC), so "Goïta" and "GOITA" are both "goita". After an
// apostrophe, an English clitic ("Mali's", "don't") is dropped.

// asciiWord marks the ASCII bytes that belong to words.
var asciiWord = func() (t [utf8.RuneSelf]bool) {
	for c := '0'; c <= '9'; c++ {
		t[c] = true
	}
	for c := 'a'; c <= 'z'; c++ {
		t[c] = true
		t[c-'a'+'A'] = true
	}
	return t
}()

// isIgnorable reports invisible format characters that may sit inside a
// word (soft hyphen, zero-width joiners) and are dropped from it.
func isIgnorable(r rune) bool {
	switch r {
	case '\u00ad', '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff':
		return true
	}
	return false
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return asciiWord[r]
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) || isIgnorable(r)
}

// isApostrophe reports the characters typed or typeset as an apostrophe.
func isApostrophe(r rune) bool {
	switch r {
	case '\'', '`', '\u2018', '\u2019', '\u201b', '\u02bc', '\u2032', '\uff07':
		return true
	}
	return false
}

// clitics are the English contractions dropped after an apostrophe.
var clitics = map[string]bool{"s": true, "t": true, "d": true, "m": true, "ll": true, "re": true, "ve": true}

// specialFold maps letters that neither decompose nor lower-case to ASCII.
var specialFold = map[rune]string{
	'ß': "ss", 'ẞ': "ss", 'æ': "ae", 'Æ': "ae", 'œ': "oe", 'Œ': "oe",
	'ø': "o", 'Ø': "o", 'ł': "l", 'Ł': "l", 'đ': "d", 'Đ': "d", 'ð': "d",
	'Ð': "d", 'þ': "th", 'Þ': "th", 'ı': "i", 'ħ': "h", 'Ħ': "h", 'ς': "σ",
}

// tokenizer splits text into normalised words. Its buffers are reused, so
// a tokenizer belongs to one goroutine.
type tokenizer struct {
	buf, tmp []byte
}

// each calls fn for every word of s with its normalised form (valid only
// during the call) and its code-point offsets [start, end) in s.
func (t *tokenizer) each(s string, fn func(word []byte, start, end int)) {
	pos := 0         // code points before s[i]
	prevEnd := -1    // end of the last word
	apostrophe := -1 // position of an apostrophe right after the last word
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if !asciiWord[c] {
				if (c == '\'' || c == '`') && pos == prevEnd {
					apostrophe = pos
				}
				i++
				pos++
				continue
			}
		} else if r, size := utf8.DecodeRuneInString(s[i:]); !isWordRune(r) {
			if isApostrophe(r) && pos == prevEnd {
				apostrophe = pos
			}
			i += size
			pos++
			continue
		}
		startByte, start, ascii := i, pos, true
		for i < len(s) {
			c := s[i]
			if c < utf8.RuneSelf {
				if !asciiWord[c] {
					break
				}
				i++
				pos++
				continue
			}
			r, size := utf8.DecodeRuneInString(s[i:])
			if !isWordRune(r) {
				break
			}
			ascii = false
			i += size
			pos++
		}
		word := s[startByte:i]
		if ascii {
			t.buf = appendLowerASCII(t.buf[:0], word)
		} else {
			t.fold(word)
		}
		if len(t.buf) == 0 {
			continue
		}
		if apostrophe >= 0 && start == apostrophe+1 && len(t.buf) <= 2 && clitics[string(t.buf)] {
			apostrophe = -1
			continue
		}
		apostrophe = -1
		fn(t.buf, start, pos)
		prevEnd = pos
	}
}

func appendLowerASCII(dst []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		dst = append(dst, c)
	}
	return dst
}

// fold normalises a word with non-ASCII letters into t.buf.
func (t *tokenizer) fold(word string) {
	t.buf = t.buf[:0]
	nonASCII := false
	for _, r := range norm.NFKD.String(word) {
		if unicode.Is(unicode.Mn, r) || isIgnorable(r) {
			continue
		}
		if rep, ok := specialFold[r]; ok {
			t.buf = append(t.buf, rep...)
			nonASCII = nonASCII || rep[0] >= utf8.RuneSelf
			continue
		}
		r = unicode.ToLower(r)
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.IsMark(r) {
			continue // e.g. the fraction slash of a decomposed "½"
		}
		nonASCII = nonASCII || r >= utf8.RuneSelf
		t.buf = utf8.AppendRune(t.buf, r)
	}
	if nonASCII {
		t.tmp = norm.NFC.Append(t.tmp[:0], t.buf...)
		t.buf, t.tmp = t.tmp, t.buf
	}
}

// words returns the normalised words of s.
func words(s string) []string {
	var t tokenizer
	var out []string
	t.each(s, func(w []byte, _, _ int) { out = append(out, string(w)) })
	return out
}

// normTag normalises a tag path for comparison: each "/"-separated level
// becomes its normalised words joined by single spaces, so
// "Russia–Africa ties" and "russia-africa  Ties" are equal.
func normTag(tag string) string {
	levels := strings.Split(tag, "/")
	out := levels[:0]
	for _, l := range levels {
		if w := words(l); len(w) > 0 {
			out = append(out, strings.Join(w, " "))
		}
	}
	return strings.Join(out, "/")
}

// signature is a 64-bit set of the characters of a word: one bit for each
// of a–z and 0–9, other characters hashed onto the remaining bits. Words
// within edit distance k differ in at most k signature bits each way, which
// filters the vocabulary before any distance is computed.
func signature(w string) uint64 {
	var s uint64
	for i := 0; i < len(w); i++ {
		c := w[i]
		switch {
		case 'a' <= c && c <= 'z':
			s |= 1 << (c - 'a')
		case '0' <= c && c <= '9':
			s |= 1 << (26 + c - '0')
		case c < utf8.RuneSelf:
			s |= 1 << 36
		default:
			r, size := utf8.DecodeRuneInString(w[i:])
			s |= 1 << (37 + uint(r)%27)
			i += size - 1
		}
	}
	return s
}
