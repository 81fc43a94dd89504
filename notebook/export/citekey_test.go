package export_test

import (
	"reflect"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/glossnotes/gloss/notebook"
	"github.com/glossnotes/gloss/notebook/export"
)

func day(y, m, d int) notebook.Date {
	return notebook.DateOf(time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC))
}

func TestCiteKeyBase(t *testing.T) {
	tests := []struct {
		name string
		a    notebook.Article
		want string
	}{
		{"person, year, title word", notebook.Article{Byline: "Isaac Mugabi (with Reuters and AP)", Published: day(2023, 2, 8), Title: "Russia vows to boost military cooperation with Mali"}, "mugabi2023russia"},
		{"stop words skipped", notebook.Article{Byline: "Anna Keller and Jon Ruiz", Published: day(2024, 3, 14), Title: "The tariffs that came back"}, "keller2024tariffs"},
		{"numbers skipped", notebook.Article{Byline: "Anna Keller", Published: day(2024, 1, 1), Title: "2024: a year of floods"}, "keller2024year"},
		{"accents folded", notebook.Article{Byline: "Ana María García-López", Published: day(2024, 1, 15), Title: "Économie du delta"}, "garcialopez2024economie"},
		{"particle kept", notebook.Article{Byline: "Jean-Claude van der Berg", Published: day(2019, 9, 1), Title: "Rivers"}, "vanderberg2019rivers"},
		{"Chinese", notebook.Article{Byline: "王小明", Published: day(2023, 11, 20), Title: "粮食走廊谈判"}, "wang2023liang"},
		{"Cyrillic", notebook.Article{Byline: "Ирина Соколова", Published: day(2024, 3, 2), Title: "Река вышла из берегов"}, "sokolova2024reka"},
		{"Greek", notebook.Article{Byline: "Ελένη Παππά", Published: day(2022, 5, 1), Title: "Η κρίση"}, "pappa2022krise"},
		{"agency", notebook.Article{Byline: "Reuters", Published: day(2024, 2, 29), Title: "Grain prices fall"}, "reuters2024grain"},
		{"no person: outlet", notebook.Article{Byline: "Staff and agencies", Outlet: "The Harbour Gazette", Title: "Ferry crews walk out"}, "harbourferry"},
		{"nothing", notebook.Article{Title: "How to read a tide table"}, "anonread"},
		{"empty", notebook.Article{}, "anon"},
		{"apostrophes", notebook.Article{Byline: "Seán O’Brien", Published: day(2021, 6, 1), Title: "L’économie d’abord"}, "obrien2021economie"},
		{"LaTeX specials", notebook.Article{Byline: "Anna Keller", Published: day(2024, 1, 1), Title: "$3bn & 50% {trade}"}, "keller20243bn"},
		{"long name capped", notebook.Article{Byline: "Anna Wolfeschlegelsteinhausenbergerdorff", Title: "X-ray"}, "wolfeschlegelsteinhax"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := export.CiteKeyBase(tt.a)
			if got != tt.want {
				t.Errorf("CiteKeyBase = %q, want %q", got, tt.want)
			}
			if !export.ValidCiteKey(got) {
				t.Errorf("CiteKeyBase = %q is not a valid key", got)
			}
		})
	}
}

func TestUniqueCiteKey(t *testing.T) {
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
			if got := export.UniqueCiteKey(tt.base, tt.taken); got != tt.want {
				t.Errorf("UniqueCiteKey(%q) = %q, want %q", tt.base, got, tt.want)
			}
		})
	}
}

// TestUniqueCiteKey_sequence checks the order of suffixes a, …, z, aa, ….
func TestUniqueCiteKey_sequence(t *testing.T) {
	taken := map[string]bool{"k": true}
	var got []string
	for i := 0; i < 28; i++ {
		k := export.UniqueCiteKey("k", func(s string) bool { return taken[s] })
		taken[k] = true
		got = append(got, k)
	}
	if got[0] != "ka" || got[25] != "kz" || got[26] != "kaa" || got[27] != "kab" {
		t.Errorf("sequence %v", got)
	}
}

func TestValidCiteKey(t *testing.T) {
	tests := map[string]bool{
		"mugabi2023russia": true, "garcialopez:fishers-app": true, "Doe_2020": true, "_x": true, "a.b/c+d": true, "9lives": true,
		"": false, "-a": false, "a-": false, "a b": false, "a,b": false, "a{b": false, "a%b": false, "a#b": false,
		"a\\b": false, "é": false, "a\"b": false, "a@b": false, strings.Repeat("k", 129): false, strings.Repeat("k", 128): true,
	}
	for key, want := range tests {
		if got := export.ValidCiteKey(key); got != want {
			t.Errorf("ValidCiteKey(%q) = %v, want %v", key, got, want)
		}
	}
}

// FuzzCiteKeyBase checks that any byline, title and outlet give a valid,
// bounded key, the same every time.
func FuzzCiteKeyBase(f *testing.F) {
	f.Add("By Anna Keller and Jon Ruiz, with Reuters and AP", "Tariffs & quotas: 50% of {trade}", "The Meridian Post")
	f.Add("王小明", "粮食走廊谈判将于下周继续", "东方晨报")
	f.Add("Staff and agencies", "", "")
	f.Add("(((", "\xff\xfe", "[[")
	f.Fuzz(func(t *testing.T, byline, title, outlet string) {
		a := notebook.Article{Byline: byline, Title: title, Outlet: outlet, Published: day(2024, 5, 1)}
		k := export.CiteKeyBase(a)
		if !export.ValidCiteKey(k) || len(k) > 64 {
			t.Fatalf("CiteKeyBase(%q, %q, %q) = %q: not a valid short key", byline, title, outlet, k)
		}
		if k2 := export.CiteKeyBase(a); k2 != k {
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
		names := export.Authors(byline)
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
	var s export.KeySet
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
	// The same answers as UniqueCiteKey over the same taken keys.
	var a export.KeySet
	taken := map[string]bool{}
	for i := 0; i < 60; i++ {
		want := export.UniqueCiteKey("k", func(k string) bool { return taken[k] })
		taken[want] = true
		if got := a.Unique("k"); got != want {
			t.Fatalf("key %d: KeySet %q, UniqueCiteKey %q", i, got, want)
		}
	}
}
