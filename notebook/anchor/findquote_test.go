package anchor

import (
	"errors"
	"strings"
	"testing"
)

func TestFindQuote(t *testing.T) {
	tests := []struct {
		name       string
		text       string
		quote      string
		occurrence int
		want       string // the text found
		wantErr    string // substring of the error, if any
	}{
		{"plain", "the cat sat on the mat", "sat on", 0, "sat on", ""},
		{"no-break space in text", "Colonel\u00a0Assimi Goita", "Colonel Assimi", 0, "Colonel\u00a0Assimi", ""},
		{"narrow no-break space", "10\u202f000 troops", "10 000", 0, "10\u202f000", ""},
		{"line break and runs", "a large\n  consignment", "large consignment", 0, "large\n  consignment", ""},
		{"quote whitespace collapsed and trimmed", "a large consignment", "  large \t consignment ", 0, "large consignment", ""},
		{"typographic apostrophe in text", "Mali’s junta", "Mali's junta", 0, "Mali’s junta", ""},
		{"typographic quotes in quote", `he said "yes" then`, "said “yes”", 0, `said "yes"`, ""},
		{"en dash matches hyphen", "pages 10–12 here", "10-12", 0, "10–12", ""},
		{"ellipsis", "and so on... end", "on…", 0, "on...", ""},
		{"Cyrillic and emoji", "Привет 🙂 мир", "🙂 мир", 0, "🙂 мир", ""},
		{"missing space in text (fallback)", "aviation equipmentwas sent", "equipment was sent", 0, "equipmentwas sent", ""},
		{"extra space in quote tolerated only as fallback", "notebook", "note book", 0, "notebook", ""},
		{"space in text, none in quote (fallback)", "a note book", "notebook", 0, "note book", ""},
		{"second occurrence", "x ab y ab z", "ab", 2, "ab", ""},
		{"first occurrence", "x ab y ab z", "ab", 1, "ab", ""},
		{"ambiguous", "ab ab ab", "ab", 0, "", `quote "ab" occurs 3 times; pass an occurrence (1-3)`},
		{"occurrence out of range", "ab ab", "ab", 3, "", "occurrence 3 is out of range (1-2)"},
		{"not found", "the cat", "dog", 0, "", `quote "dog" not found`},
		{"case-sensitive", "The Cat", "the cat", 0, "", "not found"},
		{"empty", "text", "  ", 0, "", "empty"},
		{"negative occurrence", "text", "te", -1, "", "occurrence -1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start, end, err := FindQuote(tt.text, tt.quote, tt.occurrence)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) || !errors.Is(err, ErrQuote) {
					t.Fatalf("FindQuote(%q, %q, %d) error = %v, want one containing %q", tt.text, tt.quote, tt.occurrence, err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("FindQuote(%q, %q, %d): %v", tt.text, tt.quote, tt.occurrence, err)
			}
			if got := tt.text[start:end]; got != tt.want {
				t.Errorf("FindQuote(%q, %q, %d) = %q, want %q", tt.text, tt.quote, tt.occurrence, got, tt.want)
			}
		})
	}
}

func TestFindQuote_Occurrences(t *testing.T) {
	text := "ab–cd | ab-cd | ab—cd"
	var got []int
	for occ := 1; occ <= 3; occ++ {
		start, _, err := FindQuote(text, "ab-cd", occ)
		if err != nil {
			t.Fatalf("occurrence %d: %v", occ, err)
		}
		got = append(got, start)
	}
	want := []int{0, strings.Index(text, "ab-cd"), strings.Index(text, "ab—cd")}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("occurrence %d at %d, want %d", i+1, got[i], want[i])
		}
	}
}

func TestFindQuote_LongQuoteShortened(t *testing.T) {
	_, _, err := FindQuote("x", strings.Repeat("word ", 40), 0)
	if err == nil || !strings.Contains(err.Error(), "…\" not found") {
		t.Errorf("error = %v, want a shortened quote ending in …", err)
	}
}
