package model

import (
	"reflect"
	"testing"
)

// marksLayout lays hitText out in a 100-unit column with a 30-unit margin
// on each side (bars at x 22, 2 wide):
//
//	line 0  y=30    "the quick "   offsets 0..10
//	line 1  y=45.5  "brown fox"    offsets 10..19
//	line 2  y=69    "jumps"        offsets 21..26 (after the paragraph gap)
func marksLayout() *Layout {
	m := testMetrics
	m.Padding = 30
	return NewLayout(NewMeasurer(fakeMeasure), m, 160, NewDocument(hitText, nil))
}

func markIDs(ms []Mark) []string {
	var out []string
	for _, m := range ms {
		out = append(out, m.ID)
	}
	return out
}

func TestNewMarks(t *testing.T) {
	m := NewMarks([]Mark{{ID: "b", Start: 9, End: 4}, {ID: "empty", Start: 3, End: 3}, {ID: "a", Start: -5, End: 99}, {ID: "c", Start: 9, End: 12}}, 20)
	if got, want := markIDs(m.All()), []string{"a", "b", "c"}; !reflect.DeepEqual(got, want) {
		t.Fatalf("order %v, want %v", got, want)
	}
	if a := m.All()[0]; a.Start != 0 || a.End != 20 {
		t.Errorf("clamped mark %+v", a)
	}
	if got := markIDs(m.Overlapping(nil, 10, 11)); !reflect.DeepEqual(got, []string{"a", "c"}) {
		t.Errorf("Overlapping(10, 11) = %v", got)
	}
	if got := markIDs(m.Overlapping(nil, 12, 15)); !reflect.DeepEqual(got, []string{"a"}) {
		t.Errorf("Overlapping(12, 15) = %v", got)
	}
}

func TestLayout_MarginBar(t *testing.T) {
	l := marksLayout()
	if l.ColumnX != 30 {
		t.Fatalf("column at %v, want 30", l.ColumnX)
	}
	x, w := l.MarginBar()
	if x != 22 || w != 2 {
		t.Errorf("MarginBar() = %v, %v; want 22, 2", x, w)
	}
	// With no margin at all the bar stays inside the view.
	if x, _ := layoutOf(hitText, 100).MarginBar(); x != 0 {
		t.Errorf("MarginBar() without a margin at %v, want 0", x)
	}
}

func TestLayout_AppendMarkBarsIn(t *testing.T) {
	l := marksLayout()
	marks := NewMarks([]Mark{{ID: "A", Start: 0, End: 12}, {ID: "B", Start: 21, End: 26}, {ID: "C", Start: 12, End: 23}}, 26)
	tests := []struct {
		name     string
		from, to int
		want     []Rect
	}{
		{"all lines", 0, 3, []Rect{{22, 31.5, 2, 28}, {22, 47, 2, 36}, {22, 70.5, 2, 12.5}}},
		{"last line only: C is cut at the top", 2, 3, []Rect{{22, 69, 2, 14}, {22, 70.5, 2, 12.5}}},
		{"first line only: A is cut at the bottom", 0, 1, []Rect{{22, 31.5, 2, 14}}},
		{"no lines", 1, 1, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := l.AppendMarkBarsIn(nil, marks, tt.from, tt.to)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("bars %v, want %v", got, tt.want)
			}
		})
	}
	if got := l.AppendMarkBarsIn(nil, nil, 0, 3); got != nil {
		t.Errorf("bars of no marks %v", got)
	}
}

func TestLayout_MarkAt(t *testing.T) {
	l := marksLayout()
	marks := NewMarks([]Mark{{ID: "A", Start: 0, End: 12}, {ID: "B", Start: 21, End: 26}, {ID: "C", Start: 12, End: 23}}, 26)
	tests := []struct {
		name string
		x, y float32
		want string
	}{
		{"on A's first line", 23, 35, "A"},
		{"line with A and C: the shorter", 23, 50, "C"},
		{"gap between paragraphs: C goes on", 23, 64, "C"},
		{"line with B and C: the shorter", 23, 75, "B"},
		{"within the slop", 19, 35, "A"},
		{"in the text, not the margin", 40, 35, ""},
		{"above the article", 23, 10, ""},
		{"below the article", 23, 200, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, ok := l.MarkAt(marks, tt.x, tt.y, 4)
			if got := m.ID; got != tt.want || ok != (tt.want != "") {
				t.Errorf("MarkAt(%v, %v) = %q, %v; want %q", tt.x, tt.y, got, ok, tt.want)
			}
		})
	}
	if _, ok := l.MarkAt(nil, 23, 35, 4); ok {
		t.Error("a mark found among none")
	}
}
