// Package testkit holds what the tests of package ingest and its internal
// importers share: checks of the text contract, a word-overlap score, and
// builders of small EPUB and PDF files. Only tests import it.
package testkit

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/glossnotes/gloss/notebook/ingest/internal/draft"
)

// Paragraphs splits an article's text into its paragraphs.
func Paragraphs(text string) []string {
	if text == "" {
		return nil
	}
	return strings.Split(text, "\n\n")
}

// CheckText fails t when text and kinds break the contract of an
// article's text: valid UTF-8, no CR, paragraphs separated by exactly one
// blank line, no line break at either end, one kind per paragraph when
// kinds is not nil. Indentation inside a paragraph (code, a poem) is
// allowed.
func CheckText(t testing.TB, text string, kinds []draft.Kind) {
	t.Helper()
	if !utf8.ValidString(text) {
		t.Errorf("text is not valid UTF-8")
	}
	if strings.Contains(text, "\r") || strings.Contains(text, "\n\n\n") {
		t.Errorf("text has CR or more than one blank line between paragraphs")
	}
	if strings.HasPrefix(text, "\n") || strings.HasSuffix(text, "\n") {
		t.Errorf("text starts or ends with a line break")
	}
	if kinds != nil && len(kinds) != len(Paragraphs(text)) {
		t.Errorf("%d kinds for %d paragraphs", len(kinds), len(Paragraphs(text)))
	}
}

// CheckTrimmed is CheckText for importers whose white space is not
// significant (HTML, EPUB, PDF): besides, no paragraph is empty or has
// white space at either end.
func CheckTrimmed(t testing.TB, text string, kinds []draft.Kind) {
	t.Helper()
	CheckText(t, text, kinds)
	if text != strings.TrimSpace(text) {
		t.Errorf("text has leading or trailing white space")
	}
	for i, p := range strings.Split(text, "\n\n") {
		if strings.TrimSpace(p) != p || p == "" {
			t.Errorf("paragraph %d has surrounding white space or is empty: %q", i, p)
		}
	}
}

// WordF1 is the bag-of-words F1 score of got against want (words are
// lower-cased runs of letters and digits).
func WordF1(got, want string) float64 {
	words := func(s string) map[string]int {
		m := map[string]int{}
		for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
			m[w]++
		}
		return m
	}
	g, w := words(got), words(want)
	common, ng, nw := 0, 0, 0
	for k, c := range g {
		ng += c
		common += min(c, w[k])
	}
	for _, c := range w {
		nw += c
	}
	if ng == 0 || nw == 0 {
		return 0
	}
	p, r := float64(common)/float64(ng), float64(common)/float64(nw)
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}
