package notebook_test

import (
	"github.com/glossnotes/gloss/internal/testutil/nbtest"

	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/glossnotes/gloss/notebook"
	"github.com/glossnotes/gloss/notebook/ingest"
)

// selFixture is a notebook of three articles with annotations named by
// the test: "a1" is the first annotation on article A, and so on.
type selFixture struct {
	nb   *notebook.Notebook
	arts map[string]string // name → article ID
	anns map[string]string // name → annotation ID
	name map[string]string // ID → name
}

func newSelFixture(t *testing.T) selFixture {
	t.Helper()
	nb := nbtest.OpenTemp(t)
	f := selFixture{nb: nb, arts: map[string]string{}, anns: map[string]string{}, name: map[string]string{}}
	drafts := []struct {
		name, title, published string
		tags                   []string
		text                   string
	}{
		{"A", "Lavrov in Bamako", "2023-02-08", []string{"Sahel"}, "Lavrov visits Bamako.\n\nA large consignment of aircraft was sent.\n\nWagner is expanding."},
		{"B", "France leaves Mali", "2022-05-01", nil, "France withdraws its troops.\n\nThe junta turns to Moscow."},
		{"C", "Undated dispatch", "", nil, "An undated note about Niger.\n\nNothing else."},
		{"D", "Grain prices in Bamako", "2023-06-01", []string{"Sahel/Economy"}, "Bread costs more in the markets.\n\nTraders blame the blockade."},
	}
	for _, d := range drafts {
		var pub time.Time
		if d.published != "" {
			pub, _ = time.Parse(time.DateOnly, d.published)
		}
		r, err := nb.AddArticle(ingest.Draft{Title: d.title, Text: d.text, Published: pub, Tags: d.tags})
		if err != nil {
			t.Fatal(err)
		}
		f.arts[d.name] = r.Article.ID
		f.name[r.Article.ID] = d.name
	}
	// Created in this order, so creation order interleaves the articles.
	hs := []struct {
		name, art, quote string
		color            notebook.Color
		tags             []string
		note             string
	}{
		{"a2", "A", "Wagner is expanding", notebook.Red, []string{"Sahel/Mali"}, "see the UN report"},
		{"b1", "B", "France withdraws", notebook.Red, []string{"Sahel/Security"}, ""},
		{"a1", "A", "consignment of aircraft", notebook.Yellow, []string{"Russia–Africa ties"}, ""},
		{"c1", "C", "Niger", notebook.Yellow, []string{"Other"}, ""},
		{"b2", "B", "turns to Moscow", notebook.Green, nil, ""},
	}
	for _, h := range hs {
		a, err := nb.Highlight(notebook.HighlightSpec{ArticleID: f.arts[h.art], Quote: h.quote, Color: h.color, Tags: h.tags, Note: h.note})
		if err != nil {
			t.Fatalf("highlight %s: %v", h.name, err)
		}
		f.anns[h.name] = a.ID
		f.name[a.ID] = h.name
	}
	return f
}

// collect runs a selection and describes the stream as "A:a1,a2 B:b1".
func (f selFixture) collect(t *testing.T, sel notebook.ExportScope) (string, error) {
	t.Helper()
	var parts []string
	for set, err := range f.nb.Excerpts(sel) {
		if err != nil {
			return strings.Join(parts, " "), err
		}
		if set.Text == "" {
			t.Errorf("article %s streamed without its text", f.name[set.Article.ID])
		}
		var names []string
		for _, a := range set.Annotations {
			if a.ArticleID != set.Article.ID {
				t.Errorf("annotation %s streamed with article %s", f.name[a.ID], f.name[set.Article.ID])
			}
			names = append(names, f.name[a.ID])
		}
		parts = append(parts, f.name[set.Article.ID]+":"+strings.Join(names, ","))
	}
	return strings.Join(parts, " "), nil
}

