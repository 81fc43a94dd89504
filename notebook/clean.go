package notebook

import (
	"strings"
	"unicode"

	"github.com/glossnotes/gloss/notebook/ingest"
)

// What the user types — titles, bylines, notes, URLs — is stored without
// the characters that could rewrite a terminal or reorder what others
// read, by the importers' own rules: single-line fields as
// ingest.CleanField cleans every field of an imported draft (C0 and C1
// controls and bidirectional embeddings, overrides and isolates removed,
// line breaks made spaces), notes as the importers clean texts (controls
// other than tab and line feed removed, bidirectional characters kept for
// right-to-left prose). Stripping, not refusing, matches what imports do;
// bundles, which Gloss writes itself, are refused instead (validate.go).

// cleanLine cleans a single-line field; what names the field in the error
// for a value over MaxLineBytes.
func cleanLine(what, s string) (string, error) {
	s = ingest.CleanField(s)
	if len(s) > MaxLineBytes {
		return "", invalidf("%s is %d bytes long (at most %d)", what, len(s), MaxLineBytes)
	}
	return s, nil
}

// cleanNote cleans a Markdown note: CRLF and CR become LF, other control
// characters are removed, trailing white space is trimmed; what names the
// note in the error for one over MaxNoteBytes.
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
		case unicode.IsControl(r):
			return -1
		}
		return r
	}, s)
	return strings.TrimRightFunc(s, unicode.IsSpace), nil
}

// isBidiControl reports the bidirectional embedding, override and isolate
// characters (U+202A–U+202E, U+2066–U+2069), which reorder the text around
// them; fields never hold them (see ingest.CleanField).
func isBidiControl(r rune) bool {
	return r >= '\u202a' && r <= '\u202e' || r >= '\u2066' && r <= '\u2069'
}

// isBidiOverride reports the bidirectional embedding and override
// characters (U+202A–U+202E).
func isBidiOverride(r rune) bool { return r >= '\u202a' && r <= '\u202e' }
