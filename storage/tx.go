package storage

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"

	bolt "go.etcd.io/bbolt"

	"github.com/glossnotes/gloss/notebook"
)

// encodingV1 prefixes every stored value: the format of what follows (JSON).
const encodingV1 = 1

// sep separates the parts of composite index keys. Tag keys and IDs never
// contain it.
const sep = 0

// Kinds of tagged items in the tag index.
const (
	tagKindArticle    = 'a'
	tagKindAnnotation = 'n'
)

// txn is one transaction. s is the DB it runs on (nil in migrations and
// tests that use a bare bbolt transaction).
type txn struct {
	tx *bolt.Tx
	s  *DB
}

var _ notebook.Tx = (*txn)(nil)

func encode(v any) ([]byte, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	return append([]byte{encodingV1}, b...), nil
}

// decode reads a stored value. Its errors describe the value; callers
// report them as damage (see txn.damaged).
func decode(data []byte, v any) error {
	if len(data) == 0 {
		return fmt.Errorf("empty value")
	}
	if data[0] != encodingV1 {
		return fmt.Errorf("unknown record encoding %d", data[0])
	}
	return json.Unmarshal(data[1:], v)
}

// damaged reports a record that cannot be decoded: the notebook is marked
// damaged and the transaction will not commit.
func (t *txn) damaged(format string, args ...any) error {
	return t.s.noteDamage(fmt.Sprintf(format, args...))
}

// bucket returns a top-level bucket. A bucket that is missing, or whose
// pages the open-time walk found damaged, stops the transaction with a
// damage panic, which the transaction's guard reports as a DamagedError.
func (t *txn) bucket(name []byte) *bolt.Bucket {
	if why := t.s.unreadable(string(name)); why != "" {
		panic(damagePanic{why})
	}
	b := t.tx.Bucket(name)
	if b == nil {
		panic(damagePanic{fmt.Sprintf("bucket %s is missing", name)})
	}
	return b
}

func (t *txn) get(bucket []byte, id string, v any, what string) error {
	data := t.bucket(bucket).Get([]byte(id))
	if data == nil {
		return fmt.Errorf("%s %s: %w", what, id, notebook.ErrNotFound)
	}
	if err := decode(data, v); err != nil {
		return t.damaged("%s %s cannot be decoded: %v", what, id, err)
	}
	return nil
}

func (t *txn) put(bucket []byte, id string, v any) error {
	data, err := encode(v)
	if err != nil {
		return err
	}
	return t.bucket(bucket).Put([]byte(id), data)
}

func compositeKey(parts ...string) []byte {
	var b bytes.Buffer
	for i, p := range parts {
		if i > 0 {
			b.WriteByte(sep)
		}
		b.WriteString(p)
	}
	return b.Bytes()
}

func tagIndexKey(tag string, kind byte, id string) []byte {
	return compositeKey(notebook.TagKey(tag), string([]byte{kind})+id)
}

