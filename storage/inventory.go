package storage

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/glossnotes/gloss/notebook"
	"github.com/glossnotes/gloss/notebook/ingest"
)

// An inventory is what one full walk of a notebook file read: every record
// of every bucket decoded and verified on its own (encoding, fields, text
// hashes), kept as a small summary so that cross-references can be checked
// afterwards without holding texts in memory. Check reports from it;
// Salvage plans from it.
type inventory struct {
	buckets map[string]bool // top-level buckets seen

	schema     int
	schemaErr  string
	uid        string
	generation string
	settings   map[string][]byte // notebook settings (meta "setting/…")

	articles map[string]*artInfo
	bodies   map[string]*bodyInfo
	sources  map[string]*srcInfo
	versions map[string]*verInfo
	anns     map[string]*annInfo
	tags     map[string]*tagInfo
	trash    map[string]*trashInfo

	idxHash   map[string]string // text hash → article ID
	idxURL    map[string]string // URL → article ID
	idxArtAnn map[string]bool   // article ID + sep + annotation ID
	idxTag    map[string]bool   // tag key + sep + kind + ID

	s3 schema3Inventory // citation keys, match keys, pending (check_schema3.go)

	// bad lists records that cannot be used, by bucket and key, with why;
	// badKeys holds the same as bucket + NUL + key.
	bad     []badRecord
	badKeys map[string]bool
}

type badRecord struct {
	bucket, key, why string
}

type artInfo struct {
	a       notebook.Article // metadata (small), its tags clean
	badTags []string         // tags that are not clean tag names (dropped)
}

type bodyInfo struct {
	hash  string // SHA-256 of the text as stored
	chars int
	kinds bool // the paragraph kinds are valid
}

type srcInfo struct{ name, mediaType string }

type verInfo struct {
	articleID string
	number    int
}

type annInfo struct {
	articleID  string
	start, end int
	tags       []string // its clean tags
	badTags    []string // tags that are not clean tag names (dropped)
	fixable    string   // a field salvage must repair (colour, status), or ""
}

type tagInfo struct{ name string }

type trashInfo struct {
	kind    string
	title   string
	annIDs  []string // annotation IDs inside the entry
	article string   // for an annotation entry: its article
}

func newInventory() *inventory {
	return &inventory{
		buckets:   map[string]bool{},
		articles:  map[string]*artInfo{},
		bodies:    map[string]*bodyInfo{},
		sources:   map[string]*srcInfo{},
		versions:  map[string]*verInfo{},
		anns:      map[string]*annInfo{},
		tags:      map[string]*tagInfo{},
		trash:     map[string]*trashInfo{},
		idxHash:   map[string]string{},
		idxURL:    map[string]string{},
		idxArtAnn: map[string]bool{},
		idxTag:    map[string]bool{},
		badKeys:   map[string]bool{},
	}
}

// isBad reports whether the record of bucket under key could not be used.
func (inv *inventory) isBad(bucket []byte, key string) bool {
	return inv.badKeys[string(bucket)+"\x00"+key]
}

// maxIDLen bounds record IDs and keys a notebook writes (ULIDs are 26
// bytes; tests and other tools may use other short IDs).
const maxIDLen = 256

