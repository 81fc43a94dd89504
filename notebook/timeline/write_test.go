package timeline

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"errors"
	"io"
	"strings"
	"testing"
)

func TestWriteJSON(t *testing.T) {
	items := sampleItems()
	Sort(items)
	var b bytes.Buffer
	if err := WriteJSON(&b, items); err != nil {
		t.Fatal(err)
	}
	golden(t, "timeline.json", b.Bytes())
	var back []map[string]any
	if err := json.Unmarshal(b.Bytes(), &back); err != nil {
		t.Fatal(err)
	}
	for i, m := range back {
		_, hasEnd := m["end"]
		if hasEnd == items[i].End.IsZero() {
			t.Errorf("item %s: end present %v, open %v", items[i].ID, hasEnd, items[i].End.IsZero())
		}
		_, hasPub := m["published"]
		if hasPub != items[i].PubKnown {
			t.Errorf("item %s: published present %v, known %v", items[i].ID, hasPub, items[i].PubKnown)
		}
	}
	// Key order is fixed.
	first := b.String()
	keys := []string{`"annotation_id"`, `"article_id"`, `"quote"`, `"start"`, `"end"`, `"precision"`, `"evidence"`, `"relative"`, `"user_set"`, `"published"`}
	at := -1
	for _, k := range keys {
		i := strings.Index(first[strings.Index(first, `"B1"`)-20:], k)
		if i <= at {
			t.Errorf("key %s out of order", k)
		}
		at = i
	}
}

func TestWriteCSV(t *testing.T) {
	items := append(sampleItems(), hostileItem())
	Sort(items)
	var b bytes.Buffer
	if err := WriteCSV(&b, items); err != nil {
		t.Fatal(err)
	}
	golden(t, "timeline.csv", b.Bytes())
	rows, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != len(items)+1 {
		t.Fatalf("%d rows, want %d", len(rows), len(items)+1)
	}
	for _, r := range rows {
		for _, c := range r {
			if c != "" && strings.ContainsRune("=+-@\t\r", rune(c[0])) {
				t.Errorf("cell %q starts like a formula", c)
			}
		}
	}
}

