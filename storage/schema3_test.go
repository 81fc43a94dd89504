package storage

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"

	"github.com/glossnotes/gloss/notebook"
)

// writeSchema2 writes a notebook file as Gloss wrote it at schema 2 (no
// citation keys, no schema 3 buckets) holding arts.
func writeSchema2(t *testing.T, arts []notebook.Article) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "old.db")
	bdb, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = bdb.Update(func(tx *bolt.Tx) error {
		if err := createBuckets(tx); err != nil {
			return err
		}
		if err := addUID(tx); err != nil {
			return err
		}
		if err := tx.Bucket(bMeta).Put(keySchema, []byte("2")); err != nil {
			return err
		}
		for _, a := range arts {
			if err := (&txn{tx: tx}).PutArticle(a); err != nil {
				return err
			}
			text := "text of " + a.ID
			if err := (&txn{tx: tx}).PutBody(a.ID, notebook.Body{Text: text}); err != nil {
				return err
			}
		}
		return nil
	})
	bdb.Close()
	if err != nil {
		t.Fatal(err)
	}
	return path
}

func oldArticle(id, byline, title, key string) notebook.Article {
	return notebook.Article{ID: id, Byline: byline, Title: title, CiteKey: key, TextHash: hashOf("text of " + id), Chars: len("text of " + id), Version: 1}
}

// TestMigrate_Schema2To3 opens a schema 2 file: it is backed up, its
// articles get unique citation keys in one transaction (a valid key
// already there is kept), the new buckets exist and check finds nothing.
func TestMigrate_Schema2To3(t *testing.T) {
	path := writeSchema2(t, []notebook.Article{
		oldArticle("A1", "Reuters", "Grain prices fall", ""),
		oldArticle("A2", "Reuters", "Grain prices fall", ""),
		oldArticle("A3", "Anna Keller", "Tides", "mykey"),
		oldArticle("A4", "Anna Keller", "Tides", "MYKEY"), // a clash: made anew
		oldArticle("A5", "", "", "not a key"),
	})
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if b, _ := filepath.Glob(path + ".schema2-*.bak"); len(b) != 1 {
		t.Errorf("backups %v, want one", b)
	}
	want := map[string]string{"A1": "reutersgrain", "A2": "reutersgraina", "A3": "mykey", "A4": "kellertides", "A5": "anon"}
	err = db.View(func(tx notebook.Tx) error {
		for id, key := range want {
			a, err := tx.Article(id)
			if err != nil {
				return err
			}
			if a.CiteKey != key {
				t.Errorf("article %s: key %q, want %q", id, a.CiteKey, key)
			}
			if got, ok, _ := tx.ArticleByCiteKey(strings.ToUpper(key)); !ok || got != id {
				t.Errorf("key %q indexed as %q", key, got)
			}
		}
		ids, _ := tx.ArticlesByMatch(notebook.MatchKeys("", "Grain prices fall")[0])
		if len(ids) != 2 {
			t.Errorf("title match index: %v", ids)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if p, err := db.Check(); err != nil || len(p) != 0 {
		t.Errorf("check after migration: %v %v", p, err)
	}
}

// TestMigrate_Schema2To3_fails: when the step fails after assigning keys
// (here: an error forced after it ran), the schema 2 file is left exactly
// as it was: the framework's one transaction.
func TestMigrate_Schema2To3_fails(t *testing.T) {
	path := writeSchema2(t, []notebook.Article{oldArticle("A1", "Reuters", "Grain", "")})
	saved := migrations
	t.Cleanup(func() { migrations = saved })
	migrations = append([]migration(nil), saved...)
	for i, m := range migrations {
		if m.To == 3 {
			migrations[i].Apply = func(tx *bolt.Tx) error {
				if err := addSchema3(tx); err != nil {
					return err
				}
				return errors.New("forced failure")
			}
		}
	}
	if db, err := Open(path); err == nil {
		db.Close()
		t.Fatal("opened a file whose migration must fail")
	}
	bdb, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer bdb.Close()
	bdb.View(func(tx *bolt.Tx) error {
		if v, _ := schemaOf(tx); v != 2 {
			t.Errorf("schema %d after a failed migration", v)
		}
		if tx.Bucket(bPending) != nil || tx.Bucket(bIdxCiteKey) != nil {
			t.Error("schema 3 buckets were created")
		}
		var a notebook.Article
		if err := decode(tx.Bucket(bArticles).Get([]byte("A1")), &a); err != nil || a.CiteKey != "" {
			t.Errorf("article changed: key %q, %v", a.CiteKey, err)
		}
		return nil
	})
}

func TestCheck_Schema3Problems(t *testing.T) {
	tests := []struct {
		name   string
		damage func(tx *bolt.Tx) error
		want   string
	}{
		{"key not indexed", func(tx *bolt.Tx) error { return tx.Bucket(bIdxCiteKey).Delete([]byte("doe2024tides")) }, "not indexed"},
		{"stale key entry", func(tx *bolt.Tx) error { return tx.Bucket(bIdxCiteKey).Put([]byte("ghost"), []byte("A1")) }, "citation key index entry"},
		{"match not indexed", func(tx *bolt.Tx) error {
			return tx.Bucket(bIdxMatch).Delete(compositeKey(notebook.MatchKeys("", "Tides")[0], "A1"))
		}, "not indexed for matching"},
		{"stale match entry", func(tx *bolt.Tx) error { return tx.Bucket(bIdxMatch).Put(compositeKey("tzzz", "A1"), nil) }, "match index entry"},
		{"pending not indexed", func(tx *bolt.Tx) error {
			return tx.Bucket(bIdxPendingMatch).Delete(compositeKey(notebook.MatchKeys("https://a.test/b", "")[0], "P1"))
		}, "pending annotation P1: not indexed"},
		{"bad pending record", func(tx *bolt.Tx) error { return tx.Bucket(bPending).Put([]byte("P2"), []byte{1, '['}) }, "pending annotation P2"},
		{"missing bucket", func(tx *bolt.Tx) error { return tx.DeleteBucket(bImported) }, "bucket imported_sources"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkFinds(t, func(tx notebook.Tx) error {
				if err := tx.PutArticle(notebook.Article{ID: "A1", Title: "Tides", CiteKey: "doe2024tides", TextHash: hashOf("text"), Chars: 4, Version: 1}); err != nil {
					return err
				}
				if err := tx.PutBody("A1", notebook.Body{Text: "text"}); err != nil {
					return err
				}
				if err := tx.PutPending(notebook.PendingAnnotation{ID: "P1", Source: "hypothesis", SourceID: "x", URL: "https://a.test/b", Color: notebook.Yellow}); err != nil {
					return err
				}
				return tx.PutImportedSource(notebook.SourceKey("hypothesis", "x"), "P1")
			}, tt.damage, tt.want)
		})
	}
}