func (t *txn) indexTags(tags []string, kind byte, id string, add bool) error {
	idx := t.bucket(bIdxTag)
	for _, tag := range tags {
		k := tagIndexKey(tag, kind, id)
		var err error
		if add {
			err = idx.Put(k, nil)
		} else {
			err = idx.Delete(k)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// Article implements notebook.Tx.
func (t *txn) Article(id string) (notebook.Article, error) {
	var a notebook.Article
	err := t.get(bArticles, id, &a, "article")
	return a, err
}

// ForEachArticle implements notebook.Tx.
func (t *txn) ForEachArticle(fn func(notebook.Article) error) error {
	return t.bucket(bArticles).ForEach(func(k, v []byte) error {
		var a notebook.Article
		if err := decode(v, &a); err != nil {
			return t.damaged("article %s cannot be decoded: %v", k, err)
		}
		return fn(a)
	})
}

// PutArticle implements notebook.Tx, keeping the hash, URL and tag indexes.
func (t *txn) PutArticle(a notebook.Article) error {
	if a.ID == "" {
		return fmt.Errorf("put article: empty ID")
	}
	if old, err := t.Article(a.ID); err == nil {
		if err := t.unindexArticle(old); err != nil {
			return err
		}
	}
	if a.TextHash != "" {
		if err := t.bucket(bIdxHash).Put([]byte(a.TextHash), []byte(a.ID)); err != nil {
			return err
		}
	}
	if a.URL != "" {
		if err := t.bucket(bIdxURL).Put([]byte(a.URL), []byte(a.ID)); err != nil {
			return err
		}
	}
	if err := t.indexTags(a.Tags, tagKindArticle, a.ID, true); err != nil {
		return err
	}
	if err := t.indexArticleKeys(a, true); err != nil {
		return err
	}
	return t.put(bArticles, a.ID, a)
}

func (t *txn) unindexArticle(a notebook.Article) error {
	if a.TextHash != "" && string(t.bucket(bIdxHash).Get([]byte(a.TextHash))) == a.ID {
		if err := t.bucket(bIdxHash).Delete([]byte(a.TextHash)); err != nil {
			return err
		}
	}
	if a.URL != "" && string(t.bucket(bIdxURL).Get([]byte(a.URL))) == a.ID {
		if err := t.bucket(bIdxURL).Delete([]byte(a.URL)); err != nil {
			return err
		}
	}
	if err := t.indexArticleKeys(a, false); err != nil {
		return err
	}
	return t.indexTags(a.Tags, tagKindArticle, a.ID, false)
}

// DeleteArticle implements notebook.Tx.
func (t *txn) DeleteArticle(id string) error {
	old, err := t.Article(id)
	if err != nil {
		return err
	}
	if err := t.unindexArticle(old); err != nil {
		return err
	}
	for _, b := range [][]byte{bArticles, bBodies, bSources} {
		if err := t.bucket(b).Delete([]byte(id)); err != nil {
			return err
		}
	}
	return t.deletePrefix(bVersions, compositeKey(id, ""))
}

func (t *txn) deletePrefix(bucket, prefix []byte) error {
	c := t.bucket(bucket).Cursor()
	for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Seek(prefix) {
		if err := c.Delete(); err != nil {
			return err
		}
	}
	return nil
}

// Body implements notebook.Tx.
func (t *txn) Body(id string) (notebook.Body, error) {
	var b notebook.Body
	err := t.get(bBodies, id, &b, "text of article")
	return b, err
}

// PutBody implements notebook.Tx.
func (t *txn) PutBody(id string, b notebook.Body) error { return t.put(bBodies, id, b) }

// Source implements notebook.Tx.
func (t *txn) Source(id string) (notebook.Source, error) {
	var s notebook.Source
	err := t.get(bSources, id, &s, "source of article")
	return s, err
}

// PutSource implements notebook.Tx.
func (t *txn) PutSource(id string, s notebook.Source) error { return t.put(bSources, id, s) }

// ArticleByHash implements notebook.Tx.
func (t *txn) ArticleByHash(hash string) (string, bool, error) {
	v := t.bucket(bIdxHash).Get([]byte(hash))
	return string(v), v != nil, nil
}

// ArticleByURL implements notebook.Tx.
func (t *txn) ArticleByURL(url string) (string, bool, error) {
	v := t.bucket(bIdxURL).Get([]byte(url))
	return string(v), v != nil, nil
}

func versionKey(articleID string, n int) []byte {
	return compositeKey(articleID, fmt.Sprintf("%08d", n))
}

// Versions implements notebook.Tx.
func (t *txn) Versions(articleID string) ([]notebook.Version, error) {
	var out []notebook.Version
	prefix := compositeKey(articleID, "")
	c := t.bucket(bVersions).Cursor()
	for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
		var ver notebook.Version
		if err := decode(v, &ver); err != nil {
			return nil, t.damaged("version %q cannot be decoded: %v", k, err)
		}
		out = append(out, ver)
	}
	return out, nil
}

// PutVersion implements notebook.Tx.
func (t *txn) PutVersion(articleID string, v notebook.Version) error {
	data, err := encode(v)
	if err != nil {
		return err
	}
	return t.bucket(bVersions).Put(versionKey(articleID, v.Number), data)
}

// Annotation implements notebook.Tx.
func (t *txn) Annotation(id string) (notebook.Annotation, error) {
	var a notebook.Annotation
	err := t.get(bAnnotations, id, &a, "annotation")
	return a, err
}

// AnnotationsOf implements notebook.Tx.
func (t *txn) AnnotationsOf(articleID string) ([]notebook.Annotation, error) {
	prefix := compositeKey(articleID, "")
	var out []notebook.Annotation
	c := t.bucket(bIdxArtAnn).Cursor()
	for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
		a, err := t.Annotation(string(k[len(prefix):]))
		if errors.Is(err, notebook.ErrNotFound) {
			return nil, t.damaged("the index of article %s lists annotation %s, which does not exist", articleID, k[len(prefix):])
		} else if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, nil
}

// AnnotationCounts implements notebook.Tx.
func (t *txn) AnnotationCounts() (map[string]int, error) {
	counts := make(map[string]int)
	err := t.bucket(bIdxArtAnn).ForEach(func(k, _ []byte) error {
		if i := bytes.IndexByte(k, sep); i > 0 {
			counts[string(k[:i])]++
		}
		return nil
	})
	return counts, err
}

// ForEachAnnotation implements notebook.Tx.
func (t *txn) ForEachAnnotation(fn func(notebook.Annotation) error) error {
	return t.bucket(bAnnotations).ForEach(func(k, v []byte) error {
		var a notebook.Annotation
		if err := decode(v, &a); err != nil {
			return t.damaged("annotation %s cannot be decoded: %v", k, err)
		}
		return fn(a)
	})
}

// PutAnnotation implements notebook.Tx, keeping the article and tag indexes.
func (t *txn) PutAnnotation(a notebook.Annotation) error {
	if a.ID == "" || a.ArticleID == "" {
		return fmt.Errorf("put annotation: empty ID or article ID")
	}
	if old, err := t.Annotation(a.ID); err == nil {
		if err := t.unindexAnnotation(old); err != nil {
			return err
		}
	}
	if err := t.bucket(bIdxArtAnn).Put(compositeKey(a.ArticleID, a.ID), nil); err != nil {
		return err
	}
	if err := t.indexTags(a.Tags, tagKindAnnotation, a.ID, true); err != nil {
		return err
	}
	return t.put(bAnnotations, a.ID, a)
}

func (t *txn) unindexAnnotation(a notebook.Annotation) error {
	if err := t.bucket(bIdxArtAnn).Delete(compositeKey(a.ArticleID, a.ID)); err != nil {
		return err
	}
	return t.indexTags(a.Tags, tagKindAnnotation, a.ID, false)
}

// DeleteAnnotation implements notebook.Tx.
func (t *txn) DeleteAnnotation(id string) error {
	old, err := t.Annotation(id)
	if err != nil {
		return err
	}
	if err := t.unindexAnnotation(old); err != nil {
		return err
	}
	return t.bucket(bAnnotations).Delete([]byte(id))
}

// Tag implements notebook.Tx.
func (t *txn) Tag(key string) (notebook.Tag, bool, error) {
	data := t.bucket(bTags).Get([]byte(key))
	if data == nil {
		return notebook.Tag{}, false, nil
	}
	var tag notebook.Tag
	if err := decode(data, &tag); err != nil {
		return tag, false, t.damaged("tag %q cannot be decoded: %v", key, err)
	}
	return tag, true, nil
}

// ForEachTag implements notebook.Tx.
func (t *txn) ForEachTag(fn func(notebook.Tag) error) error {
	return t.bucket(bTags).ForEach(func(k, v []byte) error {
		var tag notebook.Tag
		if err := decode(v, &tag); err != nil {
			return t.damaged("tag %q cannot be decoded: %v", k, err)
		}
		return fn(tag)
	})
}

// PutTag implements notebook.Tx.
func (t *txn) PutTag(tag notebook.Tag) error {
	return t.put(bTags, notebook.TagKey(tag.Name), tag)
}

// DeleteTag implements notebook.Tx.
func (t *txn) DeleteTag(key string) error { return t.bucket(bTags).Delete([]byte(key)) }

// TaggedWith implements notebook.Tx.
func (t *txn) TaggedWith(key string) (articles, annotations []string, err error) {
	c := t.bucket(bIdxTag).Cursor()
	for _, prefix := range [][]byte{compositeKey(key, ""), []byte(key + "/")} {
		for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
			i := bytes.LastIndexByte(k, sep)
			if i < 0 || i+1 >= len(k) {
				continue
			}
			id := string(k[i+2:])
			switch k[i+1] {
			case tagKindArticle:
				articles = append(articles, id)
			case tagKindAnnotation:
				annotations = append(annotations, id)
			}
		}
	}
	return dedupe(articles), dedupe(annotations), nil
}

// ForEachTagged implements notebook.Tx.
func (t *txn) ForEachTagged(fn func(key string, isArticle bool, id string) error) error {
	return t.bucket(bIdxTag).ForEach(func(k, _ []byte) error {
		i := bytes.LastIndexByte(k, sep)
		if i < 0 || i+2 > len(k) {
			return t.damaged("tag index: malformed key %q", k)
		}
		return fn(string(k[:i]), k[i+1] == tagKindArticle, string(k[i+2:]))
	})
}

func dedupe(ids []string) []string {
	seen := make(map[string]bool, len(ids))
	out := ids[:0]
	for _, id := range ids {
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}

// PutTrash implements notebook.Tx.
func (t *txn) PutTrash(e notebook.TrashEntry) error { return t.put(bTrash, e.ID, e) }

// Trash implements notebook.Tx.
func (t *txn) Trash(id string) (notebook.TrashEntry, error) {
	var e notebook.TrashEntry
	err := t.get(bTrash, id, &e, "trash entry")
	return e, err
}

// ForEachTrash implements notebook.Tx.
func (t *txn) ForEachTrash(fn func(notebook.TrashEntry) error) error {
	return t.bucket(bTrash).ForEach(func(k, v []byte) error {
		var e notebook.TrashEntry
		if err := decode(v, &e); err != nil {
			return t.damaged("trash entry %s cannot be decoded: %v", k, err)
		}
		return fn(e)
	})
}

// DeleteTrash implements notebook.Tx.
func (t *txn) DeleteTrash(id string) error { return t.bucket(bTrash).Delete([]byte(id)) }

// IDsWithPrefix implements notebook.Tx.
func (t *txn) IDsWithPrefix(prefix string, limit int) ([]string, error) {
	var out []string
	p := []byte(prefix)
	for _, b := range [][]byte{bArticles, bAnnotations, bTrash} {
		c := t.bucket(b).Cursor()
		for k, _ := c.Seek(p); k != nil && bytes.HasPrefix(k, p) && len(out) < limit; k, _ = c.Next() {
			out = append(out, string(k))
		}
	}
	return out, nil
}

// Generation implements notebook.Tx.
func (t *txn) Generation() (string, uint64) {
	meta := t.bucket(bMeta)
	gen, _ := strconv.ParseUint(string(meta.Get(keyGeneration)), 10, 64)
	return string(meta.Get(keyUID)), gen
}

// schemaOf reads the schema version recorded in the meta bucket.
func schemaOf(tx *bolt.Tx) (int, error) {
	meta := tx.Bucket(bMeta)
	if meta == nil {
		return 0, nil
	}
	return strconv.Atoi(string(meta.Get(keySchema)))
}

// settingPrefix starts the meta keys that hold notebook settings.
const settingPrefix = "setting/"

// Setting returns a notebook setting (see notebook.Tx).
func (t *txn) Setting(name string) ([]byte, bool, error) {
	v := t.bucket(bMeta).Get([]byte(settingPrefix + name))
	if v == nil {
		return nil, false, nil
	}
	return bytes.Clone(v), true, nil
}

// PutSetting stores a notebook setting; nil removes it.
func (t *txn) PutSetting(name string, value []byte) error {
	if name == "" || len(name) > 200 {
		return fmt.Errorf("setting name %q: %w", name, notebook.ErrInvalid)
	}
	if value == nil {
		return t.bucket(bMeta).Delete([]byte(settingPrefix + name))
	}
	return t.bucket(bMeta).Put([]byte(settingPrefix+name), value)
}
