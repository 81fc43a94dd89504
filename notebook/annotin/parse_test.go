package annotin_test

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/glossnotes/gloss/notebook/annotin"
)

func open(t *testing.T, name string) *os.File {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

func ts(s string) time.Time {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		panic(err)
	}
	return t.UTC()
}

func TestParse_fixtures(t *testing.T) {
	tests := []struct {
		file string
		kind annotin.Kind
		want []annotin.Record
	}{
		{"hypothesis-rows.json", annotin.Hypothesis, []annotin.Record{
			{
				Source: annotin.Hypothesis, SourceID: "Hx7qA1b2C3d4E5f6",
				URL:   "https://www.example-news.org/africa/mopti-port-expansion/?utm_source=newsletter&utm_medium=email#comments",
				Title: "Mopti river port to double its capacity by 2026",
				Quote: "The dredging contract was signed before the rainy season began", Prefix: "ore the council voted in March. ", Suffix: ", officials told reporters on Tu",
				Start: 1204, End: 1265, HasPos: true, Note: "Compare with the *2019* tender figures.",
				Tags: []string{"Sahel/Trade", "ports"}, Created: ts("2024-05-02T08:15:30.123456Z"), Updated: ts("2024-05-03T10:00:00Z"),
				User: "nadia_field@hypothes.is",
			},
			{
				Source: annotin.Hypothesis, SourceID: "Hy8rB2c3D4e5F6g7", URL: "https://www.example-news.org/africa/mopti-port-expansion/",
				Title: "Mopti river port to double its capacity by 2026", Note: "Page note: the byline changed between versions.",
				Created: ts("2024-05-02T09:01:00Z"), Updated: ts("2024-05-02T09:01:00Z"), User: "nadia_field@hypothes.is",
			},
		}},
		{"hypothesis-array.json", annotin.Hypothesis, []annotin.Record{{
			Source: annotin.Hypothesis, SourceID: "Ka1bC2d3",
			URL:   "https://amp.example-wire.com/world/2023/11/20/grain-corridor-talks.amp.html?fbclid=IwAR0abc",
			Title: "Grain corridor talks resume", Quote: "代表团表示，谈判将在下周继续", Prefix: "会谈结束后，", Suffix: "。",
			Start: 88, End: 102, HasPos: true, Tags: []string{"粮食安全"},
			Created: ts("2023-11-20T16:45:12.5Z"), Updated: ts("2023-11-20T16:45:12.5Z"), User: "li.wei@hypothes.is",
		}}},
		{"hypothesis-client.json", annotin.Hypothesis, []annotin.Record{{
			Source: annotin.Hypothesis, SourceID: "Mm3nO4p5", URL: "http://example-news.org/europe/ferry-strike",
			Title: "Ferry crews walk out over rosters", Quote: "Some 4,000 crew members stayed ashore on Monday", Suffix: " as talks stalled",
			Note: "Union figure; check against the ministry's.", Tags: []string{"labour"},
			Created: ts("2024-05-30T07:00:00Z"), Updated: ts("2024-05-30T07:30:00Z"), User: "nadia_field@hypothes.is",
		}}},
		{"w3c-collection.json", annotin.W3C, []annotin.Record{
			{
				Source: annotin.W3C, SourceID: "https://annotations.example.net/anno/901", URL: "https://www.example-coast.org/reports/erosion-2023/",
				Quote: "the shoreline retreated by almost two metres a year", Prefix: "Between 2010 and 2020 ", Suffix: ", the survey found",
				Start: 412, End: 463, HasPos: true, Note: "Erosion rate quoted without a source.",
				Created: ts("2024-02-11T09:30:00Z"), Updated: ts("2024-02-12T16:05:00Z"), User: "imarten",
			},
			{
				Source: annotin.W3C, SourceID: "https://annotations.example.net/anno/902", URL: "https://www.example-coast.org/reports/erosion-2023/",
				Quote: "Dunes on the northern spit have lost a third of their volume", Tags: []string{"coast", "Dünen"},
				Created: ts("2024-02-11T09:40:00Z"), User: "https://annotations.example.net/users/7",
			},
		}},
		{"readwise.csv", annotin.Readwise, []annotin.Record{
			{
				Source: annotin.Readwise, URL: "https://www.example-news.org/tech/delta-fishers-app/?utm_campaign=weekly&ref_src=twsrc",
				Title: "Delta fishers go digital", Author: "Ana María García-López",
				Quote: "Fishing cooperatives in the delta now sell most of their catch through a single mobile app, the survey found.",
				Note:  "Check the sample size.\nAsk the author for the questionnaire.", Tags: []string{"fisheries", "technology"},
				ArticleTags: []string{"Sahel", "to-read"}, Color: "yellow",
				Created: ts("2024-01-15T10:22:31Z"), Updated: ts("2024-01-15T10:22:31Z"),
			},
			{
				Source: annotin.Readwise, URL: "https://www.example-news.org/tech/delta-fishers-app/?utm_campaign=weekly&ref_src=twsrc",
				Title: "Delta fishers go digital", Author: "Ana María García-López",
				Quote: "Prices at the landing sites rose by a fifth in two years.", ArticleTags: []string{"Sahel", "to-read"}, Color: "magenta",
				Created: ts("2024-01-15T10:25:02Z"), Updated: ts("2024-01-15T10:25:02Z"),
			},
			{
				Source: annotin.Readwise, Title: "Паводок на севере", Author: "Ирина Соколова",
				Quote: "Река вышла из берегов впервые за двадцать лет.", Note: "Flood — compare with the 2004 records.",
				Tags: []string{"floods"}, Color: "blue", Created: ts("2024-03-02T08:00:00Z"), Updated: ts("2024-03-02T08:00:00Z"),
			},
			{
				Source: annotin.Readwise, Title: "Budget voté à Ségou", Author: "Moussa Traoré",
				Quote: "Le conseil municipal a voté le budget à l’unanimité.", Color: "purple",
				Created: ts("2024-04-18T19:40:00Z"), Updated: ts("2024-04-18T19:40:00Z"),
			},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			kind, got, err := annotin.Parse(open(t, tt.file), tt.file, annotin.Limits{})
			if err != nil {
				t.Fatal(err)
			}
			if kind != tt.kind {
				t.Errorf("kind = %q, want %q", kind, tt.kind)
			}
			if len(got) != len(tt.want) {
				t.Fatalf("%d records, want %d: %+v", len(got), len(tt.want), got)
			}
			for i := range got {
				if tt.kind == annotin.Readwise {
					if !strings.HasPrefix(got[i].SourceID, "readwise:") || len(got[i].SourceID) != len("readwise:")+24 {
						t.Errorf("record %d: SourceID %q, want readwise:<24 hex digits>", i+1, got[i].SourceID)
					}
					tt.want[i].SourceID = got[i].SourceID
				}
				if !reflect.DeepEqual(got[i], tt.want[i]) {
					t.Errorf("record %d:\n got %+v\nwant %+v", i+1, got[i], tt.want[i])
				}
			}
		})
	}
}

