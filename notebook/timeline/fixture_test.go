package timeline

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

func d(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

// sampleColors maps the palette's names to hex values.
var sampleColors = map[string]string{"yellow": "#f5d90a", "green": "#46a758", "blue": "#0090ff", "red": "#e5484d"}

// sampleItems are a few original highlights from two invented articles.
func sampleItems() []Item {
	pub1, pub2 := d("2023-02-08"), d("2023-03-15")
	return []Item{
		{ID: "A3", ArticleID: "ART1", Quote: "Russian instructors have been stationed at the base since July 2022", Lane: "Sahel/Security", Color: "red",
			Title: "Minister visits Bamako", Outlet: "The Daily Ledger", URL: "https://ledger.example/bamako",
			Start: d("2022-07-01"), Precision: "open", Evidence: "since July 2022", Published: pub1, PubKnown: true},
		{ID: "A1", ArticleID: "ART1", Quote: "a second delivery of helicopters landed on January 19", Lane: "Russia–Africa ties", Color: "yellow",
			Title: "Minister visits Bamako", Outlet: "The Daily Ledger", URL: "https://ledger.example/bamako",
			Start: d("2023-01-19"), End: d("2023-01-19"), Precision: "day", Evidence: "on January 19", Relative: true, Published: pub1, PubKnown: true},
		{ID: "A2", ArticleID: "ART1", Quote: "The UN called last week for an inquiry", Lane: "Sahel/Security", Color: "blue",
			Title: "Minister visits Bamako", Outlet: "The Daily Ledger", URL: "https://ledger.example/bamako",
			Start: d("2023-01-30"), End: d("2023-02-05"), Precision: "week", Evidence: "last week", Relative: true, Published: pub1, PubKnown: true},
		{ID: "B1", ArticleID: "ART2", Quote: "Gold exports doubled between 2012 and 2014", Lane: "Russia–Africa ties", Color: "green",
			Title: "Mining boom and bust", Outlet: "Sahel Review",
			Start: d("2012-01-01"), End: d("2014-12-31"), Precision: "range", Evidence: "between 2012 and 2014", Published: pub2, PubKnown: true},
		{ID: "B2", ArticleID: "ART2", Quote: "Fuel prices rose sharply in July 2022", Lane: "Economy", Color: "purple",
			Title: "Mining boom and bust", Outlet: "Sahel Review",
			Start: d("2022-07-01"), End: d("2022-07-31"), Precision: "month", Evidence: "in July 2022", Published: pub2, PubKnown: true},
		{ID: "C1", ArticleID: "ART3", Quote: "The junta took power in 2021", Lane: "Sahel/Security", Color: "yellow",
			Title: "Notes without a date", Start: d("2021-01-01"), End: d("2021-12-31"), Precision: "year", Evidence: "", UserSet: true},
	}
}

// hostileItem has markup, quotes, control characters and formula starts
// in every text field.
func hostileItem() Item {
	return Item{
		ID: "=HYPERLINK(\"http://evil.example\")", ArticleID: "+1+1", Quote: "</title><script>alert('x')</script> & \"quoted\" \x00\x07 ]]> -2+3",
		Lane: "<g onload=\"x\">", Color: "red\" onclick=\"x", Title: "@SUM(A1) <b>bold</b>", Outlet: "-Outlet & Co",
		URL: "javascript:alert(1)", Start: d("2023-01-19"), End: d("2023-01-19"), Precision: "day", Evidence: "on <Jan> 19",
		Published: d("2023-02-08"), PubKnown: true,
	}
}

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (run go test -update and review the diff):\n%s", name, got)
	}
}