func TestNeutralise(t *testing.T) {
	for in, want := range map[string]string{"=1+1": "'=1+1", "+1": "'+1", "-1": "'-1", "@SUM": "'@SUM", "\tx": "'\tx", "\rx": "'\rx", "a=1": "a=1", "": "", "2023-01-19": "2023-01-19"} {
		if got := neutralise(in); got != want {
			t.Errorf("neutralise(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestWriteTimelineJS(t *testing.T) {
	items := sampleItems()
	Sort(items)
	var b bytes.Buffer
	if err := WriteTimelineJS(&b, items); err != nil {
		t.Fatal(err)
	}
	golden(t, "timelinejs.json", b.Bytes())
	var doc struct {
		Events []struct {
			Start map[string]int  `json:"start_date"`
			End   *map[string]int `json:"end_date"`
			ID    string          `json:"unique_id"`
		} `json:"events"`
	}
	if err := json.Unmarshal(b.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	want := map[string]struct {
		start, end string
	}{
		"B1": {"y", "y"},     // range 2012-01-01..2014-12-31: years
		"C1": {"y", ""},      // one year: no end
		"A3": {"ym", ""},     // open from July 2022: month, no end
		"B2": {"ym", ""},     // a month: no day, no end
		"A1": {"ymd", ""},    // a day
		"A2": {"ymd", "ymd"}, // a week: days
	}
	parts := func(m map[string]int) string {
		s := ""
		for _, k := range []string{"year", "month", "day"} {
			if _, ok := m[k]; ok {
				s += k[:1]
			}
		}
		return s
	}
	for _, e := range doc.Events {
		w := want[e.ID]
		end := ""
		if e.End != nil {
			end = parts(*e.End)
		}
		if parts(e.Start) != w.start || end != w.end {
			t.Errorf("%s: start %v end %v, want parts %q and %q", e.ID, e.Start, e.End, w.start, w.end)
		}
	}
}

func TestWriteSVG(t *testing.T) {
	items := sampleItems()
	before := append([]Item(nil), items...)
	var b bytes.Buffer
	if err := WriteSVG(&b, items, Options{Width: 800, Colors: sampleColors, Title: "Mali, 2012–2023"}); err != nil {
		t.Fatal(err)
	}
	golden(t, "timeline.svg", b.Bytes())
	wellFormed(t, b.Bytes())
	for i := range items {
		if items[i].ID != before[i].ID {
			t.Fatal("WriteSVG reordered the caller's items")
		}
	}
	s := b.String()
	for _, want := range []string{`fill="#f5d90a"`, `fill="#e5484d"`, `fill="#9e9e9e"` /* purple is not in the map */, "<title>", ">Published<", ">Russia–Africa ties<", ">2014<"} {
		if !strings.Contains(s, want) {
			t.Errorf("SVG lacks %s", want)
		}
	}
}

func TestWriteHTML(t *testing.T) {
	var b bytes.Buffer
	if err := WriteHTML(&b, sampleItems(), Options{Width: 800, Colors: sampleColors, Title: "Mali, 2012–2023"}); err != nil {
		t.Fatal(err)
	}
	golden(t, "timeline.html", b.Bytes())
	s := b.String()
	if strings.Count(s, "<tr>") != len(sampleItems())+1 || !strings.Contains(s, `<a href="https://ledger.example/bamako">`) || !strings.Contains(s, "<svg ") {
		t.Errorf("HTML lacks rows, links or the SVG:\n%s", s)
	}
}

// TestWrite_hostile: hostile text is escaped in SVG and HTML, a hostile
// colour is not used, a javascript: URL is not linked.
func TestWrite_hostile(t *testing.T) {
	items := []Item{hostileItem()}
	var svg, page, tjs bytes.Buffer
	if err := WriteSVG(&svg, items, Options{Colors: map[string]string{"red\" onclick=\"x": "#fff\" onload=\"y"}}); err != nil {
		t.Fatal(err)
	}
	if err := WriteHTML(&page, items, Options{Title: "<script>x</script>"}); err != nil {
		t.Fatal(err)
	}
	if err := WriteTimelineJS(&tjs, items); err != nil {
		t.Fatal(err)
	}
	wellFormed(t, svg.Bytes())
	for name, out := range map[string]string{"SVG": svg.String(), "HTML": page.String(), "TimelineJS": tjs.String()} {
		// An attribute can only be injected with a raw quote: escaped
		// text may show the words.
		for _, bad := range []string{"<script", `onload="`, `onclick="`, `onload=\"`, "javascript:", "\x00", "\x07", "<b>", "<g onload", "<Jan>", `href="javascript`} {
			if strings.Contains(out, bad) {
				t.Errorf("%s holds %q", name, bad)
			}
		}
	}
	var doc struct {
		Events []struct {
			Text struct{ Headline, Text string } `json:"text"`
		} `json:"events"`
	}
	if err := json.Unmarshal(tjs.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if h := doc.Events[0].Text.Headline + doc.Events[0].Text.Text; strings.Contains(h, "<script") || strings.Contains(h, "javascript:") {
		t.Errorf("TimelineJS text not escaped: %q", h)
	}
}

func TestXMLText(t *testing.T) {
	for in, want := range map[string]string{
		`<a href="x">'&'</a>`: "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;",
		"a\x00b\x1fc\td\ne":   "abc\td\ne",
		"bad \xff utf8":       "bad  utf8",
		"\uFFFE\uFFFFok":      "ok",
		"Ça — «ok»":           "Ça — «ok»",
	} {
		if got := xmlText(in); got != want {
			t.Errorf("xmlText(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestHexColor(t *testing.T) {
	m := map[string]string{"a": "#abc", "b": "#AABBCC", "c": "#aabbccdd", "d": "red", "e": "#abcd", "f": "#ggg", "g": "#fff\"x"}
	for name, want := range map[string]string{"a": "#abc", "b": "#AABBCC", "c": "#aabbccdd", "d": "#000", "e": "#000", "f": "#000", "g": "#000", "missing": "#000"} {
		if got := hexColor(m, name, "#000"); got != want {
			t.Errorf("hexColor(%q) = %q, want %q", name, got, want)
		}
	}
}

func TestSafeURL(t *testing.T) {
	for in, want := range map[string]string{"https://a.example/x?y=1": "https://a.example/x?y=1", "http://a.example": "http://a.example", "javascript:alert(1)": "", "JAVASCRIPT:x": "", "data:text/html,x": "", "//a.example": "", "": "", "ftp://a.example": ""} {
		if got := safeURL(in); got != want {
			t.Errorf("safeURL(%q) = %q, want %q", in, got, want)
		}
	}
}

// wellFormed checks that an SVG is well-formed XML.
func wellFormed(t *testing.T, b []byte) {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(b))
	for {
		_, err := dec.Token()
		if errors.Is(err, io.EOF) {
			return
		}
		if err != nil {
			t.Fatalf("SVG is not well-formed XML: %v", err)
		}
	}
}

// failWriter fails every write.
type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestWrite_errors(t *testing.T) {
	items := sampleItems()
	for name, err := range map[string]error{
		"JSON":       WriteJSON(failWriter{}, items),
		"CSV":        WriteCSV(failWriter{}, items),
		"TimelineJS": WriteTimelineJS(failWriter{}, items),
		"SVG":        WriteSVG(failWriter{}, items, Options{}),
		"HTML":       WriteHTML(failWriter{}, items, Options{}),
	} {
		if err == nil || !strings.Contains(err.Error(), "disk full") {
			t.Errorf("%s: error %v, want the writer's error wrapped", name, err)
		}
	}
}
