package anchor

import (
	"strings"
	"testing"
)

func TestNewTarget(t *testing.T) {
	long := strings.Repeat("é", 40) + "QUOTE" + strings.Repeat("Ж", 40)
	qs := strings.Index(long, "QUOTE")
	tests := []struct {
		name                              string
		text                              string
		start, end                        int
		wantStart, wantEnd                int
		wantExact, wantPrefix, wantSuffix string
	}{
		{"middle", "one two three", 4, 7, 4, 7, "two", "one ", " three"},
		{"context clamped to 32 runes", long, qs, qs + 5, qs, qs + 5, "QUOTE", strings.Repeat("é", 32), strings.Repeat("Ж", 32)},
		{"start of text", "abc def", 0, 3, 0, 3, "abc", "", " def"},
		{"end of text", "abc def", 4, 7, 4, 7, "def", "abc ", ""},
		{"out of range clamped", "abc", -3, 10, 0, 3, "abc", "", ""},
		{"end before start", "abc", 2, 1, 2, 2, "", "ab", "c"},
		{"inside a rune rounds down", "aé–b", 2, 5, 1, 3, "é", "a", "–b"},
		{"emoji", "x🙂y", 1, 5, 1, 5, "🙂", "x", "y"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := NewTarget(tt.text, tt.start, tt.end)
			want := Target{tt.wantStart, tt.wantEnd, tt.wantExact, tt.wantPrefix, tt.wantSuffix}
			if got != want {
				t.Errorf("NewTarget(%q, %d, %d) = %+v, want %+v", tt.text, tt.start, tt.end, got, want)
			}
		})
	}
}

func TestRuneFloor(t *testing.T) {
	tests := []struct {
		s         string
		off, want int
	}{
		{"aé", 2, 1},
		{"a–", 3, 1},
		{"🙂", 3, 0},
		{"\x80\x80", 1, 1},  // stray continuation bytes are runes of their own
		{"\xe2\x80x", 2, 2}, // truncated sequence: each byte is a rune
		{"\xe2\x80x", 1, 1},
		{"ab", 5, 2},
		{"ab", -1, 0},
	}
	for _, tt := range tests {
		if got := runeFloor(tt.s, tt.off); got != tt.want {
			t.Errorf("runeFloor(%q, %d) = %d, want %d", tt.s, tt.off, got, tt.want)
		}
		// Cross-check with the decoder's boundaries.
		b := 0
		for i := range tt.s {
			if i <= tt.off {
				b = i
			}
		}
		if tt.off >= len(tt.s) {
			b = len(tt.s)
		}
		if tt.off < 0 {
			b = 0
		}
		if got := runeFloor(tt.s, tt.off); got != b {
			t.Errorf("runeFloor(%q, %d) = %d, decoder boundary %d", tt.s, tt.off, got, b)
		}
	}
}
