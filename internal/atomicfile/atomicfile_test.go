package atomicfile

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestWrite(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "out.txt")
	if err := os.WriteFile(p, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("boom")
	tests := []struct {
		name    string
		fill    func(io.Writer) error
		wantErr bool
		want    string
	}{
		{"failure keeps old content", func(w io.Writer) error { io.WriteString(w, "half"); return boom }, true, "old"},
		{"success replaces", func(w io.Writer) error { _, err := io.WriteString(w, "new"); return err }, false, "new"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := Write(p, 0o600, tt.fill)
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v, wantErr %v", err, tt.wantErr)
			}
			if err != nil && !strings.Contains(err.Error(), p) {
				t.Errorf("error %q does not name the file", err)
			}
			got, _ := os.ReadFile(p)
			if string(got) != tt.want {
				t.Fatalf("content = %q, want %q", got, tt.want)
			}
			entries, _ := os.ReadDir(dir)
			if len(entries) != 1 {
				t.Fatalf("leftover files: %v", entries)
			}
		})
	}
	if err := Write(filepath.Join(dir, "missing", "x"), 0o600, func(io.Writer) error { return nil }); err == nil {
		t.Fatal("want error for a missing directory")
	}
}

func TestWrite_Modes(t *testing.T) {
	tests := []struct {
		name string
		perm os.FileMode
	}{
		{"private", 0o600},
		{"shared export", 0o644},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := filepath.Join(t.TempDir(), "f")
			if err := Write(p, tt.perm, func(w io.Writer) error { _, err := io.WriteString(w, "x"); return err }); err != nil {
				t.Fatal(err)
			}
			st, err := os.Stat(p)
			if err != nil {
				t.Fatal(err)
			}
			if st.Mode().Perm() != tt.perm {
				t.Errorf("mode %v, want %v", st.Mode().Perm(), tt.perm)
			}
		})
	}
}

// TestWrite_FillIgnoresWriteError: a fill function that drops a write error
// must not turn a failed write into success.
func TestWrite_FillIgnoresWriteError(t *testing.T) {
	p := filepath.Join(t.TempDir(), "out")
	err := Write(p, 0o600, func(w io.Writer) error {
		w.(*checkedWriter).w = failingWriter{} // the disk fills up
		w.Write([]byte("lost"))
		return nil
	})
	if err == nil || !strings.Contains(err.Error(), p) || !strings.Contains(err.Error(), "disk full") {
		t.Fatalf("err = %v, want the write error naming %s", err, p)
	}
	if _, err := os.Stat(p); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("destination exists after a failed write: %v", err)
	}
}

type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestWrite_Directory(t *testing.T) {
	dir := t.TempDir()
	err := Write(dir, 0o600, func(w io.Writer) error { return nil })
	if err == nil || !strings.Contains(err.Error(), "directory") {
		t.Fatalf("err = %v, want a refusal", err)
	}
}

// TestWrite_SymlinkKept: writing through a link replaces the file it points
// to, and the link stays a link.
func TestWrite_SymlinkKept(t *testing.T) {
	dir := t.TempDir()
	real := filepath.Join(dir, "real.txt")
	link := filepath.Join(dir, "link.txt")
	os.WriteFile(real, []byte("old"), 0o600)
	if err := os.Symlink(real, link); err != nil {
		t.Skip("no symbolic links:", err)
	}
	if err := Write(link, 0o600, func(w io.Writer) error { _, err := io.WriteString(w, "new"); return err }); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(real); string(got) != "new" {
		t.Errorf("target holds %q", got)
	}
	if st, _ := os.Lstat(link); st.Mode()&os.ModeSymlink == 0 {
		t.Error("the link was replaced by a file")
	}
}
