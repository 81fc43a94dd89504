package notebook

import (
	"os"
	"path/filepath"
	"testing"

	gsync "github.com/glossnotes/gloss/notebook/sync"
)

// TestSyncIndex_save: the index cache reads back as it was written, and a
// cache of another format, truncated or with data after it is refused
// (and so rebuilt from Git).
func TestSyncIndex_save(t *testing.T) {
	dir := t.TempDir()
	idx := &syncIndex{Commit: gsync.OID{1, 2, 3}, Files: map[string]indexEntry{
		gsync.MarkerPath: {Blob: gsync.OID{9}},
		"articles/AB/01J000000000000000000000AB.json": {Blob: gsync.OID{7}, Sum: [16]byte{1, 2}},
		"texts/ab/x.json": {Blob: gsync.OID{8}},
	}}
	if err := idx.save(dir); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, indexFile)
	back, err := readIndex(path)
	if err != nil {
		t.Fatal(err)
	}
	if back.Commit != idx.Commit || len(back.Files) != len(idx.Files) {
		t.Fatalf("read back %v with %d files", back.Commit, len(back.Files))
	}
	for p, e := range idx.Files {
		if back.Files[p] != e {
			t.Errorf("%s: %v, want %v", p, back.Files[p], e)
		}
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for name, bad := range map[string][]byte{
		"truncated":    data[:len(data)-5],
		"trailing":     append(append([]byte{}, data...), 0),
		"other format": append([]byte("gloss-index\x00\x02"), data[len(indexMagic):]...),
		"empty":        nil,
		"huge count":   append(append([]byte(indexMagic), make([]byte, 20)...), 0xff, 0xff, 0xff, 0xff, 0x0f),
	} {
		if err := os.WriteFile(path, bad, 0o600); err != nil {
			t.Fatal(err)
		}
		if _, err := readIndex(path); err == nil {
			t.Errorf("%s: read without an error", name)
		}
	}
}
