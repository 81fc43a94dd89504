package notebook

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/cases"
)

// Limits on tags.
const (
	// MaxTagRunes bounds a tag's whole path, in characters.
	MaxTagRunes = 200
	// MaxTagsPerItem bounds the tags of one article or annotation.
	MaxTagsPerItem = 500
)

// CleanTag returns a tag name in canonical spelling: surrounding space
// trimmed, space around each "/" removed, empty path segments (and
// segments of nothing visible, such as zero-width spaces) dropped and runs
// of spaces inside a segment collapsed. Letters, case and punctuation (such
// as the en dash in "Russia–Africa ties") are kept byte for byte. It
// refuses an empty or invisible name, a name longer than MaxTagRunes, and
// control and bidirectional-override characters (which could make two tags
// look alike or rewrite a terminal).
func CleanTag(name string) (string, error) {
	var segs []string
	for _, seg := range strings.Split(name, "/") {
		seg = strings.Join(strings.Fields(seg), " ")
		if visible(seg) {
			segs = append(segs, seg)
		}
	}
	out := strings.Join(segs, "/")
	if out == "" {
		return "", fmt.Errorf("tag %q: %w: empty name", name, ErrInvalid)
	}
	if n := utf8.RuneCountInString(out); n > MaxTagRunes {
		return "", fmt.Errorf("tag %.40q…: %w: %d characters (at most %d)", out, ErrInvalid, n, MaxTagRunes)
	}
	for _, r := range out {
		if unicode.IsControl(r) || isBidiControl(r) {
			return "", fmt.Errorf("tag %q: %w: control character %U", name, ErrInvalid, r)
		}
	}
	return out, nil
}

// visible reports whether s has a character one can see: a letter, digit,
// punctuation or symbol (not only spaces, format characters such as
// zero-width spaces and joiners, or combining marks).
func visible(s string) bool {
	for _, r := range s {
		if unicode.In(r, unicode.L, unicode.N, unicode.P, unicode.S) {
			return true
		}
	}
	return false
}

// TagKey is a tag's identity: its clean spelling, case-folded. "Sahel/Mali"
// and "sahel / mali" have the same key.
func TagKey(name string) string {
	if clean, err := CleanTag(name); err == nil {
		name = clean
	}
	// A Caser keeps state, so each call makes its own.
	return cases.Fold().String(name)
}

// TagParents returns the tag and every ancestor path of a tag name, longest
// last: "A/B/C" gives ["A", "A/B", "A/B/C"].
func TagParents(name string) []string {
	var out []string
	for i, r := range name {
		if r == '/' {
			out = append(out, name[:i])
		}
	}
	return append(out, name)
}

// HasTag reports whether tags contain the tag key or one of its children.
func HasTag(tags []string, key string) bool {
	for _, t := range tags {
		k := TagKey(t)
		if k == key || strings.HasPrefix(k, key+"/") {
			return true
		}
	}
	return false
}

// addTag appends name to tags unless a tag with the same key is present.
func addTag(tags []string, name string) []string {
	key := TagKey(name)
	for _, t := range tags {
		if TagKey(t) == key {
			return tags
		}
	}
	return append(tags, name)
}

// tagSet is a list of tags with their keys, for adding many at once in
// linear time.
type tagSet struct {
	names []string
	keys  map[string]bool
}

func newTagSet(tags []string) *tagSet {
	s := &tagSet{names: append([]string(nil), tags...), keys: make(map[string]bool, len(tags))}
	for _, t := range tags {
		s.keys[TagKey(t)] = true
	}
	return s
}

// add appends name unless a tag with the same key is present.
func (s *tagSet) add(name string) {
	if k := TagKey(name); !s.keys[k] {
		s.keys[k] = true
		s.names = append(s.names, name)
	}
}

// removeTag removes the tag with this key from tags, reporting whether it was
// there.
func removeTag(tags []string, key string) ([]string, bool) {
	out := tags[:0:0]
	found := false
	for _, t := range tags {
		if TagKey(t) == key {
			found = true
			continue
		}
		out = append(out, t)
	}
	return out, found
}
