package storage

import (
	"bytes"
	"encoding/binary"
	"errors"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"

	"github.com/glossnotes/gloss/notebook"
)

// contents is what a notebook holds, as the service shows it, for
// comparing a salvaged notebook with its source.
type contents struct {
	articles    map[string]string // ID → title
	texts       map[string]string // ID → text
	annotations map[string]string // ID → article ID
	trash       []string
	tags        []string
}

func contentsOf(t testing.TB, path string) contents {
	t.Helper()
	db, err := OpenReadOnly(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	nb := notebook.New(db)
	c := contents{articles: map[string]string{}, texts: map[string]string{}, annotations: map[string]string{}}
	arts, err := nb.Articles(notebook.ListOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range arts {
		c.articles[a.ID] = a.Title
		b, err := nb.Text(a.ID)
		if err != nil {
			t.Fatal(err)
		}
		c.texts[a.ID] = b.Text
		anns, err := nb.Annotations(a.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, an := range anns {
			c.annotations[an.ID] = an.ArticleID
		}
	}
	trash, err := nb.TrashEntries()
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range trash {
		c.trash = append(c.trash, e.ID)
	}
	sort.Strings(c.trash)
	tags, err := nb.Tags()
	if err != nil {
		t.Fatal(err)
	}
	for _, tg := range tags {
		c.tags = append(c.tags, tg.Name)
	}
	return c
}

// salvageOK salvages src into a new file, checks that src is unchanged and
// that the result passes Check and takes writes, and returns the report
// and the new file's path.
func salvageOK(t *testing.T, src string) (Report, string) {
	t.Helper()
	before, _ := os.ReadFile(src)
	dst := filepath.Join(t.TempDir(), "salvaged.db")
	rep, err := Salvage(src, dst)
	if err != nil {
		t.Fatalf("salvage: %v", err)
	}
	if after, _ := os.ReadFile(src); !bytes.Equal(before, after) {
		t.Error("salvage modified its source")
	}
	if ps, err := CheckFile(dst); err != nil || len(ps) != 0 {
		t.Fatalf("the salvaged notebook fails check: %v\n%s", err, problemText(ps))
	}
	st, err := os.Stat(dst)
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != 0o600 {
		t.Errorf("salvaged notebook has mode %v", st.Mode().Perm())
	}
	copied, _ := os.ReadFile(dst)
	db, err := Open(writeTemp(t, "copy.db", copied))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.Update(func(tx notebook.Tx) error { return tx.PutTag(notebook.Tag{Name: "After salvage"}) }); err != nil {
		t.Errorf("the salvaged notebook does not take writes: %v", err)
	}
	if leftovers, _ := filepath.Glob(filepath.Join(filepath.Dir(dst), ".*")); len(leftovers) > 0 {
		t.Errorf("temporary files left: %v", leftovers)
	}
	return rep, dst
}

// TestSalvage_SoundNotebook copies everything, loses nothing, and gives the
// copy a new notebook ID.
func TestSalvage_SoundNotebook(t *testing.T) {
	src := fixtureFile(t, smallFixture)
	rep, dst := salvageOK(t, src)
	if len(rep.Lost) != 0 || len(rep.Repaired) != 0 {
		t.Errorf("lost %v, repaired %v", rep.Lost, rep.Repaired)
	}
	want, got := contentsOf(t, src), contentsOf(t, dst)
	if d := diffContents(want, got); d != "" {
		t.Errorf("contents differ: %s", d)
	}
	if rep.Copied["articles"] != len(want.articles) || rep.Copied["annotations"] != len(want.annotations) {
		t.Errorf("copied %v", rep.Copied)
	}
	uid := func(path string) string {
		db, err := OpenReadOnly(path)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		var u string
		db.View(func(tx notebook.Tx) error { u, _ = tx.Generation(); return nil })
		return u
	}
	if uid(src) == uid(dst) {
		t.Error("the salvaged notebook kept its source's ID (caches of the source would pass for it)")
	}
}

// diffContents says how b differs from a, or "".
func diffContents(a, b contents) string {
	var out []string
	diff := func(what string, x, y map[string]string) {
		for k, v := range x {
			if w, ok := y[k]; !ok {
				out = append(out, what+" "+k+" missing")
			} else if w != v {
				out = append(out, what+" "+k+" changed")
			}
		}
		for k := range y {
			if _, ok := x[k]; !ok {
				out = append(out, what+" "+k+" added")
			}
		}
	}
	diff("article", a.articles, b.articles)
	diff("text", a.texts, b.texts)
	diff("annotation", a.annotations, b.annotations)
	if x, y := strings.Join(a.trash, ","), strings.Join(b.trash, ","); x != y {
		out = append(out, "trash "+x+" → "+y)
	}
	if x, y := strings.Join(a.tags, ","), strings.Join(b.tags, ","); x != y {
		out = append(out, "tags "+x+" → "+y)
	}
	if len(out) > 10 {
		out = append(out[:10], "…")
	}
	return strings.Join(out, "; ")
}

// TestSalvage_DamagedNotebooks: every readable, valid record is copied,
// what is lost is named, and the result passes Check.
func TestSalvage_DamagedNotebooks(t *testing.T) {
	data := fixtureBytes(t, mediumFixture)
	ps := fixturePageSize(data)
	orig := contentsOf(t, fixtureFile(t, mediumFixture))
	base := writeTemp(t, "base.db", data)
	annRoot := bucketRoot(t, base, bAnnotations)
	h, _ := readHeaders(bytes.NewReader(data), int64(len(data)), false)

	tests := []struct {
		name  string
		file  []byte
		check func(t *testing.T, rep Report, got contents)
	}{
		{"zeroed page of article records", zeroPage(data, pageOf(t, data, `"title":"Ferry report 370"`)), func(t *testing.T, rep Report, got contents) {
			// Every article survives: lost records are rebuilt from texts.
			if len(got.articles) != len(orig.articles) || len(got.annotations) != len(orig.annotations) {
				t.Errorf("%d articles, %d annotations; want %d, %d", len(got.articles), len(got.annotations), len(orig.articles), len(orig.annotations))
			}
			if !hasItem(rep.Repaired, "articles", "rebuilt") {
				t.Errorf("no rebuilt article reported: %v", rep.Repaired)
			}
		}},
		{"zeroed page of texts", zeroPage(data, pageOf(t, data, "Field report 370 on")), func(t *testing.T, rep Report, got contents) {
			lost := itemsOf(rep.Lost, "articles")
			if len(lost) == 0 || len(got.articles) != len(orig.articles)-len(lost) {
				t.Fatalf("lost %v; %d of %d articles kept", lost, len(got.articles), len(orig.articles))
			}
			for _, id := range lost {
				if _, ok := got.articles[id]; ok {
					t.Errorf("article %s reported lost but kept", id)
				}
			}
			// Their highlights went to the trash, none was dropped.
			if len(got.annotations)+len(got.trash)-len(orig.trash) != len(orig.annotations) {
				t.Errorf("annotations: %d kept, %d in trash (was %d), of %d", len(got.annotations), len(got.trash), len(orig.trash), len(orig.annotations))
			}
		}},
		{"zeroed branch page", zeroPage(data, int(annRoot)), func(t *testing.T, rep Report, got contents) {
			// The leaves below the branch are found again.
			if len(got.annotations) != len(orig.annotations) {
				t.Errorf("%d of %d annotations recovered; notes %v", len(got.annotations), len(orig.annotations), rep.Notes)
			}
			if !strings.Contains(strings.Join(rep.Notes, "\n"), "no longer referenced") {
				t.Errorf("notes %v do not say where records were found", rep.Notes)
			}
		}},
		{"newest header damaged", func() []byte {
			d := bytes.Clone(data)
			d[h.use*ps+pageHeaderSize+20] ^= 1
			return d
		}(), func(t *testing.T, rep Report, got contents) {
			if !strings.Contains(strings.Join(rep.Notes, "\n"), "may have been lost") {
				t.Errorf("notes %v", rep.Notes)
			}
		}},
		{"zeroed free-page list", zeroPage(data, int(h.current().freelist)), func(t *testing.T, rep Report, got contents) {
			if d := diffContents(orig, got); d != "" {
				t.Errorf("records lost although every tree is intact: %s", d)
			}
		}},
		{"damaged tag names", editRecords(t, data, func(tx *bolt.Tx) error {
			k, a := recordOf(t, tx, bAnnotations, anyAnnotation)
			a.Tags = append(a.Tags, "Follo\x7f up")
			if err := putRecord(tx, bAnnotations, k, a); err != nil {
				return err
			}
			k, art := recordOf(t, tx, bArticles, anyArticle)
			art.Tags = append(art.Tags, " Budget")
			return putRecord(tx, bArticles, k, art)
		}), func(t *testing.T, rep Report, got contents) {
			if d := diffContents(orig, got); d != "" {
				t.Errorf("records lost: %s", d)
			}
			if !hasItem(rep.Repaired, "annotations", "not a clean tag name") || !hasItem(rep.Repaired, "articles", "not a clean tag name") {
				t.Errorf("repaired %v", rep.Repaired)
			}
		}},
		{"truncated", data[:len(data)*3/4], func(t *testing.T, rep Report, got contents) {
			if len(got.articles) == 0 || !strings.Contains(strings.Join(rep.Notes, "\n"), "truncated") {
				t.Errorf("%d articles kept; notes %v", len(got.articles), rep.Notes)
			}
		}},
		{"element pointing outside its page", func() []byte {
			d := bytes.Clone(data)
			p := pageOf(t, data, `"title":"Ferry report 7"`)
			binary.LittleEndian.PutUint32(d[p*ps+pageHeaderSize+4:], 1<<30)
			return d
		}(), func(t *testing.T, rep Report, got contents) {
			if len(got.articles) != len(orig.articles) {
				t.Errorf("%d of %d articles", len(got.articles), len(orig.articles))
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := writeTemp(t, "nb.db", tt.file)
			rep, dst := salvageOK(t, src)
			tt.check(t, rep, contentsOf(t, dst))
		})
	}
}

func hasItem(items []SalvageItem, bucket, what string) bool {
	for _, it := range items {
		if it.Bucket == bucket && strings.Contains(it.What, what) {
			return true
		}
	}
	return false
}

func itemsOf(items []SalvageItem, bucket string) []string {
	var ids []string
	for _, it := range items {
		if it.Bucket == bucket {
			ids = append(ids, it.ID)
		}
	}
	return ids
}

// TestSalvage_Refusals: an existing destination is never replaced, and a
// missing source is reported.
func TestSalvage_Refusals(t *testing.T) {
	src := fixtureFile(t, smallFixture)
	dir := t.TempDir()
	existing := filepath.Join(dir, "there.db")
	os.WriteFile(existing, []byte("keep me"), 0o600)
	if _, err := Salvage(src, existing); err == nil || !strings.Contains(err.Error(), "already exists") {
		t.Errorf("err = %v, want a refusal", err)
	}
	if b, _ := os.ReadFile(existing); string(b) != "keep me" {
		t.Error("the existing destination was changed")
	}
	if _, err := Salvage(src, src); err == nil {
		t.Error("salvage onto its own source")
	}
	_, err := Salvage(filepath.Join(dir, "none.db"), filepath.Join(dir, "out.db"))
	if !errors.Is(err, notebook.ErrNoNotebook) {
		t.Errorf("missing source: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "out.db")); !errors.Is(err, os.ErrNotExist) {
		t.Error("a destination was made for a missing source")
	}
}
