package search

import (
	"slices"
	"testing"
)

// TestIndex_Search_quality runs the query → expected-top-result table over
// the fixture notebook: the sample article, its annotations and a few
// hundred generated articles and annotations.
func TestIndex_Search_quality(t *testing.T) {
	ix := Build(fixture(t))
	cases := []struct {
		query string
		want  string // the expected hit
		top   int    // it must be within the first top hits (0 means first)
	}{
		// exact words, field weights
		{"Lavrov", "ann-lavrov", 0},
		{"Modibo", "ann-keita", 0},
		{"equipmentwas", "ann-aviation", 0},
		{"repolarizing", "ann-repolar", 0},
		{"multipolar", "ann-repolar", 0},
		{"Kalembry", "ann-repolar", 0}, // a note weighs more than a quote
		// prefixes, as while typing
		{"lav", "ann-lavrov", 0},
		{"equipment", "ann-aviation", 0},
		{"repolar", "ann-repolar", 0},
		{"Kalem journ", "ann-kalembry", 0},
		// typos
		{"Lavrow", "ann-lavrov", 0},
		{"Lavorv", "ann-lavrov", 0},
		{"Wagenr", "ann-wagner", 0},
		{"fertiliser", "ann-fuel", 0},
		{"transnatinal criminal", "ann-treasury", 0},
		{"repolarising", "ann-repolar", 0},
		{"Kalmebry journalist", "ann-kalembry", 0},
		// abbreviations (a subsequence of one word)
		{"wgnr", "ann-wagner", 0},
		{"trnsntnl", "ann-treasury", 0},
		{"mdb keita", "ann-keita", 0},
		// multi-word, proximity
		{"Sergey Lavrov", "ann-lavrov", 0},
		{"minister lavrov", "ann-lavrov", 0},
		{"military junta Malian", "ann-lavrov", 0},
		{"crimes humanity", "ann-wagner", 0},
		{"treasury wagner", "ann-treasury", 0},
		{"Mali Tribune", "ann-kalembry", 0},
		{"Bamako Moscow relations", sampleID, 0},
		{"Niger placard", sampleID, 0},
		{"diop reporters", "ann-diop", 0},
		{"$100 million", "ann-fuel", 0},
		{"€93", "ann-fuel", 0},
		// diacritics, dashes, apostrophes, NFKC
		{"Goïta", "ann-goita", 0},
		{"GOITA", "ann-goita", 0},
		{"portrait inedit", "ann-keita", 0},
		{"Keita président", "ann-keita", 0},
		{"Russia-Africa", "ann-lavrov", 2},
		{"Russia—Africa ties", "ann-repolar", 2},
		{"Mali’s growing friendliness", "ann-france", 0},
		{"Lavrov‘s third trip", sampleID, 0},
		{"ＷＡＧＮＥＲ ｇｒｏｕｐ", "ann-wagner", 2},
		{"ﬁghters notorious", sampleID, 0},
		// phrases
		{`"war crimes"`, "ann-wagner", 0},
		{`"Wagner Group" treasury`, "ann-treasury", 0},
		// operators
		{"tag:Sahel Goita", "ann-goita", 0},
		{"tag:sahel/mali wagner", "ann-wagner", 0},
		{`tag:"Russia-Africa ties" world`, "ann-repolar", 0},
		{"color:purple wagner", "ann-treasury", 0},
		{"color:red wagner", "ann-wagner", 0},
		{"in:vows lavrov", "ann-lavrov", 0},
		{`in:"military cooperation" Wagner`, "ann-wagner", 0},
		{"by:Mugabi crimes", "ann-wagner", 0},
		{"outlet:DW treasury", "ann-treasury", 0},
		{"by:DW treasury", "ann-treasury", 0},
		{"-has:note Diop", "ann-diop", 0},
		{"is:orphan Kalembry", "ann-kalembry", 0},
		{"is:article Lavrov", sampleID, 0},
		{"is:highlight Lavrov", "ann-lavrov", 0},
		{"after:2023-02-01 before:2023-03 Lavrov", "ann-lavrov", 0},
		// negation
		{"wagner -treasury", "ann-wagner", 0},
		{"Kalembry -narrative", "ann-kalembry", 0},
		{`wagner -"criminal organization"`, "ann-wagner", 0},
	}
	for _, c := range cases {
		hits, err := ix.Search(c.query, 10)
		if err != nil {
			t.Errorf("Search(%q): %v", c.query, err)
			continue
		}
		ids := hitIDs(hits)
		n := max(c.top, 1)
		if i := slices.Index(ids, c.want); i < 0 || i >= n {
			t.Errorf("Search(%q): %s is at %d, want within the first %d; got %v", c.query, c.want, i, n, ids[:min(len(ids), 5)])
		}
	}
	if len(cases) < 40 {
		t.Fatalf("only %d quality cases", len(cases))
	}
}

// TestIndex_Search_mustNotMatch lists queries that must not find a
// document: letters scattered across a passage, typos beyond the budget,
// phrases out of order, filters and negations that rule it out.
func TestIndex_Search_mustNotMatch(t *testing.T) {
	ix := Build(fixture(t))
	cases := []struct {
		query string
		not   string
	}{
		{"wgm", "ann-wagner"},       // Wagner Group Mali: initials of three words
		{"lsm", "ann-lavrov"},       // Lavrov Sergey military
		{"xjt", "ann-kalembry"},     // aleXis Journalist Tribune
		{"cgt", "ann-goita"},        // Colonel Goita transition
		{"wr", "ann-wagner"},        // two letters: exact or prefix only
		{"Lovrav", "ann-lavrov"},    // two typos in six letters
		{"wagnerite", "ann-wagner"}, // three edits away
		{`"crimes war"`, "ann-wagner"},
		{`"group wagner"`, "ann-treasury"},
		{"wagner -wagner", "ann-wagner"},
		{"color:blue wagner", "ann-wagner"},
		{"-is:orphan Kalembry journalist", "ann-kalembry"},
		{"has:note Diop reporters", "ann-diop"},
		{"before:2023-02 Lavrov", "ann-lavrov"},
		{"after:2023-02-09 Lavrov", "ann-lavrov"},
		{"tag:Sahel Lavrov", "ann-lavrov"},
		{"tag:Mali wagner", "ann-wagner"}, // a child level is not a root tag
		{"in:Ukraine lavrov", "ann-lavrov"},
		{"outlet:Reuters treasury", "ann-treasury"},
		{"is:article wagner group", "ann-wagner"},
		{"Lavrov -junta", "ann-lavrov"},
	}
	for _, c := range cases {
		hits, err := ix.Search(c.query, 50)
		if err != nil {
			t.Errorf("Search(%q): %v", c.query, err)
			continue
		}
		if slices.Contains(hitIDs(hits), c.not) {
			t.Errorf("Search(%q) found %s", c.query, c.not)
		}
	}
}