// add decodes and verifies one record; it is a recordFunc.
func (inv *inventory) add(bucket string, key, value []byte) {
	inv.buckets[bucket] = true
	k := string(key)
	fail := func(format string, args ...any) {
		inv.bad = append(inv.bad, badRecord{bucket: bucket, key: k, why: fmt.Sprintf(format, args...)})
		inv.badKeys[bucket+"\x00"+k] = true
	}
	if value == nil {
		fail("its value cannot be read")
		return
	}
	switch bucket {
	case string(bMeta):
		inv.addMeta(k, value)
	case string(bArticles):
		var a notebook.Article
		if why := checkID(k); why != "" {
			fail("%s", why)
		} else if err := decode(value, &a); err != nil {
			fail("cannot be decoded: %v", err)
		} else if a.ID != k {
			fail("is stored under another key (its ID is %q)", a.ID)
		} else if why := articleFields(a); why != "" {
			fail("%s", why)
		} else {
			info := &artInfo{a: a}
			info.a.Tags, info.badTags = splitTags(a.Tags)
			inv.articles[k] = info
		}
	case string(bBodies):
		var b notebook.Body
		if err := decode(value, &b); err != nil {
			fail("cannot be decoded: %v", err)
		} else {
			inv.bodies[k] = &bodyInfo{hash: hashOf(b.Text), chars: utf8.RuneCountInString(b.Text), kinds: kindsValid(b.Kinds)}
		}
	case string(bSources):
		var s notebook.Source
		if err := decode(value, &s); err != nil {
			fail("cannot be decoded: %v", err)
		} else {
			inv.sources[k] = &srcInfo{name: s.Name, mediaType: s.MediaType}
		}
	case string(bVersions):
		var v notebook.Version
		art, num, ok := splitVersionKey(key)
		if !ok {
			fail("malformed key")
		} else if err := decode(value, &v); err != nil {
			fail("cannot be decoded: %v", err)
		} else if v.Number != num {
			fail("holds version %d under the number %d", v.Number, num)
		} else if hashOf(v.Body.Text) != v.TextHash {
			fail("text does not match its SHA-256 (the text is damaged)")
		} else {
			inv.versions[k] = &verInfo{articleID: art, number: num}
		}
	case string(bAnnotations):
		var a notebook.Annotation
		if why := checkID(k); why != "" {
			fail("%s", why)
		} else if err := decode(value, &a); err != nil {
			fail("cannot be decoded: %v", err)
		} else if a.ID != k {
			fail("is stored under another key (its ID is %q)", a.ID)
		} else if why := checkID(a.ArticleID); why != "" {
			fail("article ID: %s", why)
		} else if a.Start < 0 || a.End < a.Start {
			fail("offsets %d–%d are not a passage", a.Start, a.End)
		} else {
			info := &annInfo{articleID: a.ArticleID, start: a.Start, end: a.End, fixable: annotationFixable(a)}
			info.tags, info.badTags = splitTags(a.Tags)
			inv.anns[k] = info
		}
	case string(bTags):
		var t notebook.Tag
		if err := decode(value, &t); err != nil {
			fail("cannot be decoded: %v", err)
		} else if clean, err := notebook.CleanTag(t.Name); err != nil || clean != t.Name {
			fail("name %q is not a clean tag name", t.Name)
		} else if notebook.TagKey(t.Name) != k {
			fail("is stored under key %q, not its name's key", k)
		} else {
			inv.tags[k] = &tagInfo{name: t.Name}
		}
	case string(bTrash):
		var e notebook.TrashEntry
		if why := checkID(k); why != "" {
			fail("%s", why)
		} else if err := decode(value, &e); err != nil {
			fail("cannot be decoded: %v", err)
		} else if why := trashValid(k, e); why != "" {
			fail("%s", why)
		} else {
			ti := &trashInfo{kind: e.Kind, title: e.Title}
			for _, a := range e.Annotations {
				ti.annIDs = append(ti.annIDs, a.ID)
			}
			if e.Kind == notebook.TrashAnnotation {
				ti.article = e.Annotations[0].ArticleID
			}
			inv.trash[k] = ti
		}
	case string(bIdxHash):
		inv.idxHash[k] = string(value)
	case string(bIdxURL):
		inv.idxURL[k] = string(value)
	case string(bIdxArtAnn):
		inv.idxArtAnn[k] = true
	case string(bIdxTag):
		inv.idxTag[k] = true
	default:
		inv.addSchema3(bucket, k, value, fail)
	}
}

func (inv *inventory) addMeta(k string, value []byte) {
	switch k {
	case string(keySchema):
		v, err := strconv.Atoi(string(value))
		if err != nil || v < 1 {
			inv.schemaErr = fmt.Sprintf("schema version %q is not a number", value)
			return
		}
		inv.schema = v
	case string(keyUID):
		inv.uid = string(value)
	case string(keyGeneration):
		inv.generation = string(value)
	default:
		if name, ok := strings.CutPrefix(k, settingPrefix); ok {
			if inv.settings == nil {
				inv.settings = map[string][]byte{}
			}
			inv.settings[name] = bytes.Clone(value)
		}
	}
}

