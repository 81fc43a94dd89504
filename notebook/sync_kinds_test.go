package notebook_test

import (
	"fmt"
	"slices"
	"testing"

	"github.com/glossnotes/gloss/notebook"
	"github.com/glossnotes/gloss/notebook/ingest"
)

// TestSync_textKinds: the same text imported on two machines with other
// paragraph kinds (a heading recognised on one, not on the other) ends
// with one set of kinds on both, whichever syncs first.
func TestSync_textKinds(t *testing.T) {
	for _, first := range []int{0, 1} {
		t.Run(fmt.Sprint(first), func(t *testing.T) {
			t.Parallel()
			w := newSyncWorld(t)
			nbs := []*notebook.Notebook{w.notebook("Ama"), w.notebook("Ben")}
			text := "Market day\n\n" + textTwo
			kinds := [][]ingest.BlockKind{{ingest.Heading, ingest.Body, ingest.Body}, nil}
			for i, nb := range nbs {
				if _, err := nb.AddArticle(ingest.Draft{Title: fmt.Sprintf("Cold store %d", i), Text: text, Kinds: kinds[i],
					URL: fmt.Sprintf("https://ledger.example.org/cold-store-%d", i)}); err != nil {
					t.Fatal(err)
				}
			}
			w.join(nbs[first])
			w.join(nbs[1-first])
			w.sync(nbs[first])
			same(t, nbs...)
			arts, err := nbs[0].Articles(notebook.ListOptions{})
			if err != nil || len(arts) != 1 {
				t.Fatalf("articles = %d %v, want the two made one", len(arts), err)
			}
			var got [][]ingest.BlockKind
			for _, nb := range nbs {
				b, err := nb.Text(arts[0].ID)
				if err != nil {
					t.Fatal(err)
				}
				got = append(got, b.Kinds)
			}
			if !slices.Equal(got[0], got[1]) || !slices.Equal(got[0], kinds[0]) && !slices.Equal(got[0], kinds[1]) {
				t.Errorf("kinds = %v, want one of %v on both", got, kinds)
			}
		})
	}
}
