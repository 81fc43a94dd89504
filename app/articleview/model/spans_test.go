package model

import (
	"reflect"
	"testing"
)

func ids(sp []Span) []string {
	var out []string
	for _, s := range sp {
		out = append(out, s.ID)
	}
	return out
}

func TestNewSpans(t *testing.T) {
	s := NewSpans([]Span{
		{ID: "c", Start: 10, End: 20},
		{ID: "a", Start: 0, End: 5},
		{ID: "rev", Start: 8, End: 6},
		{ID: "empty", Start: 4, End: 4},
		{ID: "clamped", Start: -3, End: 500},
		{ID: "b", Start: 0, End: 3},
	}, 30)
	if got, want := ids(s.All()), []string{"clamped", "a", "b", "rev", "c"}; !reflect.DeepEqual(got, want) {
		t.Fatalf("order = %v, want %v", got, want)
	}
	if sp, ok := s.Find("clamped"); !ok || sp.Start != 0 || sp.End != 30 {
		t.Errorf("clamped span = %+v", sp)
	}
	if sp, _ := s.Find("rev"); sp.Start != 6 || sp.End != 8 {
		t.Errorf("reversed span = %+v", sp)
	}
}

func TestSpans_Overlapping(t *testing.T) {
	s := NewSpans([]Span{
		{ID: "long", Start: 0, End: 100},
		{ID: "x", Start: 10, End: 20},
		{ID: "y", Start: 15, End: 30},
		{ID: "z", Start: 40, End: 45},
	}, 200)
	tests := []struct {
		start, end int
		want       []string
	}{
		{0, 5, []string{"long"}},
		{18, 19, []string{"long", "x", "y"}},
		{20, 40, []string{"long", "y"}},
		{45, 50, []string{"long"}},
		{100, 150, nil},
	}
	for _, tt := range tests {
		if got := ids(s.Overlapping(nil, tt.start, tt.end)); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Overlapping(%d, %d) = %v, want %v", tt.start, tt.end, got, tt.want)
		}
	}
	if got := ids(s.At(16)); !reflect.DeepEqual(got, []string{"x", "y", "long"}) {
		t.Errorf("At(16) = %v, want innermost first", got)
	}
}
