package storage

import (
	"path/filepath"
	"testing"

	"github.com/glossnotes/gloss/notebook"
)

// TestSettings: notebook settings are stored, removed, checked as sound and
// carried over by a salvage.
func TestSettings(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "nb.db")
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	err = db.Update(func(tx notebook.Tx) error {
		if err := tx.PutSetting("reuse.muted", []byte(`["k1"]`)); err != nil {
			return err
		}
		if err := tx.PutSetting("gone", []byte("x")); err != nil {
			return err
		}
		return tx.PutSetting("gone", nil)
	})
	if err != nil {
		t.Fatal(err)
	}
	db.View(func(tx notebook.Tx) error {
		if v, ok, err := tx.Setting("reuse.muted"); err != nil || !ok || string(v) != `["k1"]` {
			t.Errorf("Setting = %q %v %v", v, ok, err)
		}
		if _, ok, _ := tx.Setting("gone"); ok {
			t.Error("a removed setting is still there")
		}
		return nil
	})
	if p, err := db.Check(); err != nil || len(p) != 0 {
		t.Errorf("check: %v %v", p, err)
	}
	if err := db.Update(func(tx notebook.Tx) error { return tx.PutSetting("", []byte("x")) }); err == nil {
		t.Error("an empty setting name was accepted")
	}
	db.Close()
	dst := filepath.Join(dir, "saved.db")
	if _, err := Salvage(path, dst); err != nil {
		t.Fatal(err)
	}
	saved, err := OpenReadOnly(dst)
	if err != nil {
		t.Fatal(err)
	}
	defer saved.Close()
	saved.View(func(tx notebook.Tx) error {
		if v, ok, _ := tx.Setting("reuse.muted"); !ok || string(v) != `["k1"]` {
			t.Errorf("salvage lost the setting: %q", v)
		}
		return nil
	})
}
