// Package nbtest opens real notebooks on temporary bbolt files for tests.
package nbtest

import (
	"path/filepath"
	"testing"

	"github.com/glossnotes/gloss/notebook"
	"github.com/glossnotes/gloss/storage"
)

// OpenTemp returns a notebook on a new bbolt file in t's temporary folder,
// closed when the test ends.
func OpenTemp(t testing.TB) *notebook.Notebook {
	t.Helper()
	nb, _ := OpenTempPath(t)
	return nb
}

// OpenTempPath is OpenTemp that also returns the file's path.
func OpenTempPath(t testing.TB) (*notebook.Notebook, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "nb.db")
	nb := Open(t, path)
	return nb, path
}

// Open opens (creating when needed) the notebook file at path, closed when
// the test ends.
func Open(t testing.TB, path string) *notebook.Notebook {
	t.Helper()
	db, err := storage.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	nb := notebook.New(db)
	t.Cleanup(func() { nb.Close() })
	return nb
}
