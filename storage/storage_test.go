package storage

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/glossnotes/gloss/notebook"
)

// newDB opens a fresh notebook in a temp dir.
func newDB(t *testing.T) (*DB, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "nb.db")
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db, path
}

func TestOpen_CreatesPrivateFile(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "deep", "er")
	path := filepath.Join(dir, "nb.db")
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != 0o600 {
		t.Errorf("mode = %v, want 0600", st.Mode().Perm())
	}
	dst, _ := os.Stat(dir)
	if dst.Mode().Perm() != 0o700 {
		t.Errorf("dir mode = %v, want 0700", dst.Mode().Perm())
	}
	problems, err := db.Check()
	if err != nil || len(problems) != 0 {
		t.Fatalf("check on a new notebook: %v %v", problems, err)
	}
}

// TestMain lets the test binary act as a second Gloss process.
func TestMain(m *testing.M) {
	switch os.Getenv("GLOSS_TEST_ROLE") {
	case "hold":
		db, err := Open(os.Getenv("GLOSS_TEST_DB"))
		if err != nil {
			fmt.Println("ERR", err)
			os.Exit(3)
		}
		fmt.Println("READY")
		time.Sleep(30 * time.Second)
		db.Close()
		os.Exit(0)
	case "import":
		runImportForever(os.Getenv("GLOSS_TEST_DB"))
		os.Exit(0)
	}
	os.Exit(m.Run())
}

func helperProcess(t *testing.T, role, path string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "GLOSS_TEST_ROLE="+role, "GLOSS_TEST_DB="+path)
	return cmd
}

func TestOpen_LockedByAnotherProcess(t *testing.T) {
	path := filepath.Join(t.TempDir(), "nb.db")
	cmd := helperProcess(t, "hold", path)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { cmd.Process.Kill(); cmd.Wait() }()
	buf := make([]byte, 64)
	n, _ := out.Read(buf)
	if !strings.Contains(string(buf[:n]), "READY") {
		t.Fatalf("helper did not open the notebook: %q", buf[:n])
	}
	start := time.Now()
	_, err = Open(path)
	took := time.Since(start)
	if !errors.Is(err, notebook.ErrLocked) {
		t.Fatalf("err = %v, want ErrLocked", err)
	}
	if !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), "open in another Gloss process") {
		t.Errorf("message %q should name the file and say it is open elsewhere", err)
	}
	if took > 2*time.Second {
		t.Errorf("took %v, want < 2s", took)
	}
}

func TestOpen_Refusals(t *testing.T) {
	dir := t.TempDir()
	// A valid notebook to damage.
	good := filepath.Join(dir, "good.db")
	db, err := Open(good)
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	goodBytes, _ := os.ReadFile(good)

	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	newer := filepath.Join(dir, "newer.db")
	os.WriteFile(newer, goodBytes, 0o600)
	bdb, _ := bolt.Open(newer, 0o600, nil)
	bdb.Update(func(tx *bolt.Tx) error {
		return tx.Bucket(bMeta).Put(keySchema, []byte(strconv.Itoa(SchemaVersion()+1)))
	})
	bdb.Close()
	plainBolt := filepath.Join(dir, "other.db")
	bdb, _ = bolt.Open(plainBolt, 0o600, nil)
	bdb.Update(func(tx *bolt.Tx) error { _, err := tx.CreateBucket([]byte("widgets")); return err })
	bdb.Close()

	tests := []struct {
		name    string
		path    string
		want    error
		wantMsg string
	}{
		{"text file", write("notes.db", []byte(strings.Repeat("hello world\n", 2000))), notebook.ErrNotNotebook, "bad magic"},
		{"tiny file", write("tiny.db", []byte("x")), notebook.ErrNotNotebook, "too short"},
		{"truncated", write("trunc.db", goodBytes[:len(goodBytes)/2]), notebook.ErrNotNotebook, "truncated"},
		{"zeroed header", write("zero.db", append(make([]byte, 8192), goodBytes[8192:]...)), notebook.ErrNotNotebook, ""},
		{"newer schema", newer, notebook.ErrNewerSchema, "newer version"},
		{"other bbolt file", plainBolt, notebook.ErrNotNotebook, "no Gloss meta"},
		{"directory", dir, notebook.ErrNotNotebook, "directory"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before, _ := os.ReadFile(tt.path)
			db, err := Open(tt.path)
			if err == nil {
				db.Close()
				t.Fatal("opened; want a refusal")
			}
			if !errors.Is(err, tt.want) {
				t.Fatalf("err = %v, want %v", err, tt.want)
			}
			if !strings.Contains(err.Error(), tt.path) || !strings.Contains(err.Error(), tt.wantMsg) {
				t.Errorf("message %q should name the file and contain %q", err, tt.wantMsg)
			}
			after, _ := os.ReadFile(tt.path)
			if !bytes.Equal(before, after) {
				t.Error("the refused file was modified")
			}
		})
	}
}

