package notebook

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"time"
)

// BundleVersion is the bundle format this Gloss writes and the newest it
// reads. A bundle is one JSON object whose first key is "gloss_bundle"
// (the format version), then "exported", "articles" (one record per
// article: metadata, text, source, versions and annotations), "tags" and
// "trash". Records come in ID order, so the same notebook always gives the
// same bytes apart from the export date.
const BundleVersion = 1

// bundleMarker is the first key of every bundle; IsBundle sniffs for it.
const bundleMarker = "gloss_bundle"

// bundleArticle is one article's record in a bundle.
type bundleArticle struct {
	Article     Article      `json:"article"`
	Body        Body         `json:"body"`
	Source      *Source      `json:"source,omitempty"`
	Versions    []Version    `json:"versions,omitempty"`
	Annotations []Annotation `json:"annotations,omitempty"`
}

// WriteBundle writes the whole notebook (every article with its text,
// versions, metadata and source bytes, every annotation, tag record and
// trash entry) to w as a bundle, read in one transaction. It streams: one
// article is in memory at a time.
func (n *Notebook) WriteBundle(w io.Writer) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	// record writes sep and then v as compact JSON.
	record := func(sep string, v any) error {
		buf.Reset()
		if err := enc.Encode(v); err != nil {
			return err
		}
		bw.WriteString(sep)
		_, err := bw.Write(bytes.TrimSuffix(buf.Bytes(), []byte("\n")))
		return err
	}
	exported, err := json.Marshal(n.now().Truncate(time.Second))
	if err != nil {
		return err
	}
	fmt.Fprintf(bw, "{%q:%d,\n\"exported\":%s,\n\"articles\":[", bundleMarker, BundleVersion, exported)
	err = n.view(func(tx Tx) error {
		sep := "\n"
		if err := tx.ForEachArticle(func(a Article) error {
			rec, err := readBundleArticle(tx, a)
			if err != nil {
				return err
			}
			if err := record(sep, rec); err != nil {
				return fmt.Errorf("article %s: %w", a.ID, err)
			}
			sep = ",\n"
			return nil
		}); err != nil {
			return err
		}
		bw.WriteString("],\n\"tags\":[")
		sep = "\n"
		if err := tx.ForEachTag(func(t Tag) error {
			if err := record(sep, t); err != nil {
				return fmt.Errorf("tag %q: %w", t.Name, err)
			}
			sep = ",\n"
			return nil
		}); err != nil {
			return err
		}
		bw.WriteString("],\n\"trash\":[")
		sep = "\n"
		return tx.ForEachTrash(func(e TrashEntry) error {
			if err := record(sep, e); err != nil {
				return fmt.Errorf("trash entry %s: %w", e.ID, err)
			}
			sep = ",\n"
			return nil
		})
	})
	if err != nil {
		return fmt.Errorf("write bundle: %w", err)
	}
	bw.WriteString("]}\n")
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write bundle: %w", err)
	}
	return nil
}

func readBundleArticle(tx Tx, a Article) (bundleArticle, error) {
	rec := bundleArticle{Article: a}
	var err error
	if rec.Body, err = tx.Body(a.ID); err != nil {
		return rec, err
	}
	if src, err := tx.Source(a.ID); err == nil {
		rec.Source = &src
	} else if !errors.Is(err, ErrNotFound) {
		return rec, err
	}
	if rec.Versions, err = tx.Versions(a.ID); err != nil {
		return rec, err
	}
	if rec.Annotations, err = tx.AnnotationsOf(a.ID); err != nil {
		return rec, err
	}
	return rec, nil
}

// IsBundle reports whether the file at path is a Gloss bundle (plain or
// gzipped), judging by its first bytes: a JSON object whose first key is
// "gloss_bundle".
func IsBundle(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	r, err := bundleReader(f)
	if err != nil {
		return false
	}
	head := make([]byte, 512)
	k, _ := io.ReadFull(r, head)
	dec := json.NewDecoder(bytes.NewReader(head[:k]))
	_, err = bundleHeader(dec)
	return err == nil
}

// bundleReader returns r, decompressed when it starts with the gzip magic
// number.
func bundleReader(r io.Reader) (io.Reader, error) {
	br := bufio.NewReader(r)
	magic, _ := br.Peek(2)
	if len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return nil, fmt.Errorf("gzip: %w", err)
		}
		return zr, nil
	}
	return br, nil
}

// errNotBundle says the input is not a Gloss bundle.
var errNotBundle = fmt.Errorf("%w: not a Gloss bundle (no %q marker)", ErrInvalid, bundleMarker)

// bundleHeader reads the opening brace and the format version.
func bundleHeader(dec *json.Decoder) (int, error) {
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return 0, errNotBundle
	}
	if tok, err := dec.Token(); err != nil || tok != bundleMarker {
		return 0, errNotBundle
	}
	var version int
	if err := dec.Decode(&version); err != nil || version < 1 {
		return 0, fmt.Errorf("%w: bad bundle version", ErrInvalid)
	}
	return version, nil
}

