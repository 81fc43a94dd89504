package notebook_test

import (
	"github.com/glossnotes/gloss/internal/testutil/nbtest"

	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/glossnotes/gloss/notebook"
	"github.com/glossnotes/gloss/notebook/ingest"
)

// open returns a Notebook on a real bbolt file in a temp dir.
func open(t *testing.T) *notebook.Notebook {
	t.Helper()
	return nbtest.OpenTemp(t)
}

func add(t *testing.T, nb *notebook.Notebook, d ingest.Draft) notebook.Article {
	t.Helper()
	r, err := nb.AddArticle(d)
	if err != nil {
		t.Fatal(err)
	}
	if r.Outcome != notebook.Added {
		t.Fatalf("AddArticle(%q) = %s (%s), want imported", d.Title, r.Outcome, r.Reason)
	}
	return r.Article
}

func date(s string) time.Time {
	t, _ := time.Parse("2006-01-02", s)
	return t
}

const mali = "Russia pledges drones and grain to Burkina Faso.\n\nOrlovsky met the junta in Ouagadougou.\n\nWagner Group fighters are in the Sahel; Wagner is also in Ukraine."

func TestNotebook_AddArticle_Duplicates(t *testing.T) {
	nb := open(t)
	first := add(t, nb, ingest.Draft{Title: "One", Text: mali, URL: "https://example.test/a"})
	tests := []struct {
		name   string
		draft  ingest.Draft
		reason string
	}{
		{"same text", ingest.Draft{Title: "Other title", Text: mali}, "same text"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := nb.AddArticle(tt.draft)
			if err != nil {
				t.Fatal(err)
			}
			if r.Outcome != notebook.Duplicate || r.Reason != tt.reason || r.Article.ID != first.ID {
				t.Errorf("got %s/%s/%s, want duplicate/%s/%s", r.Outcome, r.Reason, r.Article.ID, tt.reason, first.ID)
			}
		})
	}
	arts, _ := nb.Articles(notebook.ListOptions{})
	if len(arts) != 1 {
		t.Errorf("%d articles, want 1", len(arts))
	}
	if _, err := nb.AddArticle(ingest.Draft{Title: "empty", Text: "  \n"}); !errors.Is(err, notebook.ErrInvalid) {
		t.Errorf("empty text: err = %v, want ErrInvalid", err)
	}
}

func TestNotebook_Articles_FilterAndSort(t *testing.T) {
	nb := open(t)
	a := add(t, nb, ingest.Draft{Title: "Bravo", Text: "b text", Outlet: "DW", Published: date("2023-02-08"), Tags: []string{"Sahel/Mali"}})
	b := add(t, nb, ingest.Draft{Title: "alpha", Text: "a text", Outlet: "Le Monde", Published: date("2022-06-01"), Tags: []string{"Sahel"}})
	c := add(t, nb, ingest.Draft{Title: "Charlie", Text: "c text", Outlet: "dw", Tags: []string{"Russia–Africa ties"}})
	ids := func(arts []notebook.ArticleSummary) []string {
		var out []string
		for _, x := range arts {
			out = append(out, x.ID)
		}
		return out
	}
	tests := []struct {
		name string
		opt  notebook.ListOptions
		want []string
	}{
		{"default newest added first", notebook.ListOptions{}, []string{c.ID, b.ID, a.ID}},
		{"reverse", notebook.ListOptions{Reverse: true}, []string{a.ID, b.ID, c.ID}},
		{"title A to Z, case-insensitive", notebook.ListOptions{Sort: notebook.SortTitle}, []string{b.ID, a.ID, c.ID}},
		{"published newest first, unknown last", notebook.ListOptions{Sort: notebook.SortPublished}, []string{a.ID, b.ID, c.ID}},
		{"tag includes children", notebook.ListOptions{Tag: "sahel", Sort: notebook.SortTitle}, []string{b.ID, a.ID}},
		{"child tag only", notebook.ListOptions{Tag: "Sahel/Mali"}, []string{a.ID}},
		{"outlet case-insensitive", notebook.ListOptions{Outlet: "DW", Sort: notebook.SortTitle}, []string{a.ID, c.ID}},
		{"after", notebook.ListOptions{After: mustDate(t, "2023-01-01")}, []string{a.ID}},
		{"before", notebook.ListOptions{Before: mustDate(t, "2023")}, []string{b.ID}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := nb.Articles(tt.opt)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(ids(got), tt.want) {
				t.Errorf("got %v, want %v", ids(got), tt.want)
			}
		})
	}
	if _, err := nb.Articles(notebook.ListOptions{Sort: "size"}); !errors.Is(err, notebook.ErrInvalid) {
		t.Errorf("bad sort: err = %v", err)
	}
}