func selDate(t *testing.T, s string) notebook.Date {
	t.Helper()
	d, err := notebook.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestNotebook_Excerpts(t *testing.T) {
	f := newSelFixture(t)
	tests := []struct {
		name string
		sel  notebook.ExportScope
		want string
	}{
		{"all, document order", notebook.ExportScope{All: true}, "A:a1,a2 B:b1,b2 C:c1"},
		{"tag on article or annotation, with children", notebook.ExportScope{Tag: "sahel"}, "A:a1,a2 B:b1"},
		{"child tag only", notebook.ExportScope{Tag: "Sahel/Mali"}, "A:a2"},
		{"tag with en dash", notebook.ExportScope{Tag: "Russia–Africa ties"}, "A:a1"},
		{"unknown tag", notebook.ExportScope{Tag: "Nowhere"}, ""},
		{"colour", notebook.ExportScope{Color: "RED"}, "A:a2 B:b1"},
		{"published after", notebook.ExportScope{After: selDate(t, "2023-01-01")}, "A:a1,a2"},
		{"published before", notebook.ExportScope{Before: selDate(t, "2023")}, "B:b1,b2"},
		{"date range and colour", notebook.ExportScope{After: selDate(t, "2022"), Before: selDate(t, "2024"), Color: notebook.Red}, "A:a2 B:b1"},
		{"articles in the order given", notebook.ExportScope{ArticleIDs: []string{f.arts["C"], f.arts["A"], f.arts["C"]}}, "C:c1 A:a1,a2"},
		{"named article kept when nothing matches", notebook.ExportScope{ArticleIDs: []string{f.arts["B"]}, Color: notebook.Yellow}, "B:"},
		{"query finds annotations", notebook.ExportScope{Query: "consignment"}, "A:a1"},
		{"query operator on the article", notebook.ExportScope{Query: "in:dispatch"}, "C:c1"},
		{"article body alone does not select", notebook.ExportScope{Query: "Bamako"}, ""},
		{"query and tag", notebook.ExportScope{Query: "France", Tag: "Sahel"}, "B:b1"},
		{"by creation", notebook.ExportScope{All: true, ByCreation: true}, "A:a2 B:b1 A:a1 C:c1 B:b2"},
		{"by creation, filtered", notebook.ExportScope{Color: notebook.Red, ByCreation: true}, "A:a2 B:b1"},
		// Whole articles, for lists of references: articles in scope
		// without a selected annotation come too.
		{"whole: all", notebook.ExportScope{All: true, WholeArticles: true}, "A:a1,a2 B:b1,b2 C:c1 D:"},
		{"whole: tag on the article, its annotations or a child", notebook.ExportScope{Tag: "Sahel", WholeArticles: true}, "A:a1,a2 B:b1 D:"},
		{"whole: tag on an annotation only", notebook.ExportScope{Tag: "Russia–Africa ties", WholeArticles: true}, "A:a1"},
		{"whole: date range", notebook.ExportScope{After: selDate(t, "2023-01-01"), WholeArticles: true}, "A:a1,a2 D:"},
		{"whole: query finds the article's body", notebook.ExportScope{Query: "blockade", WholeArticles: true}, "D:"},
		{"whole: colour needs a highlight of it", notebook.ExportScope{Color: notebook.Green, WholeArticles: true}, "B:b2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := f.collect(t, tt.sel)
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestNotebook_Excerpts_errors(t *testing.T) {
	f := newSelFixture(t)
	tests := []struct {
		name string
		sel  notebook.ExportScope
		want error
	}{
		{"nothing selected", notebook.ExportScope{}, notebook.ErrInvalid},
		{"only an order", notebook.ExportScope{ByCreation: true}, notebook.ErrInvalid},
		{"unknown article", notebook.ExportScope{ArticleIDs: []string{f.arts["A"], "01NOPE000000000000000000000"}}, notebook.ErrNotFound},
		{"bad colour", notebook.ExportScope{Color: "chartreuse"}, notebook.ErrInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := f.collect(t, tt.sel)
			if !errors.Is(err, tt.want) {
				t.Fatalf("err = %v, want %v", err, tt.want)
			}
			if got != "" {
				t.Errorf("streamed %q before the error", got)
			}
		})
	}
}

func TestNotebook_Excerpts_stopEarly(t *testing.T) {
	f := newSelFixture(t)
	for _, byCreation := range []bool{false, true} {
		n := 0
		for range f.nb.Excerpts(notebook.ExportScope{All: true, ByCreation: byCreation}) {
			n++
			break
		}
		if n != 1 {
			t.Errorf("byCreation=%v: %d sets before break", byCreation, n)
		}
	}
}

func TestNotebook_Excerpts_skipsDeleted(t *testing.T) {
	f := newSelFixture(t)
	var seen []string
	for set, err := range f.nb.Excerpts(notebook.ExportScope{All: true}) {
		if err != nil {
			t.Fatal(err)
		}
		seen = append(seen, f.name[set.Article.ID])
		if len(seen) == 1 { // delete B while the export runs
			if _, err := f.nb.Delete(f.arts["B"]); err != nil {
				t.Fatal(err)
			}
		}
	}
	if !slices.Equal(seen, []string{"A", "C"}) {
		t.Errorf("streamed %v, want [A C]", seen)
	}
}
