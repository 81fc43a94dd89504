package timeline

import (
	"fmt"
	"math/rand"
	"testing"
	"time"
)

func TestSort(t *testing.T) {
	items := []Item{
		{ID: "open", Start: d("2022-07-01")},
		{ID: "month", Start: d("2022-07-01"), End: d("2022-07-31")},
		{ID: "day", Start: d("2022-07-01"), End: d("2022-07-01")},
		{ID: "early", Start: d("2012-01-01"), End: d("2014-12-31")},
		{ID: "day2", Start: d("2022-07-01"), End: d("2022-07-01")},
		{ID: "open2", Start: d("2022-07-01")},
	}
	Sort(items)
	var got string
	for _, it := range items {
		got += it.ID + " "
	}
	if want := "early day day2 month open open2 "; got != want {
		t.Errorf("Sort = %s, want %s", got, want)
	}
}

func TestBounds(t *testing.T) {
	from, to, ok := Bounds(sampleItems())
	if !ok || !from.Equal(d("2012-01-01")) || !to.Equal(d("2023-03-15")) {
		t.Errorf("Bounds = %v %v %v, want 2012-01-01 2023-03-15 (a publication date)", from, to, ok)
	}
	if _, _, ok := Bounds(nil); ok {
		t.Error("Bounds(nil) ok")
	}
}

func TestTicks(t *testing.T) {
	for _, c := range []struct {
		from, to string
		width    int
		unit     Unit
		first    string
		label    string
	}{
		{"2023-01-01", "2023-01-07", 700, Days, "2023-01-01", "1 Jan 2023"},
		{"2023-01-01", "2023-03-31", 700, Weeks, "2023-01-09", "9 Jan 2023"}, // fortnights from the Monday before
		{"2022-01-15", "2023-12-31", 1400, Months, "2022-04-01", "Apr 2022"}, // quarters
		{"2012-01-01", "2023-03-15", 800, Years, "2012-01-01", "2012"},
		{"1900-01-01", "2023-12-31", 1400, Decades, "1900-01-01", "1900s"},
		{"1000-01-01", "2023-12-31", 700, Decades, "1000-01-01", "1000"},
		{"2023-03-15", "2012-01-01", 800, Years, "2012-01-01", "2012"}, // reversed
		{"2023-01-19", "2023-01-19", 700, Days, "2023-01-19", "19 Jan 2023"},
	} {
		ticks := Ticks(d(c.from), d(c.to), c.width)
		if len(ticks) == 0 {
			t.Errorf("Ticks(%s, %s, %d): none", c.from, c.to, c.width)
			continue
		}
		if ticks[0].Unit != c.unit || !ticks[0].At.Equal(d(c.first)) || ticks[0].Label != c.label {
			t.Errorf("Ticks(%s, %s, %d)[0] = %s %v %q, want %s %s %q", c.from, c.to, c.width, ticks[0].Unit, ticks[0].At.Format(time.DateOnly), ticks[0].Label, c.unit, c.first, c.label)
		}
		if len(ticks) > c.width/MinTickSpacing+1 {
			t.Errorf("Ticks(%s, %s, %d): %d ticks, more than fit", c.from, c.to, c.width, len(ticks))
		}
		for i, tk := range ticks {
			if tk.X < 0 || tk.X > float64(c.width) {
				t.Errorf("Ticks(%s, %s, %d): tick %d at x=%v, outside the axis", c.from, c.to, c.width, i, tk.X)
			}
			if i > 0 && tk.X-ticks[i-1].X < MinTickSpacing*0.9 {
				t.Errorf("Ticks(%s, %s, %d): ticks %d and %d %.1f px apart", c.from, c.to, c.width, i-1, i, tk.X-ticks[i-1].X)
			}
		}
	}
	// Far beyond the table of steps: still spread over the whole axis.
	far := Ticks(d("2023-01-01"), d("2023-01-01").AddDate(500_000, 0, 0), 700)
	if len(far) < 5 || far[len(far)-1].X < 500 {
		t.Errorf("Ticks over 500,000 years: %d ticks, the last at x=%.0f", len(far), far[len(far)-1].X)
	}
	if Ticks(d("2023-01-01"), d("2024-01-01"), 0) != nil {
		t.Error("Ticks with width 0 should be nil")
	}
}

// TestCompute: lanes in order of first occurrence, no two marks on a row
// overlap, and every place is inside the drawing (open items to its end).
func TestCompute(t *testing.T) {
	items := sampleItems()
	l := Compute(items, 600)
	var lanes []string
	for _, ln := range l.Lanes {
		lanes = append(lanes, ln.Name)
	}
	if got := fmt.Sprint(lanes); got != "[Russia–Africa ties Sahel/Security Economy]" {
		t.Errorf("lanes %s", got)
	}
	checkPlaces(t, items, l)
	// Sahel/Security: 2021 (year), since July 2022 (open) and last week
	// (inside the open bar) need two rows.
	if l.Lanes[1].Rows != 2 {
		t.Errorf("Sahel/Security has %d rows, want 2", l.Lanes[1].Rows)
	}

	r := rand.New(rand.NewSource(7))
	many := randomItems(r, 2000)
	checkPlaces(t, many, Compute(many, 900))
}

func checkPlaces(t *testing.T, items []Item, l Layout) {
	t.Helper()
	type key struct{ lane, row int }
	rows := map[key][]Place{}
	for i, p := range l.Places {
		if p.X0 < 0 || p.X1 > float64(l.Width)+MarkWidth || p.X1-p.X0 < MarkWidth-1e-9 {
			t.Errorf("item %d placed at %.1f..%.1f in a width of %d", i, p.X0, p.X1, l.Width)
		}
		if items[i].End.IsZero() && p.X1 != float64(l.Width) && p.X1-p.X0 > MarkWidth {
			t.Errorf("open item %d ends at %.1f, not at the edge", i, p.X1)
		}
		if p.Row >= l.Lanes[p.Lane].Rows || items[i].Lane != l.Lanes[p.Lane].Name {
			t.Errorf("item %d on lane %d row %d", i, p.Lane, p.Row)
		}
		k := key{p.Lane, p.Row}
		for _, q := range rows[k] {
			if p.X0 < q.X1+markGap && q.X0 < p.X1+markGap {
				t.Fatalf("item %d (%.1f..%.1f) overlaps another on lane %d row %d (%.1f..%.1f)", i, p.X0, p.X1, p.Lane, p.Row, q.X0, q.X1)
			}
		}
		rows[k] = append(rows[k], p)
	}
}

// randomItems makes n items over 1950–2024 in 12 lanes, a fifth of them
// ranges and a few open.
func randomItems(r *rand.Rand, n int) []Item {
	base := d("1950-01-01")
	items := make([]Item, n)
	for i := range items {
		s := base.AddDate(0, 0, r.Intn(75*365))
		it := Item{ID: fmt.Sprint(i), Lane: fmt.Sprint("lane ", r.Intn(12)), Start: s, End: s, Precision: "day", Published: s.AddDate(0, 0, r.Intn(400)), PubKnown: true}
		switch r.Intn(20) {
		case 0:
			it.End, it.Precision = time.Time{}, "open"
		case 1, 2, 3, 4:
			it.End, it.Precision = s.AddDate(r.Intn(5), r.Intn(12), 0), "range"
		}
		items[i] = it
	}
	return items
}
