package notebook

// The records of the text form (see package notebook/sync): how articles,
// annotations, tags and texts become records, and the checks every record
// from a remote passes before it reaches the notebook (the bundle's rules,
// bundle_validate.go and validate.go, plus the consistency of the files).

import (
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/glossnotes/gloss/notebook/ingest"
	gsync "github.com/glossnotes/gloss/notebook/sync"
)

// syncDeleted is a record's "deleted" field: the item is in the trash.
type syncDeleted struct {
	At    time.Time `json:"at"`
	Title string    `json:"title,omitempty"` // the title the trash shows
	// With is the article an annotation was trashed with; "" for an item
	// trashed on its own.
	With string `json:"with,omitempty"`
}

// syncVersion is one earlier text in an article's "versions".
type syncVersion struct {
	Number int    `json:"number"`
	Saved  string `json:"saved"`
	Text   string `json:"text"` // SHA-256 of the text (texts/ holds it)
	Reason string `json:"reason"`
}

// syncText is a file of texts/: a text and its paragraph kinds, one digit
// per paragraph ("" when all are ordinary).
type syncText struct {
	Kinds string `json:"kinds,omitempty"`
	Text  string `json:"text"`
}

// Fields of records that are not the notebook types' own.
const (
	fDeleted  = "deleted"
	fVersions = "versions"
	fOn       = "on" // the text hash an annotation's anchor is on
	fUpdated  = "updated"
	fTextHash = "text_hash"
	fTags     = "tags"
)

// Derived fields of an article that the text form leaves out.
var articleDerived = []string{"chars"}

// tagElemKey is the identity of a tag in a record's tag list.
func tagElemKey(e json.RawMessage) string {
	var s string
	json.Unmarshal(e, &s)
	return TagKey(s)
}

// Merge rules of each kind of record (see package sync).
var (
	articleRules = gsync.Rules{
		Groups:    map[string][]string{"text": {fTextHash, "version"}},
		Sets:      map[string]func(json.RawMessage) string{fTags: tagElemKey},
		Latest:    []string{fUpdated},
		Tombstone: fDeleted,
		Passive:   []string{fUpdated, fVersions},
	}
	annotationRules = gsync.Rules{
		Groups:    map[string][]string{"anchor": {fOn, "start", "end", "quote", "prefix", "suffix", "status", "history"}},
		Sets:      map[string]func(json.RawMessage) string{fTags: tagElemKey},
		Latest:    []string{fUpdated},
		Tombstone: fDeleted,
		Passive:   []string{fUpdated, "anchor"},
	}
	tagRules = gsync.Rules{}
)

// jsonFields lists the JSON names of a struct type's fields.
func jsonFields(v any) map[string]bool {
	out := map[string]bool{}
	t := reflect.TypeOf(v)
	for i := 0; i < t.NumField(); i++ {
		name, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
		if name != "" && name != "-" {
			out[name] = true
		}
	}
	return out
}

// The fields a record of each kind may have.
var (
	articleFieldSet    = allowed(jsonFields(Article{}), []string{fDeleted, fVersions}, articleDerived)
	annotationFieldSet = allowed(jsonFields(Annotation{}), []string{fDeleted, fOn}, nil)
	tagFieldSet        = jsonFields(Tag{})
)

func allowed(base map[string]bool, add, remove []string) map[string]bool {
	for _, f := range add {
		base[f] = true
	}
	for _, f := range remove {
		delete(base, f)
	}
	return base
}

// checkFields refuses a field a record of this kind cannot have (one a
// newer Gloss would write under a newer format).
func checkFields(r gsync.Record, ok map[string]bool) error {
	for _, f := range r.SortedFields() {
		if !ok[f] {
			return fmt.Errorf("unknown field %s", quoteShort(f))
		}
	}
	return nil
}

// articleRecord is an article's record: its metadata (without derived
// fields), earlier versions and trash state.
func articleRecord(a Article, versions []Version, del *syncDeleted) (gsync.Record, error) {
	r, err := gsync.FromValue(a)
	if err != nil {
		return r, fmt.Errorf("article %s: %w", a.ID, err)
	}
	for _, f := range articleDerived {
		delete(r.Fields, f)
	}
	if vs := syncVersionsOf(versions); len(vs) > 0 {
		if err := r.Set(fVersions, vs); err != nil {
			return r, err
		}
	}
	if del != nil {
		if err := r.Set(fDeleted, del); err != nil {
			return r, err
		}
	}
	return r, nil
}

