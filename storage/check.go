package storage

import (
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"github.com/glossnotes/gloss/notebook"
)

// Problem is one thing Check found wrong with a notebook file.
type Problem struct {
	// Record names what is damaged: "article 01HV…", "page 370 (bucket
	// articles)", "header page 0", "hash index entry …".
	Record string `json:"record"`
	// What says what is wrong with it, and what follows from it.
	What string `json:"what"`
	// Salvageable says whether Salvage keeps (or rebuilds) what this
	// problem affects; false means it is lost.
	Salvageable bool `json:"salvageable"`
}

// String is the problem on one line.
func (p Problem) String() string {
	s := p.Record + ": " + p.What
	if p.Salvageable {
		return s + " [salvage can save it]"
	}
	return s + " [cannot be saved]"
}

// maxProblems bounds the problems one check reports; a file damaged
// beyond that gets a last line saying how many more there were.
const maxProblems = 1000

// requiredBuckets are the buckets of the current schema.
var requiredBuckets = [][]byte{bMeta, bArticles, bBodies, bSources, bVersions, bAnnotations,
	bTags, bTrash, bIdxHash, bIdxURL, bIdxArtAnn, bIdxTag}

// Check verifies the notebook file and returns one line per problem (see
// Problems); an empty slice means the notebook is sound.
func (s *DB) Check() ([]string, error) {
	ps, err := s.Problems()
	return problemLines(ps), err
}

// problemLines renders problems one per line.
func problemLines(ps []Problem) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.String()
	}
	return out
}

