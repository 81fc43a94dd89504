package search

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func search(t *testing.T, ix *Index, q string) []string {
	t.Helper()
	hits, err := ix.Search(q, 100)
	if err != nil {
		t.Fatalf("Search(%q): %v", q, err)
	}
	ids := hitIDs(hits)
	slices.Sort(ids)
	return ids
}

func TestIndex_Put(t *testing.T) {
	ix := New()
	ix.Put(Doc{ID: "n1", Quote: "Wagner Group in Mali", Color: "red"})
	ix.Put(Doc{ID: "n2", Quote: "Lavrov in Bamako"})
	ix.Put(Doc{Quote: "no ID: ignored"})
	if got := ix.Len(); got != 2 {
		t.Fatalf("Len = %d, want 2", got)
	}
	if got := search(t, ix, "mali"); !reflect.DeepEqual(got, []string{"n1"}) {
		t.Errorf("mali: %v", got)
	}
	// Editing n1 replaces its words and its colour.
	ix.Put(Doc{ID: "n1", Quote: "Wagner Group in Bamako", Color: "blue"})
	for q, want := range map[string][]string{
		"mali":            nil,
		"bamako":          {"n1", "n2"},
		"wagner":          {"n1"},
		"color:red":       nil,
		"color:blue":      {"n1"},
		"ignored":         nil,
		"wagner bamako":   {"n1"},
		"group -lavrov":   {"n1"},
		`"in bamako"`:     {"n1", "n2"},
		`"group in mali"`: nil,
	} {
		if got := search(t, ix, q); !slices.Equal(got, want) {
			t.Errorf("after the edit, %q finds %v, want %v", q, got, want)
		}
	}
	if got := ix.Len(); got != 2 {
		t.Errorf("Len after an edit = %d, want 2", got)
	}
}

func TestIndex_Delete(t *testing.T) {
	ix := Build([]Doc{{ID: "a", Quote: "alpha beta"}, {ID: "b", Quote: "beta gamma"}, {ID: "c", Quote: "gamma"}})
	ix.Delete("b")
	ix.Delete("missing")
	if got := ix.Len(); got != 2 {
		t.Fatalf("Len = %d, want 2", got)
	}
	if got := search(t, ix, "beta"); !slices.Equal(got, []string{"a"}) {
		t.Errorf("beta finds %v", got)
	}
	if got := search(t, ix, ""); !slices.Equal(got, []string{"a", "c"}) {
		t.Errorf("everything: %v", got)
	}
	// The freed slot is reused by the next document.
	ix.Put(Doc{ID: "d", Quote: "delta beta"})
	if got := search(t, ix, "beta"); !slices.Equal(got, []string{"a", "d"}) {
		t.Errorf("beta after reuse finds %v", got)
	}
	ix.Delete("a")
	ix.Delete("c")
	ix.Delete("d")
	if got := search(t, ix, "beta"); len(got) != 0 || ix.Len() != 0 {
		t.Errorf("empty index finds %v, Len %d", got, ix.Len())
	}
}

func TestIndex_Apply(t *testing.T) {
	ix := Build([]Doc{{ID: "a", Quote: "alpha"}, {ID: "b", Quote: "beta"}})
	ix.Apply([]Doc{{ID: "c", Quote: "gamma"}, {ID: "b", Quote: "beta two"}}, []string{"a", "b"})
	if got := search(t, ix, ""); !slices.Equal(got, []string{"b", "c"}) {
		t.Errorf("after Apply: %v", got)
	}
	if got := search(t, ix, "two"); !slices.Equal(got, []string{"b"}) {
		t.Errorf("two: %v", got)
	}
}

