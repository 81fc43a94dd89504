package reuse

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"
)

// Paragraphs written for these tests.
const (
	paraDispatch = `The regional water authority said on Thursday that the northern reservoir had fallen to its lowest level in eleven years, forcing engineers to ration supplies to 4,500 farms along the valley. "We are asking every household to cut its use by a third until the rains return," the authority's director, Mirela Ostrova, told a meeting of mayors in Velgrad. Officials expect the restrictions to last at least until the end of October.`
	paraFarmers  = `Farmers in the lower valley have already begun selling part of their herds, according to a cooperative that buys milk from more than two hundred families. Its chairman described the mood in the villages as anxious but calm, and said several members had moved their cattle to pastures in the hills.`
	paraCouncil  = `The city council voted narrowly to delay the tram extension by two years, citing the rising cost of steel and a shortage of qualified welders. Opponents of the delay warned that the eastern districts would remain cut off from the centre for most of the decade.`
	paraMuseum   = `The maritime museum reopened its west wing after a renovation that took four years and uncovered a forgotten collection of ship models in the attic. Curators plan to show the models next spring once they have been cleaned and catalogued.`
	paraFestival = `Organisers of the autumn book festival reported record attendance this weekend, with queues stretching around the old customs house for the opening debate on translation. Publishers said sales of poetry had doubled compared with last year.`
)

// paraDispatchEdited is paraDispatch as another outlet ran it: curly
// quotes, an en dash, the number written differently, diacritics on the
// name, two words changed and its last sentence dropped.
const paraDispatchEdited = `The regional water authority said on Thursday that the northern reservoir had dropped to its lowest level in eleven years – forcing engineers to ration supplies to 4 500 farms along the valley. “We are asking every household to cut its consumption by a third until the rains return,” the authority’s director, Mirela Óstrová, told a meeting of mayors in Velgrad.`

func mustPut(t *testing.T, ix *Index, id, text string) {
	t.Helper()
	if err := ix.Put(id, text); err != nil {
		t.Fatal(err)
	}
}

// spanOf returns the code-point span of sub in text.
func spanOf(t *testing.T, text, sub string) (int, int) {
	t.Helper()
	i := strings.Index(text, sub)
	if i < 0 {
		t.Fatalf("%q not in text", sub)
	}
	s := utf8.RuneCountInString(text[:i])
	return s, s + utf8.RuneCountInString(sub)
}

// near reports whether got is within tol code points of want.
func near(got, want, tol int) bool { return got >= want-tol && got <= want+tol }

func TestIndex_Passages(t *testing.T) {
	docA := "Ünïcödé headline first.\n\n" + paraDispatch + "\n\n" + paraFarmers
	docB := paraCouncil + "\n\n" + paraDispatchEdited + "\n\n" + paraFestival
	ix := New(Options{})
	mustPut(t, ix, "a", docA)
	mustPut(t, ix, "b", docB)
	mustPut(t, ix, "c", paraMuseum+" "+paraCouncil[:40])

	pa := ix.Passages("a")
	if len(pa) != 1 || len(pa[0].Others) != 1 || pa[0].Others[0].DocID != "b" {
		t.Fatalf("Passages(a) = %+v, want one passage matched with b", pa)
	}
	// The shared region runs from the start of the dispatch to "Velgrad".
	ws, we := spanOf(t, docA, paraDispatch[:strings.Index(paraDispatch, " Officials expect")])
	if !near(pa[0].Start, ws, 0) || !near(pa[0].End, we, 1) {
		t.Errorf("passage in a = [%d,%d), want [%d,%d)", pa[0].Start, pa[0].End, ws, we)
	}
	bs, be := spanOf(t, docB, paraDispatchEdited)
	if m := pa[0].Others[0]; !near(m.Start, bs, 0) || !near(m.End, be, 1) {
		t.Errorf("match in b = [%d,%d), want [%d,%d)", m.Start, m.End, bs, be)
	}
	if s := pa[0].Others[0].Similarity; s < 0.9 || s > 1 {
		t.Errorf("similarity %.3f, want in [0.9, 1]", s)
	}
	pb := ix.Passages("b")
	if len(pb) != 1 || pb[0].Key != pa[0].Key || pb[0].Start != pa[0].Others[0].Start {
		t.Errorf("Passages(b) = %+v, want the mirror of %+v", pb, pa)
	}
	if got := ix.Passages("c"); len(got) != 0 {
		t.Errorf("Passages(c) = %+v, want none", got)
	}
	if got := ix.Passages("nope"); got != nil {
		t.Errorf("Passages of an unknown document = %+v", got)
	}
	if ix.Len() != 3 {
		t.Errorf("Len = %d, want 3", ix.Len())
	}
}

