package timeline

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"testing"
	"time"
)

// FuzzWrite: whatever the texts and dates, the SVG is well-formed XML,
// the JSON and TimelineJS parse, the CSV reads back with no formula cell,
// and nothing panics.
func FuzzWrite(f *testing.F) {
	f.Add("quote <b>", "lane", "red", "title", "https://a.example", int64(1674086400), int64(86400*3), true)
	f.Add("=1+1", "\x00", "\"", "]]>", "javascript:x", int64(-1e12), int64(-5), false)
	f.Fuzz(func(t *testing.T, quote, lane, color, title, url string, start, length int64, open bool) {
		s := time.Unix(start%(1<<37), 0).UTC()
		it := Item{ID: quote, ArticleID: title, Quote: quote, Lane: lane, Color: color, Title: title, Outlet: lane, URL: url,
			Start: s, Precision: "range", Evidence: quote, Published: s.AddDate(0, 0, 3), PubKnown: true}
		if !open {
			it.End = s.Add(time.Duration(length%(1<<50)) * time.Second)
		}
		items := []Item{it, {ID: "x", Start: s, End: s, Lane: lane, Precision: "day"}}
		var svg, page, js, tjs, cs bytes.Buffer
		colors := map[string]string{color: title}
		if err := WriteSVG(&svg, items, Options{Colors: colors, Title: title}); err != nil {
			t.Fatal(err)
		}
		wellFormed(t, svg.Bytes())
		if err := WriteHTML(&page, items, Options{Colors: colors, Title: title}); err != nil {
			t.Fatal(err)
		}
		if err := WriteJSON(&js, items); err != nil || !json.Valid(js.Bytes()) {
			t.Fatalf("JSON: %v", err)
		}
		if err := WriteTimelineJS(&tjs, items); err != nil || !json.Valid(tjs.Bytes()) {
			t.Fatalf("TimelineJS: %v", err)
		}
		if err := WriteCSV(&cs, items); err != nil {
			t.Fatal(err)
		}
		rows, err := csv.NewReader(&cs).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rows {
			for _, c := range r {
				if c != "" && (c[0] == '=' || c[0] == '+' || c[0] == '-' || c[0] == '@') {
					t.Fatalf("formula cell %q", c)
				}
			}
		}
	})
}
