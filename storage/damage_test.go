package storage

import (
	"bytes"
	"encoding/binary"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/glossnotes/gloss/notebook"
)

// Regression tests for issue 13 (an attack on the storage boundary). Each
// builds a real notebook with the real code, damages a copy of it (zeroed
// pages, flipped bits) and checks that Gloss reports the damage instead of
// panicking, hiding it or writing on.

// bucketRoot returns the root page of a bucket, read with bbolt itself.
func bucketRoot(t testing.TB, path string, bucket []byte) uint64 {
	t.Helper()
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true, Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var root uint64
	db.View(func(tx *bolt.Tx) error {
		root = uint64(tx.Bucket(bucket).Root())
		return nil
	})
	return root
}

// pageType is bbolt's name for a page's type ("branch", "leaf", …).
func pageType(t testing.TB, path string, id uint64) string {
	t.Helper()
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true, PreLoadFreelist: true, Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var typ string
	db.View(func(tx *bolt.Tx) error {
		info, err := tx.Page(int(id))
		if err == nil && info != nil {
			typ = info.Type
		}
		return err
	})
	return typ
}

// overwrite writes b at off in the file at path, in place (a notebook open
// in this process sees the change through its memory map).
func overwrite(t testing.TB, path string, off int64, b []byte) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteAt(b, off); err != nil {
		t.Fatal(err)
	}
}

// wantDamaged checks that err reports damage of the notebook at path in the
// agreed words.
func wantDamaged(t testing.TB, err error, path string) {
	t.Helper()
	if !errors.Is(err, notebook.ErrDamaged) {
		t.Fatalf("err = %v, want ErrDamaged", err)
	}
	msg := err.Error()
	if !strings.Contains(msg, "notebook "+path+" is damaged: ") || !strings.Contains(msg, "(run gloss check)") {
		t.Errorf("message %q should say \"notebook %s is damaged: … (run gloss check)\"", msg, path)
	}
}

// readEverything reads every record through the notebook service, the way
// list, search and export do.
func readEverything(nb *notebook.Notebook) error {
	arts, err := nb.Articles(notebook.ListOptions{})
	if err != nil {
		return err
	}
	for _, a := range arts {
		if _, err := nb.Text(a.ID); err != nil {
			return err
		}
		if _, err := nb.Annotations(a.ID); err != nil {
			return err
		}
		if _, err := nb.Versions(a.ID); err != nil {
			return err
		}
	}
	if _, err := nb.Tags(); err != nil {
		return err
	}
	if _, err := nb.TrashEntries(); err != nil {
		return err
	}
	_, err = nb.Search("ferry", 10)
	return err
}

// TestView_DamagedPageIsAnError: zeroing one page of a 4 MB notebook made
// list, search and export panic inside bbolt ("Page expected to be: 370,
// but self identifies as 0"). Now every read returns a DamagedError, both
// when the damage is there at open and when it appears under an open
// notebook (where bbolt itself meets it and panics).
func TestView_DamagedPageIsAnError(t *testing.T) {
	data := fixtureBytes(t, mediumFixture)
	ps := fixturePageSize(data)
	targets := []struct {
		name   string
		needle string
	}{
		{"articles leaf", `"title":"Ferry report 370"`},
		{"text leaf", "Field report 370 on"},
		{"annotations leaf", `"id":"01FIXTURE00000000000001370"`},
	}
	for _, tt := range targets {
		page := pageOf(t, data, tt.needle)
		t.Run(tt.name+" before open", func(t *testing.T) {
			path := writeTemp(t, "nb.db", zeroPage(data, page))
			db, err := Open(path)
			if err != nil {
				t.Fatalf("a damaged notebook should open for reading: %v", err)
			}
			defer db.Close()
			wantDamaged(t, readEverything(notebook.New(db)), path)
			if db.Damage() == "" {
				t.Error("Damage() is empty")
			}
		})
		t.Run(tt.name+" while open", func(t *testing.T) {
			path := writeTemp(t, "nb.db", data)
			db, err := Open(path)
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			overwrite(t, path, int64(page*ps), make([]byte, ps))
			wantDamaged(t, readEverything(notebook.New(db)), path)
			if err := db.Update(func(tx notebook.Tx) error { return tx.PutTag(notebook.Tag{Name: "After"}) }); !errors.Is(err, notebook.ErrDamaged) {
				t.Errorf("write after a read met damage: %v", err)
			}
		})
	}
}