// annotationRecord is an annotation's record; on is the hash of the text
// its anchor is on ("" for an annotation trashed on its own, whose text
// may have changed since).
func annotationRecord(an Annotation, on string, del *syncDeleted) (gsync.Record, error) {
	r, err := gsync.FromValue(an)
	if err != nil {
		return r, fmt.Errorf("annotation %s: %w", an.ID, err)
	}
	if on != "" {
		if err := r.Set(fOn, on); err != nil {
			return r, err
		}
	}
	if del != nil {
		if err := r.Set(fDeleted, del); err != nil {
			return r, err
		}
	}
	return r, nil
}

// syncArticle is an article record read back.
type syncArticle struct {
	Article  Article
	Versions []syncVersion
	Deleted  *syncDeleted
}

// syncAnnotation is an annotation record read back.
type syncAnnotation struct {
	Annotation Annotation
	On         string
	Deleted    *syncDeleted
}

func decodeField(r gsync.Record, f string, v any) error {
	raw := r.Get(f)
	if raw == nil {
		return nil
	}
	if err := json.Unmarshal(raw, v); err != nil {
		return fmt.Errorf("field %s: %v", f, err)
	}
	return nil
}

// readArticle decodes and checks an article record of file path (whose ID
// is id) by the bundle's field rules.
func readArticle(path, id string, r gsync.Record) (syncArticle, error) {
	var s syncArticle
	fail := func(err error) (syncArticle, error) { return syncArticle{}, fmt.Errorf("%s: %w", path, err) }
	if err := checkFields(r, articleFieldSet); err != nil {
		return fail(err)
	}
	if err := r.Into(&s.Article); err != nil {
		return fail(err)
	}
	if err := decodeField(r, fVersions, &s.Versions); err != nil {
		return fail(err)
	}
	if err := decodeField(r, fDeleted, &s.Deleted); err != nil {
		return fail(err)
	}
	a := &s.Article
	if err := checkULID(a.ID); err != nil {
		return fail(fmt.Errorf("article %w", err))
	}
	if a.ID != id {
		return fail(fmt.Errorf("holds article %s", a.ID))
	}
	if err := checkArticleFields(a); err != nil {
		return fail(err)
	}
	if err := checkHash("text", a.TextHash); err != nil {
		return fail(err)
	}
	prev := 0
	for _, v := range s.Versions {
		what := fmt.Sprintf("version %d", v.Number)
		if v.Number <= prev || v.Number >= maxVersionNumber {
			return fail(fmt.Errorf("%s: numbers must be 1–%d, in order, each once", what, maxVersionNumber-1))
		}
		prev = v.Number
		if err := checkHash(what+" text", v.Text); err != nil {
			return fail(err)
		}
		if _, err := time.Parse(time.RFC3339, v.Saved); err != nil {
			return fail(fmt.Errorf("%s: saved time %s is not an RFC 3339 time", what, quoteShort(v.Saved)))
		}
		if err := checkLine(what+" reason", v.Reason); err != nil {
			return fail(err)
		}
	}
	if err := checkDeleted(s.Deleted, false); err != nil {
		return fail(err)
	}
	return s, nil
}

// readAnnotation decodes and checks an annotation record of file path
// (annotation id of article articleID); chars is the length of the text
// its anchor is on, when known (else -1).
func readAnnotation(path, articleID, id string, r gsync.Record, chars int) (syncAnnotation, error) {
	return readAnnotationRecord(path, articleID, id, r, chars, true)
}

// readAnnotationLoose is readAnnotation that accepts a live annotation
// without the text its anchor is on: a merge that keeps an annotation
// trashed on one side and edited on the other can make one, and then
// re-attaches it (see syncMerger.reattach).
func readAnnotationLoose(path, articleID, id string, r gsync.Record) (syncAnnotation, error) {
	return readAnnotationRecord(path, articleID, id, r, -1, false)
}

func readAnnotationRecord(path, articleID, id string, r gsync.Record, chars int, needOn bool) (syncAnnotation, error) {
	s, err := decodeAnnotation(path, r)
	if err != nil {
		return s, err
	}
	return s, checkSyncAnnotation(path, articleID, id, &s, chars, needOn)
}

// decodeAnnotation decodes an annotation record of file path, unchecked
// but for its fields' names and types.
func decodeAnnotation(path string, r gsync.Record) (syncAnnotation, error) {
	var s syncAnnotation
	fail := func(err error) (syncAnnotation, error) { return syncAnnotation{}, fmt.Errorf("%s: %w", path, err) }
	if err := checkFields(r, annotationFieldSet); err != nil {
		return fail(err)
	}
	if err := r.Into(&s.Annotation); err != nil {
		return fail(err)
	}
	if err := decodeField(r, fOn, &s.On); err != nil {
		return fail(err)
	}
	if err := decodeField(r, fDeleted, &s.Deleted); err != nil {
		return fail(err)
	}
	return s, nil
}

