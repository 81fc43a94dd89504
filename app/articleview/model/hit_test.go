package model

import (
	"reflect"
	"testing"
)

// hitText wraps (width 100, size 10: 10 units per rune, line height 15.5) as
//
//	line 0  y=0     "the quick "   offsets 0..10
//	line 1  y=15.5  "brown fox"    offsets 10..19
//	line 2  y=39    "jumps"        offsets 21..26 (after the separator, gap 8)
const hitText = "the quick brown fox\n\njumps"

func TestLayout_OffsetAt(t *testing.T) {
	l := layoutOf(hitText, 100)
	tests := []struct {
		name string
		x, y float32
		want int
	}{
		{"start", 0, 1, 0},
		{"left of column", -50, 1, 0},
		{"inside first char, left half", 4, 1, 0},
		{"inside first char, right half", 6, 1, 1},
		{"middle of line 0", 42, 10, 4},
		{"right of line 0 is past the hanging space", 500, 10, 10},
		{"line 1", 26, 20, 13},
		{"end of line 1", 95, 20, 19},
		{"paragraph gap belongs to line above", 30, 33, 3 + 10},
		{"line 2", 11, 40, 22},
		{"above the text", 50, -20, 0},
		{"below the text", 0, 1000, 26},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := l.OffsetAt(tt.x, tt.y); got != tt.want {
				t.Errorf("OffsetAt(%v, %v) = %d, want %d", tt.x, tt.y, got, tt.want)
			}
		})
	}
}

func TestLayout_PointAt(t *testing.T) {
	l := layoutOf(hitText, 100)
	tests := []struct {
		off  int
		x, y float32
	}{
		{0, 0, 0},
		{4, 40, 0},
		{10, 0, 15.5}, // soft wrap: the caret goes to the next line
		{19, 90, 15.5},
		{20, 90, 15.5}, // inside the separator: end of the paragraph
		{21, 0, 39},
		{26, 50, 39},
	}
	for _, tt := range tests {
		x, y, _ := l.PointAt(tt.off)
		if x != tt.x || y != tt.y {
			t.Errorf("PointAt(%d) = (%v, %v), want (%v, %v)", tt.off, x, y, tt.x, tt.y)
		}
		// Round trip: a point just right of the caret maps back.
		if tt.off != 20 {
			if got := l.OffsetAt(x+1, y+1); got != tt.off {
				t.Errorf("OffsetAt(PointAt(%d)) = %d", tt.off, got)
			}
		}
	}
}

func TestLayout_CharAt(t *testing.T) {
	l := layoutOf(hitText, 100)
	for _, tt := range []struct {
		x, y float32
		want int
	}{{0, 1, 0}, {9, 1, 0}, {11, 1, 1}, {96, 1, 9}, {300, 1, 10}, {1, 20, 10}, {49, 40, 25}} {
		if got := l.CharAt(tt.x, tt.y); got != tt.want {
			t.Errorf("CharAt(%v, %v) = %d, want %d", tt.x, tt.y, got, tt.want)
		}
	}
}

func TestLayout_Rects(t *testing.T) {
	l := layoutOf(hitText, 100)
	const h, nub = 15.5, 3.5
	tests := []struct {
		name       string
		start, end int
		want       []Rect
	}{
		{"empty", 5, 5, nil},
		{"inside a line", 4, 9, []Rect{{40, 0, 50, h}}},
		{"reversed", 9, 4, []Rect{{40, 0, 50, h}}},
		{"across a soft wrap", 4, 15, []Rect{{40, 0, 60, h}, {0, h, 50, h}}},
		{"up to the wrap", 4, 10, []Rect{{40, 0, 60, h}}},
		{"across the paragraph break", 16, 24, []Rect{{60, h, 30 + nub, h}, {0, 39, 30, h}}},
		{"whole text", 0, 26, []Rect{{0, 0, 100, h}, {0, h, 90 + nub, h}, {0, 39, 50, h}}},
		{"only the separator", 19, 21, []Rect{{90, h, nub, h}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := l.Rects(tt.start, tt.end); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Rects(%d, %d) = %v, want %v", tt.start, tt.end, got, tt.want)
			}
		})
	}
}

func TestLayout_LinesIn(t *testing.T) {
	l := layoutOf(hitText, 100)
	for _, tt := range []struct {
		top, bottom float32
		from, to    int
	}{{0, 10, 0, 1}, {0, 16, 0, 2}, {16, 38, 1, 2}, {31, 39, 2, 2}, {20, 1000, 1, 3}, {1000, 2000, 3, 3}} {
		if from, to := l.LinesIn(tt.top, tt.bottom); from != tt.from || to != tt.to {
			t.Errorf("LinesIn(%v, %v) = %d, %d, want %d, %d", tt.top, tt.bottom, from, to, tt.from, tt.to)
		}
	}
}

func TestLayout_unicodeOffsets(t *testing.T) {
	// Every offset handed out for a point is a rune offset on a grapheme
	// boundary, and the text between two of them is what is on screen.
	text := "Caf\u0065\u0301 👍🏽 中文 🇲🇱 👨\u200d👩\u200d👧 end"
	l := layoutOf(text, 1000)
	d := l.Article()
	seen := map[int]bool{}
	for x := float32(-5); x < 400; x++ {
		off := l.OffsetAt(x, 5)
		if off != d.SnapGrapheme(off) {
			t.Fatalf("OffsetAt(%v) = %d splits a grapheme", x, off)
		}
		seen[off] = true
	}
	for _, off := range []int{0, 3, 5, 6, 8, 9, 10, 11, 12, 14, 15, 20, 21, 24} {
		if !seen[off] {
			t.Errorf("offset %d is never reachable by pointing", off)
		}
	}
	if got := d.Slice(3, 5); got != "e\u0301" {
		t.Errorf("Slice(3,5) = %q", got)
	}
	if got := d.Slice(15, 20); got != "👨\u200d👩\u200d👧" {
		t.Errorf("Slice(15,20) = %q", got)
	}
	if got := d.Slice(6, 8); got != "👍🏽" {
		t.Errorf("Slice(6,8) = %q", got)
	}
	// The family emoji is one 20-unit glyph: the caret jumps over it.
	if x15, x20 := l.X(l.Body, 15), l.X(l.Body, 20); x20-x15 != 20 {
		t.Errorf("ZWJ cluster width = %v, want 20", x20-x15)
	}
}

func TestLayout_AppendRectsIn(t *testing.T) {
	l := layoutOf(hitText, 100)
	got := l.AppendRectsIn(nil, 0, 26, 1, 2)
	if want := []Rect{{0, 15.5, 93.5, 15.5}}; !reflect.DeepEqual(got, want) {
		t.Errorf("AppendRectsIn(0, 26, lines 1..2) = %v, want %v", got, want)
	}
}
