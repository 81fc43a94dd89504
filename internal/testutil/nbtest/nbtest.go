// Package nbtest opens real notebooks on temporary bbolt files for tests:
// the one place tests wire a store to the service.
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
	nb, _ := OpenTempStore(t)
	return nb
}

// OpenTempStore is OpenTemp that also returns the store under the
// notebook, for tests that inspect or damage records directly.
func OpenTempStore(t testing.TB) (*notebook.Notebook, notebook.Store) {
	t.Helper()
	db := TempStore(t)
	nb := notebook.New(db)
	t.Cleanup(func() { nb.Close() })
	return nb, db
}

// TempStore returns a store on a new bbolt file in t's temporary folder,
// for tests that wrap it before handing it to notebook.New. The caller
// closes it (closing twice is harmless).
func TempStore(t testing.TB) notebook.Store {
	t.Helper()
	return Store(t, filepath.Join(t.TempDir(), "nb.db"))
}

// Store opens (creating when needed) the notebook file at path; the caller
// closes it.
func Store(t testing.TB, path string) notebook.Store {
	t.Helper()
	db, err := storage.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	return db
}

// Open opens (creating when needed) the notebook file at path, closed when
// the test ends.
func Open(t testing.TB, path string) *notebook.Notebook {
	t.Helper()
	nb := notebook.New(Store(t, path))
	t.Cleanup(func() { nb.Close() })
	return nb
}
