package notebook

import (
	"fmt"
	"strings"
	"unicode"

	"golang.org/x/text/cases"
)

// CleanTag returns a tag name in canonical spelling: surrounding space
// trimmed, space around each "/" removed, empty path segments dropped and
// runs of spaces inside a segment collapsed. Letters, case and punctuation
// (such as the en dash in "Russia–Africa ties") are kept byte for byte. It
// refuses an empty name and control characters.
func CleanTag(name string) (string, error) {
	var segs []string
	for _, seg := range strings.Split(name, "/") {
		seg = strings.Join(strings.Fields(seg), " ")
		if seg != "" {
			segs = append(segs, seg)
		}
	}
	out := strings.Join(segs, "/")
	if out == "" {
		return "", fmt.Errorf("tag %q: %w: empty name", name, ErrInvalid)
	}
	for _, r := range out {
		if unicode.IsControl(r) {
			return "", fmt.Errorf("tag %q: %w: control character %U", name, ErrInvalid, r)
		}
	}
	return out, nil
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
