package cite_test

import (
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/glossnotes/gloss/notebook/cite"
)

func TestKeyBase_articles(t *testing.T) {
	tests := []struct {
		name                  string
		byline, outlet, title string
		year                  int
		want                  string
	}{
		{"person, year, title word", "Amara Lindqvist (with Reuters and AP)", "", "Russia pledges drones and grain to Burkina Faso", 2023, "lindqvist2023russia"},
		{"stop words skipped", "Anna Keller and Jon Ruiz", "", "The tariffs that came back", 2024, "keller2024tariffs"},
		{"numbers skipped", "Anna Keller", "", "2024: a year of floods", 2024, "keller2024year"},
		{"accents folded", "Ana María García-López", "", "Économie du delta", 2024, "garcialopez2024economie"},
		{"particle kept", "Jean-Claude van der Berg", "", "Rivers", 2019, "vanderberg2019rivers"},
		{"Chinese", "王小明", "", "粮食走廊谈判", 2023, "wang2023liang"},
		{"Cyrillic", "Ирина Соколова", "", "Река вышла из берегов", 2024, "sokolova2024reka"},
		{"Greek", "Ελένη Παππά", "", "Η κρίση", 2022, "pappa2022krise"},
		{"agency", "Reuters", "", "Grain prices fall", 2024, "reuters2024grain"},
		{"no person: outlet", "Staff and agencies", "The Harbour Gazette", "Ferry crews walk out", 0, "harbourferry"},
		{"nothing", "", "", "How to read a tide table", 0, "anonread"},
		{"empty", "", "", "", 0, "anon"},
		{"apostrophes", "Seán O’Brien", "", "L’économie d’abord", 2021, "obrien2021economie"},
		{"LaTeX specials", "Anna Keller", "", "$3bn & 50% {trade}", 2024, "keller20243bn"},
		{"year out of range left out", "Anna Keller", "", "Tides", 12025, "kellertides"},
		{"long name capped", "Anna Wolfeschlegelsteinhausenbergerdorff", "", "X-ray", 0, "wolfeschlegelsteinhax"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := cite.KeyBase(tt.byline, tt.outlet, tt.title, tt.year)
			if got != tt.want {
				t.Errorf("KeyBase = %q, want %q", got, tt.want)
			}
			if !cite.ValidKey(got) {
				t.Errorf("KeyBase = %q is not a valid key", got)
			}
		})
	}
}

func TestUniqueKey_cases(t *testing.T) {
	takenSet := func(keys ...string) func(string) bool {
		m := map[string]bool{}
		for _, k := range keys {
			m[k] = true
		}
		return func(k string) bool { return m[k] }
	}
	tests := []struct {
		name, base string
		taken      func(string) bool
		want       string
	}{
		{"free", "keller2024tariffs", takenSet(), "keller2024tariffs"},
		{"first suffix", "keller2024tariffs", takenSet("keller2024tariffs"), "keller2024tariffsa"},
		{"next suffix", "k", takenSet("k", "ka", "kb"), "kc"},
		{"gap reused", "k", takenSet("k", "kb"), "ka"},
		{"after z", "k", func(s string) bool { return len(s) <= 2 }, "kaa"},
		{"after zz", "k", func(s string) bool { return len(s) <= 3 }, "kaaa"},
		{"empty base", "", takenSet(), "anon"},
		{"everything taken", "k", func(string) bool { return true }, "k475255"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := cite.UniqueKey(tt.base, tt.taken); got != tt.want {
				t.Errorf("UniqueKey(%q) = %q, want %q", tt.base, got, tt.want)
			}
		})
	}
}

// TestUniqueKey_sequence checks the order of suffixes a, …, z, aa, ….
func TestUniqueKey_sequence(t *testing.T) {
	taken := map[string]bool{"k": true}
	var got []string
	for i := 0; i < 28; i++ {
		k := cite.UniqueKey("k", func(s string) bool { return taken[s] })
		taken[k] = true
		got = append(got, k)
	}
	if got[0] != "ka" || got[25] != "kz" || got[26] != "kaa" || got[27] != "kab" {
		t.Errorf("sequence %v", got)
	}
}

