package notebook

// Merging the remote's commit into ours, record by record (see package
// sync for the rules and their reasons).

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"sort"
	"time"

	gsync "github.com/glossnotes/gloss/notebook/sync"
)

// merged is a file's content after the merge: a record, a text's blob, or
// nothing (rec nil and blob zero: removed). A record taken as the remote
// has it keeps its blob too (so that it is not encoded again); set clears
// it.
type merged struct {
	rec  *gsync.Record
	blob gsync.OID
}

// mergeInput keeps a merged record's three sides for the fixups.
type mergeInput struct {
	base, ours, theirs *gsync.Record
	out                gsync.Outcome
}

// syncMerger merges the remote's changes (base → theirs) into our commit.
type syncMerger struct {
	ctx    syncCtx
	n      *Notebook
	ours   *syncIndex
	dT     map[string]gsync.Change // base → theirs
	out    map[string]merged       // final content where it differs from ours
	inputs map[string]*mergeInput
	texts  map[string]Body
	groups map[string]bool // articles whose files changed
	// annFiles lists the annotation files of articles in our commit
	// (all when annFull, see oursAnnotationFiles); newAnn those the merge
	// made that our commit does not have.
	annFiles map[string][]string
	annFull  bool
	newAnn   map[string][]string
	now      time.Time
	clock    gsync.Clock // the clock of changes the merge itself makes
	high     gsync.Clock // the highest clock received
	// sums has the digests of the final records collectGroups read.
	sums map[string][16]byte
	// anns caches the decoded final annotation records (see annotation).
	anns map[string]syncAnnotation
	rep  *SyncReport
}

func (m *syncMerger) read(o gsync.OID, path string) (*gsync.Record, error) {
	if o.IsZero() {
		return nil, nil
	}
	data, err := m.ctx.blobs.Read(o, gsync.MaxRecordBytes, path)
	if err != nil {
		return nil, err
	}
	r, err := gsync.Decode(path, data)
	if err != nil {
		return nil, err
	}
	return &r, nil
}

// final returns a record file's content after the merge (nil: none).
func (m *syncMerger) final(path string) (*gsync.Record, error) {
	if f, ok := m.out[path]; ok {
		return f.rec, nil
	}
	e, ok := m.ours.Files[path]
	if !ok {
		return nil, nil
	}
	return m.read(e.Blob, path)
}

func (m *syncMerger) set(path string, r *gsync.Record) {
	delete(m.anns, path)
	if _, ok := m.out[path]; !ok {
		if _, ours := m.ours.Files[path]; !ours {
			if a, _, ok := gsync.SplitAnnotationPath(path); ok {
				if m.newAnn == nil {
					m.newAnn = map[string][]string{}
				}
				m.newAnn[a] = append(m.newAnn[a], path)
			}
		}
	}
	m.out[path] = merged{rec: r}
}

// annotation decodes r, the final record of annotation file path (a
// record is decoded once, however many fixups look at it; set forgets
// it). The caller checks it (checkSyncAnnotation).
func (m *syncMerger) annotation(path string, r gsync.Record) (syncAnnotation, error) {
	if s, ok := m.anns[path]; ok {
		return s, nil
	}
	s, err := decodeAnnotation(path, r)
	if err != nil {
		return s, err
	}
	if m.anns == nil {
		m.anns = map[string]syncAnnotation{}
	}
	m.anns[path] = s
	return s, nil
}

// refuse reports a file from the remote that is not taken.
func (m *syncMerger) refuse(path string, err error) {
	m.rep.Refused = append(m.rep.Refused, err.Error())
	delete(m.out, path)
}

// text returns a text by hash: read before, in the notebook, or in Git.
func (m *syncMerger) text(hash string) (Body, bool) {
	if b, ok := m.texts[hash]; ok {
		return b, true
	}
	path := gsync.TextPath(hash)
	o := gsync.OID{}
	if f, ok := m.out[path]; ok {
		o = f.blob
	} else if e, ok := m.ours.Files[path]; ok {
		o = e.Blob
	}
	if o.IsZero() {
		return Body{}, false
	}
	data, err := m.ctx.blobs.Read(o, maxTextFileBytes, path)
	if err != nil {
		return Body{}, false
	}
	b, err := readText(path, hash, data)
	if err != nil {
		return Body{}, false
	}
	m.texts[hash] = b
	return b, true
}

