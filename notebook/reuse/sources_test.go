package reuse

import (
	"slices"
	"testing"
	"time"
)

func TestEarliest(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2024, 3, d, 0, 0, 0, 0, time.UTC) }
	dates := map[string]time.Time{"a": day(5), "b": day(2), "c": {}, "d": day(2)}
	pub := func(id string) time.Time { return dates[id] }
	tests := []struct {
		name    string
		members []Span
		want    Span
		ok      bool
	}{
		{"earliest date", []Span{{"a", 0, 9}, {"b", 5, 14}, {"c", 1, 10}}, Span{"b", 5, 14}, true},
		{"tie by ID", []Span{{"d", 0, 9}, {"b", 3, 12}}, Span{"b", 3, 12}, true},
		{"unknown dates last", []Span{{"c", 0, 9}, {"a", 3, 12}}, Span{"a", 3, 12}, true},
		{"all unknown", []Span{{"z", 0, 9}, {"c", 30, 40}, {"c", 3, 12}}, Span{"c", 3, 12}, true},
		{"no members", nil, Span{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := Earliest(Cluster{Key: "k", Members: tt.members}, pub)
			if got != tt.want || ok != tt.ok {
				t.Errorf("Earliest = %v, %v; want %v, %v", got, ok, tt.want, tt.ok)
			}
		})
	}
}

func TestSources(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2024, 3, d, 0, 0, 0, 0, time.UTC) }
	dates := map[string]time.Time{"wire": day(1), "x": day(2), "y": day(3), "z": day(4), "own": day(5)}
	pub := func(id string) time.Time { return dates[id] }
	clusters := []Cluster{
		// A dispatch carried by wire, x and y.
		{Key: "k1", Members: []Span{{"wire", 0, 100}, {"x", 50, 150}, {"y", 200, 300}}},
		// A quote carried by y and z.
		{Key: "k2", Members: []Span{{"y", 400, 450}, {"z", 10, 60}}},
	}
	highlights := []Span{
		{"x", 60, 80},   // in the dispatch
		{"y", 210, 220}, // in the dispatch too
		{"x", 300, 320}, // x's own reporting
		{"x", 400, 420}, // x's own reporting again
		{"z", 20, 30},   // the quote
		{"own", 0, 10},  // a document with no reuse
		{"y", 440, 460}, // overlaps the quote's member in y
	}
	got := Sources(highlights, clusters, pub)
	type short struct {
		origin string
		docs   []string
		keys   []string
		spans  int
	}
	var gs []short
	for _, s := range got {
		gs = append(gs, short{s.Origin, s.Docs, s.Keys, len(s.Spans)})
		if !s.Published.Equal(dates[s.Origin]) {
			t.Errorf("source %s: Published %v", s.Origin, s.Published)
		}
	}
	want := []short{
		{"wire", []string{"wire", "x", "y"}, []string{"k1"}, 2},
		{"x", []string{"x"}, nil, 2},
		{"y", []string{"y", "z"}, []string{"k2"}, 2},
		{"own", []string{"own"}, nil, 1},
	}
	if len(gs) != len(want) {
		t.Fatalf("got %d sources %+v, want %d", len(gs), gs, len(want))
	}
	for i := range want {
		if gs[i].origin != want[i].origin || !slices.Equal(gs[i].docs, want[i].docs) ||
			!slices.Equal(gs[i].keys, want[i].keys) || gs[i].spans != want[i].spans {
			t.Errorf("source %d = %+v, want %+v", i, gs[i], want[i])
		}
	}
}

func TestSourceDocs(t *testing.T) {
	pub := func(id string) time.Time {
		return map[string]time.Time{"b": time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC)}[id]
	}
	clusters := []Cluster{
		{Key: "k1", Members: []Span{{"a", 0, 9}, {"b", 0, 9}}},
		{Key: "k2", Members: []Span{{"b", 20, 29}, {"c", 0, 9}}},
		{Key: "k3", Members: []Span{{"e", 0, 9}, {"f", 0, 9}}},
	}
	got := SourceDocs([]string{"a", "c", "d"}, clusters, pub)
	if len(got) != 2 {
		t.Fatalf("got %+v, want 2 sources", got)
	}
	if got[0].Origin != "b" || !slices.Equal(got[0].Docs, []string{"a", "b", "c"}) || !slices.Equal(got[0].Keys, []string{"k1", "k2"}) {
		t.Errorf("first source %+v, want origin b over a, b, c", got[0])
	}
	if got[1].Origin != "d" || !slices.Equal(got[1].Docs, []string{"d"}) || got[1].Keys != nil {
		t.Errorf("second source %+v, want d alone", got[1])
	}
}
