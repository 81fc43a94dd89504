package model

import (
	"reflect"
	"testing"
)

func TestLayout_wrap(t *testing.T) {
	tests := []struct {
		name  string
		text  string
		width float32
		want  []string
	}{
		{"fits", "the quick", 100, []string{"the quick"}},
		{"break at space, space hangs", "the quick brown fox", 100, []string{"the quick ", "brown fox"}},
		{"exact fit", "abcd efgh", 40, []string{"abcd ", "efgh"}},
		{"long word broken between graphemes", "abcdefghijklmn", 50, []string{"abcde", "fghij", "klmn"}},
		{"hyphen break", "well-known fact", 70, []string{"well-", "known ", "fact"}},
		{"hard break", "ab\ncd", 100, []string{"ab", "cd"}},
		{"paragraphs", "one two\n\nthree", 100, []string{"one two", "three"}},
		{"empty paragraph", "a\n\n\n\nb", 100, []string{"a", "", "b"}},
		{"CJK breaks between ideographs", "中文字中文字", 40, []string{"中文", "字中", "文字"}},
		{"combining mark is one grapheme", "e\u0301e\u0301e\u0301e\u0301e\u0301", 40, []string{"e\u0301e\u0301e\u0301e\u0301", "e\u0301"}},
		{"ZWJ emoji is one cluster", "ab 👨\u200d👩\u200d👧 cd", 50, []string{"ab 👨\u200d👩\u200d👧 ", "cd"}},
		{"many spaces hang", "ab      cd", 40, []string{"ab      ", "cd"}},
		// Right-to-left text is laid out in logical order and broken at
		// spaces like any other script; Arabic letters and harakat are
		// graphemes of their own words.
		{"Arabic breaks at spaces", "مرحبا بكم في غاو", 70, []string{"مرحبا ", "بكم في ", "غاو"}},
		{"Arabic harakat stay with their letter", "كَتَبَ كِتَابًا", 50, []string{"كَتَبَ ", "كِتَابًا"}},
		{"Hebrew breaks at spaces", "שלום לכם חברים", 50, []string{"שלום ", "לכם ", "חברים"}},
		{"Korean breaks between syllables (UAX #14)", "러시아 외무장관 방문", 60, []string{"러시아 외무", "장관 방문"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := layoutOf(tt.text, tt.width)
			if got := lineTexts(l); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("lines = %q, want %q", got, tt.want)
			}
			for i := l.Body; i < len(l.Lines); i++ {
				if ln := l.Lines[i]; ln.Width > l.ColumnW && ln.End-ln.Start > 1 {
					t.Errorf("line %d %q is %v wide, column %v", i, l.Text(i), ln.Width, l.ColumnW)
				}
			}
		})
	}
}

func TestLayout_lineGeometry(t *testing.T) {
	// Heading (size 12.5 rounded to whole pixels, bold) then body; Next
	// covers the hard break.
	d := NewDocument("Title\n\nab\ncd", []Kind{Heading, Body})
	l := NewLayout(NewMeasurer(fakeMeasure), testMetrics, 200, d)
	if len(l.Lines) != 3 {
		t.Fatalf("got %d lines, want 3", len(l.Lines))
	}
	h, b1, b2 := l.Lines[0], l.Lines[1], l.Lines[2]
	if h.Kind != Heading || !h.Face.Bold || h.Face.Size != 13 || !h.First {
		t.Errorf("heading line = %+v", h)
	}
	if b1.Start != 7 || b1.End != 9 || b1.Next != 10 || !b1.First || b2.First {
		t.Errorf("hard break lines = %+v / %+v", b1, b2)
	}
	st := testMetrics.Style(Body)
	if want := h.Y + h.Height + st.SpaceBefore; b1.Y != want {
		t.Errorf("body y = %v, want %v", b1.Y, want)
	}
	if b2.Y != b1.Y+b1.Height {
		t.Errorf("second line y = %v, want %v", b2.Y, b1.Y+b1.Height)
	}
	if l.Height != b2.Y+b2.Height {
		t.Errorf("height = %v, want %v", l.Height, b2.Y+b2.Height)
	}
}

func TestLayout_header(t *testing.T) {
	title := NewDocument("A title that wraps", []Kind{Title})
	meta := NewDocument("DW, 2023", []Kind{Meta})
	l := NewLayout(NewMeasurer(fakeMeasure), testMetrics, 120, NewDocument("body", nil), title, meta, NewDocument("", nil))
	if len(l.Blocks) != 3 {
		t.Fatalf("blocks = %d, want 3 (empty header skipped)", len(l.Blocks))
	}
	if l.Text(l.Body) != "body" || l.Lines[l.Body].Block != 2 {
		t.Fatalf("Body line = %+v (%q), want the article's first line", l.Lines[l.Body], l.Text(l.Body))
	}
	for i := 0; i < l.Body; i++ {
		if k := l.Lines[i].Kind; k != Title && k != Meta {
			t.Errorf("header line %d has kind %v", i, k)
		}
	}
	if l.Lines[0].Y != 0 || l.Lines[l.Body].Y <= l.Lines[l.Body-1].Y+l.Lines[l.Body-1].Height {
		t.Errorf("header gap missing: %+v / %+v", l.Lines[l.Body-1], l.Lines[l.Body])
	}
	if got := l.OffsetAt(0, 0); got != 0 {
		t.Errorf("OffsetAt in header = %d, want 0", got)
	}
}

func TestLayout_columnMeasure(t *testing.T) {
	m := Metrics{TextSize: 10, Padding: 20, MaxChars: 75}
	l := NewLayout(NewMeasurer(fakeMeasure), m, 2000, NewDocument("x", nil))
	if l.ColumnW != 750 || l.ColumnX != 625 {
		t.Errorf("wide view: column %v at %v, want 750 at 625", l.ColumnW, l.ColumnX)
	}
	l = NewLayout(NewMeasurer(fakeMeasure), m, 300, NewDocument("x", nil))
	if l.ColumnW != 260 || l.ColumnX != 20 {
		t.Errorf("narrow view: column %v at %v, want 260 at 20", l.ColumnW, l.ColumnX)
	}
}

func TestLayout_Calibrate(t *testing.T) {
	l := layoutOf("abcd", 100)
	i := l.Body
	if l.Calibrated(i) || l.X(i, 2) != 20 {
		t.Fatalf("uncalibrated X(2) = %v, want 20", l.X(i, 2))
	}
	l.Calibrate(i, 36) // kerning made the line 10 % narrower
	if !l.Calibrated(i) || l.X(i, 2) != 18 || l.X(i, 4) != 36 {
		t.Errorf("calibrated X(2), X(4) = %v, %v, want 18, 36", l.X(i, 2), l.X(i, 4))
	}
	l.Calibrate(i, 400) // implausible: ignored
	if l.X(i, 4) != 40 {
		t.Errorf("implausible calibration used: X(4) = %v", l.X(i, 4))
	}
}