func mustDate(t *testing.T, s string) notebook.Date {
	d, err := notebook.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestNotebook_Highlight(t *testing.T) {
	nb := open(t)
	text := "Wagner is in Mali.\n\nThe Wagner\u00a0Group left.\n\nWagner again, é – 🙂 Wagner."
	art := add(t, nb, ingest.Draft{Title: "W", Text: text})
	tests := []struct {
		name      string
		spec      notebook.HighlightSpec
		wantQuote string
		wantStart int
		wantErr   string
	}{
		{"quote with no-break space typed as space", notebook.HighlightSpec{Quote: "Wagner Group"}, "Wagner\u00a0Group", 24, ""},
		{"ambiguous quote", notebook.HighlightSpec{Quote: "Wagner"}, "", 0, "occurs"},
		{"occurrence", notebook.HighlightSpec{Quote: "Wagner", Occurrence: 3}, "Wagner", 44, ""},
		{"offsets in code points after emoji", notebook.HighlightSpec{Start: 64, End: 70}, "Wagner", 64, ""},
		{"missing quote", notebook.HighlightSpec{Quote: "Prigozhin"}, "", 0, "not found"},
		{"offsets outside", notebook.HighlightSpec{Start: 60, End: 500}, "", 0, "not within"},
		{"bad colour", notebook.HighlightSpec{Quote: "Mali", Color: "teal"}, "", 0, "colour"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.spec.ArticleID = art.ID
			a, err := nb.Highlight(tt.spec)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want it to mention %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if a.Quote != tt.wantQuote || a.Start != tt.wantStart || a.End != tt.wantStart+len([]rune(tt.wantQuote)) {
				t.Errorf("got %q at %d–%d, want %q at %d", a.Quote, a.Start, a.End, tt.wantQuote, tt.wantStart)
			}
			if got := string([]rune(text)[a.Start:a.End]); got != a.Quote {
				t.Errorf("offsets select %q, quote is %q", got, a.Quote)
			}
			if a.Color != notebook.Yellow || a.Status != notebook.Anchored {
				t.Errorf("color %s status %s, want yellow anchored", a.Color, a.Status)
			}
		})
	}
	anns, _ := nb.Annotations(art.ID)
	if len(anns) != 3 || anns[0].Start > anns[1].Start || anns[1].Start > anns[2].Start {
		t.Errorf("annotations not in document order: %+v", anns)
	}
}

