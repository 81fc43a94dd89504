package storage

import (
	"bytes"
	"fmt"
	"strings"

	bolt "go.etcd.io/bbolt"

	"github.com/glossnotes/gloss/notebook"
)

// Buckets of schema 3 (issue 19): citation keys, matching imported
// annotations to articles, pending annotations and imported sources.
var (
	// bIdxCiteKey maps a lower-cased citation key to its article's ID.
	bIdxCiteKey = []byte("idx_citekey")
	// bIdxMatch holds match key + sep + article ID (notebook.MatchKeys of
	// the article's URL and title), empty values.
	bIdxMatch = []byte("idx_match")
	// bPending holds pending annotations by ID.
	bPending = []byte("pending")
	// bIdxPendingMatch holds match key + sep + pending ID, empty values.
	bIdxPendingMatch = []byte("idx_pending_match")
	// bImported maps a notebook.SourceKey to the ID the record became.
	bImported = []byte("imported_sources")
)

// schema3Buckets are the buckets schema 3 adds.
var schema3Buckets = [][]byte{bIdxCiteKey, bIdxMatch, bPending, bIdxPendingMatch, bImported}

// citeKeyIndexKey is the index key of a citation key.
func citeKeyIndexKey(key string) []byte { return []byte(strings.ToLower(key)) }

// indexArticleKeys adds (add) or removes an article's citation key and
// match keys from their indexes. A citation key entry is removed only when
// it still names this article.
func (t *txn) indexArticleKeys(a notebook.Article, add bool) error {
	if t.tx.Bucket(bIdxCiteKey) == nil && t.s == nil {
		return nil // a migration step before schema 3
	}
	ck := t.bucket(bIdxCiteKey)
	if a.CiteKey != "" {
		k := citeKeyIndexKey(a.CiteKey)
		if add {
			if err := ck.Put(k, []byte(a.ID)); err != nil {
				return err
			}
		} else if string(ck.Get(k)) == a.ID {
			if err := ck.Delete(k); err != nil {
				return err
			}
		}
	}
	m := t.bucket(bIdxMatch)
	for _, mk := range notebook.MatchKeys(a.URL, a.Title) {
		k := compositeKey(mk, a.ID)
		var err error
		if add {
			err = m.Put(k, nil)
		} else {
			err = m.Delete(k)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// ArticleByCiteKey implements notebook.Tx.
func (t *txn) ArticleByCiteKey(key string) (string, bool, error) {
	if key == "" {
		return "", false, nil
	}
	v := t.bucket(bIdxCiteKey).Get(citeKeyIndexKey(key))
	return string(v), v != nil, nil
}

// CiteKeysWithPrefix implements notebook.Tx.
func (t *txn) CiteKeysWithPrefix(prefix string) ([]string, error) {
	p := citeKeyIndexKey(prefix)
	var out []string
	c := t.bucket(bIdxCiteKey).Cursor()
	for k, _ := c.Seek(p); k != nil && bytes.HasPrefix(k, p); k, _ = c.Next() {
		out = append(out, string(k))
	}
	return out, nil
}

// idsUnder returns the IDs stored as key + sep + ID in an index bucket.
func (t *txn) idsUnder(bucket []byte, key string) []string {
	p := compositeKey(key, "")
	var out []string
	c := t.bucket(bucket).Cursor()
	for k, _ := c.Seek(p); k != nil && bytes.HasPrefix(k, p); k, _ = c.Next() {
		out = append(out, string(k[len(p):]))
	}
	return out
}

// ArticlesByMatch implements notebook.Tx.
func (t *txn) ArticlesByMatch(key string) ([]string, error) {
	return t.idsUnder(bIdxMatch, key), nil
}

// PendingByMatch implements notebook.Tx.
func (t *txn) PendingByMatch(key string) ([]string, error) {
	return t.idsUnder(bIdxPendingMatch, key), nil
}

// PendingAnnotation implements notebook.Tx.
func (t *txn) PendingAnnotation(id string) (notebook.PendingAnnotation, error) {
	var p notebook.PendingAnnotation
	err := t.get(bPending, id, &p, "pending annotation")
	return p, err
}

// PutPending implements notebook.Tx.
func (t *txn) PutPending(p notebook.PendingAnnotation) error {
	if p.ID == "" {
		return fmt.Errorf("put pending annotation: empty ID")
	}
	if old, err := t.PendingAnnotation(p.ID); err == nil {
		if err := t.indexPending(old, false); err != nil {
			return err
		}
	}
	if err := t.indexPending(p, true); err != nil {
		return err
	}
	return t.put(bPending, p.ID, p)
}

func (t *txn) indexPending(p notebook.PendingAnnotation, add bool) error {
	b := t.bucket(bIdxPendingMatch)
	for _, mk := range notebook.MatchKeys(p.URL, p.Title) {
		k := compositeKey(mk, p.ID)
		var err error
		if add {
			err = b.Put(k, nil)
		} else {
			err = b.Delete(k)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// DeletePending implements notebook.Tx.
func (t *txn) DeletePending(id string) error {
	old, err := t.PendingAnnotation(id)
	if err != nil {
		return err
	}
	if err := t.indexPending(old, false); err != nil {
		return err
	}
	return t.bucket(bPending).Delete([]byte(id))
}

// ForEachPending implements notebook.Tx.
func (t *txn) ForEachPending(fn func(notebook.PendingAnnotation) error) error {
	return t.bucket(bPending).ForEach(func(k, v []byte) error {
		var p notebook.PendingAnnotation
		if err := decode(v, &p); err != nil {
			return t.damaged("pending annotation %s cannot be decoded: %v", k, err)
		}
		return fn(p)
	})
}

// ImportedSource implements notebook.Tx.
func (t *txn) ImportedSource(key string) (string, bool, error) {
	v := t.bucket(bImported).Get([]byte(key))
	return string(v), v != nil, nil
}

// PutImportedSource implements notebook.Tx.
func (t *txn) PutImportedSource(key, id string) error {
	if key == "" || id == "" {
		return fmt.Errorf("put imported source: empty key or ID")
	}
	return t.bucket(bImported).Put([]byte(key), []byte(id))
}

// addSchema3 creates the buckets of schema 3 and gives every article a
// citation key (unique in the notebook, compared without case; a valid
// key an article already has is kept, the first in ID order winning a
// clash) and its match keys. Trashed articles get theirs when restored.
func addSchema3(tx *bolt.Tx) error {
	for _, b := range schema3Buckets {
		if _, err := tx.CreateBucketIfNotExists(b); err != nil {
			return fmt.Errorf("create bucket %s: %w", b, err)
		}
	}
	t := &txn{tx: tx}
	var arts []notebook.Article
	if err := t.ForEachArticle(func(a notebook.Article) error {
		arts = append(arts, a)
		return nil
	}); err != nil {
		return err
	}
	keys := notebook.AssignCiteKeys(arts)
	for i := range arts {
		arts[i].CiteKey = keys[i]
		if err := t.PutArticle(arts[i]); err != nil {
			return fmt.Errorf("article %s: %w", arts[i].ID, err)
		}
	}
	return nil
}