// TestIndex_Apply_atomic searches while batches of two documents sharing a
// word come and go: a search must see both or neither.
func TestIndex_Apply_atomic(t *testing.T) {
	ix := Build(genCorpus(corpusSpec{seed: 3, articles: 20, annotations: 200, articleWords: 100, vocab: 500}))
	stop := make(chan struct{})
	var wg sync.WaitGroup
	var sawBoth atomic.Int64
	errs := make(chan string, 4)
	for range 2 {
		wg.Go(func() {
			for {
				select {
				case <-stop:
					return
				default:
				}
				hits, err := ix.Search("zyxwvut", 10)
				if len(hits) == 2 {
					sawBoth.Add(1)
				}
				if err != nil || (len(hits) != 0 && len(hits) != 2) {
					select {
					case errs <- fmt.Sprintf("a search saw %d of 2 documents (err %v)", len(hits), err):
					default:
					}
				}
			}
		})
	}
	// At least 300 batches, and on until a search has seen one (the
	// searchers may start late on a loaded machine), for at most 10 s.
	deadline := time.Now().Add(10 * time.Second)
	for i := 0; i < 300 || sawBoth.Load() == 0 && time.Now().Before(deadline); i++ {
		if i%2 == 0 {
			ix.Apply([]Doc{{ID: "x1", Quote: "zyxwvut one"}, {ID: "x2", Note: "zyxwvut two"}}, nil)
		} else {
			ix.Apply(nil, []string{"x1", "x2"})
		}
	}
	close(stop)
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
	if sawBoth.Load() == 0 {
		t.Error("no search saw the batch: Apply never made it visible")
	}
}

// TestBuild_sameAsPut checks that the parallel Build (with its merged
// vocabularies) answers like an index filled one Put at a time.
func TestBuild_sameAsPut(t *testing.T) {
	docs := genCorpus(corpusSpec{seed: 5, articles: 200, annotations: 5000, articleWords: 200, vocab: 3000})
	docs = append(docs, Doc{ID: docs[0].ID, Kind: KindArticle, Title: "a later duplicate wins", Body: "Goi\u0308ta"})
	built := Build(docs)
	put := New()
	for _, d := range docs {
		put.Put(d)
	}
	if built.Len() != put.Len() || built.Len() != len(docs)-1 {
		t.Fatalf("Len: built %d, put %d, want %d", built.Len(), put.Len(), len(docs)-1)
	}
	queries := append(benchQueries(docs, 40), "goita", "duplicate", "tag:Sahel", "color:red before:2021", "is:orphan")
	for _, q := range queries {
		a, errA := built.Search(q, 30)
		b, errB := put.Search(q, 30)
		if errA != nil || errB != nil {
			t.Fatalf("%q: %v, %v", q, errA, errB)
		}
		if !reflect.DeepEqual(a, b) {
			t.Errorf("%q: Build gives %v, Put gives %v", q, hitIDs(a), hitIDs(b))
		}
	}
}

func TestIndex_Search_ranges(t *testing.T) {
	d := Doc{ID: "a", Kind: KindArticle, Title: "Goïta meets Lavrov", Byline: "Isaac Mugabi", Outlet: "DW",
		Body: "Colonel Goi\u0308ta met Sergey Lavrov — “Lavrov’s visit” — in Bamako.", Tags: []string{"Sahel/Mali"}}
	ix := Build([]Doc{d})
	hits, err := ix.Search("lavrov goita mali", 5)
	if err != nil || len(hits) != 1 {
		t.Fatalf("Search: %v %v", hits, err)
	}
	got := map[Field][]string{}
	for _, m := range hits[0].Matches {
		text := []rune(FieldText(d, m.Field))
		for _, r := range m.Ranges {
			got[m.Field] = append(got[m.Field], string(text[r.Start:r.End]))
		}
	}
	want := map[Field][]string{
		FieldTags:  {"Mali"},
		FieldTitle: {"Goïta", "Lavrov"},
		FieldBody:  {"Goi\u0308ta", "Lavrov", "Lavrov"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("matched text %q, want %q", got, want)
	}
	hits, _ = ix.Search(`"sergey lavrov"`, 5)
	if len(hits) != 1 || !reflect.DeepEqual(hits[0].Matches, []Match{{FieldBody, []Range{{19, 25}, {26, 32}}}}) {
		t.Errorf("phrase ranges %+v", hits)
	}
}

func TestIndex_Search_filterOnly(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2023, 1, d, 0, 0, 0, 0, time.UTC) }
	ix := Build([]Doc{
		{ID: "old", Tags: []string{"Sahel"}, Updated: day(1)},
		{ID: "new", Tags: []string{"Sahel/Mali"}, Updated: day(3)},
		{ID: "mid", Tags: []string{"Sahelian"}, Updated: day(2)},
		{ID: "art", Kind: KindArticle, Tags: []string{"sahel"}, Updated: day(4), Published: day(2)},
	})
	for q, want := range map[string][]string{
		"tag:Sahel":                {"art", "new", "old"}, // most recent first; Sahelian is another tag
		"-tag:Sahel":               {"mid"},
		"is:article":               {"art"},
		"after:2023-01-02":         {"art"},
		"before:2023-01-02":        nil,
		"is:highlight tag:Sahel":   {"new", "old"},
		"":                         {"art", "new", "mid", "old"},
		"has:tag -tag:sahel/mali":  {"art", "mid", "old"},
		"color:red":                nil,
		"-color:red is:annotation": {"new", "mid", "old"},
	} {
		hits, err := ix.Search(q, 10)
		if err != nil {
			t.Fatalf("%q: %v", q, err)
		}
		if got := hitIDs(hits); !slices.Equal(got, want) {
			t.Errorf("%q: %v, want %v", q, got, want)
		}
	}
}

