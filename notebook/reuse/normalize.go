package reuse

import (
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Normalisation (see the package doc): a word is a run of letters, digits
// and combining marks; every other character separates words, so quote
// marks, apostrophes, dashes and punctuation of any kind never make two
// texts differ. Each word is decomposed (NFKD), stripped of its nonspacing
// marks (diacritics), case folded, and has its digits in any script turned
// into ASCII digits. Scripts written without spaces (Han, Hiragana,
// Katakana) give one word per character. Numbers lose their group
// separators, "%" is the word "percent" and "per cent" is one word, so
// number formats do not matter either. Offsets count code points, an
// invalid UTF-8 byte counting as one (as Go's range over a string does).

// maxWordRunes is the longest word: longer runs of letters (never real
// words; a base64 blob, say) are cut into pieces of this length.
const maxWordRunes = 64

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
// word (soft hyphen, zero-width joiners, byte-order mark); they are dropped.
func isIgnorable(r rune) bool {
	switch r {
	case '\u00ad', '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff':
		return true
	}
	return false
}

// isUnspaced reports characters of scripts written without spaces between
// words, each of which is a word of its own.
func isUnspaced(r rune) bool {
	return r >= 0x2e80 && (unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r))
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return asciiWord[r]
	}
	return unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.IsMark(r) || isIgnorable(r)
}

// isPercent reports the percent signs, which read as the word "percent".
func isPercent(r rune) bool {
	return r == '%' || r == '\uff05' || r == '\u066a' || r == '\ufe6a'
}

// isGroupSep reports characters that separate digit groups in numbers
// ("1,000", "1.000", "1 000", "1'000", and thin or no-break spaces).
func isGroupSep(r rune) bool {
	switch r {
	case ',', '.', ' ', '\'', '\u00a0', '\u2009', '\u202f', '\u2019', '\u066c':
		return true
	}
	return false
}

var percentWord = []byte("percent")

// specialFold maps letters that neither decompose nor lower-case to ASCII.
var specialFold = map[rune]string{
	'ß': "ss", 'ẞ': "ss", 'æ': "ae", 'Æ': "ae", 'œ': "oe", 'Œ': "oe",
	'ø': "o", 'Ø': "o", 'ł': "l", 'Ł': "l", 'đ': "d", 'Đ': "d", 'ð': "d",
	'Ð': "d", 'þ': "th", 'Þ': "th", 'ı': "i", 'ħ': "h", 'Ħ': "h", 'ς': "σ",
}

// digitValue returns the value of a decimal digit in any script, or -1.
func digitValue(r rune) int {
	if '0' <= r && r <= '9' {
		return int(r - '0')
	}
	if !unicode.IsDigit(r) {
		return -1
	}
	// Decimal digits come in runs of ten starting at a zero, and every run
	// in the Nd table starts at a zero.
	for _, rg := range unicode.Nd.R16 {
		if rune(rg.Lo) <= r && r <= rune(rg.Hi) {
			return int(r-rune(rg.Lo)) % 10
		}
	}
	for _, rg := range unicode.Nd.R32 {
		if rune(rg.Lo) <= r && r <= rune(rg.Hi) {
			return int(r-rune(rg.Lo)) % 10
		}
	}
	return -1
}

// scanner splits a text into normalised words. Its buffers are reused, so
// a scanner belongs to one goroutine at a time.
type scanner struct {
	buf  []byte // the current word, normalised
	tmp  []byte // NFKD scratch
	pend []byte // the word held back in case "cent" follows "per"
	// pendStart, pendEnd are the code-point offsets of pend; pendOK says
	// whether a word is held.
	pendStart, pendEnd int
	pendOK             bool
	pendSpaced         bool // only white space since pend
	emit               func(word []byte, start, end int) bool
	stopped            bool
}

