package notebook

import (
	"strings"
	"unicode"
)

// What the user types — titles, bylines, notes, URLs — is stored without
// the characters that could rewrite a terminal or reorder what others
// read: C0 and C1 control characters (ESC starts terminal escape
// sequences) and the bidirectional embedding and override characters.
// Single-line fields lose line breaks too (a multi-line title would break
// Markdown headings and citation lines). Stripping, not refusing, matches
// what the importers do with file contents; bundles, which Gloss writes
// itself, are refused instead (see validate.go).

// cleanLine cleans a single-line field: controls and bidi overrides
// removed, line breaks and tabs turned into spaces, runs of spaces
// collapsed, ends trimmed; what names the field in the error for a value
// over MaxLineBytes.
func cleanLine(what, s string) (string, error) {
	s = strings.Map(func(r rune) rune {
		switch {
		case r == '\n' || r == '\r' || r == '\t':
			return ' '
		case unicode.IsControl(r) || isBidiOverride(r):
			return -1
		}
		return r
	}, s)
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > MaxLineBytes {
		return "", invalidf("%s is %d bytes long (at most %d)", what, len(s), MaxLineBytes)
	}
	return s, nil
}

// cleanNote cleans a Markdown note: CRLF and CR become LF, other controls
// and bidi overrides are removed, trailing white space is trimmed; what
// names the note in the error for one over MaxNoteBytes.
func cleanNote(what, s string) (string, error) {
	if len(s) > MaxNoteBytes {
		return "", invalidf("%s is %d bytes long (at most %d)", what, len(s), MaxNoteBytes)
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.Map(func(r rune) rune {
		switch {
		case r == '\r':
			return '\n'
		case r == '\n' || r == '\t':
			return r
		case unicode.IsControl(r) || isBidiOverride(r):
			return -1
		}
		return r
	}, s)
	return strings.TrimRightFunc(s, unicode.IsSpace), nil
}
