package storage

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/glossnotes/gloss/notebook"
)

// TestOpenReadOnly_Refusals: `gloss check` on a missing path or a 0-byte
// file created a notebook and printed OK. A read-only open never creates
// or changes a file.
func TestOpenReadOnly_Refusals(t *testing.T) {
	dir := t.TempDir()
	good := fixtureBytes(t, smallFixture)
	older := editRecords(t, good, func(tx *bolt.Tx) error {
		return tx.Bucket(bMeta).Put(keySchema, []byte(strconv.Itoa(SchemaVersion()-1)))
	})
	newer := editRecords(t, good, func(tx *bolt.Tx) error {
		return tx.Bucket(bMeta).Put(keySchema, []byte(strconv.Itoa(SchemaVersion()+1)))
	})
	empty := filepath.Join(dir, "empty.db")
	os.WriteFile(empty, nil, 0o600)
	tests := []struct {
		name    string
		path    string
		want    error
		wantMsg string
	}{
		{"missing", filepath.Join(dir, "sub", "none.db"), notebook.ErrNoNotebook, "does not exist"},
		{"empty", empty, notebook.ErrNoNotebook, "empty"},
		{"directory", dir, notebook.ErrNotNotebook, "directory"},
		{"older schema", writeTemp(t, "old.db", older), ErrNeedsMigration, "upgraded"},
		{"newer schema", writeTemp(t, "new.db", newer), notebook.ErrNewerSchema, "newer version"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before, _ := os.ReadFile(tt.path)
			db, err := OpenReadOnly(tt.path)
			if err == nil {
				db.Close()
				t.Fatal("opened; want a refusal")
			}
			if !errors.Is(err, tt.want) || !strings.Contains(err.Error(), "notebook "+tt.path) || !strings.Contains(err.Error(), tt.wantMsg) {
				t.Errorf("err = %v, want %v naming the file and saying %q", err, tt.want, tt.wantMsg)
			}
			after, statErr := os.ReadFile(tt.path)
			if tt.name == "missing" {
				if _, err := os.Stat(filepath.Dir(tt.path)); !errors.Is(err, os.ErrNotExist) {
					t.Error("the missing notebook's directory was created")
				}
				return
			}
			if statErr == nil && !bytes.Equal(before, after) {
				t.Error("the file was modified")
			}
		})
	}
}

// TestOpenReadOnly_NeverWrites: reading, checking and a refused write leave
// the file as it was, byte for byte, and its modification time too.
func TestOpenReadOnly_NeverWrites(t *testing.T) {
	path := fixtureFile(t, smallFixture)
	old := time.Now().Add(-time.Hour).Truncate(time.Second)
	os.Chtimes(path, old, old)
	before, _ := os.ReadFile(path)
	db, err := OpenReadOnly(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := readEverything(notebook.New(db)); err != nil {
		t.Fatal(err)
	}
	if ps, err := db.Check(); err != nil || len(ps) != 0 {
		t.Fatalf("check: %v %v", ps, err)
	}
	err = db.Update(func(tx notebook.Tx) error { return tx.PutTag(notebook.Tag{Name: "No"}) })
	if !errors.Is(err, ErrReadOnly) || !strings.Contains(err.Error(), "opened read-only") || !strings.Contains(err.Error(), path) {
		t.Errorf("update: %v, want an opened read-only error naming the file", err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	after, _ := os.ReadFile(path)
	st, _ := os.Stat(path)
	if !bytes.Equal(before, after) || !st.ModTime().Equal(old) {
		t.Error("the notebook file changed")
	}
	if _, err := os.Stat(MarkerPath(path)); !errors.Is(err, os.ErrNotExist) {
		t.Error("a marker was written for a sound notebook")
	}
}

// TestOpenReadOnly_ModeFile: a 0400 notebook (in a read-only directory)
// opens for reading as an ordinary user. Root ignores file modes, so the
// test is skipped when run as root.
func TestOpenReadOnly_ModeFile(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root ignores file modes")
	}
	path := fixtureFile(t, smallFixture)
	dir := filepath.Dir(path)
	if err := os.Chmod(path, 0o400); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(dir, 0o500); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(dir, 0o700) })
	db, err := OpenReadOnly(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := readEverything(notebook.New(db)); err != nil {
		t.Fatal(err)
	}
	if ps, err := db.Check(); err != nil || len(ps) != 0 {
		t.Errorf("check: %v %v", ps, err)
	}
	if ps, err := CheckFile(path); err != nil || len(ps) != 0 {
		t.Errorf("CheckFile: %v %v", ps, err)
	}
}

// TestOpenReadOnly_Locked: a notebook held for writing by another process
// is reported, not waited on forever.
func TestOpenReadOnly_Locked(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns a process")
	}
	path := fixtureFile(t, smallFixture)
	stop := holdInOtherProcess(t, path)
	defer stop()
	for name, open := range map[string]func() error{
		"OpenReadOnly": func() error { db, err := OpenReadOnly(path); closeIf(db); return err },
		"CheckFile":    func() error { _, err := CheckFile(path); return err },
		"Salvage":      func() error { _, err := Salvage(path, filepath.Join(t.TempDir(), "s.db")); return err },
	} {
		if err := open(); !errors.Is(err, notebook.ErrLocked) {
			t.Errorf("%s: %v, want ErrLocked", name, err)
		}
	}
}

func closeIf(db *DB) {
	if db != nil {
		db.Close()
	}
}

// holdInOtherProcess opens path for writing in a helper process until stop
// is called.
func holdInOtherProcess(t *testing.T, path string) (stop func()) {
	t.Helper()
	cmd := helperProcess(t, "hold", path)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 256)
	n, _ := out.Read(buf)
	if !strings.Contains(string(buf[:n]), "READY") {
		cmd.Process.Kill()
		cmd.Wait()
		t.Fatalf("helper did not open the notebook: %q", buf[:n])
	}
	return func() { cmd.Process.Kill(); cmd.Wait() }
}