// scan calls emit for every normalised word of s with its code-point
// offsets [start, end), in order, until emit returns false. The word
// bytes are valid only during the call.
func (sc *scanner) scan(s string, emit func(word []byte, start, end int) bool) {
	sc.emit, sc.pendOK, sc.stopped = emit, false, false
	pos := 0
	for i := 0; i < len(s) && !sc.stopped; {
		c := s[i]
		var r rune
		size := 1
		if c < utf8.RuneSelf {
			r = rune(c)
		} else {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		switch {
		case isPercent(r):
			sc.word(percentWord, pos, pos+1)
			i += size
			pos++
			continue
		case isUnspaced(r):
			sc.buf = sc.fold(sc.buf[:0], s[i:i+size])
			if len(sc.buf) > 0 {
				sc.word(sc.buf, pos, pos+1)
			}
			i += size
			pos++
			continue
		case !isWordRune(r):
			if sc.pendOK && !unicode.IsSpace(r) {
				sc.pendSpaced = false
			}
			i += size
			pos++
			continue
		}
		// A run of word characters, cut at maxWordRunes and before an
		// unspaced character.
		startByte, start, ascii, digits := i, pos, true, true
		for i < len(s) && pos-start < maxWordRunes {
			c := s[i]
			if c < utf8.RuneSelf {
				if !asciiWord[c] {
					break
				}
				digits = digits && c <= '9'
				i++
				pos++
				continue
			}
			r, size := utf8.DecodeRuneInString(s[i:])
			if !isWordRune(r) || isUnspaced(r) {
				break
			}
			ascii, digits = false, false
			i += size
			pos++
		}
		if ascii && digits && i-startByte <= 3 {
			// "1,000,000": join groups of exactly three digits.
			for {
				n := groupAt(s, i)
				if n == 0 {
					break
				}
				pos += 4 // the separator (one code point) and three digits
				i += n
			}
			sc.buf = sc.buf[:0]
			for j := startByte; j < i; j++ {
				if c := s[j]; '0' <= c && c <= '9' {
					sc.buf = append(sc.buf, c)
				}
			}
		} else if ascii {
			sc.buf = appendLowerASCII(sc.buf[:0], s[startByte:i])
		} else {
			sc.buf = sc.fold(sc.buf[:0], s[startByte:i])
		}
		if len(sc.buf) > 0 {
			sc.word(sc.buf, start, pos)
		}
	}
	if sc.pendOK && !sc.stopped {
		sc.emit(sc.pend, sc.pendStart, sc.pendEnd)
	}
	sc.emit = nil
}

// groupAt returns the byte length of a digit-group separator at s[i]
// followed by exactly three ASCII digits and then no word character, or 0.
// The length counts the separator's bytes plus the three digits; the
// separator is a single code point.
func groupAt(s string, i int) int {
	if i >= len(s) {
		return 0
	}
	r, size := utf8.DecodeRuneInString(s[i:])
	if !isGroupSep(r) || i+size+3 > len(s) {
		return 0
	}
	for j := i + size; j < i+size+3; j++ {
		if s[j] < '0' || s[j] > '9' {
			return 0
		}
	}
	if j := i + size + 3; j < len(s) {
		r, _ := utf8.DecodeRuneInString(s[j:])
		if isWordRune(r) || isUnspaced(r) {
			return 0
		}
	}
	return size + 3
}

// word passes one word on, holding "per" back until it is known whether
// "cent" follows (with one or two white-space characters between them).
func (sc *scanner) word(w []byte, start, end int) {
	if sc.pendOK {
		if string(w) == "cent" && string(sc.pend) == "per" && sc.pendSpaced && start-sc.pendEnd <= 2 && start > sc.pendEnd {
			sc.pendOK = false
			if !sc.emit(percentWord, sc.pendStart, end) {
				sc.stopped = true
			}
			return
		}
		sc.pendOK = false
		if !sc.emit(sc.pend, sc.pendStart, sc.pendEnd) {
			sc.stopped = true
			return
		}
	}
	if string(w) == "per" {
		sc.pend = append(sc.pend[:0], w...)
		sc.pendStart, sc.pendEnd, sc.pendOK, sc.pendSpaced = start, end, true, true
		return
	}
	if !sc.emit(w, start, end) {
		sc.stopped = true
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

// fold appends the normalised form of a word with non-ASCII characters.
func (sc *scanner) fold(dst []byte, word string) []byte {
	sc.tmp = norm.NFKD.AppendString(sc.tmp[:0], word)
	for i := 0; i < len(sc.tmp); {
		r, size := utf8.DecodeRune(sc.tmp[i:])
		i += size
		if unicode.Is(unicode.Mn, r) || isIgnorable(r) {
			continue
		}
		if rep, ok := specialFold[r]; ok {
			dst = append(dst, rep...)
			continue
		}
		if d := digitValue(r); d >= 0 {
			dst = append(dst, byte('0'+d))
			continue
		}
		r = unicode.ToLower(r)
		if !unicode.IsLetter(r) && !unicode.IsNumber(r) && !unicode.IsMark(r) {
			continue // e.g. the fraction slash of a decomposed "½"
		}
		dst = utf8.AppendRune(dst, r)
	}
	return dst
}
