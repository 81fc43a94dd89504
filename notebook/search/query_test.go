package search

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestParseQuery(t *testing.T) {
	f := func(op, value string, neg bool) Filter { return Filter{Op: op, Value: value, Negate: neg} }
	cases := []struct {
		in   string
		want Query
	}{
		{"", Query{}},
		{"   ", Query{}},
		{"Lavrov", Query{Terms: []string{"lavrov"}}},
		{"Sergey  LAVROV", Query{Terms: []string{"sergey", "lavrov"}}},
		{"Russia-Africa", Query{Terms: []string{"russia", "africa"}}},
		{`"war crimes" wagner`, Query{Terms: []string{"wagner"}, Phrases: [][]string{{"war", "crimes"}}}},
		{`“war crimes”`, Query{Phrases: [][]string{{"war", "crimes"}}}},
		{`"unbalanced quote`, Query{Phrases: [][]string{{"unbalanced", "quote"}}}},
		{`""`, Query{}},
		{"-junta lavrov", Query{Terms: []string{"lavrov"}, Exclude: [][]string{{"junta"}}}},
		{`-"war crimes"`, Query{Exclude: [][]string{{"war", "crimes"}}}},
		{"- lavrov -", Query{Terms: []string{"lavrov"}}},
		{"tag:Sahel", Query{Filters: []Filter{f("tag", "Sahel", false)}}},
		{`tag:"Russia–Africa ties" x`, Query{Terms: []string{"x"}, Filters: []Filter{f("tag", "Russia–Africa ties", false)}}},
		{"-is:orphan", Query{Filters: []Filter{f("is", "orphan", true)}}},
		{"TAG:Mali colour:Red", Query{Filters: []Filter{f("tag", "Mali", false), f("color", "Red", false)}}},
		{"10:30", Query{Terms: []string{"10", "30"}}},
		{`"foo:bar"`, Query{Phrases: [][]string{{"foo", "bar"}}}},
		{"bad\xffutf8", Query{Terms: []string{"bad", "utf8"}}},
	}
	for _, c := range cases {
		got, err := ParseQuery(c.in)
		if err != nil {
			t.Errorf("ParseQuery(%q): %v", c.in, err)
			continue
		}
		for i := range got.Filters { // compare what the caller sees
			got.Filters[i] = f(got.Filters[i].Op, got.Filters[i].Value, got.Filters[i].Negate)
		}
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("ParseQuery(%q) = %+v, want %+v", c.in, got, c.want)
		}
	}
}

func TestParseQuery_filters(t *testing.T) {
	q, err := ParseQuery(`tag:" Russia-Africa  Ties " after:2023 before:2023-03-02 in:"Military Cooperation" has:note is:article`)
	if err != nil {
		t.Fatal(err)
	}
	fs := q.Filters
	if fs[0].norm != "russia africa ties" {
		t.Errorf("tag normalised to %q", fs[0].norm)
	}
	if fs[1].day != 19358 || fs[2].day != 19418 { // 2023-01-01, 2023-03-02
		t.Errorf("dates as days: %d, %d", fs[1].day, fs[2].day)
	}
	if !reflect.DeepEqual(fs[3].ws, []string{"military", "cooperation"}) {
		t.Errorf("in: words %q", fs[3].ws)
	}
}

func TestParseQuery_errors(t *testing.T) {
	cases := []struct {
		in, want string // want: a part of the message
	}{
		{"foo:bar", `unknown operator "foo:"`},
		{"http://example.com", `unknown operator "http:"`},
		{"tag:", "tag: needs a value"},
		{"tag: Sahel", "tag: needs a value"},
		{`tag:""`, "tag: needs a value"},
		{"tag:--", "no letters or digits"},
		{"after:2023-13", `bad date "2023-13"`},
		{"before:yesterday", `bad date "yesterday"`},
		{"after:2023-02-30", `bad date`},
		{"has:pdf", "has:pdf: unknown"},
		{"is:done", "is:done: unknown"},
		{strings.Repeat("word ", 40), "40 words"},
		{strings.Repeat("tag:x ", 40), "40 operators"},
	}
	for _, c := range cases {
		_, err := ParseQuery(c.in)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("ParseQuery(%.30q) error = %v, want one containing %q", c.in, err, c.want)
		}
	}
	if _, err := ParseQuery(strings.Repeat("a ", 100)); !errors.Is(err, ErrQueryTooLong) {
		t.Errorf("a long query gives %v, want ErrQueryTooLong", err)
	}
}

func TestQuery_IsEmpty(t *testing.T) {
	for in, want := range map[string]bool{"": true, ` "" - `: true, "a": false, "-a": false, "is:orphan": false} {
		q, err := ParseQuery(in)
		if err != nil {
			t.Fatal(err)
		}
		if q.IsEmpty() != want {
			t.Errorf("ParseQuery(%q).IsEmpty() = %v", in, !want)
		}
	}
}

// FuzzParseQuery checks that no input panics or yields an unbounded query,
// and that accepted queries search without error.
func FuzzParseQuery(f *testing.F) {
	for _, s := range []string{"", "lavrov", `"war crimes" -x`, `tag:"a b`, "after:2023-01", "-", `-"`, "a:b:c",
		"tag:\xff", "\"\"\"", "is:orphan has:note color:red in:x by:y outlet:z before:2020"} {
		f.Add(s)
	}
	ix := Build([]Doc{
		{ID: "a", Kind: KindArticle, Title: "Russia vows", Body: "Lavrov visited Mali", Tags: []string{"Sahel/Mali"}},
		{ID: "n", ArticleID: "a", Quote: "Wagner Group", Note: "war crimes", Color: "red", Orphan: true},
	})
	f.Fuzz(func(t *testing.T, s string) {
		q, err := ParseQuery(s)
		if err != nil {
			if err.Error() == "" {
				t.Fatal("empty error message")
			}
			return
		}
		n := len(q.Terms)
		for _, p := range q.Phrases {
			n += len(p)
		}
		for _, p := range q.Exclude {
			n += len(p)
		}
		if n > maxQueryWords || len(q.Filters) > maxQueryFilters {
			t.Fatalf("ParseQuery(%q) accepted %d words and %d filters", s, n, len(q.Filters))
		}
		for _, w := range q.Terms {
			if w == "" || !utf8.ValidString(w) {
				t.Fatalf("ParseQuery(%q): bad term %q", s, w)
			}
		}
		if _, err := ix.Search(s, 10); err != nil {
			t.Fatalf("Search(%q) failed after ParseQuery accepted it: %v", s, err)
		}
	})
}
