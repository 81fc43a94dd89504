package notebook_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/glossnotes/gloss/internal/testutil/nbtest"
	"github.com/glossnotes/gloss/notebook"
	"github.com/glossnotes/gloss/notebook/ingest"
)

func TestSearch_CacheIsUsedOnlyWhileCurrent(t *testing.T) {
	old := *notebook.CacheMinBuild
	*notebook.CacheMinBuild = 0 // cache every build, however quick
	t.Cleanup(func() { *notebook.CacheMinBuild = old })

	path := filepath.Join(t.TempDir(), "nb.db")
	session := func(fn func(nb *notebook.Notebook)) {
		nb := notebook.New(nbtest.Store(t, path))
		fn(nb)
		if err := nb.Close(); err != nil {
			t.Fatal(err)
		}
	}
	count := func(nb *notebook.Notebook, q string) int {
		hits, err := nb.Search(q, 10)
		if err != nil {
			t.Fatal(err)
		}
		return len(hits)
	}
	var artID string
	session(func(nb *notebook.Notebook) {
		artID = add(t, nb, ingest.Draft{Title: "Wagner in Mali", Text: mali}).ID
		if n := count(nb, "wagner"); n != 1 {
			t.Fatalf("first search: %d hits", n)
		}
	})
	cache := path + ".search-index"
	first, err := os.ReadFile(cache)
	if err != nil {
		t.Fatalf("no cache written: %v", err)
	}
	// A session that changes the notebook without searching leaves the
	// cache stale; the next search must see the change.
	session(func(nb *notebook.Notebook) {
		if _, err := nb.Highlight(notebook.HighlightSpec{ArticleID: artID, Quote: "Ouagadougou", Note: "prigozhin"}); err != nil {
			t.Fatal(err)
		}
	})
	session(func(nb *notebook.Notebook) {
		if n := count(nb, "prigozhin"); n != 1 {
			t.Errorf("stale cache used: %d hits for a note added since", n)
		}
		// Changes while the index is loaded are saved on Close.
		if _, err := nb.Highlight(notebook.HighlightSpec{ArticleID: artID, Quote: "Ukraine", Note: "utkin"}); err != nil {
			t.Fatal(err)
		}
	})
	second, _ := os.ReadFile(cache)
	line := func(b []byte) string { l, _, _ := strings.Cut(string(b), "\n"); return l }
	if line(first) == line(second) {
		t.Error("the cache header did not move to the new generation")
	}
	// The cache Close saved is current: the next session uses it as it is
	// (a rebuild would replace the file, atomically, with a new one).
	before, err := os.Stat(cache)
	if err != nil {
		t.Fatal(err)
	}
	session(func(nb *notebook.Notebook) {
		if n := count(nb, "utkin"); n != 1 {
			t.Errorf("after reload: %d hits for utkin", n)
		}
	})
	if after, err := os.Stat(cache); err != nil || !os.SameFile(before, after) {
		t.Errorf("the cache saved on Close was not used as it was (%v)", err)
	}
	// A damaged cache is ignored, not trusted.
	os.WriteFile(cache, []byte(strings.Repeat("x", 100)), 0o600)
	session(func(nb *notebook.Notebook) {
		if n := count(nb, "wagner"); n != 1 {
			t.Errorf("with a damaged cache: %d hits", n)
		}
	})
}

// TestSearch_CacheStampedWithWhatItReflects: a commit that never reached
// the index (here, written to the store behind the service's back, as a
// commit whose notification had not arrived yet would be) leaves the saved
// index stale, so the next session rebuilds it and finds the change. The
// index used to be stamped with the notebook's current generation.
func TestSearch_CacheStampedWithWhatItReflects(t *testing.T) {
	old := *notebook.CacheMinBuild
	*notebook.CacheMinBuild = 0
	t.Cleanup(func() { *notebook.CacheMinBuild = old })
	path := filepath.Join(t.TempDir(), "nb.db")

	db := nbtest.Store(t, path)
	nb := notebook.New(db)
	art := add(t, nb, ingest.Draft{Title: "Story", Text: mali})
	if hits, err := nb.Search("Orlovsky", 10); err != nil || len(hits) == 0 {
		t.Fatalf("first search: %v %v", hits, err)
	}
	if _, err := nb.Highlight(notebook.HighlightSpec{ArticleID: art.ID, Quote: "Ukraine"}); err != nil {
		t.Fatal(err) // a change the index takes, so Close saves it
	}
	now := time.Now().UTC()
	err := db.Update(func(tx notebook.Tx) error {
		return tx.PutAnnotation(notebook.Annotation{ID: "01HZZZZZZZZZZZZZZZZZZZZZZZ", ArticleID: art.ID, Start: 0, End: 6,
			Quote: "Russia", Note: "quetzalcoatl", Color: notebook.Yellow, Status: notebook.Anchored, Created: now, Updated: now})
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := nb.Close(); err != nil {
		t.Fatal(err)
	}
	db = nbtest.Store(t, path)
	nb = notebook.New(db)
	defer nb.Close()
	if hits, err := nb.Search("quetzalcoatl", 10); err != nil || len(hits) != 1 {
		t.Errorf("the change the index never saw is missing after reopening: %d hits (%v)", len(hits), err)
	}
}
