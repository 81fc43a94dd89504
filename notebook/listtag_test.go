package notebook_test

import (
	"errors"
	"slices"
	"testing"

	"github.com/glossnotes/gloss/notebook"
	"github.com/glossnotes/gloss/notebook/ingest"
)

// TestNotebook_Articles_underTag: an article is under a tag when it carries
// the tag (or a child of it) itself, or through one of its annotations.
func TestNotebook_Articles_underTag(t *testing.T) {
	nb := open(t)
	a := add(t, nb, ingest.Draft{Title: "A", Text: mali})
	b := add(t, nb, ingest.Draft{Title: "B", Text: "Another text about the Sahel.\n\nSecond paragraph."})
	add(t, nb, ingest.Draft{Title: "C", Text: "Nothing tagged here."})
	if err := nb.AddTags([]string{a.ID}, []string{"Sahel"}); err != nil {
		t.Fatal(err)
	}
	h, err := nb.Highlight(notebook.HighlightSpec{ArticleID: b.ID, Quote: "Sahel", Tags: []string{"Sahel/Burkina", "Russia–Africa ties"}})
	if err != nil {
		t.Fatal(err)
	}
	titles := func(tag string) []string {
		t.Helper()
		arts, err := nb.Articles(notebook.ListOptions{Tag: tag, Sort: notebook.SortTitle})
		if err != nil {
			t.Fatalf("Articles(tag %q): %v", tag, err)
		}
		var out []string
		for _, a := range arts {
			out = append(out, a.Title)
		}
		return out
	}
	tests := []struct {
		tag  string
		want []string
	}{
		{"Sahel", []string{"A", "B"}},         // A itself, B through a child tag on a highlight
		{"sahel / burkina", []string{"B"}},    // case and spacing fold
		{"Russia–Africa ties", []string{"B"}}, // a highlight's tag only
		{"Russia-Africa ties", nil},           // an ASCII hyphen is another tag
		{"Other", nil},
	}
	for _, tt := range tests {
		if got := titles(tt.tag); !slices.Equal(got, tt.want) {
			t.Errorf("under %q: %v, want %v", tt.tag, got, tt.want)
		}
	}
	if _, err := nb.Delete(h.ID); err != nil {
		t.Fatal(err)
	}
	if got := titles("Sahel"); !slices.Equal(got, []string{"A"}) {
		t.Errorf("after deleting the highlight: %v", got)
	}
	if _, err := nb.Articles(notebook.ListOptions{Tag: "  "}); !errors.Is(err, notebook.ErrInvalid) {
		t.Errorf("empty tag: %v, want ErrInvalid", err)
	}
}