// checkID says what is wrong with a record ID or key, or "".
func checkID(id string) string {
	switch {
	case id == "":
		return "empty ID"
	case len(id) > maxIDLen:
		return fmt.Sprintf("ID of %d bytes", len(id))
	case !utf8.ValidString(id):
		return "ID is not valid UTF-8"
	case bytes.IndexByte([]byte(id), sep) >= 0:
		return "ID contains a NUL byte"
	}
	return ""
}

// articleFields checks an article's own fields.
func articleFields(a notebook.Article) string {
	if !isHash(a.TextHash) {
		return fmt.Sprintf("text hash %q is not a SHA-256", a.TextHash)
	}
	if a.Version < 1 {
		return fmt.Sprintf("version %d", a.Version)
	}
	return ""
}

// splitTags separates clean tag names from the others (a damaged name: a
// control character, surrounding space), which salvage drops.
func splitTags(tags []string) (clean, bad []string) {
	for _, t := range tags {
		if c, err := notebook.CleanTag(t); err == nil && c == t {
			clean = append(clean, t)
		} else {
			bad = append(bad, t)
		}
	}
	return clean, bad
}

// annotationFixable names a field of an annotation that holds a value the
// notebook never writes, which salvage replaces by the default.
func annotationFixable(a notebook.Annotation) string {
	switch a.Status {
	case notebook.Anchored, notebook.Moved, notebook.Orphaned:
	default:
		return fmt.Sprintf("status %q is not a status", a.Status)
	}
	if a.Color == "" {
		return ""
	}
	for _, c := range notebook.Colors {
		if a.Color == c {
			return ""
		}
	}
	return fmt.Sprintf("colour %q is not a palette colour", a.Color)
}

// trashValid checks a trash entry's payload.
func trashValid(key string, e notebook.TrashEntry) string {
	if e.ID != key {
		return fmt.Sprintf("is stored under another key (its ID is %q)", e.ID)
	}
	switch e.Kind {
	case notebook.TrashArticle:
		if e.Article == nil || e.Body == nil {
			return "article entry without its article or text"
		}
		if e.Article.ID != key {
			return fmt.Sprintf("holds article %q", e.Article.ID)
		}
		if hashOf(e.Body.Text) != e.Article.TextHash {
			return "the deleted article's text does not match its SHA-256 (the text is damaged)"
		}
		for _, v := range e.Versions {
			if hashOf(v.Body.Text) != v.TextHash {
				return fmt.Sprintf("version %d of the deleted article does not match its SHA-256", v.Number)
			}
		}
		for _, a := range e.Annotations {
			if a.ArticleID != key {
				return fmt.Sprintf("holds annotation %s of another article (%s)", a.ID, a.ArticleID)
			}
		}
	case notebook.TrashAnnotation:
		if len(e.Annotations) != 1 || e.Annotations[0].ID != key {
			return "annotation entry does not hold exactly that annotation"
		}
	default:
		return fmt.Sprintf("unknown kind %q", e.Kind)
	}
	return ""
}

// splitVersionKey splits a versions key: article ID, NUL, 8 digits.
func splitVersionKey(k []byte) (string, int, bool) {
	i := bytes.IndexByte(k, sep)
	if i <= 0 || len(k)-i-1 != 8 {
		return "", 0, false
	}
	n, err := strconv.Atoi(string(k[i+1:]))
	if err != nil || n < 0 {
		return "", 0, false
	}
	return string(k[:i]), n, checkID(string(k[:i])) == ""
}

// hashOf is the SHA-256 of a text, hex encoded, as the notebook stores it.
func hashOf(text string) string {
	h := sha256.Sum256([]byte(text))
	return hex.EncodeToString(h[:])
}

func isHash(s string) bool {
	if len(s) != 64 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return true
}

func kindsValid(kinds []ingest.BlockKind) bool {
	for _, k := range kinds {
		if k > ingest.Item {
			return false
		}
	}
	return true
}
