package anchor

import (
	"unicode/utf8"
)

// Scoring weights and acceptance threshold; see the package documentation.
const (
	weightQuote    = 0.70
	weightContext  = 0.20
	weightPosition = 0.10

	// MinScore is the lowest score at which an approximate match is
	// accepted; below it the target is orphaned.
	MinScore = 0.75

	// MaxErrors caps the number of edits (insertions, deletions,
	// substitutions of runes) an approximate match may have; the bound for
	// a quote of m runes is min(m/4, MaxErrors).
	MaxErrors = 256
)

// maxErrors is the error bound for a quote of m runes.
func maxErrors(m int) int {
	return min(m/4, MaxErrors)
}

// score combines the quote similarity q, context similarity c and position
// similarity p (each in [0,1]).
func score(q, c, p float64) float64 {
	// Written as 1 minus the penalties so that a perfect match is exactly 1.
	s := 1 - (weightQuote*(1-q) + weightContext*(1-c) + weightPosition*(1-p))
	return min(max(s, 0), 1)
}

// positionSim is 1 at the expected offset and falls linearly to 0 at a
// distance of the whole text length.
func positionSim(at, expected, textLen int) float64 {
	d := at - expected
	if d < 0 {
		d = -d
	}
	if textLen <= 0 {
		return 1
	}
	return 1 - min(float64(d)/float64(textLen), 1)
}

// contextSim compares a target's stored prefix and suffix with the text
// around text[start:end]: the mean of the two similarities, each
// 1 - levenshtein/longer length over runes (1 for two empty strings).
func contextSim(text string, start, end int, t Target) float64 {
	np := utf8.RuneCountInString(t.Prefix)
	ns := utf8.RuneCountInString(t.Suffix)
	before := text[backRunes(text, start, np):start]
	after := text[end:forwardRunes(text, end, ns)]
	return (stringSim(t.Prefix, before) + stringSim(t.Suffix, after)) / 2
}

// stringSim is 1 - levenshtein(a, b)/max(len(a), len(b)) over runes.
func stringSim(a, b string) float64 {
	if a == b {
		return 1
	}
	ra, rb := []rune(a), []rune(b)
	n := max(len(ra), len(rb))
	return 1 - float64(levenshtein(ra, rb))/float64(n)
}

// levenshtein is the edit distance of two short rune slices.
func levenshtein(a, b []rune) int {
	if len(a) < len(b) {
		a, b = b, a
	}
	row := make([]int, len(b)+1)
	for j := range row {
		row[j] = j
	}
	for i := 1; i <= len(a); i++ {
		diag := row[0]
		row[0] = i
		for j := 1; j <= len(b); j++ {
			old := row[j]
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			row[j] = min(diag+cost, row[j]+1, row[j-1]+1)
			diag = old
		}
	}
	return row[len(b)]
}
