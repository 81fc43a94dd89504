package atomicfile

import (
	"errors"
	"io"
	"os"
	"path/filepath"
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