func TestIndex_Passages_oneRegionAcrossEdits(t *testing.T) {
	// A sentence inserted in the middle and a word changed every ten
	// words: still one passage, spanning the whole region.
	words := strings.Fields(paraDispatch + " " + paraFarmers)
	edited := slices.Clone(words)
	for i := 5; i < len(edited); i += 10 {
		edited[i] = "changed"
	}
	mid := len(edited) / 2
	edited = slices.Insert(edited, mid, strings.Fields("In a separate development the port reopened after a week of repairs to its northern quay.")...)
	ix := New(Options{})
	mustPut(t, ix, "orig", strings.Join(words, " "))
	mustPut(t, ix, "copy", "Opening line of our own. "+strings.Join(edited, " ")+" Closing line of our own.")
	ps := ix.Passages("copy")
	if len(ps) != 1 {
		t.Fatalf("got %d passages, want 1: %+v", len(ps), ps)
	}
	text := "Opening line of our own. " + strings.Join(edited, " ")
	if !near(ps[0].Start, len("Opening line of our own. "), 0) || !near(ps[0].End, len(text), 2) {
		t.Errorf("passage [%d,%d), want about [%d,%d)", ps[0].Start, ps[0].End, len("Opening line of our own. "), len(text))
	}
}

func TestIndex_Passages_notReuse(t *testing.T) {
	stock := []string{"said in a statement on Tuesday", "the Associated Press contributed to this report",
		"according to a person familiar with the matter", "did not immediately respond to a request for comment"}
	tests := []struct {
		name string
		docs map[string]string
		opt  Options
	}{
		{"own repeated sentences", map[string]string{
			"a": paraDispatch + " " + paraDispatch + " " + paraDispatch,
			"b": paraCouncil,
		}, Options{}},
		{"each repeats itself", map[string]string{
			"a": paraFarmers + " " + paraFarmers,
			"b": paraCouncil + " " + paraCouncil,
		}, Options{}},
		{"stock phrases only", map[string]string{
			"a": "The mayor " + stock[0] + ". " + paraFestival + " " + stock[1] + ". Prices rose " + stock[2] + ". " + paraCouncil + " She " + stock[3] + ".",
			"b": "The union " + stock[0] + ". " + paraMuseum + " " + stock[1] + ". Fares fell " + stock[2] + ". " + paraFarmers + " He " + stock[3] + ".",
		}, Options{}},
		{"known stock phrases back to back", map[string]string{
			"a": paraFestival + " The mayor " + stock[0] + ". " + stock[1] + ". Prices rose, " + stock[2] + ", and she " + stock[3] + ".",
			"b": paraMuseum + " The union " + stock[0] + ". " + stock[1] + ". Fares fell, " + stock[2] + ", and he " + stock[3] + ".",
		}, Options{}},
		{"boilerplate in more than CommonDocs documents", func() map[string]string {
			m := map[string]string{}
			for i := range 4 {
				m[fmt.Sprint(i)] = fmt.Sprintf("Story number %d is about something else entirely. ", i) + strings.Repeat(fmt.Sprintf("word%d ", i), 30) +
					"Sign up for our newsletter to receive the best of our journalism every morning, and follow us on social media for breaking news alerts."
			}
			return m
		}(), Options{CommonDocs: 3}},
		{"a shared passage shorter than MinWords", map[string]string{
			"a": paraFestival + " The bridge over the river will close for repairs next week. " + paraCouncil,
			"b": paraFarmers + " The bridge over the river will close for repairs next week. " + paraDispatch,
		}, Options{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ix := New(tt.opt)
			for id, text := range tt.docs {
				mustPut(t, ix, id, text)
			}
			for id := range tt.docs {
				if ps := ix.Passages(id); len(ps) != 0 {
					t.Errorf("Passages(%s) = %+v, want none", id, ps)
				}
			}
			if cs := ix.Clusters(); len(cs) != 0 {
				t.Errorf("Clusters = %+v, want none", cs)
			}
		})
	}
}