func TestMigrate_BackupAndAtomicity(t *testing.T) {
	db, path := newDB(t)
	db.Update(func(tx notebook.Tx) error {
		return tx.PutArticle(notebook.Article{ID: "A1", Title: "kept", TextHash: "h1"})
	})
	db.Close()
	saved := migrations
	t.Cleanup(func() { migrations = saved })

	// A failing step: the file stays at the old schema, with a backup.
	cur := SchemaVersion()
	migrations = append(append([]migration(nil), saved...), migration{To: cur + 1, Name: "fails", Apply: func(tx *bolt.Tx) error {
		tx.Bucket(bArticles).Delete([]byte("A1"))
		return errors.New("boom")
	}})
	if _, err := Open(path); err == nil || !strings.Contains(err.Error(), "boom") {
		t.Fatalf("err = %v, want the failing migration's error", err)
	}
	backups, _ := filepath.Glob(path + fmt.Sprintf(".schema%d-*.bak", cur))
	if len(backups) != 1 {
		t.Fatalf("backups = %v, want one", backups)
	}
	migrations = saved
	db2, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	db2.View(func(tx notebook.Tx) error {
		if _, err := tx.Article("A1"); err != nil {
			t.Errorf("failed migration lost data: %v", err)
		}
		return nil
	})
	db2.Close()

	// A working step runs once and records the new schema.
	ran := 0
	migrations = append(append([]migration(nil), saved...), migration{To: cur + 1, Name: "adds", Apply: func(tx *bolt.Tx) error {
		ran++
		_, err := tx.CreateBucketIfNotExists([]byte("extra"))
		return err
	}})
	for i := 0; i < 2; i++ {
		db3, err := Open(path)
		if err != nil {
			t.Fatal(err)
		}
		db3.Close()
	}
	if ran != 1 {
		t.Errorf("migration ran %d times, want 1", ran)
	}
	// The backup is itself a notebook at the old schema.
	migrations = saved
	b, err := Open(backups[0])
	if err != nil {
		t.Fatalf("backup does not open: %v", err)
	}
	b.Close()
}

// TestMigrate_Schema1To2 opens a file written at schema 1 (before notebook
// UIDs): it is backed up, migrated in place and keeps its data.
func TestMigrate_Schema1To2(t *testing.T) {
	path := filepath.Join(t.TempDir(), "old.db")
	bdb, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = bdb.Update(func(tx *bolt.Tx) error {
		if err := createBuckets(tx); err != nil {
			return err
		}
		if err := tx.Bucket(bMeta).Put(keySchema, []byte("1")); err != nil {
			return err
		}
		return (&txn{tx: tx}).PutArticle(notebook.Article{ID: "A1", Title: "old", TextHash: "h"})
	})
	bdb.Close()
	if err != nil {
		t.Fatal(err)
	}
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.View(func(tx notebook.Tx) error {
		if uid, _ := tx.Generation(); len(uid) != 32 {
			t.Errorf("uid = %q after migration", uid)
		}
		if a, err := tx.Article("A1"); err != nil || a.Title != "old" {
			t.Errorf("data lost: %v", err)
		}
		return nil
	})
	if b, _ := filepath.Glob(path + ".schema1-*.bak"); len(b) != 1 {
		t.Errorf("backups %v", b)
	}
}

