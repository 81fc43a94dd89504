package notebook_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/glossnotes/gloss/internal/testutil/nbtest"
	"github.com/glossnotes/gloss/notebook"
)

// TestSync_trashSharingID: trash entries that share their ID with a live
// article or highlight (left by bundle merges of an older Gloss) get new
// IDs at the first sync and are sent like the rest of the trash.
func TestSync_trashSharingID(t *testing.T) {
	w := newSyncWorld(t)
	store := nbtest.Store(t, filepath.Join(w.dir, "Ama.db"))
	ama := notebook.New(store)
	notebook.SetClock(ama, w.clock.Now)
	ama.SetIdentity("Ama <ama@example.org>")
	art := article(t, ama, "Barges at the port", textOne)
	hl, err := ama.Highlight(notebook.HighlightSpec{ArticleID: art.ID, Quote: "doubled the price of flour", Note: "live"})
	if err != nil {
		t.Fatal(err)
	}
	body, err := ama.Text(art.ID)
	if err != nil {
		t.Fatal(err)
	}
	old, oldHL := art, hl
	old.Title, oldHL.Note = "Barges at the port (an older copy)", "trashed copy"
	lone := hl
	lone.Note = "trashed on its own"
	if err := store.Update(func(tx notebook.Tx) error {
		if err := tx.PutTrash(notebook.TrashEntry{ID: art.ID, Kind: notebook.TrashArticle, Deleted: w.clock.Now(), Title: old.Title,
			Article: &old, Body: &body, Annotations: []notebook.Annotation{oldHL}}); err != nil {
			return err
		}
		return tx.PutTrash(notebook.TrashEntry{ID: hl.ID, Kind: notebook.TrashAnnotation, Deleted: w.clock.Now(), Title: art.Title,
			Annotations: []notebook.Annotation{lone}})
	}); err != nil {
		t.Fatal(err)
	}
	rep := w.join(ama)
	for _, s := range rep.Skipped {
		t.Errorf("not sent: %s", s)
	}
	ben := w.notebook("Ben")
	w.join(ben)
	w.sync(ama)
	same(t, ama, ben)
	trash, err := ben.TrashEntries()
	if err != nil {
		t.Fatal(err)
	}
	var notes []string
	for _, e := range trash {
		if e.ID == art.ID || e.ID == hl.ID {
			t.Errorf("trash entry %s still has a live item's ID", e.ID)
		}
		for _, an := range e.Annotations {
			if an.ID == hl.ID {
				t.Errorf("trashed annotation still has the live highlight's ID")
			}
			notes = append(notes, an.Note)
		}
	}
	if len(trash) != 2 || !strings.Contains(strings.Join(notes, "|"), "trashed copy") || !strings.Contains(strings.Join(notes, "|"), "trashed on its own") {
		t.Errorf("Ben's trash: %d entries, notes %q", len(trash), notes)
	}
	if got, err := ben.Annotation(hl.ID); err != nil || got.Note != "live" {
		t.Errorf("the live highlight on Ben's side: %+v %v", got, err)
	}
}