// TestIndex_Passages_repetitiveText checks that a text made of one phrase
// repeated thousands of times is handled in linear time: its 5-grams are
// repeated more than maxRep times, so they seed nothing, while a real
// passage next to them is still found.
func TestIndex_Passages_repetitiveText(t *testing.T) {
	rep := strings.Repeat("the same words again and again ", 8000)
	ix := New(Options{})
	mustPut(t, ix, "a", rep+paraDispatch)
	mustPut(t, ix, "b", paraFestival+" "+rep+" "+paraDispatch)
	mustPut(t, ix, "c", strings.Repeat("w ", 50000))
	ps := ix.Passages("a")
	if len(ps) != 1 || ps[0].Others[0].DocID != "b" {
		t.Fatalf("Passages(a) = %+v, want the dispatch only", ps)
	}
	// Identical words before the dispatch are shared too: the 5-grams
	// across the junction seed the passage and the extension adds up to
	// extendLimit words, 14 words (at most 90 code points) in all.
	if s, _ := spanOf(t, rep+paraDispatch, paraDispatch); ps[0].Start < s-90 || ps[0].Start > s {
		t.Errorf("passage starts at %d, the dispatch at %d", ps[0].Start, s)
	}
	if cs := ix.Clusters(); len(cs) != 1 {
		t.Errorf("got %d clusters, want 1", len(cs))
	}
}

func TestIndex_Passages_cjk(t *testing.T) {
	shared := "水务局星期四表示北部水库的水位已降至十一年来的最低点工程师不得不对河谷沿岸的农场实行限量供水"
	a := "今天的新闻。" + shared + "。市议会另有安排。"
	b := "另一家报纸报道，" + shared + "，官员们表示担忧。"
	ix := New(Options{})
	mustPut(t, ix, "a", a)
	mustPut(t, ix, "b", b)
	ps := ix.Passages("a")
	if len(ps) != 1 {
		t.Fatalf("got %+v, want one passage", ps)
	}
	s, e := spanOf(t, a, shared)
	if ps[0].Start != s || ps[0].End != e {
		t.Errorf("passage [%d,%d), want [%d,%d) (code points)", ps[0].Start, ps[0].End, s, e)
	}
}

func TestIndex_PutReplacesAndDeleteRemoves(t *testing.T) {
	ix := New(Options{})
	mustPut(t, ix, "a", paraDispatch+" "+paraFarmers)
	mustPut(t, ix, "b", paraCouncil+" "+paraDispatch)
	mustPut(t, ix, "c", paraFestival+" "+paraDispatch)
	if cs := ix.Clusters(); len(cs) != 1 || len(cs[0].Members) != 3 {
		t.Fatalf("Clusters = %+v, want one cluster of three", cs)
	}
	mustPut(t, ix, "b", paraCouncil) // b no longer carries the dispatch
	cs := ix.Clusters()
	if len(cs) != 1 || len(cs[0].Members) != 2 || cs[0].Members[0].DocID != "a" || cs[0].Members[1].DocID != "c" {
		t.Fatalf("after replacing b: Clusters = %+v, want a and c", cs)
	}
	if ps := ix.Passages("b"); len(ps) != 0 {
		t.Errorf("Passages(b) after replacing = %+v", ps)
	}
	ix.Delete("c")
	ix.Delete("never-there")
	if cs := ix.Clusters(); len(cs) != 0 {
		t.Errorf("after deleting c: Clusters = %+v, want none", cs)
	}
	if ps := ix.Passages("a"); len(ps) != 0 {
		t.Errorf("after deleting c: Passages(a) = %+v, want none", ps)
	}
	if ix.Len() != 2 {
		t.Errorf("Len = %d, want 2", ix.Len())
	}
	// Slots are reused and nothing of c is left behind.
	mustPut(t, ix, "d", paraMuseum+" "+paraDispatch)
	if cs := ix.Clusters(); len(cs) != 1 || len(cs[0].Members) != 2 {
		t.Errorf("after adding d: Clusters = %+v, want a and d", cs)
	}
}

