package storage

import (
	"bytes"
	"encoding/binary"
	"errors"
	"io"
	"path/filepath"
	"strings"
	"testing"

	"github.com/glossnotes/gloss/notebook"
)

// Damage operations of the fuzz input, 6 bytes each: a kind, then 5 bytes
// of argument.
const (
	opZeroPage = iota // zero page (argument mod page count)
	opFlipBit         // flip one bit (offset mod size, bit)
	opTruncate        // cut the file (offset mod size)
	opSetByte         // set one byte (offset mod size, value)
	opKinds
	opSize    = 6
	maxDamage = 8
)

// applyDamage returns a damaged copy of data as ops describe.
func applyDamage(data, ops []byte) []byte {
	d := bytes.Clone(data)
	ps := fixturePageSize(data)
	for n := 0; len(ops) >= opSize && n < maxDamage; n, ops = n+1, ops[opSize:] {
		if len(d) == 0 {
			break
		}
		arg := binary.LittleEndian.Uint32(ops[1:5])
		off := int(arg % uint32(len(d)))
		switch ops[0] % opKinds {
		case opZeroPage:
			if pages := len(d) / ps; pages > 0 {
				p := int(arg % uint32(pages))
				clear(d[p*ps : (p+1)*ps])
			}
		case opFlipBit:
			d[off] ^= 1 << (ops[5] % 8)
		case opTruncate:
			d = d[:off]
		case opSetByte:
			d[off] = ops[5]
		}
	}
	return d
}

// op encodes one damage operation.
func op(kind byte, arg uint32, b byte) []byte {
	out := []byte{kind, 0, 0, 0, 0, b}
	binary.LittleEndian.PutUint32(out[1:], arg)
	return out
}

// FuzzDamagedNotebook damages a real notebook (zeroed pages, flipped bits,
// truncation, overwritten bytes) and drives the storage boundary over it:
// open, read every record, check, write, reopen, salvage. Whatever the
// damage: no panic and no hang; errors are the package's errors; a write
// never succeeds once damage is known; a notebook that passes check reads
// in full and backs up; and a salvaged notebook passes check.
func FuzzDamagedNotebook(f *testing.F) {
	data := fixtureBytes(f, smallFixture)
	ps := fixturePageSize(data)
	h, err := readHeaders(bytes.NewReader(data), int64(len(data)), false)
	if err != nil {
		f.Fatal(err)
	}
	m := h.current()
	text := bytes.Index(data, []byte("introducing"))
	f.Add([]byte{})
	f.Add(op(opZeroPage, uint32(m.root), 0))
	f.Add(op(opZeroPage, uint32(m.freelist), 0))
	f.Add(op(opZeroPage, uint32(h.use), 0))
	f.Add(append(op(opZeroPage, 0, 0), op(opZeroPage, 1, 0)...))
	f.Add(op(opZeroPage, uint32(pageOf(f, data, `"title":"Ferry report 7"`)), 0))
	f.Add(op(opZeroPage, uint32(pageOf(f, data, `"article_id"`)), 0))
	f.Add(op(opFlipBit, uint32(text+9), 1))
	f.Add(op(opTruncate, uint32(len(data)*2/3), 0))
	f.Add(op(opSetByte, uint32(pageOf(f, data, `"title":"Ferry report 7"`)*ps+pageHeaderSize+7), 0x7f))
	f.Add(op(opSetByte, uint32(int(m.root)*ps+pageHeaderSize), 0xff))
	f.Add(append(op(opFlipBit, uint32(pageOf(f, data, `"note"`)*ps+100), 3), op(opZeroPage, uint32(m.freelist), 0)...))

	f.Fuzz(func(t *testing.T, ops []byte) {
		path := writeTemp(t, "nb.db", applyDamage(data, ops))
		exercise(t, path)
	})
}

