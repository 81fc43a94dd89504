package storage

import (
	"bytes"
	"fmt"

	bolt "go.etcd.io/bbolt"

	"github.com/glossnotes/gloss/notebook"
)

// Check verifies the file page by page (bbolt's own consistency check) and
// then the notebook's invariants: every index entry points at a record that
// agrees with it, and every record is indexed. It returns one line per
// problem; an empty slice means the notebook is sound.
func (s *DB) Check() ([]string, error) {
	var problems []string
	report := func(format string, args ...any) {
		problems = append(problems, fmt.Sprintf(format, args...))
	}
	err := s.db.View(func(tx *bolt.Tx) error {
		for err := range tx.Check() {
			report("file: %v", err)
		}
		if v, err := schemaOf(tx); err != nil || v != SchemaVersion() {
			report("meta: schema version %d (err %v), want %d", v, err, SchemaVersion())
		}
		for _, b := range [][]byte{bMeta, bArticles, bBodies, bSources, bVersions, bAnnotations,
			bTags, bTrash, bIdxHash, bIdxURL, bIdxArtAnn, bIdxTag} {
			if tx.Bucket(b) == nil {
				report("bucket %s is missing", b)
			}
		}
		if len(problems) > 0 {
			return nil
		}
		t := &txn{tx: tx}
		checkRecords(t, report)
		checkIndexes(t, report)
		return nil
	})
	return problems, err
}

// checkRecords verifies that every record decodes and is indexed.
func checkRecords(t *txn, report func(string, ...any)) {
	tagIdx := t.bucket(bIdxTag)
	t.bucket(bArticles).ForEach(func(k, v []byte) error {
		var a notebook.Article
		if err := decode(v, &a); err != nil {
			report("article %s: cannot decode: %v", k, err)
			return nil
		}
		if string(k) != a.ID {
			report("article %s: stored under key %s", a.ID, k)
		}
		if t.bucket(bBodies).Get(k) == nil {
			report("article %s: text is missing", k)
		}
		if a.TextHash != "" && string(t.bucket(bIdxHash).Get([]byte(a.TextHash))) != a.ID {
			report("article %s: text hash not indexed", k)
		}
		if a.URL != "" && string(t.bucket(bIdxURL).Get([]byte(a.URL))) != a.ID {
			report("article %s: URL not indexed", k)
		}
		for _, tag := range a.Tags {
			if tagIdx.Get(tagIndexKey(tag, tagKindArticle, a.ID)) == nil {
				report("article %s: tag %q not indexed", k, tag)
			}
		}
		return nil
	})
	t.bucket(bAnnotations).ForEach(func(k, v []byte) error {
		var a notebook.Annotation
		if err := decode(v, &a); err != nil {
			report("annotation %s: cannot decode: %v", k, err)
			return nil
		}
		if t.bucket(bArticles).Get([]byte(a.ArticleID)) == nil {
			report("annotation %s: its article %s does not exist", k, a.ArticleID)
		}
		if t.bucket(bIdxArtAnn).Get(compositeKey(a.ArticleID, a.ID)) == nil {
			report("annotation %s: not indexed under its article", k)
		}
		for _, tag := range a.Tags {
			if tagIdx.Get(tagIndexKey(tag, tagKindAnnotation, a.ID)) == nil {
				report("annotation %s: tag %q not indexed", k, tag)
			}
		}
		return nil
	})
	t.bucket(bBodies).ForEach(func(k, _ []byte) error {
		if t.bucket(bArticles).Get(k) == nil {
			report("text %s: belongs to no article", k)
		}
		return nil
	})
}

// checkIndexes verifies that every index entry points at a record that
// agrees with it.
func checkIndexes(t *txn, report func(string, ...any)) {
	t.bucket(bIdxHash).ForEach(func(k, v []byte) error {
		a, err := t.Article(string(v))
		if err != nil || a.TextHash != string(k) {
			report("hash index: %s points at %s, which does not have that text", k, v)
		}
		return nil
	})
	t.bucket(bIdxURL).ForEach(func(k, v []byte) error {
		a, err := t.Article(string(v))
		if err != nil || a.URL != string(k) {
			report("URL index: %s points at %s, which does not have that URL", k, v)
		}
		return nil
	})
	t.bucket(bIdxArtAnn).ForEach(func(k, _ []byte) error {
		i := bytes.IndexByte(k, sep)
		if i < 0 {
			report("article index: malformed key %q", k)
			return nil
		}
		a, err := t.Annotation(string(k[i+1:]))
		if err != nil || a.ArticleID != string(k[:i]) {
			report("article index: %s → %s has no matching annotation", k[:i], k[i+1:])
		}
		return nil
	})
	t.bucket(bIdxTag).ForEach(func(k, _ []byte) error {
		i := bytes.LastIndexByte(k, sep)
		if i < 0 || i+2 > len(k) {
			report("tag index: malformed key %q", k)
			return nil
		}
		key, kind, id := string(k[:i]), k[i+1], string(k[i+2:])
		var tags []string
		switch kind {
		case tagKindArticle:
			a, err := t.Article(id)
			if err != nil {
				report("tag index: %q → article %s does not exist", key, id)
				return nil
			}
			tags = a.Tags
		case tagKindAnnotation:
			a, err := t.Annotation(id)
			if err != nil {
				report("tag index: %q → annotation %s does not exist", key, id)
				return nil
			}
			tags = a.Tags
		default:
			report("tag index: bad kind in key %q", k)
			return nil
		}
		for _, tag := range tags {
			if notebook.TagKey(tag) == key {
				return nil
			}
		}
		report("tag index: %q → %s, which does not carry that tag", key, id)
		return nil
	})
}
