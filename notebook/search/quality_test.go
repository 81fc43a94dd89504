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
		{"Orlovsky", "ann-orlovsky", 0},
		{"Sankara", "ann-sankara", 0},
		{"droneswas", "ann-drones", 0},
		{"crumbling", "ann-crumbling", 0},
		{"multipolar", "ann-crumbling", 0},
		{"Ilboudo", "ann-crumbling", 0}, // a note weighs more than a quote
		// prefixes, as while typing
		{"orl", "ann-orlovsky", 0},
		{"droneswa", "ann-drones", 0},
		{"crumbl", "ann-crumbling", 0},
		{"Ilbou scien", "ann-ilboudo", 0},
		// typos
		{"Orlovksy", "ann-orlovsky", 0},
		{"Orlovski", "ann-orlovsky", 0},
		{"Wagenr", "ann-wagner", 0},
		{"fertiliser credit", "ann-fuel", 0},
		{"sanctoins companies", "ann-treasury", 0},
		{"crumbeling", "ann-crumbling", 0},
		{"Ilbuodo scientist", "ann-ilboudo", 0},
		// abbreviations (a subsequence of one word)
		{"wgnr", "ann-wagner", 0},
		{"fnncng", "ann-treasury", 0},
		{"thms sankara", "ann-sankara", 0},
		// multi-word, proximity
		{"Yevgeny Orlovsky", "ann-orlovsky", 0},
		{"minister orlovsky", "ann-orlovsky", 0},
		{"military government drones", "ann-orlovsky", 0},
		{"killings civilians", "ann-wagner", 0},
		{"treasury wagner", "ann-treasury", 0},
		{"political scientist", "ann-ilboudo", 0},
		{"Ouagadougou Moscow partnership", sampleID, 0},
		{"embassy sign", sampleID, 0},
		{"sawadogo reporters", "ann-sawadogo", 0},
		{"$80 million", "ann-fuel", 0},
		{"€74", "ann-fuel", 0},
		// diacritics, dashes, apostrophes, NFKC
		{"Kabore", "ann-kabore", 0},
		{"KABORÉ", "ann-kabore", 0},
		{"destin revolutionnaire", "ann-sankara", 0},
		{"Sankara révolutionnaire", "ann-sankara", 0},
		{"Russia-Africa", "ann-orlovsky", 2},
		{"Russia—Africa ties", "ann-crumbling", 2},
		{"Faso's warming towards", "ann-france", 0},
		{"Orlovsky‘s fourth African tour", sampleID, 0},
		{"ＷＡＧＮＥＲ ｇｒｏｕｐ", "ann-wagner", 2},
		{"ﬁghts Ukraine", sampleID, 0},
		// phrases
		{`"killings of civilians"`, "ann-wagner", 0},
		{`"Wagner Group" treasury`, "ann-treasury", 0},
		// operators
		{"tag:Sahel Kabore", "ann-kabore", 0},
		{"tag:sahel/burkina wagner", "ann-wagner", 0},
		{`tag:"Russia-Africa ties" world`, "ann-crumbling", 0},
		{"color:purple wagner", "ann-treasury", 0},
		{"color:red wagner", "ann-wagner", 0},
		{"in:pledges orlovsky", "ann-orlovsky", 0},
		{`in:"drones and grain" Wagner`, "ann-wagner", 0},
		{"by:Lindqvist killings", "ann-wagner", 0},
		{"by:Ouedraogo killings", "ann-wagner", 0},
		{"outlet:Meridian treasury", "ann-treasury", 0},
		{"by:Meridian treasury", "ann-treasury", 0},
		{"-has:note Sawadogo", "ann-sawadogo", 0},
		{"is:orphan Ilboudo", "ann-ilboudo", 0},
		{"is:article Orlovsky", sampleID, 0},
		{"is:highlight Orlovsky", "ann-orlovsky", 0},
		{"after:2024-03-01 before:2024-04 Orlovsky", "ann-orlovsky", 0},
		// negation
		{"wagner -treasury", "ann-wagner", 0},
		{"Ilboudo -narrative", "ann-ilboudo", 0},
		{`wagner -"three companies"`, "ann-wagner", 0},
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
		{"wgb", "ann-wagner"},        // Wagner Group Burkina: initials of three words
		{"ydm", "ann-orlovsky"},      // Yevgeny Deputy Minister
		{"rps", "ann-ilboudo"},       // Rasmané Political Scientist
		{"cik", "ann-kabore"},        // Captain Idrissa Kaboré
		{"wr", "ann-wagner"},         // two letters: exact or prefix only
		{"Orlivsko", "ann-orlovsky"}, // two typos in eight letters
		{"wagnerite", "ann-wagner"},  // three edits away
		{`"civilians of killings"`, "ann-wagner"},
		{`"group wagner"`, "ann-treasury"},
		{"wagner -wagner", "ann-wagner"},
		{"color:blue wagner", "ann-wagner"},
		{"-is:orphan Ilboudo scientist", "ann-ilboudo"},
		{"has:note Sawadogo reporters", "ann-sawadogo"},
		{"before:2024-03 Orlovsky", "ann-orlovsky"},
		{"after:2024-03-15 Orlovsky", "ann-orlovsky"},
		{"tag:Sahel Orlovsky", "ann-orlovsky"},
		{"tag:Burkina wagner", "ann-wagner"}, // a child level is not a root tag
		{"in:Ukraine orlovsky", "ann-orlovsky"},
		{"outlet:Reuters treasury", "ann-treasury"},
		{"is:article wagner group", "ann-wagner"},
		{"Orlovsky -government", "ann-orlovsky"},
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