// TestParse_readwiseIDsStable checks that a re-export gives the same IDs
// (idempotent re-import) and that different highlights get different ones.
func TestParse_readwiseIDsStable(t *testing.T) {
	_, a, err := annotin.Parse(open(t, "readwise.csv"), "a", annotin.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	_, b, err := annotin.Parse(open(t, "readwise.csv"), "b", annotin.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for i := range a {
		if a[i].SourceID != b[i].SourceID {
			t.Errorf("record %d: IDs differ between reads: %q, %q", i+1, a[i].SourceID, b[i].SourceID)
		}
		if seen[a[i].SourceID] {
			t.Errorf("record %d: ID %q repeats", i+1, a[i].SourceID)
		}
		seen[a[i].SourceID] = true
	}
}

func TestParse_glossCSV(t *testing.T) {
	// The columns Gloss's CSV export writes (export.CSVHeader).
	in := "Highlight,Title,Author,URL,Note,Tags,Location,Date,Color,Outlet,Published,Status,AnnotationID,ArticleID,Citation\r\n" +
		"Grain prices fell.,Harvest report,Jon Ruiz,https://example.org/h,'=SUM(A1) is text,\"Sahel/Mali, trade\",3,2024-03-01 09:03:00,green,Meridian,2024-02-01,anchored,01ANN1,01ART1,\"Ruiz, Harvest report\"\r\n"
	kind, got, err := annotin.Parse(strings.NewReader(in), "gloss.csv", annotin.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	want := []annotin.Record{{
		Source: annotin.Readwise, SourceID: "urn:gloss:annotation:01ANN1", URL: "https://example.org/h", Title: "Harvest report",
		Author: "Jon Ruiz", Quote: "Grain prices fell.", Note: "=SUM(A1) is text", Tags: []string{"Sahel/Mali", "trade"},
		Color: "green", Created: ts("2024-03-01T09:03:00Z"), Updated: ts("2024-03-01T09:03:00Z"),
	}}
	if kind != annotin.Readwise || !reflect.DeepEqual(got, want) {
		t.Errorf("got %q %+v\nwant %+v", kind, got, want)
	}
	if id, ok := annotin.AnnotationURNID(got[0].SourceID); !ok || id != "01ANN1" {
		t.Errorf("AnnotationURNID(%q) = %q, %v", got[0].SourceID, id, ok)
	}
}

func TestSniff(t *testing.T) {
	tests := []struct {
		name string
		head string
		want annotin.Kind
		ok   bool
	}{
		{"w3c context", `{"@context": "http://www.w3.org/ns/anno.jsonld", "type": "AnnotationCollection"`, annotin.W3C, true},
		{"w3c bare array", `[{"type":"Annotation","target":"x"}]`, annotin.W3C, true},
		{"hypothesis rows", `{"total": 2, "rows": [`, annotin.Hypothesis, true},
		{"hypothesis array", "\n [ {\"id\": \"a\", \"uri\": \"https://x\"", annotin.Hypothesis, true},
		{"readwise", "\ufeffHighlight,Book Title,Book Author\n", annotin.Readwise, true},
		{"gloss csv", "Highlight,Title,Author,URL\r\n", annotin.Readwise, true},
		{"other json", `{"name": "not annotations"}`, "", false},
		{"other csv", "a,b,c\n1,2,3\n", "", false},
		{"empty", "  \n", "", false},
		{"html", "<!doctype html><p>Highlight, Title</p>", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := annotin.Sniff([]byte(tt.head))
			if got != tt.want || ok != tt.ok {
				t.Errorf("Sniff(%q) = %q, %v; want %q, %v", tt.head, got, ok, tt.want, tt.ok)
			}
		})
	}
}

// TestParse_kindByStructure checks that text inside a note cannot make
// Parse mistake one JSON format for the other.
func TestParse_kindByStructure(t *testing.T) {
	tests := []struct {
		name, in string
		want     annotin.Kind
	}{
		{"hypothesis note quoting W3C", `[{"id":"a","uri":"https://x.org/a","text":"see \"@context\": anno.jsonld, \"type\": \"Annotation\""}]`, annotin.Hypothesis},
		{"w3c note quoting Hypothesis", `{"@context":"http://www.w3.org/ns/anno.jsonld","type":"AnnotationPage","items":[{"type":"Annotation","bodyValue":"\"rows\": [], \"uri\": \"acct:x\" hypothes.is","target":"https://x.org/a"}]}`, annotin.W3C},
		{"w3c single annotation", `{"type":"Annotation","motivation":"highlighting","target":{"source":"https://x.org/a","selector":{"type":"TextQuoteSelector","exact":"q"}}}`, annotin.W3C},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			kind, recs, err := annotin.Parse(strings.NewReader(tt.in), "in.json", annotin.Limits{})
			if err != nil || kind != tt.want || len(recs) != 1 {
				t.Errorf("Parse = %q, %d records, %v; want %q and one record", kind, len(recs), err, tt.want)
			}
		})
	}
}