// exercise runs the storage boundary over the file at path (see
// FuzzDamagedNotebook).
func exercise(t *testing.T, path string) {
	clearErr := func(err error) {
		t.Helper()
		if err == nil {
			return
		}
		for _, e := range []error{notebook.ErrDamaged, notebook.ErrNotNotebook, notebook.ErrNoNotebook, notebook.ErrNewerSchema, ErrNeedsMigration} {
			if errors.Is(err, e) {
				if !strings.Contains(err.Error(), path) {
					t.Errorf("error %q does not name the file", err)
				}
				return
			}
		}
		t.Errorf("unexpected error: %v", err)
	}
	write := func(db *DB) error {
		return db.Update(func(tx notebook.Tx) error { return tx.PutTag(notebook.Tag{Name: "Fuzz"}) })
	}

	damageKnown := false
	db, err := Open(path)
	clearErr(err)
	if err == nil {
		readErr := readAll(db)
		problems, err := db.Problems()
		if err != nil {
			t.Fatalf("check of an open notebook: %v", err)
		}
		damageKnown = len(problems) > 0 || errors.Is(readErr, notebook.ErrDamaged) || db.Damage() != ""
		werr := write(db)
		if damageKnown && !errors.Is(werr, notebook.ErrDamaged) {
			t.Fatalf("a write succeeded or failed otherwise (%v) after damage was known: %s", werr, problemText(problems))
		}
		if len(problems) == 0 {
			if readErr != nil {
				t.Fatalf("check found nothing but a read failed: %v", readErr)
			}
			if _, err := db.Backup(io.Discard); err != nil {
				t.Fatalf("check found nothing but backup failed: %v", err)
			}
		}
		if err := db.Close(); err != nil {
			t.Fatal(err)
		}
		if damageKnown {
			db, err := Open(path)
			clearErr(err)
			if err == nil {
				if werr := write(db); !errors.Is(werr, notebook.ErrDamaged) {
					t.Errorf("a later process wrote to a notebook known to be damaged: %v", werr)
				}
				db.Close()
			}
		}
	}

	ps, err := CheckFile(path)
	clearErr(err)
	if err == nil && damageKnown && len(ps) == 0 {
		t.Error("CheckFile found nothing in a notebook known to be damaged")
	}

	dst := filepath.Join(t.TempDir(), "salvaged.db")
	rep, err := Salvage(path, dst)
	if err != nil {
		if !strings.Contains(err.Error(), "headers are unreadable") && !errors.Is(err, notebook.ErrNoNotebook) &&
			!errors.Is(err, notebook.ErrNotNotebook) {
			t.Fatalf("salvage: %v", err)
		}
		return
	}
	if ps, err := CheckFile(dst); err != nil || len(ps) != 0 {
		t.Fatalf("salvaged notebook fails check: %v %s", err, problemText(ps))
	}
	if !damageKnown && err == nil && len(ps) == 0 && len(rep.Lost) > 0 {
		t.Errorf("salvage of a sound notebook lost %v", rep.Lost)
	}
}

// readAll reads every record through the Tx interface and returns the
// first error.
func readAll(db *DB) error {
	return db.View(func(tx notebook.Tx) error {
		var ids []string
		if err := tx.ForEachArticle(func(a notebook.Article) error { ids = append(ids, a.ID); return nil }); err != nil {
			return err
		}
		for _, id := range ids {
			if _, err := tx.Body(id); err != nil {
				return err
			}
			if _, err := tx.Source(id); err != nil && !errors.Is(err, notebook.ErrNotFound) {
				return err
			}
			if _, err := tx.Versions(id); err != nil {
				return err
			}
			if _, err := tx.AnnotationsOf(id); err != nil {
				return err
			}
		}
		if _, err := tx.AnnotationCounts(); err != nil {
			return err
		}
		if err := tx.ForEachAnnotation(func(notebook.Annotation) error { return nil }); err != nil {
			return err
		}
		if err := tx.ForEachTag(func(notebook.Tag) error { return nil }); err != nil {
			return err
		}
		if err := tx.ForEachTagged(func(string, bool, string) error { return nil }); err != nil {
			return err
		}
		if err := tx.ForEachTrash(func(notebook.TrashEntry) error { return nil }); err != nil {
			return err
		}
		_, err := tx.IDsWithPrefix("0", 10)
		return err
	})
}
