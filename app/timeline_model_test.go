package app

import (
	"math"
	"testing"
	"time"

	"github.com/glossnotes/gloss/notebook/timeline"
)

// tlItem makes a timeline item: start and end as "2006-01-02" (end ""
// for an open period, "=" for the start day), pub "" when unknown.
func tlItem(t testing.TB, id, lane, start, end, prec, pub string) timeline.Item {
	t.Helper()
	p := func(s string) time.Time {
		v, err := time.Parse(time.DateOnly, s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	it := timeline.Item{ID: id, ArticleID: "A" + id, Lane: lane, Quote: "quote " + id, Color: "blue", Precision: prec, Start: p(start)}
	switch end {
	case "=":
		it.End = it.Start
	case "":
	default:
		it.End = p(end)
	}
	if pub != "" {
		it.Published, it.PubKnown = p(pub), true
	}
	return it
}

func TestNewTLData_lanesAndRows(t *testing.T) {
	items := []timeline.Item{
		tlItem(t, "1", "Sahel", "2022-01-01", "2022-12-31", "year", "2023-02-01"),
		tlItem(t, "2", "(untagged)", "2022-03-01", "=", "day", ""),
		tlItem(t, "3", "Sahel", "2022-03-01", "2022-03-31", "month", "2022-04-02"),
		tlItem(t, "4", "Sahel", "2022-06-01", "", "open", ""),
		tlItem(t, "5", "agriculture", "2023-01-05", "=", "day", "2023-01-06"),
		tlItem(t, "6", "Sahel", "2023-05-01", "=", "day", ""),
		tlItem(t, "7", "Sahel", "2022-07-01", "=", "day", ""),
	}
	d := newTLData(items, nil)
	var names []string
	for _, l := range d.lanes {
		names = append(names, l.name)
	}
	if want := []string{"agriculture", "Sahel", "(untagged)"}; !equalStrings(names, want) {
		t.Errorf("lanes = %q, want %q", names, want)
	}
	row := func(id string) int32 { return d.row[d.byID[id]] }
	// 1 (the year 2022) and 3 (a month inside it) overlap; 4 (open since
	// June) takes the month's row once it is free; 7 (a day in July)
	// needs a third row; 6 (2023) fits on the year's row again.
	sahel := int32(d.lanes[1].firstRow)
	if row("1") != sahel || row("3") != sahel+1 || row("4") != sahel+1 || row("7") != sahel+2 || row("6") != sahel {
		t.Errorf("rows 1,3,4,7,6 = %d,%d,%d,%d,%d (lane starts at %d)", row("1"), row("3"), row("4"), row("7"), row("6"), sahel)
	}
	if d.lanes[1].rows != 3 || d.lanes[0].rows != 1 {
		t.Errorf("rows per lane = %+v", d.lanes)
	}
	// The data runs from the first event to the last publication date; the
	// open period runs to its end.
	if got, want := dayTime(d.from).Format(time.DateOnly), "2022-01-01"; got != want {
		t.Errorf("from = %s, want %s", got, want)
	}
	if got, want := dayTime(d.to-1).Format(time.DateOnly), "2023-05-01"; got != want {
		t.Errorf("to = %s, want %s", got, want)
	}
	if i := d.byID["4"]; d.kind[i] != tlOpen || d.end[i] != d.to {
		t.Errorf("open item: kind %d end %v, want open to %v", d.kind[i], d.end[i], d.to)
	}
	if i := d.byID["5"]; d.kind[i] != tlDot || !math.IsNaN(d.pub[d.byID["2"]]) {
		t.Errorf("day item kind %d; unknown publication %v", d.kind[i], d.pub[d.byID["2"]])
	}
}

func TestNewTLData_rowCap(t *testing.T) {
	var items []timeline.Item
	for i := range 10 {
		items = append(items, tlItem(t, string(rune('a'+i)), "L", "2020-01-01", "2020-12-31", "year", ""))
	}
	d := newTLData(items, nil)
	if d.lanes[0].rows != tlMaxRows {
		t.Fatalf("rows = %d, want the cap %d", d.lanes[0].rows, tlMaxRows)
	}
	// Drawn, the ten bars are four marks whose counts add up to ten.
	var b tlBuilt
	d.build(&b, d.fit(800), 800, 0, 1000)
	n := int32(0)
	for _, m := range b.marks {
		n += m.n
	}
	if len(b.marks) != tlMaxRows || n != 10 {
		t.Errorf("marks = %d holding %d items, want %d holding 10", len(b.marks), n, tlMaxRows)
	}
}

// manyDays is n day items, one a day from 2000-01-01, in lane L.
func manyDays(t testing.TB, n int) []timeline.Item {
	items := make([]timeline.Item, n)
	base := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range items {
		d := base.AddDate(0, 0, i).Format(time.DateOnly)
		items[i] = tlItem(t, "i"+d, "L", d, "=", "day", "")
	}
	return items
}

func TestTLData_buildMergesAndCulls(t *testing.T) {
	d := newTLData(manyDays(t, 3650), nil) // ten years of daily highlights
	var b tlBuilt
	const w = 1000
	tests := []struct {
		name           string
		v              tlView
		minMarks, maxM int
		shown          int // items in marks
	}{
		// Ten years over 1000 units: a day is 0.26 units; marks merge per
		// cell, so about 1000/tlCell marks, holding every item.
		{"fit", d.fit(w), w / (tlCell + 2), w/tlCell + 2, 3650},
		// A day is 40 units: 25 days shown, each its own mark.
		{"days", tlView{start: dayNum(time.Date(2005, 1, 1, 0, 0, 0, 0, time.UTC)), dpp: 1.0 / 40}, 25, 26, 25},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d.build(&b, tc.v, w, 0, 500)
			n := 0
			for _, m := range b.marks {
				n += int(m.n)
				if m.x1 < 0 || m.x0 > w {
					t.Errorf("mark outside the view: %+v", m)
				}
			}
			if len(b.marks) < tc.minMarks || len(b.marks) > tc.maxM {
				t.Errorf("marks = %d, want %d..%d", len(b.marks), tc.minMarks, tc.maxM)
			}
			if n < tc.shown || n > tc.shown+1 {
				t.Errorf("items shown = %d, want %d", n, tc.shown)
			}
			// Every item in a mark maps back to it.
			for mi := range b.marks {
				for _, i := range d.members(&b, mi, 1e9) {
					if b.markOf(i) != mi {
						t.Fatalf("item %d: markOf = %d, want %d", i, b.markOf(i), mi)
					}
				}
			}
		})
	}
	// Rows scrolled out of the lanes area are not drawn.
	d.build(&b, d.fit(w), w, 500, 300)
	if len(b.marks) != 0 {
		t.Errorf("scrolled away: %d marks, want none", len(b.marks))
	}
}