// checkSyncAnnotation checks a decoded annotation record (see
// readAnnotation and readAnnotationLoose).
func checkSyncAnnotation(path, articleID, id string, s *syncAnnotation, chars int, needOn bool) error {
	fail := func(err error) error { return fmt.Errorf("%s: %w", path, err) }
	an := &s.Annotation
	if an.ID != id {
		return fail(fmt.Errorf("holds annotation %s", quoteShort(an.ID)))
	}
	if err := checkAnnotation(an, articleID, chars); err != nil {
		return fail(err)
	}
	if s.On != "" {
		if err := checkHash("anchor text", s.On); err != nil {
			return fail(err)
		}
	} else if needOn && (s.Deleted == nil || s.Deleted.With != "") {
		return fail(errors.New("a live annotation without the text its anchor is on"))
	}
	if err := checkDeleted(s.Deleted, true); err != nil {
		return fail(err)
	}
	if s.Deleted != nil && s.Deleted.With != "" && s.Deleted.With != articleID {
		return fail(fmt.Errorf("trashed with article %s, not its own", quoteShort(s.Deleted.With)))
	}
	return nil
}

// readTag decodes and checks a tag record of the file with this name.
func readTag(path, name string, r gsync.Record) (Tag, error) {
	var t Tag
	if err := checkFields(r, tagFieldSet); err != nil {
		return t, fmt.Errorf("%s: %w", path, err)
	}
	if err := r.Into(&t); err != nil {
		return t, fmt.Errorf("%s: %w", path, err)
	}
	if err := validateTag(&t); err != nil {
		return t, fmt.Errorf("%s: %w", path, err)
	}
	clean, _ := CleanTag(t.Name)
	if clean != t.Name {
		return t, fmt.Errorf("%s: tag %s is not in its clean spelling", path, quoteShort(t.Name))
	}
	if gsync.TagFileName(TagKey(t.Name)) != name {
		return t, fmt.Errorf("%s: holds tag %s, whose file has another name", path, quoteShort(t.Name))
	}
	return t, nil
}

// textRecord is the record of a texts/ file.
func textRecord(b Body) (gsync.Record, error) {
	var kinds strings.Builder
	for _, k := range b.Kinds {
		kinds.WriteByte('0' + byte(k))
	}
	return gsync.FromValue(syncText{Kinds: kinds.String(), Text: b.Text})
}

// maxTextFileBytes bounds a texts/ file: the longest text, escaped.
const maxTextFileBytes = 2*MaxTextBytes + 4096

// readText decodes and checks a texts/ file whose name is the hash.
func readText(path, hash string, data []byte) (Body, error) {
	fail := func(err error) (Body, error) { return Body{}, fmt.Errorf("%s: %w", path, err) }
	if len(data) > maxTextFileBytes {
		return fail(fmt.Errorf("%d bytes (at most %d)", len(data), maxTextFileBytes))
	}
	var t syncText
	dec := json.NewDecoder(strings.NewReader(string(data)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&t); err != nil {
		return fail(err)
	}
	b := Body{Text: t.Text}
	for i := 0; i < len(t.Kinds); i++ {
		k := t.Kinds[i]
		if k < '0' || k > '0'+byte(ingest.Item) {
			return fail(fmt.Errorf("paragraph %d has unknown kind %q", i+1, k))
		}
		b.Kinds = append(b.Kinds, ingest.BlockKind(k-'0'))
	}
	if err := checkBody("text", b); err != nil {
		return fail(err)
	}
	if hashText(b.Text) != hash {
		return fail(errors.New("the text does not match its SHA-256 (the file's name)"))
	}
	return b, nil
}

// checkHash checks a SHA-256 in hex.
func checkHash(what, h string) error {
	if len(h) != 64 || strings.IndexFunc(h, func(r rune) bool { return !(r >= '0' && r <= '9' || r >= 'a' && r <= 'f') }) >= 0 {
		return fmt.Errorf("%s %s is not a SHA-256", what, quoteShort(h))
	}
	return nil
}

// checkDeleted checks a "deleted" field.
func checkDeleted(d *syncDeleted, annotation bool) error {
	if d == nil {
		return nil
	}
	if d.At.IsZero() {
		return errors.New("deleted without a time")
	}
	if err := checkLine("trash title", d.Title); err != nil {
		return err
	}
	if d.With != "" && !annotation {
		return errors.New("an article cannot be trashed with another")
	}
	if d.With != "" {
		return checkULID(d.With)
	}
	return nil
}

// charsOf is the length of a text in code points.
func charsOf(s string) int { return utf8.RuneCountInString(s) }
