package main

import (
	"errors"
	"strings"

	"github.com/glossnotes/gloss/notebook"
	"github.com/glossnotes/gloss/storage"

	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// TestMain_QuietUnderCLocale runs the real binary under the C locale, as CI
// and containers do, and checks that a CLI command prints nothing on
// standard error (Fyne's locale lookup used to log an error on every run).
func TestMain_QuietUnderCLocale(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := filepath.Join(t.TempDir(), "gloss")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	db := filepath.Join(t.TempDir(), "nb.db")
	imp := exec.Command(bin, "--db", db, "import", "-")
	imp.Stdin = strings.NewReader("A title\n\nA paragraph of text that is long enough to be an article.\n")
	if out, err := imp.CombinedOutput(); err != nil {
		t.Fatalf("import: %v\n%s", err, out)
	}
	for _, lang := range []string{"C", "C.UTF-8", "POSIX"} {
		cmd := exec.Command(bin, "--db", db, "list")
		cmd.Env = append(os.Environ(), "LANG="+lang, "LC_ALL=")
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		if err := cmd.Run(); err != nil {
			t.Fatalf("LANG=%s: %v\n%s", lang, err, stderr.String())
		}
		if stderr.Len() > 0 {
			t.Errorf("LANG=%s: unexpected standard error output:\n%s", lang, stderr.String())
		}
	}
}

// TestOpen_wiring: the one opener both front ends use. Read-write creates
// a missing notebook; read-only never creates or changes one; a locked or
// foreign file is an error naming it.
func TestOpen_wiring(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "missing.db")
	if _, err := storage.OpenNotebook(missing, notebook.ReadOnly); !errors.Is(err, notebook.ErrNoNotebook) || !strings.Contains(err.Error(), missing) {
		t.Errorf("read-only open of a missing file: %v, want ErrNoNotebook naming it", err)
	}
	empty := filepath.Join(dir, "empty.db")
	os.WriteFile(empty, nil, 0o600)
	if _, err := storage.OpenNotebook(empty, notebook.ReadOnly); !errors.Is(err, notebook.ErrNoNotebook) {
		t.Errorf("read-only open of an empty file: %v, want ErrNoNotebook", err)
	}
	if st, err := os.Stat(empty); err != nil || st.Size() != 0 {
		t.Errorf("the empty file was changed: %v", err)
	}
	if _, err := os.Stat(missing); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a read-only open created %s", missing)
	}

	path := filepath.Join(dir, "nb.db")
	first, err := storage.OpenNotebook(path, notebook.ReadWrite)
	if err != nil {
		t.Fatal(err)
	}
	defer first.Close()
	if _, err := storage.OpenNotebook(path, notebook.ReadWrite); !errors.Is(err, notebook.ErrLocked) || !strings.Contains(err.Error(), "another Gloss process") {
		t.Errorf("second open: %v", err)
	}
	bad := filepath.Join(dir, "bad.db")
	os.WriteFile(bad, []byte(strings.Repeat("not a notebook ", 500)), 0o600)
	for _, mode := range []notebook.Mode{notebook.ReadWrite, notebook.ReadOnly} {
		if _, err := storage.OpenNotebook(bad, mode); !errors.Is(err, notebook.ErrNotNotebook) || !strings.Contains(err.Error(), bad) {
			t.Errorf("mode %d: a text file opened as a notebook: %v", mode, err)
		}
	}
}
