package annotin_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/glossnotes/gloss/notebook/annotin"
)

// addSeeds adds the fixtures and a few broken inputs as fuzz seeds.
func addSeeds(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*.*"))
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	for _, s := range []string{
		`[]`, `{}`, `{"rows":null}`, `[{"uri":"x","target":[{"selector":[{"type":"TextPositionSelector","start":1,"end":0}]}]}]`,
		`{"@context":"","first":{"items":[{"target":{"selector":[{"type":"TextQuoteSelector","exact":1}]}}]}}`,
		`{"@context":"","type":"Annotation","target":[["x"]]}`, "Highlight,Title\n\"a\"\"b\",c\n",
	} {
		f.Add([]byte(s))
	}
}

// checkRecords asserts what every successful parse must give.
func checkRecords(t *testing.T, kind annotin.Kind, recs []annotin.Record, lim annotin.Limits) {
	t.Helper()
	if len(recs) > lim.MaxRecords {
		t.Fatalf("%d records, over the limit %d", len(recs), lim.MaxRecords)
	}
	for i, r := range recs {
		if r.Source != kind {
			t.Fatalf("record %d: source %q, parsed as %q", i, r.Source, kind)
		}
		if r.HasPos && (r.Start < 0 || r.Start >= r.End) {
			t.Fatalf("record %d: bad position %d–%d", i, r.Start, r.End)
		}
		if r.Color != "" && annotin.MapColor(r.Color) != r.Color {
			t.Fatalf("record %d: colour %q is not Gloss's", i, r.Color)
		}
		for _, s := range []string{r.URL, r.Title, r.Author, r.Quote, r.Prefix, r.Suffix, r.Note, r.User, r.SourceID} {
			if len(s) > lim.MaxField {
				t.Fatalf("record %d: field of %d bytes over the limit", i, len(s))
			}
			if !utf8.ValidString(s) {
				t.Fatalf("record %d: invalid UTF-8 %q", i, s)
			}
		}
		if len(r.Tags) > lim.MaxTags {
			t.Fatalf("record %d: %d tags", i, len(r.Tags))
		}
		for _, tag := range r.Tags {
			if strings.TrimSpace(tag) == "" {
				t.Fatalf("record %d: empty tag", i)
			}
		}
	}
}

// FuzzParse feeds any bytes to Parse: it must return records or an error
// naming the input, never panic or hang, and its records keep the
// limits.
func FuzzParse(f *testing.F) {
	addSeeds(f)
	lim := annotin.Limits{MaxBytes: 1 << 20, MaxRecords: 50, MaxField: 4096, MaxTags: 8, MaxDepth: 16}
	f.Fuzz(func(t *testing.T, data []byte) {
		kind, recs, err := annotin.Parse(bytes.NewReader(data), "fuzz.in", lim)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "parse fuzz.in:") {
				t.Fatalf("error does not name the input: %v", err)
			}
			return
		}
		checkRecords(t, kind, recs, lim)
	})
}

// FuzzParseAs forces each format on any input, so each parser meets
// every other's data.
func FuzzParseAs(f *testing.F) {
	addSeeds(f)
	lim := annotin.Limits{MaxBytes: 1 << 20, MaxRecords: 50, MaxField: 4096, MaxTags: 8, MaxDepth: 16}
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, kind := range annotin.Kinds {
			recs, err := annotin.ParseAs(bytes.NewReader(data), "fuzz.in", kind, lim)
			if err == nil {
				checkRecords(t, kind, recs, lim)
			}
		}
	})
}

// FuzzNormalizeURL checks that NormalizeURL never panics, is idempotent
// and keeps valid UTF-8 valid.
func FuzzNormalizeURL(f *testing.F) {
	for _, s := range []string{
		"https://www.example.org/a/amp/?utm_source=x&b=1#f", "http://[::1]:80/", "https://amp.x.y/z.amp.html?amp=1",
		"https://example.org/%zz", "urn:x", "https://ex ample.org/", "https://example.org/a?%gg=1",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := annotin.NormalizeURL(s)
		if n2 := annotin.NormalizeURL(n); n2 != n {
			t.Fatalf("not idempotent: %q → %q → %q", s, n, n2)
		}
		if utf8.ValidString(s) && !utf8.ValidString(n) {
			t.Fatalf("%q → invalid UTF-8 %q", s, n)
		}
	})
}
