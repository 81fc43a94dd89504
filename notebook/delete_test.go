package notebook_test

import (
	"errors"
	"testing"

	"github.com/glossnotes/gloss/notebook"
	"github.com/glossnotes/gloss/notebook/ingest"
)

// TestNotebook_Delete: articles and annotations go to the trash in one
// transaction; an unknown ID deletes nothing; an annotation of an article
// deleted in the same call goes with its article.
func TestNotebook_Delete(t *testing.T) {
	nb := open(t)
	a := add(t, nb, ingest.Draft{Title: "A", Text: mali})
	b := add(t, nb, ingest.Draft{Title: "B", Text: "Another text about the Sahel.\n\nSecond paragraph."})
	ha, err := nb.Highlight(notebook.HighlightSpec{ArticleID: a.ID, Quote: "Orlovsky"})
	if err != nil {
		t.Fatal(err)
	}
	hb, err := nb.Highlight(notebook.HighlightSpec{ArticleID: b.ID, Quote: "Sahel"})
	if err != nil {
		t.Fatal(err)
	}
	// One unknown ID: nothing is deleted.
	if _, err := nb.Delete(a.ID, "01NOSUCHID0000000000000000", hb.ID); !errors.Is(err, notebook.ErrNotFound) {
		t.Fatalf("Delete with an unknown ID: %v", err)
	}
	if arts, _ := nb.Articles(notebook.ListOptions{}); len(arts) != 2 {
		t.Fatalf("a failed Delete removed articles: %d left", len(arts))
	}
	if _, err := nb.Annotation(hb.ID); err != nil {
		t.Fatalf("a failed Delete removed an annotation: %v", err)
	}
	// An article, its own annotation (given too) and another article's
	// annotation.
	entries, err := nb.Delete(a.ID, ha.ID, hb.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 2 || entries[0].Kind != notebook.TrashArticle || len(entries[0].Annotations) != 1 || entries[1].ID != hb.ID {
		t.Fatalf("entries %+v", entries)
	}
	trash, err := nb.TrashEntries()
	if err != nil || len(trash) != 2 {
		t.Fatalf("trash %d entries (%v)", len(trash), err)
	}
	if arts, _ := nb.Articles(notebook.ListOptions{}); len(arts) != 1 || arts[0].ID != b.ID {
		t.Errorf("articles left: %+v", arts)
	}
}

// TestNotebook_Restore: several items come back in one transaction, or
// none; an entry whose ID a live record holds is refused, never written
// over it.
func TestNotebook_Restore(t *testing.T) {
	nb := open(t)
	a := add(t, nb, ingest.Draft{Title: "A", Text: mali})
	h, err := nb.Highlight(notebook.HighlightSpec{ArticleID: a.ID, Quote: "Orlovsky"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := nb.Delete(h.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := nb.Delete(a.ID); err != nil {
		t.Fatal(err)
	}
	// The annotation before its article: refused, nothing restored.
	if _, err := nb.Restore(h.ID, a.ID); err == nil {
		t.Fatal("an annotation was restored before its article")
	}
	if arts, _ := nb.Articles(notebook.ListOptions{}); len(arts) != 0 {
		t.Fatalf("a failed Restore brought %d articles back", len(arts))
	}
	es, err := nb.Restore(a.ID, h.ID)
	if err != nil || len(es) != 2 || es[0].Kind != notebook.TrashArticle || es[1].Kind != notebook.TrashAnnotation {
		t.Fatalf("Restore = %+v, %v", es, err)
	}
	if anns, _ := nb.Annotations(a.ID); len(anns) != 1 {
		t.Errorf("%d annotations after restoring", len(anns))
	}
	if _, err := nb.Restore(a.ID); !errors.Is(err, notebook.ErrNotFound) {
		t.Errorf("restoring twice: %v", err)
	}
}

// TestNotebook_EmptyTrash: named entries, then all, go for good.
func TestNotebook_EmptyTrash(t *testing.T) {
	nb := open(t)
	a := add(t, nb, ingest.Draft{Title: "A", Text: mali})
	b := add(t, nb, ingest.Draft{Title: "B", Text: "Another text.\n\nSecond paragraph."})
	if _, err := nb.Delete(a.ID, b.ID); err != nil {
		t.Fatal(err)
	}
	if n, err := nb.EmptyTrash(a.ID); err != nil || n != 1 {
		t.Fatalf("EmptyTrash(a) = %d, %v", n, err)
	}
	if _, err := nb.Restore(a.ID); !errors.Is(err, notebook.ErrNotFound) {
		t.Errorf("a purged article came back: %v", err)
	}
	if _, err := nb.EmptyTrash("01NOSUCHID0000000000000000"); !errors.Is(err, notebook.ErrNotFound) {
		t.Errorf("unknown ID: %v", err)
	}
	if n, err := nb.EmptyTrash(); err != nil || n != 1 {
		t.Fatalf("EmptyTrash() = %d, %v", n, err)
	}
	if es, _ := nb.TrashEntries(); len(es) != 0 {
		t.Errorf("trash still holds %d", len(es))
	}
	if p, err := nb.Check(); err != nil || len(p) != 0 {
		t.Errorf("check: %v %v", p, err)
	}
}

// TestNotebook_UndoReattach: the anchor a manual re-attach replaced comes
// back whole (an orphan stays an orphan with its old quote).
func TestNotebook_UndoReattach(t *testing.T) {
	nb := open(t)
	a := add(t, nb, ingest.Draft{Title: "A", Text: mali})
	h, err := nb.Highlight(notebook.HighlightSpec{ArticleID: a.ID, Quote: "Orlovsky"})
	if err != nil {
		t.Fatal(err)
	}
	moved, err := nb.Reattach(h.ID, notebook.HighlightSpec{Quote: "Ouagadougou"})
	if err != nil || moved.Quote != "Ouagadougou" {
		t.Fatalf("reattach: %+v %v", moved, err)
	}
	back, err := nb.UndoReattach(h.ID)
	if err != nil {
		t.Fatal(err)
	}
	if back.Quote != h.Quote || back.Start != h.Start || back.End != h.End || back.Prefix != h.Prefix || back.Suffix != h.Suffix || back.Status != h.Status || len(back.History) != 0 {
		t.Errorf("after undo %+v, want %+v", back, h)
	}
	if _, err := nb.UndoReattach(h.ID); !errors.Is(err, notebook.ErrInvalid) {
		t.Errorf("a second undo: %v", err)
	}
}
