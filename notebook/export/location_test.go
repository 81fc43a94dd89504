package export

import (
	"testing"
	"unicode/utf8"
)

func TestTextIndex(t *testing.T) {
	text := "Première phrase. Deuxième — ici.\n\nÇa continue. Encore une.\n\n\nFin?"
	ix := newTextIndex(text)
	if ix.chars != utf8.RuneCountInString(text) {
		t.Fatalf("chars = %d, want %d", ix.chars, utf8.RuneCountInString(text))
	}
	runeAt := func(s string) int { // code-point offset of s in text
		for i, r := 0, 0; i < len(text); r++ {
			if text[i:min(len(text), i+len(s))] == s {
				return r
			}
			_, n := utf8.DecodeRuneInString(text[i:])
			i += n
		}
		t.Fatalf("%q not in text", s)
		return -1
	}
	tests := []struct {
		quote         string
		para          int
		mode          ContextMode
		before, after string
	}{
		{"Deuxième", 1, SentenceContext, "", "— ici."},
		{"ici", 1, SentenceContext, "Deuxième —", "."},
		{"ici", 1, ParagraphContext, "Première phrase. Deuxième —", "."},
		{"Première", 1, NoContext, "", ""},
		{"continue", 2, SentenceContext, "Ça", "."},
		{"Encore une.", 2, SentenceContext, "", ""},
		{"Fin", 3, SentenceContext, "", "?"},
		{"ici.\n\nÇa", 1, SentenceContext, "Deuxième —", "continue."},
		{"ici.\n\nÇa", 1, ParagraphContext, "Première phrase. Deuxième —", "continue. Encore une."},
	}
	for _, tt := range tests {
		start := runeAt(tt.quote)
		end := start + utf8.RuneCountInString(tt.quote)
		if got := ix.paragraph(start) + 1; got != tt.para {
			t.Errorf("%q: paragraph %d, want %d", tt.quote, got, tt.para)
		}
		if got := text[ix.byteOffset(start):ix.byteOffset(end)]; got != tt.quote {
			t.Errorf("%q: byte offsets select %q", tt.quote, got)
		}
		before, after := ix.context(tt.mode, start, end)
		if before != tt.before || after != tt.after {
			t.Errorf("%q %s: context %q … %q, want %q … %q", tt.quote, tt.mode, before, after, tt.before, tt.after)
		}
	}
	for _, bad := range [][2]int{{-1, 3}, {3, 3}, {5, 2}, {0, ix.chars + 1}} {
		if ix.valid(bad[0], bad[1]) {
			t.Errorf("valid(%d, %d) = true", bad[0], bad[1])
		}
	}
}
