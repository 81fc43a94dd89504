package notebook_test

import (
	"errors"
	"fmt"
	"testing"

	"github.com/glossnotes/gloss/notebook"
	"github.com/glossnotes/gloss/notebook/ingest"
)

const tariffText = "Tariffs came back in spring.\n\nThe port of Lomé felt it first."

func TestNotebook_CiteKeys(t *testing.T) {
	nb := open(t)
	a := add(t, nb, ingest.Draft{Title: "The tariffs that came back", Byline: "Anna Keller and Jon Ruiz", Published: date("2024-03-14"), Text: tariffText})
	b := add(t, nb, ingest.Draft{Title: "Tariffs, again", Byline: "By Anna Keller", Published: date("2024-05-02"), Text: tariffText + " Again."})
	c := add(t, nb, ingest.Draft{Title: "Ferry crews walk out", Byline: "Staff and agencies", Outlet: "The Harbour Gazette", Text: "Crews stopped work."})
	if a.CiteKey != "keller2024tariffs" || b.CiteKey != "keller2024tariffsa" || c.CiteKey != "harbourferry" {
		t.Fatalf("keys at import: %q %q %q", a.CiteKey, b.CiteKey, c.CiteKey)
	}

	// Editing the metadata keeps the key.
	byline, title := "Marta Quist", "Other words"
	got, err := nb.SetArticle(a.ID, notebook.ArticleUpdate{Byline: &byline, Title: &title})
	if err != nil || got.CiteKey != "keller2024tariffs" {
		t.Fatalf("after editing byline and title: key %q, err %v", got.CiteKey, err)
	}

	set := func(id, key string) (notebook.Article, error) {
		return nb.SetArticle(id, notebook.ArticleUpdate{CiteKey: &key})
	}
	tests := []struct {
		name, id, key, want string
		invalid             bool
	}{
		{"valid key", c.ID, "gazette:ferry-2024", "gazette:ferry-2024", false},
		{"taken, other case", c.ID, "KELLER2024TARIFFSA", "", true},
		{"not a key", c.ID, "no spaces", "", true},
		{"ends with a dash", c.ID, "ferry-", "", true},
		{"own key again", b.ID, "keller2024tariffsa", "keller2024tariffsa", false},
		{"empty: made anew from current metadata", a.ID, "", "quist2024other", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := set(tt.id, tt.key)
			if tt.invalid {
				if !errors.Is(err, notebook.ErrInvalid) {
					t.Fatalf("err = %v, want ErrInvalid", err)
				}
				return
			}
			if err != nil || got.CiteKey != tt.want {
				t.Fatalf("key %q, err %v; want %q", got.CiteKey, err, tt.want)
			}
			if found, err := nb.ArticleByCiteKey(tt.want); err != nil || found.ID != tt.id {
				t.Errorf("ArticleByCiteKey(%q) = %s, %v", tt.want, found.ID, err)
			}
		})
	}
	// The freed key of a is taken by a new article; a's new key is kept
	// through the trash unless taken meanwhile.
	d := add(t, nb, ingest.Draft{Title: "Tariffs return", Byline: "Anna Keller", Published: date("2024-07-01"), Text: "Third text."})
	if d.CiteKey != "keller2024tariffs" {
		t.Errorf("freed key not reused: %q", d.CiteKey)
	}
	if _, err := nb.Delete(b.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := set(d.ID, "keller2024tariffsa"); err != nil {
		t.Fatalf("taking a trashed article's key: %v", err)
	}
	if _, err := nb.Restore(b.ID); err != nil {
		t.Fatal(err)
	}
	restored, err := nb.Article(b.ID)
	if err != nil {
		t.Fatal(err)
	}
	if restored.CiteKey == "keller2024tariffsa" || restored.CiteKey == "" {
		t.Errorf("restored article's key %q clashes or is empty", restored.CiteKey)
	}
	if problems, err := nb.Check(); err != nil || len(problems) > 0 {
		t.Errorf("check: %v %v", problems, err)
	}
}

func TestAssignCiteKeys_clashes(t *testing.T) {
	arts := []notebook.Article{
		{ID: "1", Byline: "Reuters", Title: "Grain prices fall"},
		{ID: "2", Byline: "Reuters", Title: "Grain prices fall", CiteKey: "reutersgrain"},
		{ID: "3", Byline: "Reuters", Title: "Grain prices fall", CiteKey: "REUTERSGRAIN"},
		{ID: "4", CiteKey: "bad key"},
	}
	got := notebook.AssignCiteKeys(arts)
	want := []string{"reutersgraina", "reutersgrain", "reutersgrainb", "anon"}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("key %d = %q, want %q (all: %v)", i, got[i], want[i], got)
		}
	}
}

// TestNotebook_AddArticles_citeKeysInBulk checks that one batch of many
// articles with the same key base gets the keys one-by-one adding would
// give (…a, …b, … in order, around keys already in use), and
// that a later article continues after them.
func TestNotebook_AddArticles_citeKeysInBulk(t *testing.T) {
	nb := open(t)
	first := add(t, nb, ingest.Draft{Title: "Grain report", Byline: "Lea Moro", Published: date("2024-01-02"), Text: "Before the batch."})
	held := add(t, nb, ingest.Draft{Title: "Something else", Byline: "Tom Ash", Text: "Holds a key of the base."})
	key := "moro2024graind"
	if _, err := nb.SetArticle(held.ID, notebook.ArticleUpdate{CiteKey: &key}); err != nil {
		t.Fatal(err)
	}
	var ds []ingest.Draft
	for i := range 40 {
		ds = append(ds, ingest.Draft{Title: "Grain report", Byline: "Lea Moro", Published: date("2024-01-02"), Text: fmt.Sprintf("Batch text number %d.", i)})
	}
	rs, err := nb.AddArticles(ds)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"moro2024graina", "moro2024grainb", "moro2024grainc", "moro2024graine", "moro2024grainf"}
	seen := map[string]bool{first.CiteKey: true, key: true}
	for i, r := range rs {
		if i < len(want) && r.Article.CiteKey != want[i] {
			t.Errorf("draft %d: key %q, want %q", i, r.Article.CiteKey, want[i])
		}
		if seen[r.Article.CiteKey] {
			t.Errorf("draft %d: key %q given twice", i, r.Article.CiteKey)
		}
		seen[r.Article.CiteKey] = true
	}
	if got := rs[len(rs)-1].Article.CiteKey; got != "moro2024grainao" {
		t.Errorf("last key of the batch %q, want moro2024grainao", got)
	}
	next := add(t, nb, ingest.Draft{Title: "Grain report", Byline: "Lea Moro", Published: date("2024-01-02"), Text: "After the batch."})
	if next.CiteKey != "moro2024grainap" {
		t.Errorf("after the batch: %q, want moro2024grainap", next.CiteKey)
	}
	if problems, err := nb.Check(); err != nil || len(problems) > 0 {
		t.Errorf("check: %v %v", problems, err)
	}
}
