package ingest

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// CleanField returns a metadata value (a title, byline, outlet, URL,
// language or tag) as one clean line: control characters (C0, DEL, C1) and
// the bidirectional embedding, override and isolate characters (U+202A–
// U+202E, U+2066–U+2069) are removed, line and paragraph breaks and every
// other kind of white space become one space, the ends are trimmed, and
// invalid UTF-8 becomes U+FFFD. Every importer passes every field of a
// Draft through it; the notebook uses it for what the user types.
//
// Bidirectional controls are removed from fields, which are shown inline
// in lists, citations and file names, where an unbalanced override would
// reorder the text around them; in an article's text they are kept, since
// right-to-left prose uses them. Marks (U+200E, U+200F, U+061C) are kept
// everywhere.
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
		case isControl(r) || isBidiControl(r) || r == '\uFEFF':
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

// isControl reports whether r is a control character: C0, DEL or C1.
func isControl(r rune) bool {
	return r < 0x20 || (r >= 0x7f && r <= 0x9f)
}

// isBidiControl reports whether r is a bidirectional embedding, override or
// isolate character (U+202A–U+202E, U+2066–U+2069).
func isBidiControl(r rune) bool {
	return (r >= '\u202A' && r <= '\u202E') || (r >= '\u2066' && r <= '\u2069')
}
