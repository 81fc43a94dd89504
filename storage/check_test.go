package storage

import (
	"bytes"
	"encoding/base64"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/glossnotes/gloss/notebook"
)

// editRecords returns a copy of a notebook file changed through bbolt
// itself: records that no Gloss operation would write, to check that Check
// sees each broken rule.
func editRecords(t testing.TB, data []byte, edit func(tx *bolt.Tx) error) []byte {
	t.Helper()
	path := writeTemp(t, "edit.db", data)
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Update(edit); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	out, err := readFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// recordOf returns a decoded record of a bucket chosen by pick.
func recordOf[T any](t testing.TB, tx *bolt.Tx, bucket []byte, pick func(k []byte, v T) bool) ([]byte, T) {
	t.Helper()
	var zero T
	c := tx.Bucket(bucket).Cursor()
	for k, v := c.First(); k != nil; k, v = c.Next() {
		var rec T
		if decode(v, &rec) == nil && pick(k, rec) {
			return bytes.Clone(k), rec
		}
	}
	t.Fatalf("no record in %s", bucket)
	return nil, zero
}

func putRecord(tx *bolt.Tx, bucket, key []byte, v any) error {
	data, err := encode(v)
	if err != nil {
		return err
	}
	return tx.Bucket(bucket).Put(key, data)
}

func anyArticle(_ []byte, a notebook.Article) bool       { return a.Title == "Ferry report 4" }
func anyAnnotation(_ []byte, a notebook.Annotation) bool { return a.Note != "" }

// TestCheck_FindsRecordDamage: a flipped bit inside an article's text
// passed check, and so did copies where backup, export or search then
// failed (illegal base64 data, invalid character '\x02'), and a damaged
// header silently rolled back the last transaction. Check now decodes and
// verifies every record and reference.
func TestCheck_FindsRecordDamage(t *testing.T) {
	data := fixtureBytes(t, smallFixture)
	ps := fixturePageSize(data)
	flip := func(needle string, at int, mask byte) []byte {
		d := bytes.Clone(data)
		i := bytes.Index(d, []byte(needle))
		if i < 0 {
			t.Fatalf("%q not found", needle)
		}
		d[i+at] ^= mask
		return d
	}
	src := base64.StdEncoding.EncodeToString([]byte{0, 1, 2, 0xfe, 0xff, 3, 0, 'x'})
	h, _ := readHeaders(bytes.NewReader(data), int64(len(data)), false)

	tests := []struct {
		name        string
		file        []byte
		want        string
		salvageable bool
	}{
		{"bit flipped in a text", flip("introducing", 9, 0x02), "its text does not match its SHA-256", false},
		{"bad base64 in a source", flip(src, 2, '!'^src[2]), "illegal base64 data", false},
		{"control character in an annotation", flip(`"note":"compare`, 0, '"'^0x02), `invalid character '\x02'`, false},
		{"newest header damaged", func() []byte {
			d := bytes.Clone(data)
			d[h.use*ps+pageHeaderSize+20] ^= 1 // inside the checksummed meta
			return d
		}(), "may have been lost", true},
		{"old text of a version damaged", editRecords(t, data, func(tx *bolt.Tx) error {
			k, v := recordOf(t, tx, bVersions, func(_ []byte, v notebook.Version) bool { return true })
			v.Body.Text = strings.Replace(v.Body.Text, "Field", "Fjeld", 1)
			return putRecord(tx, bVersions, k, v)
		}), "version 1 of article", false},
		{"version under the wrong number", editRecords(t, data, func(tx *bolt.Tx) error {
			k, v := recordOf(t, tx, bVersions, func(_ []byte, v notebook.Version) bool { return true })
			v.Number = 7
			return putRecord(tx, bVersions, k, v)
		}), "holds version 7", false},
		{"deleted article's text damaged", editRecords(t, data, func(tx *bolt.Tx) error {
			k, e := recordOf(t, tx, bTrash, func(_ []byte, e notebook.TrashEntry) bool { return e.Kind == notebook.TrashArticle })
			e.Body.Text += "!"
			return putRecord(tx, bTrash, k, e)
		}), "deleted article's text does not match", false},
		{"trash entry of an unknown kind", editRecords(t, data, func(tx *bolt.Tx) error {
			k, e := recordOf(t, tx, bTrash, func(_ []byte, e notebook.TrashEntry) bool { return e.Kind == notebook.TrashAnnotation })
			e.Kind = "annotatiom"
			return putRecord(tx, bTrash, k, e)
		}), `unknown kind "annotatiom"`, false},
		{"trash entry with a live article's ID", editRecords(t, data, func(tx *bolt.Tx) error {
			k, _ := recordOf(t, tx, bArticles, anyArticle)
			_, e := recordOf(t, tx, bTrash, func(_ []byte, e notebook.TrashEntry) bool { return e.Kind == notebook.TrashAnnotation })
			e.ID, e.Annotations[0].ID = string(k), string(k)
			return putRecord(tx, bTrash, k, e)
		}), "a live article has the same ID", false},
		{"annotation with an article's ID", editRecords(t, data, func(tx *bolt.Tx) error {
			k, _ := recordOf(t, tx, bArticles, anyArticle)
			_, a := recordOf(t, tx, bAnnotations, anyAnnotation)
			a.ID = string(k)
			return (&txn{tx: tx}).PutAnnotation(a)
		}), "an annotation has the same ID", false},
		{"annotation beyond its text", editRecords(t, data, func(tx *bolt.Tx) error {
			k, a := recordOf(t, tx, bAnnotations, anyAnnotation)
			a.Start, a.End = 5000, 5010
			return putRecord(tx, bAnnotations, k, a)
		}), "is outside its article's text", true},
		{"annotation of a missing article", editRecords(t, data, func(tx *bolt.Tx) error {
			k, a := recordOf(t, tx, bAnnotations, anyAnnotation)
			a.ArticleID = "01NOSUCHARTICLE00000000000"
			return putRecord(tx, bAnnotations, k, a)
		}), "does not exist; salvage keeps it in the trash", true},
		{"annotation status damaged", editRecords(t, data, func(tx *bolt.Tx) error {
			k, a := recordOf(t, tx, bAnnotations, anyAnnotation)
			a.Status = "anchoreb"
			return putRecord(tx, bAnnotations, k, a)
		}), `status "anchoreb"`, true},
		{"control character in a tag", editRecords(t, data, func(tx *bolt.Tx) error {
			k, a := recordOf(t, tx, bAnnotations, anyAnnotation)
			a.Tags = []string{"Follo\x7f up"}
			return putRecord(tx, bAnnotations, k, a)
		}), `tag "Follo\x7f up" is not a clean tag name`, true},
		{"article length wrong", editRecords(t, data, func(tx *bolt.Tx) error {
			k, a := recordOf(t, tx, bArticles, anyArticle)
			a.Chars++
			return putRecord(tx, bArticles, k, a)
		}), "characters but its text has", true},
		{"article record lost", editRecords(t, data, func(tx *bolt.Tx) error {
			k, _ := recordOf(t, tx, bArticles, anyArticle)
			return tx.Bucket(bArticles).Delete(k)
		}), "belongs to no article (its record is lost); salvage rebuilds", true},
		{"record in an unknown encoding", editRecords(t, data, func(tx *bolt.Tx) error {
			k, _ := recordOf(t, tx, bArticles, anyArticle)
			v := bytes.Clone(tx.Bucket(bArticles).Get(k))
			v[0] = 9
			return tx.Bucket(bArticles).Put(k, v)
		}), "unknown record encoding 9", true},
		{"tag record missing", editRecords(t, data, func(tx *bolt.Tx) error {
			return tx.Bucket(bTags).Delete([]byte(notebook.TagKey("Budget")))
		}), `tag "Budget" has no tag record`, true},
		{"tag record under another key", editRecords(t, data, func(tx *bolt.Tx) error {
			return putRecord(tx, bTags, []byte("budgte"), notebook.Tag{Name: "Budget"})
		}), "not its name's key", true},
		{"URL index points elsewhere", editRecords(t, data, func(tx *bolt.Tx) error {
			return tx.Bucket(bIdxURL).Put([]byte("https://ledger.example/reports/4"), []byte("01OTHER"))
		}), "URL not indexed", true},
		{"annotation missing from the article index", editRecords(t, data, func(tx *bolt.Tx) error {
			_, a := recordOf(t, tx, bAnnotations, anyAnnotation)
			return tx.Bucket(bIdxArtAnn).Delete(compositeKey(a.ArticleID, a.ID))
		}), "not indexed under its article", true},
		{"tag index entry without its item", editRecords(t, data, func(tx *bolt.Tx) error {
			return tx.Bucket(bIdxTag).Put(tagIndexKey("Budget", tagKindAnnotation, "01GONE"), nil)
		}), "points at no item", true},
		{"bucket missing", editRecords(t, data, func(tx *bolt.Tx) error {
			return tx.DeleteBucket(bTrash)
		}), "bucket trash: is missing", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := writeTemp(t, "nb.db", tt.file)
			ps, err := CheckFile(path)
			if err != nil {
				t.Fatal(err)
			}
			var hit *Problem
			for i := range ps {
				if strings.Contains(ps[i].String(), tt.want) {
					hit = &ps[i]
					break
				}
			}
			if hit == nil {
				t.Fatalf("problems do not mention %q:\n%s", tt.want, problemText(ps))
			}
			if hit.Salvageable != tt.salvageable {
				t.Errorf("%q: salvageable = %v, want %v", hit, hit.Salvageable, tt.salvageable)
			}
			// The same file checked through an open notebook agrees.
			db, err := OpenReadOnly(path)
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			lines, err := db.Check()
			if err != nil || !strings.Contains(strings.Join(lines, "\n"), tt.want) {
				t.Errorf("DB.Check: %v %v", lines, err)
			}
		})
	}
}

