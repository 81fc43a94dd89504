package dates

import (
	"testing"
	"time"
	"unicode/utf8"
)

// FuzzFind: no panics, offsets inside the text and on the evidence,
// Start ≤ End, periods well formed; ForPassage likewise.
func FuzzFind(f *testing.F) {
	for _, s := range []string{
		"on January 19, 2023", "since July 2022", "between 3 and 5 March", "last week", "2012–14",
		"19. tammikuuta 2023", "'90s", "mid-", "from", "since", "between 2012 and", "New Year's", "Jan.",
		"\xff\xfe 19 Jan", "1-2-3-4-5", "0000-00-00", "31/12/9999", "9999-12-31", "the day before",
	} {
		f.Add(s, int64(1675814400), true, 0, 5)
	}
	f.Fuzz(func(t *testing.T, text string, pubUnix int64, known bool, start, end int) {
		pub := time.Unix(pubUnix%(1<<36), 0).UTC()
		n := utf8.RuneCountInString(text)
		check := func(what string, es []Expr) {
			last := -1
			for _, e := range es {
				if e.Start < 0 || e.Start > e.End || e.End > n {
					t.Fatalf("%s: offsets [%d,%d) outside 0..%d", what, e.Start, e.End, n)
				}
				if e.Start < last {
					t.Fatalf("%s: expressions out of order", what)
				}
				last = e.End
				if utf8.ValidString(text) && string([]rune(text)[e.Start:e.End]) != e.Evidence {
					t.Fatalf("%s: offsets [%d,%d) do not hold %q", what, e.Start, e.End, e.Evidence)
				}
				p := e.Period
				if p.Resolved() && !p.End.IsZero() && p.End.Before(p.Start) {
					t.Fatalf("%s: %q ends before it starts: %v", what, e.Evidence, p)
				}
				if p.Resolved() != (p.Precision != "") {
					t.Fatalf("%s: %q half resolved: %+v", what, e.Evidence, p)
				}
			}
		}
		check("Find", Find(text, pub, known))
		check("ForPassage", ForPassage(text, start, end, pub, known))
	})
}
