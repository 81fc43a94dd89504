package storage

import (
	"strings"
	"testing"

	"github.com/glossnotes/gloss/notebook"
	bolt "go.etcd.io/bbolt"
)

// checkFinds seeds a new notebook, checks that Check finds it sound, applies
// damage to the raw database and checks that Check then reports a problem
// mentioning want.
func checkFinds(t *testing.T, seed func(notebook.Tx) error, damage func(*bolt.Tx) error, want string) {
	t.Helper()
	db, _ := newDB(t)
	if err := db.Update(seed); err != nil {
		t.Fatal(err)
	}
	if p, _ := db.Check(); len(p) != 0 {
		t.Fatalf("sound notebook reported %v", p)
	}
	if err := db.db.Update(damage); err != nil {
		t.Fatal(err)
	}
	p, err := db.Check()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(strings.Join(p, "\n"), want) {
		t.Errorf("problems %q do not mention %q", p, want)
	}
}
