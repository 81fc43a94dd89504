package anchor

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// checkResult reports whether r is a valid result for text.
func checkResult(t *testing.T, text string, tg Target, r Result) {
	t.Helper()
	switch r.Status {
	case Orphaned:
		if r.Start != 0 || r.End != 0 || r.Score != 0 {
			t.Fatalf("orphaned result %+v", r)
		}
		return
	case Anchored, Moved:
	default:
		t.Fatalf("unknown status %q", r.Status)
	}
	if r.Start < 0 || r.End < r.Start || r.End > len(text) || !isBoundary(text, r.Start) || !isBoundary(text, r.End) {
		t.Fatalf("result %+v: offsets invalid for a text of %d bytes", r, len(text))
	}
	if r.Score < 0 || r.Score > 1 {
		t.Fatalf("result %+v: score out of [0,1]", r)
	}
	if r.Status == Anchored && text[r.Start:r.End] != tg.Exact {
		t.Fatalf("anchored result %q, quote %q", text[r.Start:r.End], tg.Exact)
	}
}

func FuzzReattach(f *testing.F) {
	f.Add(para, 66, 108, strings.Replace(para, "batch", "shipment", 1), "", "", "")
	f.Add(para, 66, 108, "Intro.\n\n"+para, "x", "y", "z")
	f.Add("café – Привет 🙂 мир", 7, 20, "café — Привет 🙂 мир!", "Привет", "–", "🙂")
	f.Add("bad \xff utf8 \xe2\x80 here", 2, 9, "bad \xe2\x80\x93 utf8 \xff here", "\x80", "\xe2", "")
	f.Add("aaaa aaaa aaaa", 5, 9, "aaa aaaa aaaaa", "aaaa", "aaaa ", " aaaa")
	f.Fuzz(func(t *testing.T, old string, start, end int, text, exact, prefix, suffix string) {
		made := NewTarget(old, start, end)
		if made.Start < 0 || made.End < made.Start || made.End > len(old) || made.Exact != old[made.Start:made.End] {
			t.Fatalf("NewTarget(%d, %d) = %+v", start, end, made)
		}
		raw := Target{Start: start, End: end, Exact: exact, Prefix: prefix, Suffix: suffix}
		ts := []Target{made, raw}
		all := ReattachAll(text, ts)
		for i, tg := range ts {
			checkResult(t, text, tg, all[i])
			checkResult(t, text, tg, Reattach(text, tg))
		}
		if text == old && made.Exact != "" {
			if r := Reattach(text, made); r.Status != Anchored || r.Score != 1 || r.Start != made.Start {
				t.Fatalf("unchanged text: %+v for %+v", r, made)
			}
		}
	})
}

func FuzzFindQuote(f *testing.F) {
	f.Add("Colonel\u00a0Assimi Goita", "Colonel Assimi", 0)
	f.Add("ab ab ab", "ab", 2)
	f.Add("equipmentwas sent", "equipment was", 0)
	f.Add("x \xff y", "\xff", 1)
	f.Fuzz(func(t *testing.T, text, quote string, occurrence int) {
		start, end, err := FindQuote(text, quote, occurrence)
		if err != nil {
			if start != 0 || end != 0 {
				t.Fatalf("error %v with offsets %d-%d", err, start, end)
			}
			return
		}
		if start < 0 || end <= start || end > len(text) || !isBoundary(text, start) || !isBoundary(text, end) {
			t.Fatalf("FindQuote(%q, %q, %d) = %d-%d", text, quote, occurrence, start, end)
		}
		if utf8.ValidString(text) && strings.TrimSpace(text[start:end]) != text[start:end] {
			t.Fatalf("match %q has surrounding whitespace", text[start:end])
		}
	})
}