func TestIndex_Search_limit(t *testing.T) {
	var docs []Doc
	for i := range 120 {
		docs = append(docs, Doc{ID: fmt.Sprint(i), Quote: "same words here"})
	}
	ix := Build(docs)
	for limit, want := range map[int]int{1: 1, 10: 10, 0: DefaultLimit, -5: DefaultLimit, 1000: 120} {
		hits, _ := ix.Search("same words", limit)
		if len(hits) != want {
			t.Errorf("limit %d: %d hits, want %d", limit, len(hits), want)
		}
	}
}

// TestIndex_Search_badInput feeds the fixture index hostile queries: each
// must give hits or an error, never a panic.
func TestIndex_Search_badInput(t *testing.T) {
	ix := Build(fixture(t))
	cases := []struct {
		query   string
		wantErr bool
	}{
		{"", false},
		{strings.Repeat("a", 10_000), false},
		{strings.Repeat("lavrov ", 1500), true},
		{strings.Repeat("é", 5000), false},
		{strings.Repeat(`"`, 10_000), false},
		{strings.Repeat("-", 10_000), false},
		{strings.Repeat("x:", 5000), true},
		{"tag:Sahel is:orphan has:note", false},
		{`"unbalanced phrase with lavrov`, false},
		{`wagner "`, false},
		{"\xff\xfe\xfd", false},
		{"lav\xffrov", false},
		{"\x00\x01", false},
		{"ＷＡＧＮＥＲ\u200b", false},
	}
	for _, c := range cases {
		_, err := ix.Search(c.query, 20)
		if (err != nil) != c.wantErr {
			t.Errorf("Search(%.20q…): error %v, want error %v", c.query, err, c.wantErr)
		}
	}
	hits, err := ix.Search("", 1000)
	if err != nil || len(hits) != ix.Len() && len(hits) != 1000 {
		t.Errorf("the empty query lists %d of %d documents (err %v)", len(hits), ix.Len(), err)
	}
}

func TestKind_String(t *testing.T) {
	if KindAnnotation.String() != "annotation" || KindArticle.String() != "article" || Kind(9).String() != "kind(9)" {
		t.Error("Kind.String")
	}
	var names []string
	for f := FieldNote; f <= FieldBody; f++ {
		names = append(names, f.String())
	}
	if strings.Join(names, ",") != "note,quote,tags,title,byline,body" || Field(9).String() != "field(9)" {
		t.Errorf("Field names %v", names)
	}
}

func TestFieldText(t *testing.T) {
	a := Doc{Kind: KindArticle, Byline: "Isaac Mugabi", Outlet: "DW", Tags: []string{"Sahel", "Mali"}, Quote: "ignored"}
	n := Doc{Kind: KindAnnotation, Quote: "q", Title: "not searched", Body: "ignored"}
	for _, c := range []struct {
		d    Doc
		f    Field
		want string
	}{
		{a, FieldByline, "Isaac Mugabi · DW"},
		{Doc{Kind: KindArticle, Outlet: "DW"}, FieldByline, "DW"},
		{a, FieldTags, "Sahel, Mali"},
		{a, FieldQuote, ""},
		{n, FieldQuote, "q"},
		{n, FieldTitle, ""},
		{n, FieldBody, ""},
	} {
		if got := FieldText(c.d, c.f); got != c.want {
			t.Errorf("FieldText(%v) = %q, want %q", c.f, got, c.want)
		}
	}
}
