package notebook_test

import (
	"strings"
	"testing"
	"time"

	"github.com/glossnotes/gloss/internal/testutil"
	"github.com/glossnotes/gloss/notebook"
	"github.com/glossnotes/gloss/notebook/ingest"
)

// copiedParagraph is a paragraph of the sample page that a second,
// original article reprints with light edits, as outlets do with wire copy.
const copiedParagraph = "According to the transitional authorities, it is the highest-ranking Russian defence official ever to set foot in Burkina Faso. It is also Orlovsky’s fourth African tour since October 2023, part of a push to win friends on the continent at a time when Western capitals are trying to isolate Moscow."

func TestNotebook_Reuse(t *testing.T) {
	nb, sample := sampleNB(t)
	body, _ := nb.Text(sample.ID)
	if !strings.Contains(body.Text, copiedParagraph) {
		t.Fatal("the sample lacks the paragraph")
	}
	edited := strings.Replace(copiedParagraph, "trying to isolate", "seeking to isolate", 1)
	other := add(t, nb, ingest.Draft{
		Title: "Burkina junta hosts Russian envoy", Outlet: "Harbour Post",
		Published: time.Date(2024, 3, 15, 0, 0, 0, 0, time.UTC),
		Text:      "A regional daily reports on the visit.\n\n" + edited + "\n\nThe paper adds that farmers in the north are waiting for the wheat.",
	})
	unrelated := add(t, nb, ingest.Draft{Title: "Harvest", Text: "Farmers said in a statement that the millet harvest would be late this year because of the rains."})

	ps, err := nb.Reuse(other.ID, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(ps) != 1 || len(ps[0].Others) != 1 || ps[0].Others[0].ArticleID != sample.ID || ps[0].Others[0].Published != testutil.SamplePublished {
		t.Fatalf("passages %+v", ps)
	}
	got := []rune("A regional daily reports on the visit.\n\n" + edited)
	if span := string(got[ps[0].Start:ps[0].End]); !strings.Contains(span, "highest-ranking Russian defence official") || ps[0].Others[0].Similarity < 0.8 {
		t.Errorf("span %q, similarity %.2f", span, ps[0].Others[0].Similarity)
	}
	if ps, _ := nb.Reuse(unrelated.ID, 0); len(ps) != 0 {
		t.Errorf("an unrelated article shares %+v", ps)
	}
	if ps, _ := nb.Reuse(other.ID, 200); len(ps) != 0 {
		t.Errorf("a 52-word passage passes --min-words 200: %+v", ps)
	}
	clusters, err := nb.ReuseClusters()
	if err != nil || len(clusters) != 1 || clusters[0].Earliest.ArticleID != sample.ID {
		t.Fatalf("clusters %+v %v", clusters, err)
	}

	// A highlight on the shared passage is "also in" the other article;
	// a theme with highlights in both articles is one source.
	h1, err := nb.Highlight(notebook.HighlightSpec{ArticleID: sample.ID, Quote: "highest-ranking Russian defence official", Tags: []string{"Visits"}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := nb.Highlight(notebook.HighlightSpec{ArticleID: other.ID, Quote: "fourth African tour", Tags: []string{"Visits"}}); err != nil {
		t.Fatal(err)
	}
	if also := nb.AlsoIn(h1); len(also) != 1 || also[0] != other.ID {
		t.Errorf("AlsoIn = %v", also)
	}
	sources, err := nb.ReuseSources("Visits")
	if err != nil || len(sources) != 1 || sources[0].Origin.ArticleID != sample.ID || len(sources[0].Annotations) != 2 {
		t.Errorf("sources %+v %v", sources, err)
	}

	// Muting hides the passage everywhere, and survives a rebuild.
	if err := nb.MuteReuse(ps[0].Key, true); err != nil {
		t.Fatal(err)
	}
	if ps, _ := nb.Reuse(other.ID, 0); len(ps) != 0 {
		t.Errorf("a muted passage is listed: %+v", ps)
	}
	if err := nb.MuteReuse(ps[0].Key, false); err != nil {
		t.Fatal(err)
	}
	// Deleting an article removes it from the clusters at once.
	if _, err := nb.Delete(sample.ID); err != nil {
		t.Fatal(err)
	}
	if ps, _ := nb.Reuse(other.ID, 0); len(ps) != 0 {
		t.Errorf("after deleting the sample: %+v", ps)
	}
}