func TestNotebook_Tags(t *testing.T) {
	nb := open(t)
	art := add(t, nb, ingest.Draft{Title: "M", Text: mali, Tags: []string{"Sahel/Mali"}})
	h1, err := nb.Highlight(notebook.HighlightSpec{ArticleID: art.ID, Quote: "Orlovsky", Tags: []string{" Russia–Africa ties "}})
	if err != nil {
		t.Fatal(err)
	}
	h2, err := nb.Highlight(notebook.HighlightSpec{ArticleID: art.ID, Quote: "Ouagadougou", Tags: []string{"sahel / MALI", "SAHEL"}})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(h1.Tags, []string{"Russia–Africa ties"}) {
		t.Errorf("h1 tags %q: en dash or trimming lost", h1.Tags)
	}
	if !reflect.DeepEqual(h2.Tags, []string{"Sahel/Mali", "Sahel"}) {
		t.Errorf("h2 tags %q: want first spellings kept", h2.Tags)
	}
	counts := func() map[string][2]int {
		tags, err := nb.Tags()
		if err != nil {
			t.Fatal(err)
		}
		m := map[string][2]int{}
		for _, tc := range tags {
			m[tc.Name] = [2]int{tc.Articles, tc.Annotations}
		}
		return m
	}
	want := map[string][2]int{"Sahel": {1, 1}, "Sahel/Mali": {1, 1}, "Russia–Africa ties": {0, 1}}
	if got := counts(); !reflect.DeepEqual(got, want) {
		t.Errorf("counts = %v, want %v", got, want)
	}

	if n, err := nb.RenameTag("sahel", "West Africa/Sahel"); err != nil || n != 2 {
		t.Fatalf("rename: %d %v", n, err)
	}
	want = map[string][2]int{"West Africa": {1, 1}, "West Africa/Sahel": {1, 1}, "West Africa/Sahel/Mali": {1, 1}, "Russia–Africa ties": {0, 1}}
	if got := counts(); !reflect.DeepEqual(got, want) {
		t.Errorf("after rename: %v, want %v", got, want)
	}
	if _, err := nb.RenameTag("Russia–Africa ties", "West Africa"); !errors.Is(err, notebook.ErrInvalid) {
		t.Errorf("rename onto an existing tag: err = %v, want ErrInvalid", err)
	}
	if _, err := nb.RenameTag("West Africa", "West Africa/Sub"); !errors.Is(err, notebook.ErrInvalid) {
		t.Errorf("rename into itself: err = %v", err)
	}
	if n, err := nb.MergeTag("West Africa/Sahel/Mali", "Russia–Africa ties"); err != nil || n != 2 {
		t.Fatalf("merge: %d %v", n, err)
	}
	got, _ := nb.Annotation(h2.ID)
	if !reflect.DeepEqual(got.Tags, []string{"Russia–Africa ties", "West Africa/Sahel"}) {
		t.Errorf("after merge h2 tags = %q", got.Tags)
	}
	if err := nb.RemoveTags([]string{h1.ID}, []string{"russia–africa TIES"}); err != nil {
		t.Fatal(err)
	}
	if err := nb.RemoveTags([]string{h1.ID}, []string{"nope"}); !errors.Is(err, notebook.ErrInvalid) {
		t.Errorf("removing a tag not carried: %v", err)
	}
	if err := nb.AddTags([]string{art.ID, h1.ID}, []string{"Sahel/Niger"}); err != nil {
		t.Fatal(err)
	}
	if n, err := nb.DeleteTag("West Africa"); err != nil || n != 1 { // only h2 still carries it
		t.Errorf("delete tag: %d %v", n, err)
	}
	if err := nb.AddTags([]string{art.ID}, []string{"  / "}); !errors.Is(err, notebook.ErrInvalid) {
		t.Errorf("empty tag: %v", err)
	}
}

