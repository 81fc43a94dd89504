package notebook_test

import (
	"context"
	"path/filepath"
	"slices"
	"testing"

	"github.com/glossnotes/gloss/internal/testutil/nbtest"
	"github.com/glossnotes/gloss/notebook"
	gsync "github.com/glossnotes/gloss/notebook/sync"
)

// TestSync_journal: after a sync, an export reads only the items changed
// since (the journal); a write that bypassed the journal makes it read
// everything again, and finds that write.
func TestSync_journal(t *testing.T) {
	w := newSyncWorld(t)
	store := nbtest.Store(t, filepath.Join(w.dir, "Ama.db"))
	ama := notebook.New(store)
	notebook.SetClock(ama, w.clock.Now)
	ama.SetIdentity("Ama <ama@example.org>")
	one := article(t, ama, "Barges at the port", textOne)
	two := article(t, ama, "Fishers build a cold store", textTwo)
	hl, err := ama.Highlight(notebook.HighlightSpec{ArticleID: two.ID, Quote: "cold store"})
	if err != nil {
		t.Fatal(err)
	}
	w.join(ama)
	ctx := context.Background()
	export := func(wantPartial bool, want ...string) {
		t.Helper()
		partial, files, err := notebook.SyncExportNow(ctx, ama)
		if err != nil {
			t.Fatal(err)
		}
		slices.Sort(files)
		slices.Sort(want)
		if partial != wantPartial || !slices.Equal(files, want) {
			t.Errorf("export: partial %v, files %v; want %v, %v", partial, files, wantPartial, want)
		}
	}
	export(true)
	if _, err := ama.SetArticleNote(one.ID, "Ask the ferry operators."); err != nil {
		t.Fatal(err)
	}
	if _, err := ama.EditAnnotation(hl.ID, notebook.AnnotationUpdate{Note: ptr("the store's ledger")}); err != nil {
		t.Fatal(err)
	}
	export(true, gsync.ArticlePath(one.ID), gsync.AnnotationPath(two.ID, hl.ID))
	w.sync(ama)
	export(true)
	// A write straight to the store (as an older Gloss would make).
	if err := store.Update(func(tx notebook.Tx) error {
		a, err := tx.Article(two.ID)
		if err != nil {
			return err
		}
		a.Note = "written without the journal"
		return tx.PutArticle(a)
	}); err != nil {
		t.Fatal(err)
	}
	export(false, gsync.ArticlePath(two.ID))
	// Deleting an article sends it and its highlight to the trash.
	if err := del(ama, two.ID); err != nil {
		t.Fatal(err)
	}
	w.sync(ama)
	ben := w.notebook("Ben")
	w.join(ben)
	same(t, ama, ben)
}