func TestTLData_zoom(t *testing.T) {
	d := newTLData(manyDays(t, 3650), nil)
	const w = 1000
	v := d.fit(w)
	for _, x := range []float64{0, 333, 1000} {
		nv := d.zoom(v, 2, x, w)
		if math.Abs(nv.dpp-v.dpp/2) > 1e-9 {
			t.Errorf("zoom ×2: dpp %v, want %v", nv.dpp, v.dpp/2)
		}
		if math.Abs(nv.day(x)-v.day(x)) > 1e-6 {
			t.Errorf("zoom at %v moved the day under the pointer: %v -> %v", x, v.day(x), nv.day(x))
		}
	}
	// Zooming in stops at tlMaxDayPx per day, out at a decade or 1.5 times
	// the data.
	in := v
	for range 100 {
		in = d.zoom(in, 2, 500, w)
	}
	if got := 1 / in.dpp; math.Abs(got-tlMaxDayPx) > 1e-6 {
		t.Errorf("zoomed in fully: a day is %v units, want %v", got, tlMaxDayPx)
	}
	out := v
	for range 100 {
		out = d.zoom(out, 0.5, 500, w)
	}
	if span := out.dpp * w; math.Abs(span-(d.to-d.from)*1.5) > 1e-6 {
		t.Errorf("zoomed out fully: %v days shown, want %v", span, (d.to-d.from)*1.5)
	}
}

func TestTLBuilt_neighbourAndHit(t *testing.T) {
	items := []timeline.Item{
		tlItem(t, "a", "A", "2020-01-01", "=", "day", ""),
		tlItem(t, "b", "B", "2020-01-03", "=", "day", ""),
		tlItem(t, "c", "A", "2020-01-05", "=", "day", ""),
	}
	d := newTLData(items, nil)
	var b tlBuilt
	d.build(&b, tlView{start: dayNum(items[0].Start) - 1, dpp: 1.0 / 50}, 600, 0, 400)
	if len(b.marks) != 3 {
		t.Fatalf("marks = %d, want 3", len(b.marks))
	}
	mark := func(id string) int { return b.markOf(d.byID[id]) }
	tests := []struct {
		from string
		dir  int
		want string
	}{
		{"a", 1, "b"}, {"b", 1, "c"}, {"c", 1, ""}, {"c", -1, "b"}, {"a", -1, ""},
		{"b", -2, "a"}, {"c", 2, "b"}, {"b", 2, ""},
	}
	for _, tc := range tests {
		got := b.neighbour(mark(tc.from), tc.dir)
		want := -1
		if tc.want != "" {
			want = mark(tc.want)
		}
		if got != want {
			t.Errorf("neighbour(%s, %d) = %d, want %d (%s)", tc.from, tc.dir, got, want, tc.want)
		}
	}
	m := b.marks[mark("b")]
	if got := b.hit((m.x0+m.x1)/2, m.y); got != mark("b") {
		t.Errorf("hit on b = %d, want %d", got, mark("b"))
	}
	if got := b.hit((m.x0+m.x1)/2, m.y+40); got != -1 {
		t.Errorf("hit below every mark = %d, want -1", got)
	}
}

func equalStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