// TestUpdate_PanicReleasesWriterLock: a panic inside a write transaction
// (bbolt meeting a zeroed page, or failing to free a zeroed free-page list
// at commit) is an error, and bbolt's writer lock is released: a later
// write transaction can begin, and Close does not hang.
func TestUpdate_PanicReleasesWriterLock(t *testing.T) {
	data := fixtureBytes(t, smallFixture)
	ps := fixturePageSize(data)
	m, _ := readHeaders(bytes.NewReader(data), int64(len(data)), false)
	tests := []struct {
		name string
		page int
		fn   func(tx notebook.Tx) error
	}{
		{"zeroed leaf read in the transaction", pageOf(t, data, `"title":"Ferry report 7"`), func(tx notebook.Tx) error {
			return tx.ForEachArticle(func(notebook.Article) error { return nil })
		}},
		{"zeroed free-page list freed at commit", int(m.current().freelist), func(tx notebook.Tx) error {
			return tx.PutTag(notebook.Tag{Name: "New"})
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := writeTemp(t, "nb.db", data)
			db, err := Open(path)
			if err != nil {
				t.Fatal(err)
			}
			overwrite(t, path, int64(tt.page*ps), make([]byte, ps))
			err = db.Update(tt.fn)
			t.Log(err)
			wantDamaged(t, err, path)
			done := make(chan error, 1)
			go func() {
				tx, err := db.db.Begin(true)
				if err == nil {
					err = tx.Rollback()
				}
				done <- err
			}()
			select {
			case err := <-done:
				if err != nil {
					t.Errorf("begin after the panic: %v", err)
				}
			case <-time.After(5 * time.Second):
				t.Fatal("bbolt's writer lock is still held after the recovered panic")
			}
			wantDamaged(t, db.Update(tt.fn), path)
			closed := make(chan error, 1)
			go func() { closed <- db.Close() }()
			select {
			case err := <-closed:
				if err != nil {
					t.Errorf("close: %v", err)
				}
			case <-time.After(5 * time.Second):
				t.Fatal("Close hangs")
			}
		})
	}
}

// TestUpdate_CallerPanicIsNotDamage: a panic raised by the caller's own
// code (a bug, not damage) is raised again, the transaction is rolled back,
// the lock released, and the notebook not marked damaged.
func TestUpdate_CallerPanicIsNotDamage(t *testing.T) {
	db, path := newDB(t)
	func() {
		defer func() {
			if r := recover(); r != "a bug" {
				t.Errorf("recovered %v, want the caller's panic raised again", r)
			}
		}()
		db.Update(func(tx notebook.Tx) error {
			tx.PutTag(notebook.Tag{Name: "Rolled back"})
			panic("a bug")
		})
	}()
	if d := db.Damage(); d != "" {
		t.Errorf("marked damaged: %s", d)
	}
	if _, err := os.Stat(MarkerPath(path)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("marker written for a caller's panic: %v", err)
	}
	if err := db.Update(func(tx notebook.Tx) error { return tx.PutTag(notebook.Tag{Name: "Kept"}) }); err != nil {
		t.Fatalf("write after the caller's panic: %v", err)
	}
	db.View(func(tx notebook.Tx) error {
		if _, ok, _ := tx.Tag(notebook.TagKey("Rolled back")); ok {
			t.Error("the panicking transaction was committed")
		}
		return nil
	})
}

// TestUpdate_RefusedOnceDamageKnown: copies that check had flagged as
// damaged still took imports and highlights. Once damage is known — found
// by a check, met by a read, or found at open — writes are refused, also
// in later processes (the marker), until the notebook is salvaged.
func TestUpdate_RefusedOnceDamageKnown(t *testing.T) {
	data := fixtureBytes(t, smallFixture)
	flipped := bytes.Clone(data)
	i := bytes.Index(flipped, []byte("introducing"))
	flipped[i+9] ^= 0x02 // "introducing" → "introducilg"
	write := func(db *DB) error {
		return db.Update(func(tx notebook.Tx) error { return tx.PutTag(notebook.Tag{Name: "Late"}) })
	}

	t.Run("found by check", func(t *testing.T) {
		path := writeTemp(t, "nb.db", flipped)
		db, err := Open(path)
		if err != nil {
			t.Fatal(err)
		}
		if problems, err := db.Check(); err != nil || len(problems) == 0 {
			t.Fatalf("check: %v %v, want problems", problems, err)
		}
		wantDamaged(t, write(db), path)
		db.Close()
		// A later process knows.
		db, err = Open(path)
		if err != nil {
			t.Fatal(err)
		}
		wantDamaged(t, write(db), path)
		db.Close()
		// Salvage makes a notebook that takes writes.
		dst := filepath.Join(t.TempDir(), "saved.db")
		if _, err := Salvage(path, dst); err != nil {
			t.Fatal(err)
		}
		db, err = Open(dst)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		if err := write(db); err != nil {
			t.Errorf("write to the salvaged notebook: %v", err)
		}
	})

	t.Run("met by a read", func(t *testing.T) {
		path := writeTemp(t, "nb.db", data)
		db, err := Open(path)
		if err != nil {
			t.Fatal(err)
		}
		// A record that does not decode (bytes damaged on disk).
		bdb := db.db
		k, v := firstRecord(t, bdb, bAnnotations)
		off := int64(bytes.Index(data, v))
		overwrite(t, path, off+5, []byte{0x02})
		nb := notebook.New(db)
		_, err = nb.Annotation(string(k))
		wantDamaged(t, err, path)
		wantDamaged(t, write(db), path)
		db.Close()
		db, err = Open(path)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		wantDamaged(t, write(db), path)
	})

	t.Run("a marker for another file does not apply", func(t *testing.T) {
		path := writeTemp(t, "nb.db", data)
		if err := writeMarker(path, "00000000000000000000000000000000", []string{"about an older file"}); err != nil {
			t.Fatal(err)
		}
		db, err := Open(path)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		if err := write(db); err != nil {
			t.Errorf("a stale marker blocked writes: %v", err)
		}
	})

	t.Run("a passing check clears the marker", func(t *testing.T) {
		path := writeTemp(t, "nb.db", data)
		if err := writeMarker(path, "", []string{"something was wrong once"}); err != nil {
			t.Fatal(err)
		}
		ps, err := CheckFile(path)
		if err != nil || len(ps) != 0 {
			t.Fatalf("check: %v %v", ps, err)
		}
		if _, err := os.Stat(MarkerPath(path)); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("marker still there: %v", err)
		}
		db, err := Open(path)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		if err := write(db); err != nil {
			t.Errorf("write after a passing check: %v", err)
		}
	})
}

