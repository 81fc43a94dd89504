package storage

import (
	"path/filepath"
	"testing"
)

// TestOpen_relativePath: a notebook opened by a relative path is known by
// its absolute one, so that the files beside it (and git, which runs in
// the sync working copy) do not depend on the working directory.
func TestOpen_relativePath(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	for _, readOnly := range []bool{false, true} {
		db, err := open("nb.db", readOnly)
		if err != nil {
			t.Fatal(err)
		}
		want := filepath.Join(dir, "nb.db")
		if got := db.Path(); got != want {
			t.Errorf("read-only %v: Path() = %q, want %q", readOnly, got, want)
		}
		db.Close()
	}
}