// MergeBundle merges a bundle (plain or gzipped) into the notebook in one
// transaction, keeping every ID; see merger for the rules. Merging into an
// empty notebook reproduces the bundled notebook exactly, and merging the
// same bundle twice changes nothing the second time. It reads the bundle
// one article at a time.
func (n *Notebook) MergeBundle(r io.Reader) (MergeReport, error) {
	var rep MergeReport
	src, err := bundleReader(r)
	if err != nil {
		return rep, fmt.Errorf("merge bundle: %w", err)
	}
	dec := json.NewDecoder(src)
	version, err := bundleHeader(dec)
	if err != nil {
		return rep, fmt.Errorf("merge bundle: %w", err)
	}
	if version > BundleVersion {
		return rep, fmt.Errorf("merge bundle: format %d: %w", version, ErrNewerSchema)
	}
	err = n.update(func(tx Tx, c *Change) error {
		m := &merger{tx: tx, now: n.now(), rep: &rep, change: c}
		return m.run(dec)
	})
	if err != nil {
		return MergeReport{}, fmt.Errorf("merge bundle: %w", err)
	}
	return rep, nil
}

// readArray calls fn for each element of the JSON array that dec is at,
// decoding each into a fresh value.
func readArray[T any](dec *json.Decoder, what string, fn func(T) error) error {
	if tok, err := dec.Token(); err != nil || tok != json.Delim('[') {
		return fmt.Errorf("%w: %q is not a list", ErrInvalid, what)
	}
	for i := 0; dec.More(); i++ {
		var v T
		if err := dec.Decode(&v); err != nil {
			return fmt.Errorf("%w: %s #%d: %v", ErrInvalid, what, i+1, err)
		}
		if err := fn(v); err != nil {
			return err
		}
	}
	if _, err := dec.Token(); err != nil {
		return fmt.Errorf("%w: %s: %v", ErrInvalid, what, err)
	}
	return nil
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
	Skipped    int      `json:"skipped"`
	TagsAdded  int      `json:"tags_added"`
	TrashAdded int      `json:"trash_added"`
	Conflicts  []string `json:"conflicts,omitempty"` // what could not be merged as is, and what was done
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
// added when missing (on an ID clash the later deletion stays).
type merger struct {
	tx     Tx
	now    time.Time
	rep    *MergeReport
	change *Change
}

func (m *merger) conflictf(format string, args ...any) {
	m.rep.Conflicts = append(m.rep.Conflicts, fmt.Sprintf(format, args...))
}

func (m *merger) run(dec *json.Decoder) error {
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return fmt.Errorf("%w: %v", ErrInvalid, err)
		}
		switch tok {
		case "articles":
			err = readArray(dec, "articles", m.article)
		case "tags":
			err = readArray(dec, "tags", m.tag)
		case "trash":
			err = readArray(dec, "trash", m.trash)
		default: // "exported", and fields of later minor versions
			var skip json.RawMessage
			err = dec.Decode(&skip)
		}
		if err != nil {
			return err
		}
	}
	m.change.Tags = true
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

func (m *merger) article(b bundleArticle) error {
	a := b.Article
	if a.ID == "" {
		return fmt.Errorf("%w: bundle article without ID", ErrInvalid)
	}
	if a.TextHash != hashText(b.Body.Text) {
		return fmt.Errorf("%w: bundle article %s: text does not match its hash", ErrInvalid, a.ID)
	}
	for _, ann := range b.Annotations {
		if ann.ArticleID != a.ID || ann.ID == "" {
			return fmt.Errorf("%w: bundle article %s: annotation %q belongs to %q", ErrInvalid, a.ID, ann.ID, ann.ArticleID)
		}
	}
	a.Annotations = 0
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
	m.rep.VersionsAdded++
	return m.tx.PutVersion(id, Version{
		Number: nextVersion(vs), Saved: saved.UTC().Format(time.RFC3339),
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
			bv.Number = nextVersion(vs)
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
			m.conflictf("annotation %s: on article %s here but %s in the bundle; kept ours", b.ID, local.ArticleID, articleID)
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
	return a.Note == b.Note && a.Color == b.Color && sameJSON(a.Tags, b.Tags)
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

func (m *merger) tag(t Tag) error {
	clean, err := CleanTag(t.Name)
	if err != nil {
		return fmt.Errorf("bundle tag: %w", err)
	}
	t.Name = clean
	local, ok, err := m.tx.Tag(TagKey(clean))
	if err != nil {
		return err
	}
	if !ok {
		m.rep.TagsAdded++
		return m.tx.PutTag(t)
	}
	if local.Color == "" && t.Color != "" {
		local.Color = t.Color
		return m.tx.PutTag(local)
	}
	return nil
}

func (m *merger) trash(e TrashEntry) error {
	if e.ID == "" {
		return fmt.Errorf("%w: bundle trash entry without ID", ErrInvalid)
	}
	local, err := m.tx.Trash(e.ID)
	if errors.Is(err, ErrNotFound) {
		m.rep.TrashAdded++
		return m.tx.PutTrash(e)
	} else if err != nil {
		return err
	}
	if !sameJSON(local, e) && e.Deleted.After(local.Deleted) {
		return m.tx.PutTrash(e)
	}
	return nil
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
