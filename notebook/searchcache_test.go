package notebook_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/glossnotes/gloss/notebook"
	"github.com/glossnotes/gloss/notebook/ingest"
	"github.com/glossnotes/gloss/storage"
)

func TestSearch_CacheIsUsedOnlyWhileCurrent(t *testing.T) {
	old := *notebook.CacheMinBuild
	*notebook.CacheMinBuild = 0 // cache every build, however quick
	t.Cleanup(func() { *notebook.CacheMinBuild = old })

	path := filepath.Join(t.TempDir(), "nb.db")
	session := func(fn func(nb *notebook.Notebook)) {
		db, err := storage.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		nb := notebook.New(db)
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
