package ingest

import "github.com/glossnotes/gloss/notebook/ingest/internal/text"

// CleanField returns a metadata value (a title, byline, outlet, URL,
// language or tag) as one clean line: control characters (C0, DEL, C1) and
// the bidirectional embedding, override and isolate characters (U+202A–
// U+202E, U+2066–U+2069) are removed, line and paragraph breaks and every
// other kind of white space become one space, the ends are trimmed, and
// invalid UTF-8 becomes U+FFFD. Every importer passes every field of a
// Draft through it; the notebook can use it for what the user types.
//
// Bidirectional controls are removed from fields, which are shown inline
// in lists, citations and file names, where an unbalanced override would
// reorder the text around them; in an article's text they are kept, since
// right-to-left prose uses them. Marks (U+200E, U+200F, U+061C) are kept
// everywhere. Control characters are removed from texts by the same rule
// (text.IsControl), tabs and line breaks excepted.
func CleanField(s string) string {
	return text.CleanField(s)
}
