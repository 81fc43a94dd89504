package storage

import (
	"fmt"
	"strings"

	"github.com/glossnotes/gloss/notebook"
	"github.com/glossnotes/gloss/notebook/cite"
)

// What the inventory and Check know of the buckets of schema 3: citation
// keys, match keys, pending annotations and imported sources.

// schema3Inventory is the part of an inventory read from those buckets.
type schema3Inventory struct {
	idxCiteKey   map[string]string // lower-cased key → article ID
	idxMatch     map[string]bool   // match key + sep + article ID
	pending      map[string]notebook.PendingAnnotation
	idxPendMatch map[string]bool // match key + sep + pending ID
	imported     int
}

// isSchema3Index reports whether a bucket is one of schema 3's indexes,
// which salvage rebuilds.
func isSchema3Index(bucket string) bool {
	return bucket == string(bIdxCiteKey) || bucket == string(bIdxMatch) || bucket == string(bIdxPendingMatch)
}

// addSchema3 reads one record of a schema 3 bucket; it reports whether the
// bucket is one of them.
func (inv *inventory) addSchema3(bucket, k string, value []byte, fail func(string, ...any)) bool {
	s := &inv.s3
	switch bucket {
	case string(bIdxCiteKey):
		if s.idxCiteKey == nil {
			s.idxCiteKey = map[string]string{}
		}
		s.idxCiteKey[k] = string(value)
	case string(bIdxMatch):
		if s.idxMatch == nil {
			s.idxMatch = map[string]bool{}
		}
		s.idxMatch[k] = true
	case string(bIdxPendingMatch):
		if s.idxPendMatch == nil {
			s.idxPendMatch = map[string]bool{}
		}
		s.idxPendMatch[k] = true
	case string(bPending):
		var p notebook.PendingAnnotation
		if why := checkID(k); why != "" {
			fail("%s", why)
		} else if err := decode(value, &p); err != nil {
			fail("cannot be decoded: %v", err)
		} else if p.ID != k {
			fail("is stored under another key (its ID is %q)", p.ID)
		} else {
			if s.pending == nil {
				s.pending = map[string]notebook.PendingAnnotation{}
			}
			s.pending[k] = p
		}
	case string(bImported):
		if why := checkID(string(value)); why != "" || k == "" || len(k) > maxIDLen {
			fail("imported-source entry is malformed")
		} else {
			s.imported++
		}
	default:
		return false
	}
	return true
}

// schema3 checks citation keys, match keys and pending annotations
// against the articles, and the indexes against the records.
func (c *checker) schema3() {
	inv := c.inv
	if inv.schema < 3 {
		return
	}
	s := &inv.s3
	for _, id := range sortedKeys(inv.articles) {
		a := inv.articles[id].a
		rec := "article " + id
		// An article without a key is not damage (one written by a store
		// test or an older bundle): exports make its key on the fly.
		switch {
		case a.CiteKey == "":
		case !cite.ValidKey(a.CiteKey):
			c.add(true, rec, "citation key %q is not valid (salvage gives it another)", a.CiteKey)
		default:
			if got, ok := s.idxCiteKey[strings.ToLower(a.CiteKey)]; !ok || got != id {
				if ok {
					c.add(true, rec, "citation key %q is also article %s's (salvage gives one of them another)", a.CiteKey, got)
				} else {
					c.add(true, rec, "citation key %q not indexed (salvage rebuilds the index)", a.CiteKey)
				}
			}
		}
		for _, mk := range notebook.MatchKeys(a.URL, a.Title) {
			if !s.idxMatch[string(compositeKey(mk, id))] {
				c.add(true, rec, "URL or title not indexed for matching imported annotations (salvage rebuilds the index)")
				break
			}
		}
	}
	for _, k := range sortedKeys(s.idxCiteKey) {
		id := s.idxCiteKey[k]
		if a, ok := inv.articles[id]; !ok || strings.ToLower(a.a.CiteKey) != k {
			c.add(true, fmt.Sprintf("citation key index entry %q", k), "points at %s, which does not have that key (salvage rebuilds the index)", id)
		}
	}
	for _, k := range sortedKeys(s.idxMatch) {
		mk, id, ok := strings.Cut(k, string(rune(sep)))
		a, found := inv.articles[id]
		if !ok || !found || !hasKey(notebook.MatchKeys(a.a.URL, a.a.Title), mk) {
			c.add(true, fmt.Sprintf("match index entry %q", k), "has no matching article (salvage rebuilds the index)")
		}
	}
	for _, id := range sortedKeys(s.pending) {
		p := s.pending[id]
		for _, mk := range notebook.MatchKeys(p.URL, p.Title) {
			if !s.idxPendMatch[string(compositeKey(mk, id))] {
				c.add(true, "pending annotation "+id, "not indexed for matching (salvage rebuilds the index)")
				break
			}
		}
		if _, ok := inv.articles[id]; ok {
			c.add(false, "pending annotation "+id, "an article has the same ID")
		}
		if _, ok := inv.anns[id]; ok {
			c.add(true, "pending annotation "+id, "an annotation has the same ID (it was attached; salvage drops the pending copy)")
		}
	}
	for _, k := range sortedKeys(s.idxPendMatch) {
		mk, id, ok := strings.Cut(k, string(rune(sep)))
		p, found := s.pending[id]
		if !ok || !found || !hasKey(notebook.MatchKeys(p.URL, p.Title), mk) {
			c.add(true, fmt.Sprintf("pending match index entry %q", k), "has no matching pending annotation (salvage rebuilds the index)")
		}
	}
}

func hasKey(keys []string, k string) bool {
	for _, x := range keys {
		if x == k {
			return true
		}
	}
	return false
}

// salvageSchema3 copies a record of a schema 3 bucket into the new
// notebook (indexes are rebuilt by the Put methods); it reports whether
// the bucket is one of them.
func (w *salvageWriter) salvageSchema3(bucket, k string, value []byte) bool {
	switch bucket {
	case string(bPending):
		p, ok := w.p.inv.s3.pending[k]
		if !ok {
			return true
		}
		if _, isAnn := w.p.inv.anns[k]; isAnn {
			return true // attached already
		}
		if _, isArt := w.p.inv.articles[k]; isArt {
			return true
		}
		w.put(bucket, len(value), func(tx notebook.Tx) error { return tx.PutPending(p) })
	case string(bImported):
		id := string(value)
		if checkID(id) != "" || k == "" || len(k) > maxIDLen {
			return true
		}
		w.put(bucket, len(value), func(tx notebook.Tx) error { return tx.PutImportedSource(k, id) })
	case string(bIdxCiteKey), string(bIdxMatch), string(bIdxPendingMatch):
	default:
		return false
	}
	return true
}

// putWithCiteKey stores a salvaged article, keeping its citation key when
// it is valid and still free and giving it one otherwise.
func putWithCiteKey(tx notebook.Tx, a notebook.Article) error {
	if err := notebook.EnsureCiteKey(tx, &a); err != nil {
		return err
	}
	return tx.PutArticle(a)
}