func TestIndex_Mute(t *testing.T) {
	ix := New(Options{})
	mustPut(t, ix, "a", paraDispatch+" "+paraFarmers)
	mustPut(t, ix, "b", paraCouncil+" "+paraDispatchEdited)
	mustPut(t, ix, "c", paraFestival+" "+paraFarmers)
	ps := ix.Passages("a")
	if len(ps) != 2 {
		t.Fatalf("Passages(a) = %+v, want two", ps)
	}
	key := ps[0].Key // the dispatch, shared with b
	clusters := ix.Clusters()
	// Unrelated documents do not change the key.
	mustPut(t, ix, "u1", paraCouncil)
	mustPut(t, ix, "u2", strings.Repeat("unrelated words here ", 20))
	ix.Delete("u1")
	if got := ix.Passages("a"); got[0].Key != key {
		t.Errorf("key changed from %s to %s after unrelated changes", key, got[0].Key)
	}
	if err := ix.Mute(key); err != nil {
		t.Fatal(err)
	}
	if got := ix.Passages("a"); len(got) != 1 || got[0].Key == key {
		t.Errorf("after muting %s: Passages(a) = %+v, want only the other passage", key, got)
	}
	if got := ix.Passages("b"); len(got) != 0 {
		t.Errorf("after muting: Passages(b) = %+v, want none", got)
	}
	if got := ix.Clusters(); len(got) != len(clusters)-1 {
		t.Errorf("after muting: %d clusters, want %d", len(got), len(clusters)-1)
	}
	if got := ix.Options().Muted; !slices.Equal(got, []string{key}) {
		t.Errorf("Options().Muted = %v", got)
	}
	ix.Unmute(key)
	if got := ix.Passages("b"); len(got) != 1 {
		t.Errorf("after unmuting: Passages(b) = %+v, want one", got)
	}
	if err := ix.Mute("not-a-key", key); err == nil {
		t.Error("Mute accepted a malformed key")
	}
	if got := ix.Passages("b"); len(got) != 0 {
		t.Errorf("the valid key of a Mute call with a malformed one was not muted: %+v", got)
	}
	// Muting through Options, as the service does at open.
	ix2 := New(Options{Muted: []string{key}})
	mustPut(t, ix2, "a", paraDispatch+" "+paraFarmers)
	mustPut(t, ix2, "b", paraCouncil+" "+paraDispatchEdited)
	if got := ix2.Passages("a"); len(got) != 0 {
		t.Errorf("New with Muted: Passages(a) = %+v, want none", got)
	}
	if _, cs := Naive(map[string]string{"a": paraDispatch, "b": paraDispatchEdited}, Options{Muted: []string{key}}); len(cs) != 0 {
		t.Errorf("Naive with Muted: clusters %+v, want none", cs)
	}
}

func TestIndex_Put_errors(t *testing.T) {
	ix := New(Options{})
	for _, id := range []string{"", strings.Repeat("x", MaxIDBytes+1)} {
		if err := ix.Put(id, "text"); err == nil {
			t.Errorf("Put(%.20q) succeeded", id)
		}
	}
	if err := ix.Put(strings.Repeat("x", MaxIDBytes), "text"); err != nil {
		t.Errorf("Put with a %d-byte ID: %v", MaxIDBytes, err)
	}
}

// TestIndex_PassagesMatchClusters checks that every document's passages
// are its members in Clusters, with the same keys where the cluster is
// one aligned pair.
func TestIndex_PassagesMatchClusters(t *testing.T) {
	spec := qualitySpec
	spec.seed, spec.originals, spec.derived, spec.unrelated = 5, 40, 80, 20
	c := generate(spec)
	ix := indexCorpus(t, c, Options{})
	members := map[string][]Span{}
	for _, cl := range ix.Clusters() {
		for _, m := range cl.Members {
			members[m.DocID] = append(members[m.DocID], m)
		}
	}
	for _, a := range c.arts {
		var got []Span
		for _, p := range ix.Passages(a.id) {
			got = append(got, Span{a.id, p.Start, p.End})
			if p.Start < 0 || p.End > utf8.RuneCountInString(a.text) || p.Start >= p.End {
				t.Errorf("%s: passage [%d,%d) outside the text", a.id, p.Start, p.End)
			}
		}
		want := members[a.id]
		slices.SortFunc(want, compareSpan)
		if !slices.Equal(got, want) {
			t.Errorf("%s: passages %v, cluster members %v", a.id, got, want)
		}
	}
}

// TestIndex_concurrent runs every operation from several goroutines at
// once (run with -race), then checks the index against a fresh one.
func TestIndex_concurrent(t *testing.T) {
	spec := qualitySpec
	spec.seed, spec.originals, spec.derived, spec.unrelated = 41, 15, 30, 15
	c := generate(spec)
	ix := New(Options{})
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < len(c.arts); i += 4 {
				a := c.arts[i]
				if err := ix.Put(a.id, a.text); err != nil {
					t.Error(err)
				}
				ix.Passages(c.arts[i/2].id)
				if i%7 == 0 {
					ix.Clusters()
					ix.Delete(a.id)
					if err := ix.Put(a.id, a.text); err != nil {
						t.Error(err)
					}
				}
				if i%11 == 0 {
					_ = ix.Mute("00000000000000ff")
					ix.Unmute("00000000000000ff")
					var buf strings.Builder
					if _, err := ix.WriteTo(&buf); err != nil {
						t.Error(err)
					}
				}
			}
		}()
	}
	wg.Wait()
	want := indexCorpus(t, c, Options{})
	if got, w := ix.Clusters(), want.Clusters(); !slices.EqualFunc(got, w, func(a, b Cluster) bool {
		return a.Key == b.Key && slices.Equal(a.Members, b.Members)
	}) {
		t.Errorf("after concurrent use: %d clusters, a fresh index has %d", len(got), len(w))
	}
}
