package model

import "testing"

func TestSelection_Range(t *testing.T) {
	for _, tt := range []struct {
		s          Selection
		start, end int
		empty      bool
	}{{Selection{2, 5}, 2, 5, false}, {Selection{5, 2}, 2, 5, false}, {Selection{3, 3}, 3, 3, true}} {
		if s, e := tt.s.Range(); s != tt.start || e != tt.end || tt.s.Empty() != tt.empty {
			t.Errorf("%+v: Range() = %d, %d, Empty() = %v", tt.s, s, e, tt.s.Empty())
		}
	}
}

func TestDocument_Extend(t *testing.T) {
	//                   0         1         2
	//                   0123456789012345678901234
	d := NewDocument("alpha beta gamma\n\ndelta e\u0301", nil)
	tests := []struct {
		name          string
		as, ae        int
		off, char     int
		u             Unit
		anchor, caret int
	}{
		{"grapheme forward", 3, 3, 8, 8, ByGrapheme, 3, 8},
		{"grapheme backward", 8, 8, 2, 2, ByGrapheme, 8, 2},
		{"grapheme snaps out of a combining sequence", 0, 0, 25, 24, ByGrapheme, 0, 24},
		{"word forward keeps the anchor word", 6, 10, 13, 13, ByWord, 6, 16},
		{"word backward", 6, 10, 1, 1, ByWord, 10, 0},
		{"word inside the anchor word", 6, 10, 7, 7, ByWord, 6, 10},
		{"paragraph forward", 0, 16, 20, 20, ByParagraph, 0, 26},
		{"paragraph backward", 18, 26, 3, 3, ByParagraph, 26, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := d.Extend(tt.as, tt.ae, tt.off, tt.char, tt.u)
			if got.Anchor != tt.anchor || got.Caret != tt.caret {
				t.Errorf("Extend = %+v, want {%d %d}", got, tt.anchor, tt.caret)
			}
		})
	}
}