// mergeFiles merges every file the remote changed.
func (m *syncMerger) mergeFiles() error {
	paths := make([]string, 0, len(m.dT))
	for p := range m.dT {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	for _, p := range paths {
		ch := m.dT[p]
		if e, ok := m.ours.Files[p]; ok && e.Blob == ch.New || !ok && ch.New.IsZero() {
			continue // the same on both sides
		}
		kind, a, b := gsync.ParsePath(p)
		switch kind {
		case gsync.Marker:
			if err := m.marker(ch.New); err != nil {
				return err
			}
			m.out[p] = merged{blob: ch.New}
			continue
		case gsync.Unknown:
			m.refuse(p, fmt.Errorf("%s: not a file of a Gloss notebook", p))
			continue
		case gsync.TextFile:
			if ch.New.IsZero() {
				continue // texts stay
			}
			data, err := m.ctx.blobs.Read(ch.New, maxTextFileBytes, p)
			if err != nil {
				if m.ctx.blobs.Broken() != nil {
					return err
				}
				m.refuse(p, err)
				continue
			}
			body, err := readText(p, a, data)
			if err != nil {
				m.refuse(p, err)
				continue
			}
			if keep, err := m.textClash(p, a, ch.Old, data); err != nil {
				return err
			} else if keep {
				continue
			}
			m.texts[a] = body
			m.out[p] = merged{blob: ch.New}
			continue
		}
		if err := m.mergeRecord(p, kind, a, b, ch); err != nil {
			return err
		}
	}
	return nil
}

// textClash settles a text file that both sides wrote with different
// content: the same text with other paragraph kinds (imported on two
// machines by different importers, say). The file whose bytes sort last is
// kept, a rule of the two files alone, so that every replica keeps the
// same one whichever merges first; the notebooks take its kinds (see
// applyTextKinds). keep is true when ours is kept. base is the file in
// the merge base.
func (m *syncMerger) textClash(p, hash string, base gsync.OID, theirs []byte) (keep bool, err error) {
	e, ok := m.ours.Files[p]
	if !ok || e.Blob == base {
		return false, nil // only theirs changed it
	}
	ours, err := m.ctx.blobs.Read(e.Blob, maxTextFileBytes, p)
	if err != nil {
		if m.ctx.blobs.Broken() != nil {
			return false, err
		}
		return false, nil // ours unreadable: take theirs
	}
	b, err := readText(p, hash, ours)
	if err != nil {
		return false, nil
	}
	m.rep.Conflicts = append(m.rep.Conflicts, fmt.Sprintf("text %.12s: the same text with other paragraph kinds on each side; one set of kinds kept everywhere", hash))
	if bytes.Compare(ours, theirs) > 0 {
		m.texts[hash] = b
		return true, nil
	}
	return false, nil
}

// marker checks the remote's gloss-sync.json.
func (m *syncMerger) marker(o gsync.OID) error {
	r, err := m.read(o, gsync.MarkerPath)
	if err != nil || r == nil {
		return fmt.Errorf("the remote's %s is damaged: %v", gsync.MarkerPath, err)
	}
	var mk struct{ Format int }
	if err := r.Into(&mk); err != nil {
		return fmt.Errorf("the remote's %s is damaged: %v", gsync.MarkerPath, err)
	}
	if mk.Format > gsync.Format {
		return fmt.Errorf("the remote was written by a newer Gloss (format %d, this Gloss reads %d): update Gloss", mk.Format, gsync.Format)
	}
	return nil
}

// mergeRecord merges one article, annotation or tag file.
func (m *syncMerger) mergeRecord(p string, kind gsync.Kind, a, b string, ch gsync.Change) error {
	base, err := m.read(ch.Old, p)
	if err != nil {
		return err
	}
	var ours *gsync.Record
	if e, ok := m.ours.Files[p]; ok {
		if ours, err = m.read(e.Blob, p); err != nil {
			return err
		}
	}
	theirs, err := m.read(ch.New, p)
	if err != nil {
		var ge *gsync.GitError
		if errors.As(err, &ge) || m.ctx.blobs.Broken() != nil {
			return err
		}
		m.refuse(p, err)
		return nil
	}
	if theirs != nil {
		var verr error
		switch kind {
		case gsync.ArticleFile:
			_, verr = readArticle(p, a, *theirs)
		case gsync.AnnotationFile:
			_, verr = readAnnotation(p, a, b, *theirs, -1)
		case gsync.TagFile:
			_, verr = readTag(p, a, *theirs)
		}
		if verr != nil {
			m.refuse(p, verr)
			return nil
		}
		m.high = m.high.Max(gsync.MaxClock(*theirs))
	} else if kind == gsync.ArticleFile {
		m.refuse(p, fmt.Errorf("%s: removed without going to the trash", p))
		return nil
	}
	if theirs != nil && sameBlob(m.ours.Files, p, ch.Old) {
		// Only the remote changed the file: its record as it is.
		m.inputs[p] = &mergeInput{base: base, ours: ours, theirs: theirs, out: gsync.Outcome{Record: *theirs, Present: true}}
		r := theirs.Clone() // the fixups may change it; the inputs stay
		m.set(p, &r)
		m.out[p] = merged{rec: &r, blob: ch.New}
		if kind == gsync.ArticleFile || kind == gsync.AnnotationFile {
			m.groups[a] = true
		}
		return nil
	}
	out := gsync.Merge(base, ours, theirs, rulesOf(kind))
	m.inputs[p] = &mergeInput{base: base, ours: ours, theirs: theirs, out: out}
	for _, c := range out.Conflicts {
		if kind == gsync.ArticleFile && c.Field == fVersions {
			continue // both sides' versions are kept (mergeVersions)
		}
		side := "this machine's"
		if c.Winner == gsync.Theirs {
			side = "the remote's"
		}
		m.rep.Conflicts = append(m.rep.Conflicts, fmt.Sprintf("%s: %s changed on both sides; kept %s (the later), the other is in the history", describePath(p), c.Field, side))
	}
	if out.Kept {
		m.rep.Conflicts = append(m.rep.Conflicts, fmt.Sprintf("%s: deleted on one side and edited on the other; kept (restored from the trash)", describePath(p)))
	}
	if out.Present {
		r := out.Record
		m.set(p, &r)
	} else {
		m.set(p, nil)
	}
	if kind == gsync.ArticleFile || kind == gsync.AnnotationFile {
		m.groups[a] = true
	}
	return nil
}

// sameBlob reports whether our commit has file p as the merge base has
// it (base zero: neither has it).
func sameBlob(ours map[string]indexEntry, p string, base gsync.OID) bool {
	e, ok := ours[p]
	if !ok {
		return base.IsZero()
	}
	return e.Blob == base
}

// describePath names a record file for a message.
func describePath(p string) string {
	switch k, a, b := gsync.ParsePath(p); k {
	case gsync.ArticleFile:
		return "article " + a
	case gsync.AnnotationFile:
		return "annotation " + b
	case gsync.TagFile:
		return "tag file " + p
	}
	return p
}

// groupFile is one annotation of an article's group.
type groupFile struct {
	path  string
	rec   *gsync.Record
	ann   syncAnnotation
	dirty bool
}

// fixGroups resolves, for every article whose files changed, what involves
// several records: versions after a text conflict, the trash state of the
// article and its annotations, and anchors on another text.
func (m *syncMerger) fixGroups() error {
	ids := make([]string, 0, len(m.groups))
	for id := range m.groups {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		if err := m.fixGroup(id); err != nil {
			return err
		}
	}
	return nil
}

func (m *syncMerger) fixGroup(id string) error {
	apath := gsync.ArticlePath(id)
	arec, err := m.final(apath)
	if err != nil {
		return err
	}
	var files []*groupFile
	for _, p := range m.groupPaths(id) {
		r, err := m.final(p)
		if err != nil {
			return err
		}
		if r == nil {
			continue
		}
		_, _, annID := gsync.ParsePath(p)
		s, err := m.annotation(p, *r)
		if err == nil {
			err = checkSyncAnnotation(p, id, annID, &s, -1, false)
		}
		if err != nil {
			m.refuse(p, err)
			continue
		}
		files = append(files, &groupFile{path: p, rec: r, ann: s})
	}
	if arec == nil {
		for _, f := range files {
			if _, theirs := m.out[f.path]; theirs {
				m.refuse(f.path, fmt.Errorf("%s: its article %s does not exist", f.path, id))
			}
		}
		return nil
	}
	art, err := readArticle(apath, id, *arec)
	if err != nil {
		return err
	}
	artDirty := false
	if in := m.inputs[apath]; in != nil {
		changed, err := m.mergeVersions(in, arec, &art)
		if err != nil {
			return err
		}
		artDirty = changed
	}
	// Trash state: a live highlight keeps its article; a live article
	// keeps the highlights trashed with it.
	if art.Deleted != nil && hasLive(files) {
		// The article may be a duplicate sent to the trash on one side
		// (see fixUnique): its new highlights go to the article kept.
		keep, err := m.textHolder(art.Article.TextHash, id)
		if err != nil {
			return err
		}
		if keep != "" {
			moved, err := m.moveAnnotations(id, keep)
			if err != nil {
				return err
			}
			m.rep.Conflicts = append(m.rep.Conflicts, fmt.Sprintf("article %s (%s): highlights made on it after it went to the trash as a copy of article %s; %d moved there", id, art.Article.Title, keep, moved))
			files = files[:0]
		}
		for _, f := range files {
			if f.ann.Deleted == nil {
				m.rep.Conflicts = append(m.rep.Conflicts, fmt.Sprintf("article %s (%s): deleted on one side while a highlight was made or edited on it on the other; kept (restored from the trash)", id, art.Article.Title))
				art.Deleted = nil
				arec.Set(fDeleted, nil)
				arec.Clocks[fDeleted] = m.clock
				artDirty = true
				break
			}
		}
	}
	if art.Deleted == nil {
		for _, f := range files {
			if f.ann.Deleted != nil && f.ann.Deleted.With != "" {
				f.ann.Deleted = nil
				f.rec.Set(fDeleted, nil)
				f.dirty = true
			}
		}
	}
	// Anchors: every highlight that belongs to the article's text is
	// re-attached to it when it was made on another.
	final, ok := m.text(art.Article.TextHash)
	chars := -1
	if ok {
		chars = charsOf(final.Text)
	}
	for _, f := range files {
		if f.ann.Deleted != nil && f.ann.Deleted.With == "" {
			continue
		}
		if err := m.reattach(f, art.Article, final, ok); err != nil {
			return err
		}
		var err error
		if f.dirty {
			_, err = readAnnotation(f.path, id, f.ann.Annotation.ID, *f.rec, chars)
		} else {
			s := f.ann
			err = checkSyncAnnotation(f.path, id, s.Annotation.ID, &s, chars, true)
		}
		if err != nil {
			if _, theirs := m.out[f.path]; theirs && !f.dirty {
				m.refuse(f.path, err)
				continue
			}
			return fmt.Errorf("merge: %w", err)
		}
	}
	if artDirty {
		m.set(apath, arec)
	}
	for _, f := range files {
		if f.dirty {
			m.set(f.path, f.rec)
		}
	}
	return nil
}

// reattach re-attaches a highlight made on another text to the article's
// current text (final; ok is false when that text is unknown).
func (m *syncMerger) reattach(f *groupFile, art Article, final Body, ok bool) error {
	if f.ann.On == art.TextHash || !ok {
		return nil
	}
	an := f.ann.Annotation
	old, have := final, true
	if f.ann.On != "" {
		old, have = m.text(f.ann.On)
	} // else kept against a deletion on its own, when the text it was on
	// is not known: its offsets are a hint in the current text.
	if have {
		anns := []Annotation{an}
		reanchor(old.Text, final.Text, anns, art.Version, "sync", m.now)
		an = anns[0]
	} else if an.Status != Orphaned {
		an.History = append(an.History, AnchorChange{Version: art.Version, Start: an.Start, End: an.End, Quote: an.Quote, Status: an.Status, Changed: m.now, Reason: "sync"})
		an.Start, an.End, an.Status = 0, 0, Orphaned
	}
	for _, kv := range []struct {
		f string
		v any
	}{{"start", an.Start}, {"end", an.End}, {"quote", an.Quote}, {"prefix", an.Prefix}, {"suffix", an.Suffix}, {"status", an.Status}, {"history", an.History}, {fOn, art.TextHash}} {
		if err := f.rec.Set(kv.f, kv.v); err != nil {
			return err
		}
	}
	f.rec.Clocks["anchor"] = m.clock
	f.ann.Annotation, f.ann.On = an, art.TextHash
	f.dirty = true
	return nil
}

// hasLive reports whether one of the annotations is live.
func hasLive(files []*groupFile) bool {
	for _, f := range files {
		if f.ann.Deleted == nil {
			return true
		}
	}
	return false
}

// textHolder returns the live article other than id that has the text
// with this hash in the merged notebook, or "".
func (m *syncMerger) textHolder(hash, id string) (string, error) {
	var ids []string
	for p, f := range m.out {
		if k, other, _ := gsync.ParsePath(p); k == gsync.ArticleFile && f.rec != nil && other != id {
			ids = append(ids, other)
		}
	}
	sort.Strings(ids)
	for _, other := range ids {
		a, err := readArticle(gsync.ArticlePath(other), other, *m.out[gsync.ArticlePath(other)].rec)
		if err == nil && a.Deleted == nil && a.Article.TextHash == hash {
			return other, nil
		}
	}
	var holder string
	err := m.n.view(func(tx Tx) error {
		other, ok, err := tx.ArticleByHash(hash)
		if err != nil || !ok || other == id {
			return err
		}
		if _, merged := m.out[gsync.ArticlePath(other)]; !merged {
			holder = other
		}
		return nil
	})
	return holder, err
}

// groupPaths lists the annotation files of an article, ours and merged.
func (m *syncMerger) groupPaths(id string) []string {
	out := append(slices.Clone(m.oursAnnotationFiles(id)), m.newAnn[id]...)
	sort.Strings(out)
	return slices.Compact(out)
}

// oursAnnotationFiles lists an article's annotation files in our commit.
// A merge of a few articles scans our files for each (a clone or a large
// merge lists them all at once): building the list of every article's
// files at each sync would cost more than the rest of a small one.
func (m *syncMerger) oursAnnotationFiles(id string) []string {
	if m.annFiles == nil {
		m.annFiles = map[string][]string{}
		if m.annFull = len(m.groups) > 64; m.annFull {
			for p := range m.ours.Files {
				if a, _, ok := gsync.SplitAnnotationPath(p); ok {
					m.annFiles[a] = append(m.annFiles[a], p)
				}
			}
		}
	}
	if m.annFull {
		return m.annFiles[id]
	}
	if files, ok := m.annFiles[id]; ok {
		return files
	}
	files := []string{}
	for p := range m.ours.Files {
		if a, _, ok := gsync.SplitAnnotationPath(p); ok && a == id {
			files = append(files, p)
		}
	}
	m.annFiles[id] = files
	return files
}

// fixTags makes a record for every tag a merged item carries, and keeps
// a tag record removed on one side while an item still carries it.
func (m *syncMerger) fixTags(tx Tx) error {
	need := map[string]string{} // key → spelling
	for p, f := range m.out {
		k, _, _ := gsync.ParsePath(p)
		if f.rec == nil || k != gsync.ArticleFile && k != gsync.AnnotationFile {
			continue
		}
		var tags []string
		if err := decodeField(*f.rec, fTags, &tags); err != nil {
			return err
		}
		for _, t := range tags {
			if _, ok := need[TagKey(t)]; !ok {
				need[TagKey(t)] = t
			}
		}
	}
	for p, f := range m.out {
		if k, _, _ := gsync.ParsePath(p); k != gsync.TagFile || f.rec != nil {
			continue
		}
		in := m.inputs[p]
		if in == nil || in.ours == nil {
			continue
		}
		var t Tag
		in.ours.Into(&t)
		arts, anns, err := tx.TaggedWith(TagKey(t.Name))
		if err != nil {
			return err
		}
		if len(arts)+len(anns) > 0 {
			need[TagKey(t.Name)] = t.Name
		}
	}
	keys := make([]string, 0, len(need))
	for k := range need {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, key := range keys {
		p := gsync.TagPath(key)
		if f, ok := m.out[p]; ok && f.rec != nil {
			continue
		}
		if _, ok := m.out[p]; !ok {
			if _, ours := m.ours.Files[p]; ours {
				continue
			}
		}
		name := need[key]
		if in := m.inputs[p]; in != nil && in.ours != nil {
			var t Tag
			in.ours.Into(&t)
			m.set(p, in.ours)
			m.rep.Conflicts = append(m.rep.Conflicts, fmt.Sprintf("tag %s: deleted on one side but still used on the other; kept", t.Name))
			continue
		}
		r, err := gsync.FromValue(Tag{Name: name})
		if err != nil {
			return err
		}
		r.Clocks = map[string]gsync.Clock{gsync.DefaultClock: m.clock}
		m.set(p, &r)
	}
	return nil
}

// files returns the merge's changes from a parent tree: parent gives the
// blob a path has there.
func (m *syncMerger) files(parent func(string) gsync.OID) []gsync.FileChange {
	paths := map[string]bool{}
	for p := range m.out {
		paths[p] = true
	}
	for p := range m.dT {
		paths[p] = true
	}
	var out []gsync.FileChange
	for p := range paths {
		var want gsync.OID
		var data []byte
		if f, ok := m.out[p]; ok {
			switch {
			case f.rec != nil && f.blob.IsZero():
				data = gsync.Encode(*f.rec)
				want = gsync.BlobID(data)
			default:
				want = f.blob
			}
		} else if e, ok := m.ours.Files[p]; ok {
			want = e.Blob
		}
		if want == parent(p) {
			continue
		}
		switch {
		case want.IsZero():
			out = append(out, gsync.FileChange{Path: p, Delete: true})
		case data != nil:
			out = append(out, gsync.FileChange{Path: p, Data: data})
		default:
			out = append(out, gsync.FileChange{Path: p, Blob: want})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out
}

func decodeJSON(raw []byte, v any) error { return json.Unmarshal(raw, v) }
