package notebook

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"time"
)

// MergeBundle merges a bundle (plain or gzipped) into the notebook in one
// transaction, keeping every ID; see merger for the rules. Merging into an
// empty notebook reproduces the bundled notebook exactly, and merging the
// same bundle twice changes nothing the second time. It reads the bundle
// one record at a time, within MaxBundleBytes and MaxBundleRecordBytes.
//
// A bundle that is malformed, over a limit, or has a record that breaks
// the field rules (validate.go) is refused as a whole, with an error that
// names the record and its position (a *BundleError, or a byte offset);
// the notebook is then unchanged. A valid record that clashes with this
// notebook (its ID is an item of another kind here, its URL or text is
// another article's) is refused on its own, or merged without the
// clashing part, and the MergeReport says so in Conflicts.
func (n *Notebook) MergeBundle(r io.Reader) (MergeReport, error) {
	return n.mergeBundle(r, defaultBundleLimits)
}

func (n *Notebook) mergeBundle(r io.Reader, lim bundleLimits) (MergeReport, error) {
	var rep MergeReport
	src, err := decompress(r)
	if err != nil {
		return rep, fmt.Errorf("merge bundle: %w", err)
	}
	s := newBundleScanner(src, lim)
	version, err := s.header()
	if err != nil {
		return rep, fmt.Errorf("merge bundle: %w", err)
	}
	if err := checkVersion(version); err != nil {
		return rep, fmt.Errorf("merge bundle: %w", err)
	}
	err = n.update(func(tx Tx, c *Change) error {
		rep = MergeReport{}
		m := &merger{tx: tx, keys: NewCiteKeys(tx), now: n.now(), rep: &rep, change: c}
		return m.run(s)
	})
	if err != nil {
		return MergeReport{}, fmt.Errorf("merge bundle: %w", err)
	}
	return rep, nil
}

// MergeReport counts what merging a bundle did.
type MergeReport struct {
	ArticlesAdded     int `json:"articles_added"`
	ArticlesUpdated   int `json:"articles_updated"`   // the bundle's newer record replaced ours
	ArticlesUnchanged int `json:"articles_unchanged"` // identical, or ours was newer
	// ArticlesMatched counts bundle articles with another ID whose text is
	// already here: their annotations went onto the local article.
	ArticlesMatched      int `json:"articles_matched"`
	AnnotationsAdded     int `json:"annotations_added"`
	AnnotationsUpdated   int `json:"annotations_updated"`
	AnnotationsUnchanged int `json:"annotations_unchanged"`
	VersionsAdded        int `json:"versions_added"` // texts kept as versions (including losers)
	KeptInTrash          int `json:"kept_in_trash"`  // losing annotations moved to the trash
	// Skipped counts items deleted here after the bundle last changed them.
	Skipped    int `json:"skipped"`
	TagsAdded  int `json:"tags_added"`
	TrashAdded int `json:"trash_added"`
	// Refused counts bundle records (articles, annotations, trash entries)
	// not merged because they clash with this notebook; Conflicts says
	// which and why.
	Refused   int      `json:"refused"`
	Conflicts []string `json:"conflicts,omitempty"` // what could not be merged as is, and what was done
}

// merger applies a bundle inside one transaction.
//
// Rules: items are matched by ID. An item missing here is added (an article
// whose text is already here under another ID is matched to that article
// instead, and an item deleted here after the bundle last changed it stays
// deleted). Where both sides have an item and it differs, the newer
// Updated wins (on a tie ours stays); a losing article text is kept as a
// version, a losing annotation goes to the trash. Tag records are added
// when missing (a colour is taken when ours has none); trash entries are
// added when missing (on an ID clash the later deletion stays). Tags on
// items are stored in this notebook's spelling, and every tag gets a tag
// record. An article's version number stays above those of its versions.
//
// IDs are unique across kinds: an ID is an article (live or in the trash)
// or an annotation (live, in the trash, or inside a trashed article),
// never both. A bundle record whose ID is an item of the other kind here
// is refused and reported; with it go an article's annotations, or a
// trash entry as a whole. Live items and trash entries of the same kind
// may share an ID (the losing side of a conflict is kept that way).
type merger struct {
	tx     Tx
	keys   *CiteKeys // citation keys of the articles merged in
	now    time.Time
	rep    *MergeReport
	change *Change

	// trashedAnns maps the ID of every annotation inside an article's
	// trash entry here to the entry's ID; nil until first needed.
	trashedAnns map[string]string
	// last is the previous record's ID (tag key) in each section.
	last map[string]string
}

func (m *merger) conflictf(format string, args ...any) {
	m.rep.Conflicts = append(m.rep.Conflicts, fmt.Sprintf(format, args...))
}

// refusef reports a bundle record that was not merged.
func (m *merger) refusef(format string, args ...any) {
	m.rep.Refused++
	m.conflictf(format, args...)
}

// recordPos is where a record is in the bundle.
type recordPos struct {
	section string
	num     int
	off     int64
}

// invalid refuses the bundle because of this record.
func (p recordPos) invalid(id string, err error) error {
	return &BundleError{Section: p.section, Record: p.num, Offset: p.off, ID: id, Err: err}
}

// inOrder checks that a record's key comes after the previous one's in
// its section.
func (m *merger) inOrder(p recordPos, key string) error {
	if m.last == nil {
		m.last = map[string]string{}
	}
	prev, seen := m.last[p.section]
	if seen && key <= prev {
		return p.invalid(key, fmt.Errorf("comes after %s: records must be in order, each once", quoteShort(prev)))
	}
	m.last[p.section] = key
	return nil
}

// run reads the bundle's top-level fields after the header, merging each
// section's records in turn.
func (m *merger) run(s *bundleScanner) error {
	seen := map[string]bool{}
	for {
		key, err := s.nextKey()
		if err != nil || key == "" {
			return err
		}
		if seen[key] {
			return syntaxf(s.off, "field %q appears twice", key)
		}
		seen[key] = true
		switch key {
		case "articles":
			err = readRecords(s, key, m.article)
		case "tags":
			err = readRecords(s, key, m.tag)
		case "trash":
			err = readRecords(s, key, m.trash)
		default: // "exported", and fields of later minor versions
			err = s.skip()
		}
		if err != nil {
			return err
		}
		m.change.Tags = true
	}
}

// readRecords decodes each record of a section into a fresh T and hands it
// to fn.
func readRecords[T any](s *bundleScanner, section string, fn func(recordPos, T) error) error {
	return s.array(section, func(num int, off int64, raw []byte) error {
		var v T
		if err := json.Unmarshal(raw, &v); err != nil {
			return &BundleError{Section: section, Record: num, Offset: off, Err: fmt.Errorf("cannot be decoded: %v", err)}
		}
		return fn(recordPos{section, num, off}, v)
	})
}

// sameJSON reports whether a and b encode to the same JSON (records are
// stored as JSON, so this is equality of what is stored).
func sameJSON(a, b any) bool {
	ja, err1 := json.Marshal(a)
	jb, err2 := json.Marshal(b)
	return err1 == nil && err2 == nil && bytes.Equal(ja, jb)
}
