package notebook

import (
	"bytes"
	"encoding/json"
	"errors"
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
		m := &merger{tx: tx, now: n.now(), rep: &rep, change: c}
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

// kind names what an ID is here.
type kind int

const (
	kindNone         kind = iota
	kindArticle           // a live article
	kindAnnotation        // a live annotation
	kindTrashArticle      // an article's trash entry
	kindTrashAnn          // an annotation's trash entry
	kindTrashedAnn        // an annotation inside an article's trash entry
)

func (k kind) String() string {
	return [...]string{"nothing", "an article", "an annotation", "a deleted article (in the trash)",
		"a deleted annotation (in the trash)", "an annotation of a deleted article (in the trash)"}[k]
}

// isArticle reports whether the kind is an article's, live or trashed.
func (k kind) isArticle() bool { return k == kindArticle || k == kindTrashArticle }

// isAnnotation reports whether the kind is an annotation's.
func (k kind) isAnnotation() bool {
	return k == kindAnnotation || k == kindTrashAnn || k == kindTrashedAnn
}

// kindsOf returns every kind of item this ID is here.
func (m *merger) kindsOf(id string) ([]kind, error) {
	var ks []kind
	if _, err := m.tx.Article(id); err == nil {
		ks = append(ks, kindArticle)
	} else if !errors.Is(err, ErrNotFound) {
		return nil, err
	}
	if _, err := m.tx.Annotation(id); err == nil {
		ks = append(ks, kindAnnotation)
	} else if !errors.Is(err, ErrNotFound) {
		return nil, err
	}
	if e, err := m.tx.Trash(id); err == nil {
		if e.Kind == TrashArticle {
			ks = append(ks, kindTrashArticle)
		} else {
			ks = append(ks, kindTrashAnn)
		}
	} else if !errors.Is(err, ErrNotFound) {
		return nil, err
	}
	trashed, err := m.trashedAnnotations()
	if err != nil {
		return nil, err
	}
	if _, ok := trashed[id]; ok {
		ks = append(ks, kindTrashedAnn)
	}
	return ks, nil
}

// clash returns the kind of item this ID is here that an article (article
// true) or annotation may not share it with, or kindNone.
func (m *merger) clash(id string, article bool) (kind, error) {
	ks, err := m.kindsOf(id)
	if err != nil {
		return kindNone, err
	}
	for _, k := range ks {
		if article && k.isAnnotation() || !article && k.isArticle() {
			return k, nil
		}
	}
	return kindNone, nil
}

// trashedAnnotations returns the IDs of the annotations inside article
// trash entries here, read once.
func (m *merger) trashedAnnotations() (map[string]string, error) {
	if m.trashedAnns != nil {
		return m.trashedAnns, nil
	}
	m.trashedAnns = map[string]string{}
	err := m.tx.ForEachTrash(func(e TrashEntry) error {
		m.noteTrash(e)
		return nil
	})
	return m.trashedAnns, err
}

// noteTrash records the annotations inside an article trash entry.
func (m *merger) noteTrash(e TrashEntry) {
	if e.Kind != TrashArticle || m.trashedAnns == nil {
		return
	}
	for _, a := range e.Annotations {
		m.trashedAnns[a.ID] = e.ID
	}
}

// canonTags gives tag names this notebook's spelling and makes the tag
// records they need, counting those it makes; an empty list stays as it
// is (null and [] are stored as they came).
func (m *merger) canonTags(tags []string) ([]string, error) {
	if len(tags) == 0 {
		return tags, nil
	}
	return canonicalTags(tagCounter{m.tx, &m.rep.TagsAdded}, tags)
}

// tagCounter counts the tag records canonicalTags makes.
type tagCounter struct {
	Tx
	added *int
}

func (t tagCounter) PutTag(tag Tag) error {
	*t.added++
	return t.Tx.PutTag(tag)
}

func (m *merger) canonAnnotationTags(anns []Annotation) error {
	for i := range anns {
		var err error
		if anns[i].Tags, err = m.canonTags(anns[i].Tags); err != nil {
			return err
		}
	}
	return nil
}

// deletedAfter reports whether the item with this ID is in our trash,
// deleted after t.
func (m *merger) deletedAfter(id string, t time.Time) (bool, error) {
	e, err := m.tx.Trash(id)
	if errors.Is(err, ErrNotFound) {
		return false, nil
	} else if err != nil {
		return false, err
	}
	return e.Deleted.After(t), nil
}

func (m *merger) article(p recordPos, b bundleArticle) error {
	a := b.Article
	if err := b.validate(); err != nil {
		return p.invalid(a.ID, err)
	}
	if err := m.inOrder(p, a.ID); err != nil {
		return err
	}
	a.Annotations = 0
	if k, err := m.clash(a.ID, true); err != nil {
		return err
	} else if k != kindNone {
		m.refusef("article %s (%s): the ID is %s here; not merged, nor its %d annotations", a.ID, a.Title, k, len(b.Annotations))
		return nil
	}
	var err error
	if a.Tags, err = m.canonTags(a.Tags); err != nil {
		return err
	}
	if err := m.canonAnnotationTags(b.Annotations); err != nil {
		return err
	}
	b.Article = a
	local, err := m.tx.Article(a.ID)
	switch {
	case errors.Is(err, ErrNotFound):
		return m.newArticle(b, a)
	case err != nil:
		return err
	}
	localBody, err := m.tx.Body(a.ID)
	if err != nil {
		return err
	}
	text := localBody.Text
	if sameJSON(local, a) && sameJSON(localBody, b.Body) {
		m.rep.ArticlesUnchanged++
	} else if a.Updated.After(local.Updated) {
		replaced, err := m.replaceArticle(local, localBody, b, a)
		if err != nil {
			return err
		}
		if replaced {
			text = b.Body.Text
		}
	} else {
		m.rep.ArticlesUnchanged++
		if b.Body.Text != localBody.Text {
			if err := m.keepVersion(a.ID, b.Body, a.Updated, "merge"); err != nil {
				return err
			}
		}
	}
	if err := m.mergeVersions(a.ID, b.Versions); err != nil {
		return err
	}
	if err := m.versionAboveHistory(a.ID); err != nil {
		return err
	}
	if b.Source != nil {
		if _, err := m.tx.Source(a.ID); errors.Is(err, ErrNotFound) {
			if err := m.tx.PutSource(a.ID, *b.Source); err != nil {
				return err
			}
		} else if err != nil {
			return err
		}
	}
	return m.annotations(a.ID, texts{local: localBody.Text, bundle: b.Body.Text, final: text}, b.Annotations)
}

// newArticle handles a bundle article whose ID is not here.
func (m *merger) newArticle(b bundleArticle, a Article) error {
	if gone, err := m.deletedAfter(a.ID, a.Updated); err != nil {
		return err
	} else if gone {
		m.rep.Skipped++
		return nil
	}
	if other, ok, err := m.tx.ArticleByHash(a.TextHash); err != nil {
		return err
	} else if ok {
		// The same text under another ID: one article, both sets of notes.
		m.rep.ArticlesMatched++
		for i := range b.Annotations {
			b.Annotations[i].ArticleID = other
		}
		t := b.Body.Text
		return m.annotations(other, texts{t, t, t}, b.Annotations)
	}
	if a.URL != "" {
		if other, ok, err := m.tx.ArticleByURL(a.URL); err != nil {
			return err
		} else if ok {
			m.conflictf("article %s (%s): its URL %s belongs to article %s here; added without the URL", a.ID, a.Title, a.URL, other)
			a.URL = ""
		}
	}
	if next := nextVersion(b.Versions); a.Version < next {
		a.Version = next
	}
	if err := m.tx.PutArticle(a); err != nil {
		return err
	}
	if err := m.tx.PutBody(a.ID, b.Body); err != nil {
		return err
	}
	if b.Source != nil {
		if err := m.tx.PutSource(a.ID, *b.Source); err != nil {
			return err
		}
	}
	for _, v := range b.Versions {
		if err := m.tx.PutVersion(a.ID, v); err != nil {
			return err
		}
	}
	m.rep.ArticlesAdded++
	m.change.Articles = append(m.change.Articles, a.ID)
	t := b.Body.Text
	return m.annotations(a.ID, texts{t, t, t}, b.Annotations)
}

// replaceArticle puts the bundle's newer record in place of ours, keeping
// our text as a version when it differs. It reports false when it kept
// ours because the bundle's text is another article's here.
func (m *merger) replaceArticle(local Article, localBody Body, b bundleArticle, a Article) (bool, error) {
	if a.TextHash != local.TextHash {
		if other, ok, err := m.tx.ArticleByHash(a.TextHash); err != nil {
			return false, err
		} else if ok && other != a.ID {
			m.conflictf("article %s: the bundle's newer text is already article %s here; kept ours", a.ID, other)
			m.rep.ArticlesUnchanged++
			return false, m.keepVersion(a.ID, b.Body, a.Updated, "merge")
		}
		if err := m.keepVersion(a.ID, localBody, local.Updated, "merge"); err != nil {
			return false, err
		}
	}
	if a.URL != "" && a.URL != local.URL {
		if other, ok, err := m.tx.ArticleByURL(a.URL); err != nil {
			return false, err
		} else if ok && other != a.ID {
			m.conflictf("article %s: its new URL %s belongs to article %s here; kept %q", a.ID, a.URL, other, local.URL)
			a.URL = local.URL
		}
	}
	vs, err := m.tx.Versions(a.ID)
	if err != nil {
		return false, err
	}
	if next := nextVersion(vs); a.Version < next {
		a.Version = next
	}
	if err := m.tx.PutArticle(a); err != nil {
		return false, err
	}
	if err := m.tx.PutBody(a.ID, b.Body); err != nil {
		return false, err
	}
	m.rep.ArticlesUpdated++
	m.change.Articles = append(m.change.Articles, a.ID)
	return true, nil
}

// nextVersion is one more than the highest stored version number.
func nextVersion(vs []Version) int {
	next := 1
	for _, v := range vs {
		if v.Number >= next {
			next = v.Number + 1
		}
	}
	return next
}

// versionAboveHistory keeps an article's version number above those of
// its stored versions (a merged-in version may take the next number),
// so that every number names one text.
func (m *merger) versionAboveHistory(id string) error {
	a, err := m.tx.Article(id)
	if err != nil {
		return err
	}
	vs, err := m.tx.Versions(id)
	if err != nil {
		return err
	}
	if next := nextVersion(vs); a.Version < next {
		a.Version = next
		m.change.Articles = append(m.change.Articles, id)
		return m.tx.PutArticle(a)
	}
	return nil
}

// keepVersion stores body as a previous text of the article, unless a
// version with that text exists already.
func (m *merger) keepVersion(id string, body Body, saved time.Time, reason string) error {
	vs, err := m.tx.Versions(id)
	if err != nil {
		return err
	}
	hash := hashText(body.Text)
	for _, v := range vs {
		if v.TextHash == hash {
			return nil
		}
	}
	n := nextVersion(vs)
	if n >= maxVersionNumber {
		m.conflictf("article %s: no version number left to keep a text as a version; not kept", id)
		return nil
	}
	m.rep.VersionsAdded++
	return m.tx.PutVersion(id, Version{
		Number: n, Saved: saved.UTC().Format(time.RFC3339),
		TextHash: hash, Body: body, Reason: reason,
	})
}

// mergeVersions adds the bundle's versions whose text we do not have,
// renumbered after ours when the number is taken.
func (m *merger) mergeVersions(id string, bvs []Version) error {
	for _, bv := range bvs {
		vs, err := m.tx.Versions(id)
		if err != nil {
			return err
		}
		have, taken := false, false
		for _, v := range vs {
			have = have || v.TextHash == bv.TextHash
			taken = taken || v.Number == bv.Number
		}
		if have {
			continue
		}
		if taken {
			if bv.Number = nextVersion(vs); bv.Number >= maxVersionNumber {
				m.conflictf("article %s: no version number left for the bundle's version; not kept", id)
				continue
			}
		}
		if err := m.tx.PutVersion(id, bv); err != nil {
			return err
		}
		m.rep.VersionsAdded++
	}
	return nil
}

// texts are an article's text here before the merge (local), in the
// bundle, and after the merge (final). Annotations made on a text other
// than the final one are re-attached to it.
type texts struct{ local, bundle, final string }

// annotations merges an article's bundled annotations, and re-attaches
// our own annotations that the bundle lacks when the text changed.
func (m *merger) annotations(articleID string, txt texts, anns []Annotation) error {
	inBundle := make(map[string]bool, len(anns))
	for _, b := range anns {
		inBundle[b.ID] = true
		if k, err := m.clash(b.ID, false); err != nil {
			return err
		} else if k != kindNone {
			m.refusef("annotation %s: the ID is %s here; not merged", b.ID, k)
			continue
		}
		local, err := m.tx.Annotation(b.ID)
		switch {
		case errors.Is(err, ErrNotFound):
			if gone, err := m.deletedAfter(b.ID, b.Updated); err != nil {
				return err
			} else if gone {
				m.rep.Skipped++
				continue
			}
			if err := m.putAnnotation(m.reattach(txt.bundle, txt.final, b)); err != nil {
				return err
			}
			m.rep.AnnotationsAdded++
			continue
		case err != nil:
			return err
		}
		if local.ArticleID != articleID {
			m.refusef("annotation %s: on article %s here but %s in the bundle; kept ours", b.ID, local.ArticleID, articleID)
			continue
		}
		if sameJSON(local, b) && txt.local == txt.final {
			m.rep.AnnotationsUnchanged++
			continue
		}
		winner, loser := m.reattach(txt.local, txt.final, local), b
		if b.Updated.After(local.Updated) {
			winner, loser = m.reattach(txt.bundle, txt.final, b), local
		}
		if !sameContent(winner, loser) {
			if err := m.trashLoser(loser); err != nil {
				return err
			}
		}
		if sameJSON(winner, local) {
			m.rep.AnnotationsUnchanged++
			continue
		}
		if err := m.putAnnotation(winner); err != nil {
			return err
		}
		m.rep.AnnotationsUpdated++
	}
	if txt.local == txt.final {
		return nil
	}
	ours, err := m.tx.AnnotationsOf(articleID)
	if err != nil {
		return err
	}
	for _, a := range ours {
		if inBundle[a.ID] {
			continue
		}
		if err := m.putAnnotation(m.reattach(txt.local, txt.final, a)); err != nil {
			return err
		}
	}
	return nil
}

// sameContent reports whether two versions of an annotation say the same
// thing (note, tags, colour), whatever their anchors: a loser that only
// differs in position is not worth keeping in the trash.
func sameContent(a, b Annotation) bool {
	return a.Note == b.Note && a.Color == b.Color && (len(a.Tags) == 0 && len(b.Tags) == 0 || sameJSON(a.Tags, b.Tags))
}

func (m *merger) putAnnotation(a Annotation) error {
	m.change.Annotations = append(m.change.Annotations, a.ID)
	return m.tx.PutAnnotation(a)
}

// trashLoser keeps the losing side of an annotation conflict in the trash,
// unless the trash already holds exactly that annotation.
func (m *merger) trashLoser(a Annotation) error {
	e, err := m.tx.Trash(a.ID)
	if err == nil && len(e.Annotations) == 1 && sameJSON(e.Annotations[0], a) {
		return nil
	} else if err != nil && !errors.Is(err, ErrNotFound) {
		return err
	}
	title := ""
	if art, err := m.tx.Article(a.ArticleID); err == nil {
		title = art.Title
	}
	m.rep.KeptInTrash++
	return m.tx.PutTrash(TrashEntry{ID: a.ID, Kind: TrashAnnotation, Deleted: m.now, Title: title, Annotations: []Annotation{a}})
}

func (m *merger) tag(p recordPos, t Tag) error {
	if err := validateTag(&t); err != nil {
		return p.invalid(t.Name, err)
	}
	clean, _ := CleanTag(t.Name) // validateTag checked it
	if err := m.inOrder(p, TagKey(clean)); err != nil {
		return err
	}
	canon, err := canonicalTag(tagCounter{m.tx, &m.rep.TagsAdded}, clean)
	if err != nil {
		return err
	}
	local, ok, err := m.tx.Tag(TagKey(canon))
	if err != nil {
		return err
	}
	if !ok {
		return fmt.Errorf("tag %q: record missing after it was made", canon)
	}
	if local.Color == "" && t.Color != "" {
		local.Color = t.Color
		return m.tx.PutTag(local)
	}
	return nil
}

func (m *merger) trash(p recordPos, e TrashEntry) error {
	if err := validateTrashEntry(&e); err != nil {
		return p.invalid(e.ID, err)
	}
	if err := m.inOrder(p, e.ID); err != nil {
		return err
	}
	if why, err := m.trashClash(e); err != nil {
		return err
	} else if why != "" {
		m.refusef("trash entry %s (%s %s): %s; not merged", e.ID, e.Kind, e.Title, why)
		return nil
	}
	if e.Article != nil {
		var err error
		if e.Article.Tags, err = m.canonTags(e.Article.Tags); err != nil {
			return err
		}
	}
	if err := m.canonAnnotationTags(e.Annotations); err != nil {
		return err
	}
	local, err := m.tx.Trash(e.ID)
	if errors.Is(err, ErrNotFound) {
		m.rep.TrashAdded++
		m.noteTrash(e)
		return m.tx.PutTrash(e)
	} else if err != nil {
		return err
	}
	if !sameJSON(local, e) && e.Deleted.After(local.Deleted) {
		if m.trashedAnns != nil {
			for _, a := range local.Annotations {
				delete(m.trashedAnns, a.ID)
			}
		}
		m.noteTrash(e)
		return m.tx.PutTrash(e)
	}
	return nil
}

// trashClash says why a bundle trash entry cannot be merged here: its ID,
// or the ID of an annotation inside it, is an item of another kind here.
func (m *merger) trashClash(e TrashEntry) (string, error) {
	k, err := m.clash(e.ID, e.Kind == TrashArticle)
	if err != nil {
		return "", err
	}
	if k != kindNone {
		return fmt.Sprintf("the ID is %s here", k), nil
	}
	if e.Kind != TrashArticle {
		return "", nil
	}
	for _, a := range e.Annotations {
		if k, err := m.clash(a.ID, false); err != nil {
			return "", err
		} else if k != kindNone {
			return fmt.Sprintf("its annotation %s is %s here", a.ID, k), nil
		}
	}
	return "", nil
}

// sameJSON reports whether a and b encode to the same JSON (records are
// stored as JSON, so this is equality of what is stored).
func sameJSON(a, b any) bool {
	ja, err1 := json.Marshal(a)
	jb, err2 := json.Marshal(b)
	return err1 == nil && err2 == nil && bytes.Equal(ja, jb)
}

// reattach moves an annotation made on text from onto text to (see
// package anchor), recording its old anchor in its history when it moves
// or is orphaned. Its Updated time is kept: the researcher did not change
// it, and a merge decides by Updated.
func (m *merger) reattach(from, to string, a Annotation) Annotation {
	if from == to || a.Status == Orphaned {
		return a
	}
	version := 0
	if art, err := m.tx.Article(a.ArticleID); err == nil {
		version = art.Version
	}
	anns := []Annotation{a}
	reanchor(from, to, anns, version, "merge", m.now)
	return anns[0]
}
