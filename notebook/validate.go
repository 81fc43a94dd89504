package notebook

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/oklog/ulid/v2"

	"github.com/glossnotes/gloss/notebook/ingest"
)

// Field rules for records that come from outside the service's own
// methods (bundles today). They say what the service itself stores, so
// that a record which passes them is one that check and the CLI handle:
//
//   - IDs are ULIDs in their canonical 26-character upper-case form (so
//     they are addressable from the CLI and safe as keys).
//   - An article text is valid UTF-8, not blank, at most MaxTextBytes, and
//     has no control characters other than tab and line feed (the
//     importers' normalisation removes the others, see package ingest).
//   - Single-line fields (titles, bylines, outlets, URLs, languages, media
//     types, citation keys, tag names, trash titles, version reasons) are
//     at most MaxLineBytes and have no control characters at all
//     (unicode.IsControl: C0, DEL and C1), as CleanTag already requires of
//     tag names. They are refused, not stripped: a bundle is written by
//     Gloss, so a control character means it was damaged or forged, and
//     stripping would change data without saying so.
//   - Notes (Markdown) are at most MaxNoteBytes and have no control
//     characters other than tab, line feed and carriage return.
//   - Sources are at most MaxSourceBytes.
//   - Colours are palette names; statuses are anchored, moved or orphaned.
//
// The service's own methods (AddArticle, SetArticle, EditAnnotation, …) do
// not yet apply the single-line and note rules to what they are given.

// Size limits for record fields; see the rules above.
const (
	// MaxTextBytes bounds an article's text, as any import does.
	MaxTextBytes = ingest.MaxFileSize
	// MaxSourceBytes bounds an article's original bytes.
	MaxSourceBytes = ingest.MaxFileSize
	// MaxNoteBytes bounds a note (an annotation's or an article's).
	MaxNoteBytes = 1 << 20
	// MaxLineBytes bounds a single-line field.
	MaxLineBytes = 64 << 10
	// maxVersionNumber is the largest version number storage can key
	// (eight digits).
	maxVersionNumber = 99_999_999
	// maxContextBytes bounds an annotation's prefix and suffix (the
	// service stores about 32 characters of each).
	maxContextBytes = 4 << 10
)

// checkULID says what is wrong with an ID, or returns nil.
func checkULID(id string) error {
	u, err := ulid.ParseStrict(id)
	if err != nil || u.String() != id {
		return fmt.Errorf("ID %s is not a ULID", quoteShort(id))
	}
	return nil
}

// checkLine checks a single-line field: size and control characters.
func checkLine(what, s string) error {
	if len(s) > MaxLineBytes {
		return fmt.Errorf("%s is %d bytes long (at most %d)", what, len(s), MaxLineBytes)
	}
	if i := strings.IndexFunc(s, unicode.IsControl); i >= 0 {
		r, _ := utf8.DecodeRuneInString(s[i:])
		return fmt.Errorf("%s %s has a control character (%U)", what, quoteShort(s), r)
	}
	return nil
}

// checkNote checks a Markdown note: size and control characters other
// than tab and line breaks.
func checkNote(what, s string) error {
	if len(s) > MaxNoteBytes {
		return fmt.Errorf("%s is %d bytes long (at most %d)", what, len(s), MaxNoteBytes)
	}
	if i := strings.IndexFunc(s, func(r rune) bool {
		return unicode.IsControl(r) && r != '\t' && r != '\n' && r != '\r'
	}); i >= 0 {
		r, _ := utf8.DecodeRuneInString(s[i:])
		return fmt.Errorf("%s has a control character (%U) at byte %d", what, r, i)
	}
	return nil
}

// checkTextChars checks text-like content (an article text, a quote and
// its context): valid UTF-8, at most max bytes, no control characters
// other than tab and line feed.
func checkTextChars(what, s string, max int) error {
	if len(s) > max {
		return fmt.Errorf("%s is %d bytes long (at most %d)", what, len(s), max)
	}
	if !utf8.ValidString(s) {
		return fmt.Errorf("%s is not valid UTF-8", what)
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 && c != '\t' && c != '\n' || c == 0x7f {
			return fmt.Errorf("%s has a control character (%U) at byte %d", what, rune(c), i)
		}
	}
	return nil
}

// checkText checks an article text: checkTextChars, and not blank.
func checkText(what, s string) error {
	if strings.TrimSpace(s) == "" {
		return fmt.Errorf("%s is empty", what)
	}
	return checkTextChars(what, s, MaxTextBytes)
}

// checkKinds checks a text's paragraph kinds: known kinds, at most one
// per paragraph.
func checkKinds(what string, kinds []ingest.BlockKind, text string) error {
	if len(kinds) == 0 {
		return nil
	}
	if paras := strings.Count(text, "\n\n") + 1; len(kinds) > paras {
		return fmt.Errorf("%s has %d paragraph kinds for %d paragraphs", what, len(kinds), paras)
	}
	for i, k := range kinds {
		if k > ingest.Item {
			return fmt.Errorf("%s: paragraph %d has unknown kind %d", what, i+1, k)
		}
	}
	return nil
}

// checkColor accepts a palette colour name (as stored, lower case) or "".
func checkColor(what string, c Color) error {
	if c == "" {
		return nil
	}
	for _, p := range Colors {
		if c == p {
			return nil
		}
	}
	return fmt.Errorf("%s %s is not a palette colour", what, quoteShort(string(c)))
}

// checkStatus accepts the three annotation statuses.
func checkStatus(what string, s Status) error {
	switch s {
	case Anchored, Moved, Orphaned:
		return nil
	}
	return fmt.Errorf("%s %s is not anchored, moved or orphaned", what, quoteShort(string(s)))
}

// quoteShort quotes s for an error message, cut to 40 bytes.
func quoteShort(s string) string {
	if len(s) > 40 {
		cut := 40
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		return fmt.Sprintf("%q…", s[:cut])
	}
	return fmt.Sprintf("%q", s)
}
