package app

import (
	"sort"
	"strings"
	"unicode"

	"github.com/sahilm/fuzzy"
	"golang.org/x/text/unicode/norm"

	"github.com/glossnotes/gloss/notebook"
)

// Tags that look the same to a reader are one tag to the user:
// "Russia–Africa ties", "Russia-Africa ties" and "russia africa ties" fold
// to one form. The service keys tags by case only (notebook.TagKey), so
// the app folds the rest before a new tag is created: suggestions match on
// the folded form, a new tag that folds to an existing one asks first, and
// the tag manager lists the look-alikes already there.

// maxSuggestions is how many tag suggestions the picker lists.
const maxSuggestions = 8

// foldTag is the form in which look-alike tag names are equal: lower case,
// without diacritics, every dash and dash-like character and every run of
// spaces one space, quotes dropped, no spaces around the / that nests.
func foldTag(s string) string {
	var b strings.Builder
	space := false
	for _, r := range norm.NFKD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r), r == '\u00ad', r == '\u200b', r == '\u200c', r == '\u200d', r == '\ufeff':
			continue // combining marks, soft hyphen, zero-width characters
		case isQuote(r):
			continue
		case unicode.Is(unicode.Pd, r), r == '\u2212', r == '_', unicode.IsSpace(r):
			space = true
			continue
		}
		if space && b.Len() > 0 && r != '/' && !strings.HasSuffix(b.String(), "/") {
			b.WriteByte(' ')
		}
		space = false
		b.WriteString(strings.ToLower(string(r)))
	}
	return b.String()
}

// isQuote reports whether r is a quotation mark or apostrophe.
func isQuote(r rune) bool {
	switch r {
	case '\'', '"', '`', '\u00b4', '\u2032', '\u2033', '\u201a', '\u201e':
		return true
	}
	return unicode.Is(unicode.Pi, r) || unicode.Is(unicode.Pf, r)
}

// suggestTags returns the known tags matching typed, best first: tags whose
// folded name starts with it, then tags with a word or level starting
// with it, then fuzzy (subsequence) matches on the folded names.
func suggestTags(names []string, typed string) []string {
	sorted := append([]string(nil), names...)
	sort.Slice(sorted, func(i, j int) bool { return foldTag(sorted[i]) < foldTag(sorted[j]) })
	q := foldTag(strings.TrimSpace(typed))
	if q == "" {
		if len(sorted) > maxSuggestions {
			sorted = sorted[:maxSuggestions]
		}
		return sorted
	}
	var out []string
	seen := map[string]bool{}
	add := func(n string) {
		if !seen[n] && len(out) < maxSuggestions {
			seen[n] = true
			out = append(out, n)
		}
	}
	folded := make([]string, len(sorted))
	for i, n := range sorted {
		folded[i] = foldTag(n)
		if strings.HasPrefix(folded[i], q) {
			add(n)
		}
	}
	for i, n := range sorted {
		for _, w := range strings.FieldsFunc(folded[i], func(r rune) bool { return r == ' ' || r == '/' }) {
			if strings.HasPrefix(w, q) {
				add(n)
				break
			}
		}
	}
	for _, m := range fuzzy.Find(q, folded) {
		add(sorted[m.Index])
	}
	return out
}

// lookAlike returns the existing tag that tag looks like: the same folded
// form under another key. A tag with the same key is the same tag, not a
// look-alike.
func lookAlike(names []string, tag string) (string, bool) {
	f, k := foldTag(tag), notebook.TagKey(tag)
	for _, n := range names {
		if notebook.TagKey(n) != k && foldTag(n) == f {
			return n, true
		}
	}
	return "", false
}

// sameTag returns the existing spelling of tag (same key), if any.
func sameTag(names []string, tag string) (string, bool) {
	k := notebook.TagKey(tag)
	for _, n := range names {
		if notebook.TagKey(n) == k {
			return n, true
		}
	}
	return "", false
}

// lookAlikePair is two tags that fold to the same form: From would merge
// Into (the one used more is kept).
type lookAlikePair struct {
	Into, From notebook.TagCount
}

// lookAlikePairs lists the look-alike tags of a tag list.
func lookAlikePairs(tags []notebook.TagCount) []lookAlikePair {
	byFold := map[string][]notebook.TagCount{}
	var folds []string
	for _, t := range tags {
		f := foldTag(t.Name)
		if _, ok := byFold[f]; !ok {
			folds = append(folds, f)
		}
		byFold[f] = append(byFold[f], t)
	}
	sort.Strings(folds)
	var out []lookAlikePair
	for _, f := range folds {
		g := byFold[f]
		if len(g) < 2 {
			continue
		}
		sort.SliceStable(g, func(i, j int) bool {
			return g[i].Articles+g[i].Annotations > g[j].Articles+g[j].Annotations
		})
		for _, t := range g[1:] {
			out = append(out, lookAlikePair{Into: g[0], From: t})
		}
	}
	return out
}
