package notebook_test

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/glossnotes/gloss/notebook"
	"github.com/glossnotes/gloss/notebook/export"
	"github.com/glossnotes/gloss/notebook/ingest"
)

// TestNotebook_Excerpts_reuse checks that an export that asks for reuse
// names, under each excerpt, the other articles carrying its passage —
// and only there — in every text format.
func TestNotebook_Excerpts_reuse(t *testing.T) {
	nb, sample := sampleNB(t)
	other := add(t, nb, ingest.Draft{
		Title: "Burkina junta hosts Russian envoy", Outlet: "Harbour Post",
		Published: time.Date(2024, 3, 15, 0, 0, 0, 0, time.UTC),
		Text:      "A regional daily reports on the visit.\n\n" + strings.Replace(copiedParagraph, "trying to isolate", "seeking to isolate", 1),
	})
	onPassage, err := nb.Highlight(notebook.HighlightSpec{ArticleID: sample.ID, Quote: "highest-ranking Russian defence official"})
	if err != nil {
		t.Fatal(err)
	}
	elsewhere, err := nb.Highlight(notebook.HighlightSpec{ArticleID: sample.ID, Quote: "Orlovsky waved the criticism aside"})
	if err != nil {
		t.Fatal(err)
	}
	alsoIn := func(sel notebook.ExportScope) map[string][]notebook.ReuseMatch {
		t.Helper()
		got := map[string][]notebook.ReuseMatch{}
		for set, err := range nb.Excerpts(sel) {
			if err != nil {
				t.Fatal(err)
			}
			for id, ms := range set.AlsoIn {
				got[id] = ms
			}
		}
		return got
	}
	if got := alsoIn(notebook.ExportScope{ArticleIDs: []string{sample.ID}}); len(got) != 0 {
		t.Errorf("without Reuse: %+v", got)
	}
	for _, byCreation := range []bool{false, true} {
		got := alsoIn(notebook.ExportScope{ArticleIDs: []string{sample.ID}, Reuse: true, ByCreation: byCreation})
		ms := got[onPassage.ID]
		if len(got) != 1 || len(ms) != 1 || ms[0].ArticleID != other.ID || ms[0].Title != other.Title ||
			ms[0].Outlet != "Harbour Post" || ms[0].Published != "2024-03-15" || ms[0].Similarity < 0.8 {
			t.Errorf("by creation %v: AlsoIn %+v", byCreation, got)
		}
		if _, ok := got[elsewhere.ID]; ok {
			t.Errorf("a highlight outside the shared passage is also in %+v", got[elsewhere.ID])
		}
	}

	want := "Burkina junta hosts Russian envoy (Harbour Post, 2024-03-15)"
	for _, f := range []export.Format{export.Markdown, export.HTML, export.Text, export.CSV} {
		opt := export.Options{Format: f, Reuse: true}
		var buf bytes.Buffer
		if _, err := export.Write(&buf, nb.Excerpts(opt.Scope(notebook.ExportScope{ArticleIDs: []string{sample.ID}})), opt); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		if n := strings.Count(buf.String(), want); n != 1 {
			t.Errorf("%s names the other carrier %d times, want once:\n%s", f, n, buf.String())
		}
	}
}