// TestCheck_SoundNotebooksPass: the fixtures, built by the real service
// (imports, highlights, edits, trash), have no problems, and neither does a
// new notebook.
func TestCheck_SoundNotebooksPass(t *testing.T) {
	for _, size := range []fixtureSize{smallFixture, mediumFixture} {
		path := fixtureFile(t, size)
		ps, err := CheckFile(path)
		if err != nil || len(ps) != 0 {
			t.Errorf("fixture %+v: %v %s", size, err, problemText(ps))
		}
	}
	db, _ := newDB(t)
	if ps, err := db.Problems(); err != nil || len(ps) != 0 {
		t.Errorf("new notebook: %v %s", err, problemText(ps))
	}
}

// TestProblem_String: one line, saying whether salvage can save it.
func TestProblem_String(t *testing.T) {
	tests := []struct {
		p    Problem
		want string
	}{
		{Problem{"article A", "its text is missing", false}, "article A: its text is missing [cannot be saved]"},
		{Problem{"hash index entry h", "points at A", true}, "hash index entry h: points at A [salvage can save it]"},
	}
	for _, tt := range tests {
		if got := tt.p.String(); got != tt.want || strings.Contains(got, "\n") {
			t.Errorf("String() = %q, want %q", got, tt.want)
		}
	}
}
