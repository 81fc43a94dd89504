package dates

import (
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// maxSentence bounds, in bytes, how far ForPassage looks on each side of a
// passage for the ends of its sentences.
const maxSentence = 4096

// ForPassage returns the date expressions of a highlighted passage: the
// code points [start, end) of text (an article's text). The expressions
// that overlap the passage are returned if there are any; otherwise those
// of the sentence or sentences that hold it. Offsets in the result are
// code points of text. The sentences around the passage are read too (up
// to maxSentence bytes on each side), so that an expression cut by the
// passage's ends is read whole and resolved with its context ("between
// 2012 and 2014" when only "2014" is highlighted). Out-of-range offsets are
// clamped.
func ForPassage(text string, start, end int, published time.Time, pubKnown bool) []Expr {
	start = max(start, 0)
	end = max(end, start)
	bs, rbase, be := runeToByte(text, start, end)
	end = rbase + utf8.RuneCountInString(text[bs:be])

	ss := sentenceStart(text, bs)
	se := sentenceEnd(text, be, ss)
	s := newScanner(text[ss:se], rbase-utf8.RuneCountInString(text[ss:bs]), published, pubKnown)
	all := s.scan(nil)
	var in []Expr
	for _, e := range all {
		if e.Start < end && e.End > start || e.Start == start && start == end {
			in = append(in, e)
		}
	}
	if len(in) > 0 {
		return in
	}
	return all
}

// runeToByte converts the code-point offsets start ≤ end of text to byte
// offsets, clamped to the text; it also returns start as clamped.
func runeToByte(text string, start, end int) (bs, rstart, be int) {
	r := 0
	bs, be = len(text), len(text)
	rstart = -1
	for i := range text {
		if r == start {
			bs, rstart = i, r
		}
		if r == end {
			be = i
			break
		}
		r++
	}
	if rstart < 0 {
		rstart = r
	}
	return bs, rstart, be
}

// sentenceStart is the byte offset where the sentence holding byte b
// starts: after the last sentence end (". " before a capital letter, a
// line break) before b, at most maxSentence bytes back.
func sentenceStart(text string, b int) int {
	lo := max(0, b-maxSentence)
	for k := b - 1; k >= lo; k-- {
		c := text[k]
		if c == '\n' {
			return k + 1
		}
		if (c == '.' || c == '!' || c == '?') && k+1 < b && sentenceEndsAt(text, k) {
			k++
			for k < b && (text[k] == ' ' || text[k] == '"' || text[k] == ')' || text[k] == '\'') {
				k++
			}
			return k
		}
	}
	// Not a sentence boundary: the start of the window, on a rune boundary.
	for lo > 0 && lo < len(text) && !utf8.RuneStart(text[lo]) {
		lo++
	}
	return lo
}

// sentenceEnd is the byte offset where the sentence holding byte b-1
// ends (at least from), at most maxSentence bytes on.
func sentenceEnd(text string, b, from int) int {
	hi := min(len(text), b+maxSentence)
	for k := max(from, b-1); k < hi; k++ {
		c := text[k]
		if c == '\n' && k >= b {
			return k
		}
		if (c == '.' || c == '!' || c == '?') && sentenceEndsAt(text, k) {
			return k + 1
		}
	}
	for hi < len(text) && !utf8.RuneStart(text[hi]) {
		hi--
	}
	return hi
}

// sentenceEndsAt reports whether the mark at byte k ends a sentence: it
// is followed by white space and a capital letter, digit or quote (or the
// end of the text), and is not the period of an abbreviation ("Mr.",
// "Jan.", "U.S.").
func sentenceEndsAt(text string, k int) bool {
	j := k + 1
	for j < len(text) && (text[j] == '"' || text[j] == ')' || text[j] == '\'') {
		j++
	}
	if j >= len(text) {
		return true
	}
	r, n := utf8.DecodeRuneInString(text[j:])
	if !unicode.IsSpace(r) {
		return false
	}
	j += n
	for j < len(text) && text[j] == ' ' {
		j++
	}
	if j < len(text) {
		r, _ = utf8.DecodeRuneInString(text[j:])
		if !unicode.IsUpper(r) && !unicode.IsDigit(r) && r != '"' && r != '“' && r != '\'' && r != '‘' && r != '\n' {
			return false
		}
	}
	if text[k] != '.' {
		return true
	}
	// The word before the period.
	w := k
	for w > 0 && w > k-12 {
		r, n := utf8.DecodeLastRuneInString(text[:w])
		if !unicode.IsLetter(r) && r != '.' {
			break
		}
		w -= n
	}
	word := text[w:k]
	if utf8.RuneCountInString(strings.ReplaceAll(word, ".", "")) == 1 || strings.Contains(word, ".") {
		return false // "J. Smith", "U.S."
	}
	mw, month := months[toLower(word)]
	return !(month && mw.use != useFull) && !abbreviations[toLower(word)]
}

// abbreviations are words whose period does not end a sentence.
var abbreviations = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields("mr mrs ms dr st jr sr gen gov sen rep col lt sgt capt prof mt no nos vs etc inc corp ltd co approx cf fig art ch vol pp sept") {
		m[w] = true
	}
	return m
}()