func TestNotebook_TrashAndRestore(t *testing.T) {
	nb := open(t)
	art := add(t, nb, ingest.Draft{Title: "M", Text: mali, Source: []byte("orig"), MediaType: "text/plain"})
	h, err := nb.Highlight(notebook.HighlightSpec{ArticleID: art.ID, Quote: "Orlovsky", Note: "key", Tags: []string{"Sahel"}})
	if err != nil {
		t.Fatal(err)
	}
	h2, _ := nb.Highlight(notebook.HighlightSpec{ArticleID: art.ID, Quote: "Ouagadougou"})

	// An annotation alone.
	if _, err := nb.Delete(h2.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := nb.Annotation(h2.ID); !errors.Is(err, notebook.ErrNotFound) {
		t.Errorf("deleted annotation still there: %v", err)
	}
	// The article with its remaining annotation.
	if _, err := nb.Delete(art.ID); err != nil {
		t.Fatal(err)
	}
	if arts, err := nb.Articles(notebook.ListOptions{}); err != nil || len(arts) != 0 {
		t.Errorf("articles after delete: %d (%v)", len(arts), err)
	}
	if _, err := nb.Restore(h2.ID); err == nil || !strings.Contains(err.Error(), "restore the article first") {
		t.Errorf("restoring an annotation of a trashed article: %v", err)
	}
	trash, _ := nb.TrashEntries()
	if len(trash) != 2 || trash[0].ID != art.ID {
		t.Fatalf("trash = %+v", trash)
	}
	if _, err := nb.Restore(art.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := nb.Restore(h2.ID); err != nil {
		t.Fatal(err)
	}
	got, err := nb.Annotation(h.ID)
	if err != nil || got.Note != "key" {
		t.Errorf("restored annotation: %+v %v", got, err)
	}
	src, err := nb.Source(art.ID)
	if err != nil || string(src.Data) != "orig" {
		t.Errorf("restored source: %q %v", src.Data, err)
	}
	if a, _ := nb.Article(art.ID); a.Annotations != 2 {
		t.Errorf("restored article has %d annotations, want 2", a.Annotations)
	}
	if tags, _ := nb.Tags(); len(tags) != 1 || tags[0].Annotations != 1 {
		t.Errorf("tags after restore: %+v", tags)
	}
	if p, err := nb.Check(); err != nil || len(p) != 0 {
		t.Errorf("check: %v %v", p, err)
	}
	if _, err := nb.Restore(art.ID); !errors.Is(err, notebook.ErrNotFound) {
		t.Errorf("restoring twice: %v", err)
	}
}

func TestNotebook_SetArticle(t *testing.T) {
	nb := open(t)
	a := add(t, nb, ingest.Draft{Title: "Old", Text: mali, URL: "https://a.test"})
	b := add(t, nb, ingest.Draft{Title: "B", Text: "other", URL: "https://b.test"})
	title, outlet := "New title", "DW"
	d := mustDate(t, "2023-02-08")
	got, err := nb.SetArticle(a.ID, notebook.ArticleUpdate{Title: &title, Outlet: &outlet, Published: &d})
	if err != nil {
		t.Fatal(err)
	}
	if got.Title != title || got.Outlet != outlet || got.Published.String() != "2023-02-08" || got.URL != "https://a.test" {
		t.Errorf("got %+v", got)
	}
	url := "https://b.test"
	if _, err := nb.SetArticle(a.ID, notebook.ArticleUpdate{URL: &url}); !errors.Is(err, notebook.ErrInvalid) {
		t.Errorf("taking another article's URL: %v", err)
	}
	empty := " "
	if _, err := nb.SetArticle(b.ID, notebook.ArticleUpdate{Title: &empty}); !errors.Is(err, notebook.ErrInvalid) {
		t.Errorf("empty title: %v", err)
	}
	if _, err := nb.SetArticleNote(a.ID, "**Summary**: Moscow's *pitch*."); err != nil {
		t.Fatal(err)
	}
	if got, _ := nb.Article(a.ID); got.Note != "**Summary**: Moscow's *pitch*." {
		t.Errorf("note = %q", got.Note)
	}
	if _, err := nb.SetArticleNote("NOPE", "x"); !errors.Is(err, notebook.ErrNotFound) {
		t.Errorf("unknown ID: %v", err)
	}
}

func TestNotebook_Resolve(t *testing.T) {
	nb := open(t)
	a := add(t, nb, ingest.Draft{Title: "A", Text: "alpha"})
	b := add(t, nb, ingest.Draft{Title: "B", Text: "bravo"})
	// IDs made in the same millisecond share their first 10 characters.
	common := 0
	for common < len(a.ID) && a.ID[common] == b.ID[common] {
		common++
	}
	tests := []struct {
		name, in, want, err string
	}{
		{"full ID", a.ID, a.ID, ""},
		{"lower-case unique prefix", strings.ToLower(a.ID[:common+1]), a.ID, ""},
		{"ambiguous", a.ID[:common], "", "ambiguous"},
		{"too short", "01", "", "at least"},
		{"unknown", "ZZZZZZ", "", "not found"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.name == "ambiguous" && common < notebook.MinIDPrefix {
				t.Skip("IDs differ too early to build an ambiguous prefix")
			}
			got, err := nb.Resolve(tt.in)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("err = %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Errorf("Resolve(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
			}
		})
	}
}
