package notebook_test

import (
	"reflect"
	"sort"
	"testing"

	"github.com/glossnotes/gloss/notebook"
	"github.com/glossnotes/gloss/notebook/ingest"
)

func TestNotebook_TaggedArticles(t *testing.T) {
	nb := open(t)
	a := add(t, nb, ingest.Draft{Title: "A", Text: mali})
	b := add(t, nb, ingest.Draft{Title: "B", Text: "Another text about the Sahel.\n\nSecond paragraph."})
	c := add(t, nb, ingest.Draft{Title: "C", Text: "Nothing tagged here."})
	if err := nb.AddTags([]string{a.ID}, []string{"Sahel"}); err != nil {
		t.Fatal(err)
	}
	h, err := nb.Highlight(notebook.HighlightSpec{ArticleID: b.ID, Quote: "Sahel", Tags: []string{"Sahel/Mali"}})
	if err != nil {
		t.Fatal(err)
	}
	sorted := func(ids ...string) []string { sort.Strings(ids); return ids }
	tests := []struct {
		tag  string
		want []string
	}{
		{"Sahel", sorted(a.ID, b.ID)},
		{"sahel / mali", []string{b.ID}},
		{"Other", []string{}},
	}
	for _, tt := range tests {
		got, err := nb.TaggedArticles(tt.tag)
		if err != nil {
			t.Fatalf("TaggedArticles(%q): %v", tt.tag, err)
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("TaggedArticles(%q) = %v, want %v", tt.tag, got, tt.want)
		}
	}
	if err := nb.DeleteAnnotation(h.ID); err != nil {
		t.Fatal(err)
	}
	if got, _ := nb.TaggedArticles("Sahel"); !reflect.DeepEqual(got, []string{a.ID}) {
		t.Errorf("after deleting the highlight: %v", got)
	}
	if _, err := nb.TaggedArticles("  "); err == nil {
		t.Error("empty tag: no error")
	}
	_ = c
}
