package anchor

import (
	"testing"
	"unicode/utf8"
)

// offsetTexts mixes ASCII, Latin accents, dashes, emoji, Cyrillic,
// no-break spaces and invalid UTF-8.
var offsetTexts = []string{
	"",
	"plain ASCII text",
	"café – naïve",
	"Привет, мир",
	"emoji 🙂 and 👍🏽 here",
	"a\u00a0b\u202fc",
	"bad \xff byte and \xe2\x80 cut",
	"é",
}

func TestOffsets_RoundTrip(t *testing.T) {
	for _, text := range offsetTexts {
		o := NewOffsets(text)
		if got, want := o.Len(), utf8.RuneCountInString(text); got != want {
			t.Errorf("%q: Len = %d, want %d", text, got, want)
		}
		r := 0
		for b := range text {
			if got := o.Rune(b); got != r {
				t.Errorf("%q: Rune(%d) = %d, want %d", text, b, got, r)
			}
			if got := o.Byte(r); got != b {
				t.Errorf("%q: Byte(%d) = %d, want %d", text, r, got, b)
			}
			if got := RuneOffset(text, b); got != r {
				t.Errorf("%q: RuneOffset(%d) = %d, want %d", text, b, got, r)
			}
			if got := ByteOffset(text, r); got != b {
				t.Errorf("%q: ByteOffset(%d) = %d, want %d", text, r, got, b)
			}
			r++
		}
		if o.Rune(len(text)) != r || o.Byte(r) != len(text) || RuneOffset(text, len(text)) != r || ByteOffset(text, r) != len(text) {
			t.Errorf("%q: end of text does not map to %d runes / %d bytes", text, r, len(text))
		}
	}
}

func TestOffsets_Rune(t *testing.T) {
	const text = "aé–🙂Я" // 1+2+3+4+2 bytes
	tests := []struct {
		byteOff, want int
	}{
		{-5, 0}, {0, 0}, {1, 1}, {2, 1}, {3, 2}, {4, 2}, {5, 2}, {6, 3}, {7, 3}, {9, 3}, {10, 4}, {11, 4}, {12, 5}, {99, 5},
	}
	o := NewOffsets(text)
	for _, tt := range tests {
		if got := o.Rune(tt.byteOff); got != tt.want {
			t.Errorf("Offsets.Rune(%d) = %d, want %d", tt.byteOff, got, tt.want)
		}
		if got := RuneOffset(text, tt.byteOff); got != tt.want {
			t.Errorf("RuneOffset(%d) = %d, want %d", tt.byteOff, got, tt.want)
		}
	}
}

func TestOffsets_Byte(t *testing.T) {
	const text = "aé–🙂Я"
	tests := []struct {
		runeOff, want int
	}{
		{-1, 0}, {0, 0}, {1, 1}, {2, 3}, {3, 6}, {4, 10}, {5, 12}, {6, 12},
	}
	o := NewOffsets(text)
	for _, tt := range tests {
		if got := o.Byte(tt.runeOff); got != tt.want {
			t.Errorf("Offsets.Byte(%d) = %d, want %d", tt.runeOff, got, tt.want)
		}
		if got := ByteOffset(text, tt.runeOff); got != tt.want {
			t.Errorf("ByteOffset(%d) = %d, want %d", tt.runeOff, got, tt.want)
		}
	}
}
