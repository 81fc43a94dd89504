package notebook_test

import (
	"fmt"
	"testing"

	"github.com/glossnotes/gloss/notebook"
)

// TestSync_concurrentEdits scripts concurrent edits on every kind of
// record between three notebooks and syncs them in every order.
func TestSync_concurrentEdits(t *testing.T) {
	orders := [][]int{{0, 1, 2}, {0, 2, 1}, {1, 0, 2}, {1, 2, 0}, {2, 0, 1}, {2, 1, 0}}
	for _, order := range orders {
		t.Run(fmt.Sprint(order), func(t *testing.T) {
			t.Parallel()
			w := newSyncWorld(t)
			nbs := []*notebook.Notebook{w.notebook("Ama"), w.notebook("Ben"), w.notebook("Chioma")}
			a, b, c := nbs[0], nbs[1], nbs[2]
			art := article(t, a, "Barges at the port", textOne)
			keep := article(t, a, "Fishers build a cold store", textTwo)
			h1, _ := a.Highlight(notebook.HighlightSpec{ArticleID: art.ID, Quote: "doubled the price of flour", Tags: []string{"Sahel"}})
			h2, _ := a.Highlight(notebook.HighlightSpec{ArticleID: art.ID, Quote: "single window for permits", Note: "n"})
			h3, _ := a.Highlight(notebook.HighlightSpec{ArticleID: keep.ID, Quote: "cold store"})
			w.join(a)
			w.join(b)
			w.join(c)

			// A: edits the text; trashes h2; colours the tag.
			if _, err := a.EditText(art.ID, textOne+"\n\nA late paragraph added by the first reader."); err != nil {
				t.Fatal(err)
			}
			if err := del(a, h2.ID); err != nil {
				t.Fatal(err)
			}
			if err := a.SetTagColor("Sahel", "blue"); err != nil {
				t.Fatal(err)
			}
			// B: edits the text too (later), edits h2's note (against A's
			// deletion), renames the tag, trashes the other article.
			if _, err := b.EditText(art.ID, "A second reader's version.\n\n"+textOne); err != nil {
				t.Fatal(err)
			}
			if _, err := b.EditAnnotation(h2.ID, notebook.AnnotationUpdate{Note: ptr("kept by Ben")}); err != nil {
				t.Fatal(err)
			}
			if _, err := b.RenameTag("Sahel", "West Africa/Sahel"); err != nil {
				t.Fatal(err)
			}
			if err := del(b, keep.ID); err != nil {
				t.Fatal(err)
			}
			// C: highlights the article B trashed, and edits h1's tags.
			h4, err := c.Highlight(notebook.HighlightSpec{ArticleID: keep.ID, Quote: "school exercise book", Tags: []string{"Finance"}})
			if err != nil {
				t.Fatal(err)
			}
			if err := c.AddTags([]string{h1.ID}, []string{"Food"}); err != nil {
				t.Fatal(err)
			}
			for round := 0; round < 2; round++ {
				for _, i := range order {
					w.sync(nbs[i])
				}
			}
			same(t, a, b, c)

			// Both texts kept: B's (later) current, A's a version.
			got, _ := a.Text(art.ID)
			if got.Text != "A second reader's version.\n\n"+textOne {
				t.Errorf("current text = %.60q", got.Text)
			}
			vs, _ := a.Versions(art.ID)
			if len(vs) != 2 {
				t.Errorf("versions = %+v, want the original and A's edit", vs)
			}
			// h2: deleted by A, edited by B: kept with B's note.
			if an, err := a.Annotation(h2.ID); err != nil || an.Note != "kept by Ben" {
				t.Errorf("h2 = %+v %v", an, err)
			}
			// The trashed article got a new highlight: it is restored with
			// both highlights.
			if _, err := a.Article(keep.ID); err != nil {
				t.Errorf("article trashed against a new highlight: %v", err)
			}
			for _, id := range []string{h3.ID, h4.ID} {
				if _, err := a.Annotation(id); err != nil {
					t.Errorf("highlight %s: %v", id, err)
				}
			}
			// h1 carries the renamed tag and C's new one.
			an, _ := a.Annotation(h1.ID)
			if !notebook.HasTag(an.Tags, notebook.TagKey("West Africa/Sahel")) || !notebook.HasTag(an.Tags, "food") {
				t.Errorf("h1 tags = %v", an.Tags)
			}
			if an.Status == notebook.Orphaned {
				t.Errorf("h1 orphaned after the text merge")
			}
		})
	}
}

// TestSync_trashRestore: a trash and a later restore travel.
func TestSync_trashRestore(t *testing.T) {
	w := newSyncWorld(t)
	a, b := w.notebook("Ama"), w.notebook("Ben")
	art := article(t, a, "Barges at the port", textOne)
	hl, _ := a.Highlight(notebook.HighlightSpec{ArticleID: art.ID, Quote: "river port"})
	w.join(a)
	w.join(b)
	if err := del(b, art.ID); err != nil {
		t.Fatal(err)
	}
	w.sync(b)
	w.sync(a)
	same(t, a, b)
	if _, err := a.Article(art.ID); err == nil {
		t.Fatal("the trash did not travel")
	}
	if _, err := a.Restore(art.ID); err != nil {
		t.Fatal(err)
	}
	w.sync(a)
	w.sync(b)
	same(t, a, b)
	if _, err := b.Annotation(hl.ID); err != nil {
		t.Errorf("the restore did not bring the highlight back: %v", err)
	}
}

func del(nb *notebook.Notebook, id string) error {
	_, err := nb.Delete(id)
	return err
}