func TestParse_errors(t *testing.T) {
	row := func(extra string) string {
		return `{"rows":[{"id":"a","uri":"https://x.org/a","target":[{"source":"https://x.org/a","selector":[{"type":"TextQuoteSelector","exact":"q"}]}]},` +
			`{"id":"b","uri":"https://x.org/b"` + extra + `}]}`
	}
	w3c := func(anno string) string {
		return `{"@context":"http://www.w3.org/ns/anno.jsonld","type":"AnnotationCollection","first":{"type":"AnnotationPage","items":[` + anno + `]}}`
	}
	tests := []struct {
		name   string
		in     string
		limits annotin.Limits
		want   []string // substrings of the message
		limit  bool     // wraps ErrLimit
	}{
		{"not annotations", `{"hello":1}`, annotin.Limits{}, []string{"in.json:", "not a Hypothesis"}, false},
		{"too large", `[` + strings.Repeat(`{"id":"a","uri":"https://x"},`, 100) + `{}]`, annotin.Limits{MaxBytes: 1000}, []string{"larger than 1000 bytes"}, true},
		{"too deep", `{"rows":[{"uri":"x","tags":` + strings.Repeat("[", 100) + strings.Repeat("]", 100) + `}]}`, annotin.Limits{}, []string{"line 1, column", "deeper than 64"}, true},
		{"too many records", `[` + strings.Repeat(`{"id":"a","uri":"https://x"},`, 5) + `{"id":"a","uri":"https://x"}]`, annotin.Limits{MaxRecords: 3}, []string{"record 4", "more than 3 annotations"}, true},
		{"field too long", row(`,"text":"` + strings.Repeat("x", 2000) + `"`), annotin.Limits{MaxField: 1000}, []string{"hypothesis record 2", "note is 2.0 KB, more than 1000 bytes"}, true},
		{"too many tags", row(`,"tags":["a","b","c","d"]`), annotin.Limits{MaxTags: 3}, []string{"record 2", "more than 3 tags"}, true},
		{"string for array", row(`,"target":"https://x.org/b"`), annotin.Limits{}, []string{"hypothesis record 2", "field target", "want an array, got string"}, false},
		{"string for number", row(`,"target":[{"selector":[{"type":"TextPositionSelector","start":"3","end":9}]}]`), annotin.Limits{}, []string{"record 2", "target.selector.start", "want a whole number within range, got string"}, false},
		{"huge number", row(`,"target":[{"selector":[{"type":"TextPositionSelector","start":1e400,"end":9}]}]`), annotin.Limits{}, []string{"record 2", "target.selector.start", "number 1e400"}, false},
		{"number beyond int64", row(`,"target":[{"selector":[{"type":"TextPositionSelector","start":99999999999999999999,"end":9}]}]`), annotin.Limits{}, []string{"record 2", "99999999999999999999"}, false},
		{"position too large", row(`,"target":[{"selector":[{"type":"TextPositionSelector","start":1,"end":9999999999}]}]`), annotin.Limits{}, []string{"record 2", "field target[0].selector[0]", "too large"}, false},
		{"negative position", row(`,"target":[{"selector":[{"type":"TextPositionSelector","start":-4,"end":9}]}]`), annotin.Limits{}, []string{"record 2", "negative position"}, false},
		{"inverted position", row(`,"target":[{"selector":[{"type":"TextPositionSelector","start":9,"end":4}]}]`), annotin.Limits{}, []string{"record 2", "after its end"}, false},
		{"bad date", row(`,"created":"yesterday"`), annotin.Limits{}, []string{"record 2", "field created", `"yesterday" is not a date`}, false},
		{"no uri", `[{"id":"a","uri":"https://x"},{"id":"b","text":"n","user":"acct:x"}]`, annotin.Limits{}, []string{"record 2", "field uri", "missing"}, false},
		{"row not object", `{"rows":[{"id":"a","uri":"https://x"}, 42]}`, annotin.Limits{}, []string{"record 2", "want an annotation object, got a number"}, false},
		{"rows not array", `{"rows":{"id":"a"}, "total": 1}`, annotin.Limits{}, []string{"want an array, got an object"}, false},
		{"truncated", `{"rows":[{"id":"a","uri":"https://x"},{"id":"b","ur`, annotin.Limits{}, []string{"malformed JSON"}, false},
		{"syntax error", "{\"rows\":[\n{\"id\":\"a\",\"uri\":\"https://x\"},\n{\"id\" \"b\"}]}", annotin.Limits{}, []string{"line 3", "malformed JSON"}, false},
		{"invalid utf-8", "{\"rows\":[\n{\"id\":\"a\xff\xfe\",\"uri\":\"https://x\"}]}", annotin.Limits{}, []string{"line 2, column 9", "invalid UTF-8 at byte 18"}, false},
		{"utf-16", "\xff\xfe[\x00]\x00", annotin.Limits{}, []string{"UTF-16"}, false},
		{"w3c body wrong type", w3c(`{"type":"Annotation","body":42,"target":"https://x"}`), annotin.Limits{}, []string{"w3c record 1", "body[0]", "want an object or a string, got a number"}, false},
		{"w3c selector wrong type", w3c(`{"type":"Annotation","target":{"source":"https://x","selector":{"type":"TextPositionSelector","start":[1],"end":2}}}`), annotin.Limits{}, []string{"w3c record 1", "target[0].selector[0]", "start: want a whole number within range, got array"}, false},
		{"w3c no target", w3c(`{"type":"Annotation","bodyValue":"x","target":"https://x"},{"type":"Annotation"}`), annotin.Limits{}, []string{"w3c record 2", "field target", "missing"}, false},
		{"w3c page by reference", `{"@context":"http://www.w3.org/ns/anno.jsonld","type":"AnnotationCollection","first":"https://example.net/page1"}`, annotin.Limits{}, []string{"not embedded", "https://example.net/page1"}, false},
		{"csv short header", "Highlight,Book Title\n\"unterminated,x\n", annotin.Limits{}, []string{"readwise record 1", "line 2", "quote"}, false},
		{"csv too many fields", "Highlight,Book Title\na,b\nc,d,e\n", annotin.Limits{}, []string{"readwise record 2 (line 3)", "3 fields, the header has 2"}, false},
		{"csv empty highlight", "Highlight,Book Title\n,Some title\n", annotin.Limits{}, []string{"record 1", "field Highlight", "empty"}, false},
		{"csv bad date", "Highlight,Book Title,Highlighted at\nq,t,31/02/2024\n", annotin.Limits{}, []string{"record 1 (line 2)", "Highlighted at", "not a date"}, false},
		{"csv invalid utf-8", "Highlight,Book Title\nq\xc3,t\n", annotin.Limits{}, []string{"line 2, column 2", "invalid UTF-8"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, recs, err := annotin.Parse(strings.NewReader(tt.in), "in.json", tt.limits)
			if err == nil {
				t.Fatalf("no error; records %+v", recs)
			}
			var pe *annotin.ParseError
			if !errors.As(err, &pe) {
				t.Errorf("error %T is not a *ParseError", err)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q lacks %q", err, w)
				}
			}
			if errors.Is(err, annotin.ErrLimit) != tt.limit {
				t.Errorf("errors.Is(%v, ErrLimit) = %v, want %v", err, !tt.limit, tt.limit)
			}
		})
	}
}