// Problems verifies the whole notebook file without going through bbolt:
// both headers and every page (see walkFile), then every record of every
// bucket — decoded with every nested field, every text checked against its
// SHA-256 (current texts, earlier versions, deleted articles), every
// cross-reference (annotation → article, indexes ↔ records both ways, tag
// index ↔ tag records, IDs unique across kinds, offsets within the text).
//
// Problems found are recorded as known damage: writes are refused from
// then on, in this process and (through the marker file beside the
// notebook) in later ones. A check that finds nothing clears the marker.
// Writes wait while the check reads the file.
func (s *DB) Problems() ([]Problem, error) {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	f, err := os.Open(s.path)
	if err != nil {
		return nil, fmt.Errorf("check %s: %w", s.path, err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("check %s: %w", s.path, err)
	}
	sc, err := scanFile(f, st.Size())
	if err != nil {
		return nil, fmt.Errorf("check %s: %w", s.path, err)
	}
	ps := sc.problems()
	s.recordCheck(ps, sc.inv.uid)
	return ps, nil
}

// CheckFile verifies the notebook file at path as Problems does, without
// opening it with bbolt, so it works on files bbolt cannot open (a damaged
// header, a truncated file). It never creates or modifies the notebook; it
// records the outcome in the marker file beside it. It refuses a missing or
// empty file (notebook.ErrNoNotebook), a file held by another process
// (notebook.ErrLocked) and one written by a newer Gloss
// (notebook.ErrNewerSchema).
func CheckFile(path string) ([]Problem, error) {
	lock, err := lockShared(path)
	if err != nil {
		return nil, err
	}
	defer lock.Close()
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("check %s: %w", path, err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("check %s: %w", path, err)
	}
	sc, err := scanFile(f, st.Size())
	if err != nil {
		// The headers themselves are unreadable: that is the one problem.
		ps := []Problem{{Record: "file", What: err.Error() + "; salvage can look for records in its pages", Salvageable: true}}
		writeMarker(path, "", problemLines(ps))
		return ps, nil
	}
	if sc.inv.schema > SchemaVersion() {
		return nil, &fileError{path, fmt.Errorf("%w: schema %d, this Gloss reads up to %d; update Gloss to check it", notebook.ErrNewerSchema, sc.inv.schema, SchemaVersion())}
	}
	ps := sc.problems()
	if len(ps) > 0 {
		writeMarker(path, sc.inv.uid, problemLines(ps))
	} else {
		clearMarker(path, sc.inv.uid)
	}
	return ps, nil
}

// scan is one full read of a notebook file.
type scan struct {
	f    *rawFile
	walk *walkResult
	inv  *inventory
}

// scanFile walks a notebook file in full and takes its inventory.
func scanFile(r io.ReaderAt, size int64) (*scan, error) {
	f, err := mapRawFile(r, size, true)
	if err != nil {
		return nil, err
	}
	defer f.close() // the inventory keeps copies only
	inv := newInventory()
	walk := walkFile(f, walkRecords, inv.add)
	return &scan{f: f, walk: walk, inv: inv}, nil
}

// problems lists everything wrong: the page structure first, then records
// that cannot be used, then broken cross-references.
func (sc *scan) problems() []Problem {
	var c checker
	c.ps = append(c.ps, sc.walk.problems...)
	c.inv, c.walk = sc.inv, sc.walk
	c.buckets()
	c.meta()
	c.badRecords()
	c.articles()
	c.orphans()
	c.annotations()
	c.tagRecords()
	c.trash()
	c.indexes()
	c.schema3()
	if len(c.ps) > maxProblems {
		more := len(c.ps) - maxProblems
		c.ps = append(c.ps[:maxProblems], Problem{Record: "check", What: fmt.Sprintf("%d more problems not listed", more)})
	}
	return c.ps
}

// checker collects problems from an inventory.
type checker struct {
	inv  *inventory
	walk *walkResult
	ps   []Problem
}

func (c *checker) add(salvageable bool, record, format string, args ...any) {
	c.ps = append(c.ps, Problem{Record: record, What: fmt.Sprintf(format, args...), Salvageable: salvageable})
}

func (c *checker) buckets() {
	if !c.walk.rootOK {
		return
	}
	known := map[string]bool{}
	required := requiredBuckets
	if c.inv.schema >= 3 {
		required = append(append([][]byte(nil), required...), schema3Buckets...)
	} else {
		for _, b := range schema3Buckets {
			known[string(b)] = true
		}
	}
	for _, b := range required {
		known[string(b)] = true
		if !c.walk.buckets[string(b)] {
			c.add(true, "bucket "+string(b), "is missing (its records are lost; salvage makes it anew)")
		}
	}
	var unknown []string
	for b := range c.walk.buckets {
		if !known[b] {
			unknown = append(unknown, b)
		}
	}
	sort.Strings(unknown)
	for _, b := range unknown {
		c.add(false, fmt.Sprintf("bucket %q", b), "is not a notebook bucket (a damaged name?); its records are not read")
	}
}

func (c *checker) meta() {
	inv := c.inv
	if _, bad := c.walk.unreadable[string(bMeta)]; bad || !c.walk.buckets[string(bMeta)] {
		return
	}
	switch {
	case inv.schemaErr != "":
		c.add(true, "meta", "%s", inv.schemaErr)
	case inv.schema == 0:
		c.add(true, "meta", "no schema version")
	case inv.schema >= 2 && !isUID(inv.uid):
		c.add(true, "meta", "notebook ID %q is not 32 hex digits", inv.uid)
	}
	if inv.generation != "" && !isDigits(inv.generation) {
		c.add(true, "meta", "generation %q is not a number", inv.generation)
	}
}

func isUID(s string) bool { return len(s) == 32 && isHash(s+s) }

func isDigits(s string) bool {
	if s == "" || len(s) > 20 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// badRecords reports records that cannot be used, saying what follows.
func (c *checker) badRecords() {
	for _, b := range c.inv.bad {
		rec := recordName(b.bucket, b.key)
		switch b.bucket {
		case string(bArticles):
			if _, ok := c.inv.bodies[b.key]; ok {
				c.add(true, rec, "%s; salvage rebuilds the article from its text, source and indexes (title and other details may be lost)", b.why)
				continue
			}
			c.add(false, rec, "%s", b.why)
		case string(bBodies):
			c.add(false, rec, "%s; the article cannot be saved, salvage keeps its highlights in the trash", b.why)
		case string(bSources):
			c.add(false, rec, "%s; salvage keeps the article without its original bytes", b.why)
		case string(bMeta), string(bIdxHash), string(bIdxURL), string(bIdxArtAnn), string(bIdxTag),
			string(bIdxCiteKey), string(bIdxMatch), string(bIdxPendingMatch):
			c.add(true, rec, "%s; salvage rebuilds it", b.why)
		case string(bTags):
			c.add(true, rec, "%s; salvage makes the tag records its items need", b.why)
		default:
			c.add(false, rec, "%s", b.why)
		}
	}
}

// recordName names a record of a bucket in a problem.
func recordName(bucket, key string) string {
	switch bucket {
	case string(bArticles):
		return "article " + key
	case string(bBodies):
		return "text of article " + key
	case string(bSources):
		return "source of article " + key
	case string(bVersions):
		if art, n, ok := splitVersionKey([]byte(key)); ok {
			return fmt.Sprintf("version %d of article %s", n, art)
		}
		return fmt.Sprintf("version %q", key)
	case string(bAnnotations):
		return "annotation " + key
	case string(bTags):
		return fmt.Sprintf("tag %q", key)
	case string(bTrash):
		return "trash entry " + key
	case string(bMeta):
		return fmt.Sprintf("meta %q", key)
	case string(bPending):
		return "pending annotation " + key
	}
	return fmt.Sprintf("%s entry %q", bucket, key)
}

// articles checks every article against its text and the indexes.
func (c *checker) articles() {
	inv := c.inv
	for _, id := range sortedKeys(inv.articles) {
		a := inv.articles[id].a
		rec := "article " + id
		body, ok := inv.bodies[id]
		switch {
		case !ok && !c.isBad(bBodies, id):
			c.add(false, rec, "its text is missing; the article cannot be saved, salvage keeps its highlights in the trash")
		case ok && body.hash != a.TextHash:
			c.add(false, rec, "its text does not match its SHA-256 (the text is damaged); the article cannot be saved, salvage keeps its highlights in the trash")
		case ok && body.chars != a.Chars:
			c.add(true, rec, "records %d characters but its text has %d; salvage recounts them", a.Chars, body.chars)
		}
		if ok && !body.kinds {
			c.add(true, "text of article "+id, "has paragraph kinds that do not exist; salvage drops them")
		}
		if _, ok := inv.anns[id]; ok {
			c.add(false, rec, "an annotation has the same ID")
		}
		if got, ok := inv.idxHash[a.TextHash]; !ok || got != id {
			c.add(true, rec, "text hash not indexed (salvage rebuilds the index)")
		}
		if a.URL != "" {
			if got, ok := inv.idxURL[a.URL]; !ok || got != id {
				c.add(true, rec, "URL not indexed (salvage rebuilds the index)")
			}
		}
		c.badTags(rec, inv.articles[id].badTags)
		c.itemTags(rec, a.Tags, tagKindArticle, id)
	}
}

// badTags reports tags that are not clean tag names.
func (c *checker) badTags(rec string, tags []string) {
	for _, t := range tags {
		c.add(true, rec, "tag %q is not a clean tag name; salvage drops it", t)
	}
}

// itemTags checks that an item's tags are indexed and have tag records.
func (c *checker) itemTags(rec string, tags []string, kind byte, id string) {
	for _, t := range tags {
		if !c.inv.idxTag[string(tagIndexKey(t, kind, id))] {
			c.add(true, rec, "tag %q not indexed (salvage rebuilds the index)", t)
		}
		if _, ok := c.inv.tags[notebook.TagKey(t)]; !ok && !c.isBad(bTags, notebook.TagKey(t)) {
			c.add(true, rec, "tag %q has no tag record (salvage makes one)", t)
		}
	}
}

func (c *checker) isBad(bucket []byte, key string) bool { return c.inv.isBad(bucket, key) }

// orphans reports texts, sources and versions without their article.
func (c *checker) orphans() {
	inv := c.inv
	for _, id := range sortedKeys(inv.bodies) {
		if _, ok := inv.articles[id]; !ok && !c.isBad(bArticles, id) {
			c.add(true, "text of article "+id, "belongs to no article (its record is lost); salvage rebuilds the article from it")
		}
	}
	for _, id := range sortedKeys(inv.sources) {
		if _, ok := inv.articles[id]; !ok {
			if _, ok := inv.bodies[id]; !ok {
				c.add(false, "source of article "+id, "belongs to no article")
			}
		}
	}
	for _, k := range sortedKeys(inv.versions) {
		v := inv.versions[k]
		if _, ok := inv.articles[v.articleID]; !ok {
			if _, ok := inv.bodies[v.articleID]; !ok {
				c.add(false, recordName(string(bVersions), k), "belongs to no article")
			}
		}
	}
}

// annotations checks every annotation against its article.
func (c *checker) annotations() {
	inv := c.inv
	for _, id := range sortedKeys(inv.anns) {
		a := inv.anns[id]
		rec := "annotation " + id
		art, artOK := inv.articles[a.articleID]
		body, bodyOK := inv.bodies[a.articleID]
		switch {
		case !artOK && !bodyOK:
			c.add(true, rec, "its article %s does not exist; salvage keeps it in the trash", a.articleID)
		case bodyOK && a.end > body.chars:
			c.add(true, rec, "passage %d–%d is outside its article's text (%d characters); salvage keeps it as orphaned", a.start, a.end, body.chars)
		case !bodyOK && artOK && a.end > art.a.Chars:
			c.add(true, rec, "passage %d–%d is outside its article's text (%d characters)", a.start, a.end, art.a.Chars)
		}
		if a.fixable != "" {
			c.add(true, rec, "%s; salvage resets it", a.fixable)
		}
		if !inv.idxArtAnn[string(compositeKey(a.articleID, id))] {
			c.add(true, rec, "not indexed under its article (salvage rebuilds the index)")
		}
		c.badTags(rec, a.badTags)
		c.itemTags(rec, a.tags, tagKindAnnotation, id)
	}
}

// tagRecords needs nothing beyond what add checked; tag records without
// items are normal (a tag can be created before it is used).
func (c *checker) tagRecords() {}

// trash checks that trash entries do not take the ID of a live item of
// another kind.
func (c *checker) trash() {
	inv := c.inv
	for _, id := range sortedKeys(inv.trash) {
		e := inv.trash[id]
		rec := "trash entry " + id
		switch e.kind {
		case notebook.TrashArticle:
			if _, ok := inv.anns[id]; ok {
				c.add(false, rec, "a live annotation has the same ID")
			}
			for _, ann := range e.annIDs {
				if _, ok := inv.articles[ann]; ok {
					c.add(false, rec, "holds annotation %s, which has the ID of a live article", ann)
				}
			}
		case notebook.TrashAnnotation:
			if _, ok := inv.articles[id]; ok {
				c.add(false, rec, "a live article has the same ID")
			}
		}
	}
}

// indexes checks that every index entry points at a record that agrees
// with it.
func (c *checker) indexes() {
	inv := c.inv
	for _, h := range sortedKeys(inv.idxHash) {
		id := inv.idxHash[h]
		if a, ok := inv.articles[id]; !ok || a.a.TextHash != h {
			c.add(true, "hash index entry "+h, "points at %s, which does not have that text (salvage rebuilds the index)", id)
		}
	}
	for _, u := range sortedKeys(inv.idxURL) {
		id := inv.idxURL[u]
		if a, ok := inv.articles[id]; !ok || a.a.URL != u {
			c.add(true, fmt.Sprintf("URL index entry %q", u), "points at %s, which does not have that URL (salvage rebuilds the index)", id)
		}
	}
	for _, k := range sortedKeys(inv.idxArtAnn) {
		art, ann, ok := strings.Cut(k, string(rune(sep)))
		if !ok {
			c.add(true, fmt.Sprintf("article index entry %q", k), "malformed (salvage rebuilds the index)")
			continue
		}
		if a, ok := inv.anns[ann]; !ok || a.articleID != art {
			c.add(true, fmt.Sprintf("article index entry %s → %s", art, ann), "has no matching annotation (salvage rebuilds the index)")
		}
	}
	for _, k := range sortedKeys(inv.idxTag) {
		key, kind, id, ok := splitTagIndexKey([]byte(k))
		if !ok {
			c.add(true, fmt.Sprintf("tag index entry %q", k), "malformed (salvage rebuilds the index)")
			continue
		}
		var tags []string
		found := false
		switch kind {
		case tagKindArticle:
			if a, ok := inv.articles[id]; ok {
				tags, found = a.a.Tags, true
			}
		case tagKindAnnotation:
			if a, ok := inv.anns[id]; ok {
				tags, found = a.tags, true
			}
		}
		rec := fmt.Sprintf("tag index entry %q → %s", key, id)
		if !found {
			c.add(true, rec, "points at no item (salvage rebuilds the index)")
			continue
		}
		carries := false
		for _, t := range tags {
			carries = carries || notebook.TagKey(t) == key
		}
		if !carries {
			c.add(true, rec, "the item does not carry that tag (salvage rebuilds the index)")
		}
		if _, ok := inv.tags[key]; !ok && !c.isBad(bTags, key) {
			c.add(true, rec, "the tag has no tag record (salvage makes one)")
		}
	}
}

// splitTagIndexKey splits a tag index key: tag key, NUL, kind byte, ID.
func splitTagIndexKey(k []byte) (key string, kind byte, id string, ok bool) {
	i := strings.LastIndexByte(string(k), sep)
	if i < 0 || i+2 > len(k) {
		return "", 0, "", false
	}
	return string(k[:i]), k[i+1], string(k[i+2:]), true
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// fileError names the notebook file in an error.
type fileError struct {
	path string
	err  error
}

func (e *fileError) Error() string { return fmt.Sprintf("notebook %s: %v", e.path, e.err) }
func (e *fileError) Unwrap() error { return e.err }

// noNotebookError is a read that found no notebook at the path. It wraps
// notebook.ErrNoNotebook.
type noNotebookError struct{ path, what string }

func (e *noNotebookError) Error() string { return fmt.Sprintf("notebook %s %s", e.path, e.what) }
func (e *noNotebookError) Unwrap() error { return notebook.ErrNoNotebook }

// recordCheck records a check's outcome: problems become known damage
// (and the marker lists them); a check that finds nothing removes the
// marker. Damage known to this handle is not forgotten (a handle opened on
// a damaged file reads only): it asks to reopen.
func (s *DB) recordCheck(ps []Problem, uid string) {
	if uid == "" {
		uid = s.uid
	}
	if len(ps) > 0 {
		s.noteProblems(ps)
		return
	}
	clearMarker(s.path, uid)
	s.mu.Lock()
	if s.damage != "" {
		s.damage = "it was damaged when this window or command opened it, and a check has since found it sound: reopen it to write"
	}
	s.mu.Unlock()
}

// lockShared takes bbolt's shared lock on the notebook at path for a
// reader that does not use bbolt (CheckFile, Salvage): it fails with
// ErrLocked while another process writes the file. A file bbolt cannot
// open at all cannot be held by another Gloss either, and is read without
// the lock.
func lockShared(path string) (io.Closer, error) {
	st, err := os.Stat(path)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return nil, &noNotebookError{path, "does not exist"}
	case err != nil:
		return nil, &fileError{path, err}
	case st.IsDir():
		return nil, &fileError{path, fmt.Errorf("%w: it is a directory", notebook.ErrNotNotebook)}
	case !st.Mode().IsRegular():
		return nil, &fileError{path, fmt.Errorf("%w: not a regular file", notebook.ErrNotNotebook)}
	case st.Size() == 0:
		return nil, &noNotebookError{path, "is an empty file"}
	}
	db, err := openBolt(path, true)
	switch {
	case err == nil:
		return db, nil
	case errors.Is(err, notebook.ErrLocked):
		return nil, &fileError{path, err}
	}
	return io.NopCloser(nil), nil
}
