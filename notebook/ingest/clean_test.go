package ingest

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/glossnotes/gloss/notebook/ingest/internal/text"
)

// FuzzCleanField checks CleanField's promises on any string: one line,
// valid UTF-8, no control or bidirectional control characters, no double
// or surrounding spaces, and nothing more to clean.
func FuzzCleanField(f *testing.F) {
	f.Add("Two\nlines\u202e and \x07 more  spaces ")
	f.Add("\xff\u2066\u0085\t")
	f.Fuzz(func(t *testing.T, s string) {
		c := CleanField(s)
		if !utf8.ValidString(c) || strings.Contains(c, "  ") || strings.TrimSpace(c) != c {
			t.Errorf("CleanField(%q) = %q", s, c)
		}
		for _, r := range c {
			if text.IsControl(r) || text.IsBidiControl(r) || (unicode.IsSpace(r) && r != ' ') || r == '\u2028' || r == '\u2029' {
				t.Errorf("CleanField(%q) = %q keeps %U", s, c, r)
			}
		}
		if CleanField(c) != c {
			t.Errorf("CleanField is not idempotent on %q", s)
		}
	})
}