func TestParse_timeout(t *testing.T) {
	in := `[` + strings.Repeat(`{"id":"a","uri":"https://x"},`, 2000) + `{"id":"a","uri":"https://x"}]`
	_, _, err := annotin.Parse(strings.NewReader(in), "slow.json", annotin.Limits{Timeout: time.Nanosecond})
	if !errors.Is(err, annotin.ErrLimit) || !strings.Contains(err.Error(), "took longer than 1ns") {
		t.Errorf("err = %v, want the time limit", err)
	}
}

func TestParseAs_kindOverride(t *testing.T) {
	// A W3C annotation read as Hypothesis fails clearly instead of
	// returning nonsense.
	_, err := annotin.ParseAs(open(t, "w3c-collection.json"), "w3c-collection.json", annotin.Hypothesis, annotin.Limits{})
	if err == nil || !strings.Contains(err.Error(), "w3c-collection.json") {
		t.Errorf("err = %v", err)
	}
	if _, err := annotin.ParseAs(strings.NewReader("[]"), "x", "pdf", annotin.Limits{}); err == nil || !strings.Contains(err.Error(), `format "pdf"`) {
		t.Errorf("unknown kind: err = %v", err)
	}
}

func TestMapColor(t *testing.T) {
	tests := map[string]string{
		"yellow": "yellow", "Blue": "blue", " pink ": "magenta", "orange": "orange", "green": "green",
		"purple": "purple", "grey": "gray", "red": "red", "chartreuse": "", "": "",
	}
	for in, want := range tests {
		if got := annotin.MapColor(in); got != want {
			t.Errorf("MapColor(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestArticleURNID(t *testing.T) {
	tests := []struct {
		in, id string
		ok     bool
	}{
		{"urn:gloss:article:01ART9", "01ART9", true},
		{"urn:gloss:article:", "", false},
		{"https://example.org/a", "", false},
	}
	for _, tt := range tests {
		if id, ok := annotin.ArticleURNID(tt.in); id != tt.id || ok != tt.ok {
			t.Errorf("ArticleURNID(%q) = %q, %v", tt.in, id, ok)
		}
	}
}