// firstRecord returns the first key and value of a bucket, read directly.
func firstRecord(t testing.TB, db *bolt.DB, bucket []byte) (k, v []byte) {
	t.Helper()
	db.View(func(tx *bolt.Tx) error {
		k, v = tx.Bucket(bucket).Cursor().First()
		k, v = bytes.Clone(k), bytes.Clone(v)
		return nil
	})
	if k == nil {
		t.Fatalf("bucket %s is empty", bucket)
	}
	return k, v
}

// TestCheck_BadElementDoesNotCrash: `gloss check` died with SIGSEGV on a
// copy with flipped bits (bbolt's Tx.Check read a key through an element
// pointing outside the file, in a goroutine of its own).
func TestCheck_BadElementDoesNotCrash(t *testing.T) {
	data := fixtureBytes(t, smallFixture)
	ps := fixturePageSize(data)
	d := bytes.Clone(data)
	page := pageOf(t, data, `"title":"Ferry report 7"`)
	d[page*ps+pageHeaderSize+4+3] = 0x40 // element 0's offset += 1 GiB
	path := writeTemp(t, "nb.db", d)
	for _, check := range []struct {
		name string
		run  func() ([]Problem, error)
	}{
		{"CheckFile", func() ([]Problem, error) { return CheckFile(path) }},
		{"DB.Problems", func() ([]Problem, error) {
			db, err := OpenReadOnly(path)
			if err != nil {
				return nil, err
			}
			defer db.Close()
			return db.Problems()
		}},
	} {
		t.Run(check.name, func(t *testing.T) {
			ps, err := check.run()
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(problemText(ps), "points outside the page") {
				t.Errorf("problems %q do not report the element", problemText(ps))
			}
		})
	}
}

func problemText(ps []Problem) string { return strings.Join(problemLines(ps), "\n") }

// TestUpdate_BranchPastHighWater: an import panicked with "pgid … above
// high water mark" on a copy whose branch page pointed past the file's
// last page; a branch pointing back at itself would loop. Both are found
// at open: reads and writes fail with a DamagedError, check names the page.
func TestUpdate_BranchPastHighWater(t *testing.T) {
	data := fixtureBytes(t, mediumFixture)
	ps := fixturePageSize(data)
	base := writeTemp(t, "base.db", data)
	root := bucketRoot(t, base, bAnnotations)
	if typ := pageType(t, base, root); typ != "branch" {
		t.Fatalf("root of annotations is a %s page; the fixture should be bigger", typ)
	}
	tests := []struct {
		name  string
		child uint64
		want  string
	}{
		{"past the high-water mark", 1 << 40, "beyond the last page"},
		{"loop to itself", root, "reached twice"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := bytes.Clone(data)
			binary.LittleEndian.PutUint64(d[int(root)*ps+pageHeaderSize+8:], tt.child) // element 0's child
			path := writeTemp(t, "nb.db", d)
			db, err := Open(path)
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			nb := notebook.New(db)
			_, err = nb.Highlight(notebook.HighlightSpec{ArticleID: "x", Start: 0, End: 1})
			wantDamaged(t, err, path)
			wantDamaged(t, readEverything(nb), path)
			ps, err := db.Problems()
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(problemText(ps), tt.want) {
				t.Errorf("problems %q do not say %q", problemText(ps), tt.want)
			}
		})
	}
}
