package anchor

import (
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// ErrQuote is wrapped by every error of FindQuote.
var ErrQuote = errors.New("quote")

// FindQuote finds a quote typed or pasted by a user in text and returns its
// byte offsets (on rune boundaries, covering the text as it is written).
//
// Matching is tolerant:
//   - leading and trailing whitespace of the quote is ignored, and any run of
//     whitespace in the quote matches any run of whitespace in the text
//     (ordinary and no-break spaces U+00A0/U+202F, tabs, line breaks,
//     several spaces);
//   - typographic quotes and apostrophes (‘ ’ ‚ ‛ “ ” „ ‟ « » ′ ″ ʼ) match
//     their ASCII forms, dashes and hyphens (‐ ‑ ‒ – — ― −) match '-', and
//     '…' matches "...", in either the quote or the text;
//   - if the quote is not found that way, whitespace becomes optional on
//     both sides: a space in the quote may match no space in the text (as in
//     text extracted with a missing space, "equipmentwas") and the reverse.
//     This fallback is used only when the stricter search finds nothing, so
//     it never adds ambiguity to a quote that is found normally.
//
// Matching is case-sensitive. Occurrences are counted without overlap, from
// the start of the text. occurrence is 1-based; 0 means the quote must occur
// exactly once. Errors wrap ErrQuote and read `quote "…" not found` or
// `quote "…" occurs 3 times; pass an occurrence (1-3)`.
func FindQuote(text, quote string, occurrence int) (start, end int, err error) {
	if strings.TrimFunc(quote, unicode.IsSpace) == "" {
		return 0, 0, fmt.Errorf("%w is empty", ErrQuote)
	}
	if occurrence < 0 {
		return 0, 0, fmt.Errorf("%w %q: occurrence %d must be 0 (unique) or 1 or more", ErrQuote, shorten(quote), occurrence)
	}
	var matches [][2]int
	for _, dropSpace := range []bool{false, true} {
		ft := foldText(text, dropSpace)
		fq := foldText(quote, dropSpace).s
		fq = strings.Trim(fq, " ")
		matches = ft.findAll(fq)
		if len(matches) > 0 {
			break
		}
	}
	n := len(matches)
	switch {
	case n == 0:
		return 0, 0, fmt.Errorf("%w %q not found", ErrQuote, shorten(quote))
	case occurrence == 0 && n > 1:
		return 0, 0, fmt.Errorf("%w %q occurs %d times; pass an occurrence (1-%d)", ErrQuote, shorten(quote), n, n)
	case occurrence > n:
		return 0, 0, fmt.Errorf("%w %q occurs %d %s; occurrence %d is out of range (1-%d)", ErrQuote, shorten(quote), n, plural(n, "time", "times"), occurrence, n)
	case occurrence == 0:
		occurrence = 1
	}
	m := matches[occurrence-1]
	return m[0], m[1], nil
}

// folded is a text with whitespace, quotes and dashes normalised, and for
// every byte of s the byte range of the original text it came from.
type folded struct {
	s        string
	src, end []int32
}

// foldText normalises s for FindQuote: whitespace runs become one ' ' (or
// nothing if dropSpace), typographic quotes and dashes become ASCII.
func foldText(s string, dropSpace bool) folded {
	var b strings.Builder
	b.Grow(len(s))
	f := folded{src: make([]int32, 0, len(s)), end: make([]int32, 0, len(s))}
	add := func(out string, from, to int) {
		b.WriteString(out)
		for range len(out) {
			f.src = append(f.src, int32(from))
			f.end = append(f.end, int32(to))
		}
	}
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if unicode.IsSpace(r) {
			j := i + size
			for j < len(s) {
				r2, size2 := utf8.DecodeRuneInString(s[j:])
				if !unicode.IsSpace(r2) {
					break
				}
				j += size2
			}
			if !dropSpace {
				add(" ", i, j)
			}
			i = j
			continue
		}
		switch r {
		case '‘', '’', '‚', '‛', '′', 'ʼ':
			add("'", i, i+size)
		case '“', '”', '„', '‟', '″', '«', '»':
			add(`"`, i, i+size)
		case '‐', '‑', '‒', '–', '—', '―', '−':
			add("-", i, i+size)
		case '…':
			add("...", i, i+size)
		default:
			if r == utf8.RuneError && size == 1 {
				add(string(utf8.RuneError), i, i+size)
			} else {
				add(s[i:i+size], i, i+size)
			}
		}
		i += size
	}
	f.s = b.String()
	return f
}

// findAll returns the original byte ranges of the non-overlapping
// occurrences of needle (already folded) in f.
func (f folded) findAll(needle string) [][2]int {
	if needle == "" {
		return nil
	}
	var out [][2]int
	for at := 0; at <= len(f.s)-len(needle); {
		i := strings.Index(f.s[at:], needle)
		if i < 0 {
			break
		}
		i += at
		out = append(out, [2]int{int(f.src[i]), int(f.end[i+len(needle)-1])})
		at = i + len(needle)
	}
	return out
}

// shorten abbreviates a quote for an error message.
func shorten(q string) string {
	q = strings.Join(strings.Fields(q), " ")
	const max = 60
	if utf8.RuneCountInString(q) <= max {
		return q
	}
	return string([]rune(q)[:max-1]) + "…"
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