func TestCheck_FindsIndexProblems(t *testing.T) {
	tests := []struct {
		name   string
		damage func(tx *bolt.Tx) error
		want   string
	}{
		{"dangling hash index", func(tx *bolt.Tx) error { return tx.Bucket(bIdxHash).Put([]byte(hashOf("zzz")), []byte("NOPE")) }, "hash index"},
		{"unindexed URL", func(tx *bolt.Tx) error { return tx.Bucket(bIdxURL).Delete([]byte("https://x.test/a")) }, "URL not indexed"},
		{"annotation without article index", func(tx *bolt.Tx) error { return tx.Bucket(bIdxArtAnn).Delete(compositeKey("A1", "N1")) }, "not indexed under its article"},
		{"stale tag index", func(tx *bolt.Tx) error {
			return tx.Bucket(bIdxTag).Put(tagIndexKey("ghost", tagKindAnnotation, "N1"), nil)
		}, "does not carry that tag"},
		{"missing text", func(tx *bolt.Tx) error { return tx.Bucket(bBodies).Delete([]byte("A1")) }, "text is missing"},
		{"orphan annotation", func(tx *bolt.Tx) error {
			data, _ := encode(notebook.Annotation{ID: "N2", ArticleID: "GONE", Status: notebook.Anchored})
			return tx.Bucket(bAnnotations).Put([]byte("N2"), data)
		}, "does not exist"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkFinds(t, func(tx notebook.Tx) error {
				for _, tag := range []string{"Sahel", "Sahel/Mali", "Russia–Africa ties"} {
					if err := tx.PutTag(notebook.Tag{Name: tag}); err != nil {
						return err
					}
				}
				if err := tx.PutArticle(notebook.Article{ID: "A1", Title: "t", TextHash: hashOf("text"), Chars: 4, Version: 1, URL: "https://x.test/a", Tags: []string{"Sahel/Mali"}}); err != nil {
					return err
				}
				if err := tx.PutBody("A1", notebook.Body{Text: "text"}); err != nil {
					return err
				}
				return tx.PutAnnotation(notebook.Annotation{ID: "N1", ArticleID: "A1", Start: 0, End: 2, Quote: "te", Status: notebook.Anchored, Tags: []string{"Russia–Africa ties"}})
			}, tt.damage, tt.want)
		})
	}
}

func TestTx_IndexesFollowUpdates(t *testing.T) {
	db, _ := newDB(t)
	h1, h2 := hashOf("first"), hashOf("t")
	err := db.Update(func(tx notebook.Tx) error {
		for _, tag := range []string{"Sahel", "Sahel/Mali", "Sahel/Niger", "Russia–Africa ties"} {
			tx.PutTag(notebook.Tag{Name: tag})
		}
		tx.PutArticle(notebook.Article{ID: "A1", TextHash: h1, Version: 1, URL: "u1", Tags: []string{"Sahel/Mali"}})
		tx.PutBody("A1", notebook.Body{Text: "t"})
		tx.PutArticle(notebook.Article{ID: "A1", TextHash: h2, Chars: 1, Version: 1, URL: "u2", Tags: []string{"Russia–Africa ties"}})
		tx.PutAnnotation(notebook.Annotation{ID: "N1", ArticleID: "A1", Status: notebook.Anchored, Tags: []string{"Sahel"}})
		tx.PutAnnotation(notebook.Annotation{ID: "N2", ArticleID: "A1", Status: notebook.Anchored, Tags: []string{"Sahel/Niger"}})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	db.View(func(tx notebook.Tx) error {
		if _, ok, _ := tx.ArticleByHash(h1); ok {
			t.Error("old hash still indexed")
		}
		if id, ok, _ := tx.ArticleByURL("u2"); !ok || id != "A1" {
			t.Error("new URL not indexed")
		}
		arts, anns, _ := tx.TaggedWith(notebook.TagKey("Sahel"))
		if len(arts) != 0 || len(anns) != 2 {
			t.Errorf("TaggedWith(sahel) = %v %v, want no articles, 2 annotations", arts, anns)
		}
		arts, _, _ = tx.TaggedWith(notebook.TagKey("russia–africa ties"))
		if len(arts) != 1 {
			t.Errorf("TaggedWith(russia–africa ties) = %v", arts)
		}
		counts, _ := tx.AnnotationCounts()
		if counts["A1"] != 2 {
			t.Errorf("counts = %v", counts)
		}
		return nil
	})
	if p, _ := db.Check(); len(p) != 0 {
		t.Errorf("check: %v", p)
	}
}
