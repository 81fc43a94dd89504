package notebook

// Digests of records' contents, so that an export finds what changed since
// the last sync without making every record: the digest of a notebook item
// is computed from its typed values (one JSON encoding of a struct), and
// the index of the synced commit keeps the digest of each record computed
// the same way from the record read back. Clocks are left out.

import (
	"crypto/sha256"
	"encoding/json"
	"time"

	gsync "github.com/glossnotes/gloss/notebook/sync"
)

// digestOf is the first half of the SHA-256 of v's JSON encoding.
func digestOf(v any) [16]byte {
	data, err := json.Marshal(v)
	if err != nil {
		return [16]byte{} // matches nothing: the record is sent
	}
	h := sha256.Sum256(data)
	var s [16]byte
	copy(s[:], h[:])
	return s
}

// articleDigest is the digest of an article's record.
func articleDigest(a Article, versions []syncVersion, del *syncDeleted) [16]byte {
	a.Chars = 0 // derived, not in the record
	if len(versions) == 0 {
		versions = nil
	}
	return digestOf(struct {
		A Article
		V []syncVersion
		D *syncDeleted
	}{a, versions, del})
}

// annotationDigest is the digest of an annotation's record.
func annotationDigest(an Annotation, on string, del *syncDeleted) [16]byte {
	return digestOf(struct {
		A  Annotation
		On string
		D  *syncDeleted
	}{an, on, del})
}

// tagDigest is the digest of a tag's record.
func tagDigest(t Tag) [16]byte { return digestOf(t) }

// syncVersionsOf is the "versions" field of an article's record.
func syncVersionsOf(vs []Version) []syncVersion {
	if len(vs) == 0 {
		return nil
	}
	out := make([]syncVersion, len(vs))
	for i, v := range vs {
		out[i] = syncVersion{Number: v.Number, Saved: v.Saved.Format(time.RFC3339), Text: v.TextHash, Reason: v.Reason}
	}
	return out
}

// recordDigest is the digest of a record read from Git (path names its
// kind), as the export computes it for the notebook's item; a record that
// cannot be read gets the zero digest, which no item has (so it is sent
// again from the notebook).
func recordDigest(path string, r gsync.Record) [16]byte {
	switch k, a, b := gsync.ParsePath(path); k {
	case gsync.ArticleFile:
		if s, err := readArticle(path, a, r); err == nil {
			return articleDigest(s.Article, s.Versions, s.Deleted)
		}
	case gsync.AnnotationFile:
		if s, err := readAnnotationLoose(path, a, b, r); err == nil {
			return annotationDigest(s.Annotation, s.On, s.Deleted)
		}
	case gsync.TagFile:
		if t, err := readTag(path, a, r); err == nil {
			return tagDigest(t)
		}
	}
	return [16]byte{}
}