func TestValidKey_cases(t *testing.T) {
	tests := map[string]bool{
		"lindqvist2023russia": true, "garcialopez:fishers-app": true, "Doe_2020": true, "_x": true, "a.b/c+d": true, "9lives": true,
		"": false, "-a": false, "a-": false, "a b": false, "a,b": false, "a{b": false, "a%b": false, "a#b": false,
		"a\\b": false, "é": false, "a\"b": false, "a@b": false, strings.Repeat("k", 129): false, strings.Repeat("k", 128): true,
	}
	for key, want := range tests {
		if got := cite.ValidKey(key); got != want {
			t.Errorf("ValidKey(%q) = %v, want %v", key, got, want)
		}
	}
}

// FuzzKeyBase checks that any byline, title and outlet give a valid,
// bounded key, the same every time.
func FuzzKeyBase(f *testing.F) {
	f.Add("By Anna Keller and Jon Ruiz, with Reuters and AP", "Tariffs & quotas: 50% of {trade}", "The Meridian Post")
	f.Add("王小明", "粮食走廊谈判将于下周继续", "东方晨报")
	f.Add("Staff and agencies", "", "")
	f.Add("(((", "\xff\xfe", "[[")
	f.Fuzz(func(t *testing.T, byline, title, outlet string) {
		k := cite.KeyBase(byline, outlet, title, 2024)
		if !cite.ValidKey(k) || len(k) > 64 {
			t.Fatalf("KeyBase(%q, %q, %q) = %q: not a valid short key", byline, title, outlet, k)
		}
		if k2 := cite.KeyBase(byline, outlet, title, 2024); k2 != k {
			t.Fatalf("not stable: %q then %q", k, k2)
		}
	})
}

// FuzzAuthors checks that any byline parses without panicking into a
// bounded list of non-empty names in valid UTF-8 (for valid input).
func FuzzAuthors(f *testing.F) {
	for _, s := range []string{
		"By Anna Keller and Jon Ruiz, with Reuters and AP", "Staff and agencies", "Ana María García-López",
		"王小明", "محمد الأحمد", "Ирина Соколова", "Reuters", "((((", "and and and", "Jr.", "The",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, byline string) {
		names := cite.Authors(byline)
		if len(names) > 100 {
			t.Fatalf("%d names", len(names))
		}
		for _, n := range names {
			if n.Literal == "" && n.Family == "" {
				t.Fatalf("empty name %+v from %q", n, byline)
			}
			if n.Literal != "" && (n.Family != "" || n.Given != "") {
				t.Fatalf("both literal and parts: %+v", n)
			}
			if utf8.ValidString(byline) && !(utf8.ValidString(n.Family) && utf8.ValidString(n.Given) && utf8.ValidString(n.Literal)) {
				t.Fatalf("invalid UTF-8 in %+v from %q", n, byline)
			}
		}
	})
}

func TestKeySet_Unique(t *testing.T) {
	var s cite.KeySet
	if !s.Add("Keller2024tariffs") || s.Add("keller2024TARIFFS") {
		t.Error("Add does not compare keys without case")
	}
	s.Add("keller2024tariffsb")
	var got []string
	for i := 0; i < 4; i++ {
		got = append(got, s.Unique("keller2024tariffs"))
	}
	if want := []string{"keller2024tariffsa", "keller2024tariffsc", "keller2024tariffsd", "keller2024tariffse"}; !reflect.DeepEqual(got, want) {
		t.Errorf("Unique gave %v, want %v", got, want)
	}
	if k := s.Unique("fresh"); k != "fresh" || !s.Has("FRESH") {
		t.Errorf("Unique(fresh) = %q", k)
	}
	// The same answers as UniqueKey over the same taken keys.
	var a cite.KeySet
	taken := map[string]bool{}
	for i := 0; i < 60; i++ {
		want := cite.UniqueKey("k", func(k string) bool { return taken[k] })
		taken[want] = true
		if got := a.Unique("k"); got != want {
			t.Fatalf("key %d: KeySet %q, UniqueKey %q", i, got, want)
		}
	}
}
