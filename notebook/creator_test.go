package notebook_test

import (
	"strings"
	"testing"

	"github.com/glossnotes/gloss/notebook"
	"github.com/glossnotes/gloss/notebook/export"
	"github.com/glossnotes/gloss/notebook/ingest"
)

// TestNotebook_Creator: articles and annotations record who made them;
// creator: finds them; the W3C export names the creator.
func TestNotebook_Creator(t *testing.T) {
	nb := open(t)
	nb.SetIdentity("Amara Lindqvist <amara@example.org>\x1b[2J")
	if got := nb.Identity(); got != "Amara Lindqvist <amara@example.org>[2J" {
		t.Errorf("identity %q", got)
	}
	nb.SetIdentity("Amara Lindqvist <amara@example.org>")
	a := add(t, nb, ingest.Draft{Title: "M", Text: mali})
	h, err := nb.Highlight(notebook.HighlightSpec{ArticleID: a.ID, Quote: "Orlovsky"})
	if err != nil {
		t.Fatal(err)
	}
	nb.SetIdentity("Joseph Ouédraogo")
	h2, err := nb.Highlight(notebook.HighlightSpec{ArticleID: a.ID, Quote: "Ouagadougou"})
	if err != nil {
		t.Fatal(err)
	}
	if a.Creator != "Amara Lindqvist <amara@example.org>" || h.Creator != a.Creator || h2.Creator != "Joseph Ouédraogo" {
		t.Errorf("creators %q %q %q", a.Creator, h.Creator, h2.Creator)
	}
	for q, want := range map[string]int{"creator:amara is:highlight": 1, "creator:ouedraogo": 1, "-creator:amara is:highlight": 1, "creator:nobody": 0} {
		hits, err := nb.Search(q, 10)
		if err != nil || len(hits) != want {
			t.Errorf("Search(%q) = %d hits (%v), want %d", q, len(hits), err, want)
		}
	}
	var sb strings.Builder
	if _, err := export.Write(&sb, nb.Excerpts(notebook.ExportScope{All: true}), export.Options{Format: export.JSON}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(sb.String(), `"creator": {`) || !strings.Contains(sb.String(), `"name": "Joseph Ouédraogo"`) {
		t.Errorf("W3C export lacks the creator:\n%s", sb.String())
	}
}
