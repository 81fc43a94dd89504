package text

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// IsControl reports whether r is a control character: C0, DEL or C1. It is
// the one rule for control characters in Gloss: Normalize drops them from
// text (keeping tab), CleanField from metadata.
func IsControl(r rune) bool {
	return r < 0x20 || (r >= 0x7f && r <= 0x9f)
}

// IsBidiControl reports whether r is a bidirectional embedding, override
// or isolate character (U+202A–U+202E, U+2066–U+2069).
func IsBidiControl(r rune) bool {
	return (r >= '\u202A' && r <= '\u202E') || (r >= '\u2066' && r <= '\u2069')
}

// CleanField returns a metadata value as one clean line; see
// ingest.CleanField, which documents the rule.
func CleanField(s string) string {
	clean := true
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c == 0x7f || c >= utf8.RuneSelf {
			clean = false
			break
		}
	}
	if clean && !strings.Contains(s, "  ") && strings.TrimSpace(s) == s {
		return s
	}
	var sb strings.Builder
	sb.Grow(len(s))
	space := false // a space is due before the next character
	for _, r := range s {
		switch {
		case unicode.IsSpace(r) || r == '\u2028' || r == '\u2029':
			space = sb.Len() > 0
		case IsControl(r) || IsBidiControl(r) || r == '\uFEFF':
			// dropped
		default:
			if space {
				sb.WriteByte(' ')
				space = false
			}
			sb.WriteRune(r)
		}
	}
	return sb.String()
}

// CleanSpace collapses runs of white space to one space and trims.
func CleanSpace(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// SameText compares two short texts ignoring case and white space.
func SameText(a, b string) bool {
	return strings.EqualFold(CleanSpace(a), CleanSpace(b))
}

// FirstWords returns the first n words of the first line of text, with
// "…" when there are more, for a title of last resort.
func FirstWords(text string, n int) string {
	first, _, _ := strings.Cut(text, "\n")
	f := strings.Fields(first)
	if len(f) > n {
		return strings.Join(f[:n], " ") + "…"
	}
	return strings.Join(f, " ")
}
