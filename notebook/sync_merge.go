package notebook

// Merging the remote's commit into ours, record by record (see package
// sync for the rules and their reasons).

import (
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/glossnotes/gloss/notebook/cite"
	gsync "github.com/glossnotes/gloss/notebook/sync"
)

// merged is a file's content after the merge: a record, a text's blob, or
// nothing (rec nil and blob zero: removed).
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
	now    time.Time
	clock  gsync.Clock // the clock of changes the merge itself makes
	high   gsync.Clock // the highest clock received
	rep    *SyncReport
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

func (m *syncMerger) set(path string, r *gsync.Record) { m.out[path] = merged{rec: r} }

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
	out := gsync.Merge(base, ours, theirs, rulesOf(kind))
	m.inputs[p] = &mergeInput{base: base, ours: ours, theirs: theirs, out: out}
	for _, c := range out.Conflicts {
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
	dir := gsync.AnnotationDir(id)
	var files []*groupFile
	for _, p := range m.groupPaths(dir) {
		r, err := m.final(p)
		if err != nil {
			return err
		}
		if r == nil {
			continue
		}
		_, _, annID := gsync.ParsePath(p)
		s, err := readAnnotation(p, id, annID, *r, -1)
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
	if art.Deleted != nil {
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
		if f.ann.On != art.Article.TextHash && ok {
			an := f.ann.Annotation
			if old, have := m.text(f.ann.On); have {
				anns := []Annotation{an}
				reanchor(old.Text, final.Text, anns, art.Article.Version, "sync", m.now)
				an = anns[0]
			} else if an.Status != Orphaned {
				an.History = append(an.History, AnchorChange{Version: art.Article.Version, Start: an.Start, End: an.End, Quote: an.Quote, Status: an.Status, Changed: m.now, Reason: "sync"})
				an.Start, an.End, an.Status = 0, 0, Orphaned
			}
			for _, kv := range []struct {
				f string
				v any
			}{{"start", an.Start}, {"end", an.End}, {"quote", an.Quote}, {"prefix", an.Prefix}, {"suffix", an.Suffix}, {"status", an.Status}, {"history", an.History}, {fOn, art.Article.TextHash}} {
				if err := f.rec.Set(kv.f, kv.v); err != nil {
					return err
				}
			}
			f.rec.Clocks["anchor"] = m.clock
			f.ann.Annotation, f.ann.On = an, art.Article.TextHash
			f.dirty = true
		}
		if _, err := readAnnotation(f.path, id, f.ann.Annotation.ID, *f.rec, chars); err != nil {
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

// groupPaths lists the annotation files of a folder, ours and merged.
func (m *syncMerger) groupPaths(dir string) []string {
	seen := map[string]bool{}
	var out []string
	for p := range m.ours.Files {
		if strings.HasPrefix(p, dir) && !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	for p := range m.out {
		if strings.HasPrefix(p, dir) && !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	sort.Strings(out)
	return out
}

// mergeVersions keeps both texts of an article whose text changed on both
// sides: the winner current, the loser an earlier version; versions of
// both sides are kept, each text once, renumbered after ours when a
// number is taken.
func (m *syncMerger) mergeVersions(in *mergeInput, rec *gsync.Record, art *syncArticle) (bool, error) {
	sides := []*gsync.Record{in.base, in.ours, in.theirs}
	var all []syncVersion
	for _, r := range sides {
		if r == nil {
			continue
		}
		var vs []syncVersion
		if err := decodeField(*r, fVersions, &vs); err != nil {
			return false, err
		}
		all = append(all, vs...)
	}
	for _, c := range in.out.Conflicts {
		if c.Field != "text" {
			continue
		}
		loser := c.Ours
		if c.Winner == gsync.Ours {
			loser = c.Theirs
		}
		var lv struct {
			TextHash string `json:"text_hash"`
			Version  int    `json:"version"`
		}
		if loser != nil && decodeJSON(loser, &lv) == nil && lv.TextHash != "" {
			all = append(all, syncVersion{Number: lv.Version, Saved: m.now.Format(time.RFC3339), Text: lv.TextHash, Reason: "sync"})
			m.rep.Conflicts = append(m.rep.Conflicts, fmt.Sprintf("article %s (%s): the text was edited on both sides; the later edit is current, the other is version %d", art.Article.ID, art.Article.Title, lv.Version))
		}
	}
	var out []syncVersion
	have, taken := map[string]bool{}, map[int]bool{}
	var later []syncVersion
	for _, v := range all {
		if have[v.Text] {
			continue
		}
		have[v.Text] = true
		if taken[v.Number] || v.Number < 1 {
			later = append(later, v)
			continue
		}
		taken[v.Number] = true
		out = append(out, v)
	}
	next := 1
	for n := range taken {
		if n >= next {
			next = n + 1
		}
	}
	for _, v := range later {
		for taken[next] {
			next++
		}
		v.Number = next
		taken[next] = true
		out = append(out, v)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Number < out[j].Number })
	version := art.Article.Version
	for _, v := range out {
		if v.Number >= version {
			version = v.Number + 1
		}
	}
	if version >= maxVersionNumber {
		return false, fmt.Errorf("article %s: no version number left", art.Article.ID)
	}
	var old []syncVersion
	decodeField(*rec, fVersions, &old)
	if sameJSON(old, out) && version == art.Article.Version {
		return false, nil
	}
	if len(out) == 0 {
		rec.Set(fVersions, nil)
	} else if err := rec.Set(fVersions, out); err != nil {
		return false, err
	}
	if err := rec.Set("version", version); err != nil {
		return false, err
	}
	art.Versions, art.Article.Version = out, version
	return true, nil
}

// fixUnique keeps texts, URLs and citation keys of live articles unique,
// and gives every tag an item carries a record.
func (m *syncMerger) fixUnique() error {
	return m.n.view(func(tx Tx) error {
		type claim struct{ hash, url, key string }
		arts := map[string]syncArticle{}
		var ids []string
		for p, f := range m.out {
			k, id, _ := gsync.ParsePath(p)
			if k != gsync.ArticleFile || f.rec == nil {
				continue
			}
			a, err := readArticle(p, id, *f.rec)
			if err != nil {
				return err
			}
			if a.Deleted == nil {
				arts[id] = a
				ids = append(ids, id)
			}
		}
		sort.Strings(ids)
		// holder returns the live article other than id that has value v
		// after the merge, by the notebook's index of our side.
		holder := func(id string, lookup func(string) (string, bool, error), v string, get func(syncArticle) string) (string, error) {
			for _, other := range ids {
				if other != id && get(arts[other]) == v {
					return other, nil
				}
			}
			other, ok, err := lookup(v)
			if err != nil || !ok || other == id {
				return "", err
			}
			if _, touched := arts[other]; touched {
				return "", nil // checked above with its merged value
			}
			r, err := m.final(gsync.ArticlePath(other))
			if err != nil || r == nil {
				return "", err
			}
			a, err := readArticle(gsync.ArticlePath(other), other, *r)
			if err != nil || a.Deleted != nil || get(a) != v {
				return "", err
			}
			return other, nil
		}
		for _, id := range ids {
			a := arts[id]
			p := gsync.ArticlePath(id)
			rec := m.out[p].rec
			changed := false
			if other, err := holder(id, tx.ArticleByHash, a.Article.TextHash, func(s syncArticle) string { return s.Article.TextHash }); err != nil {
				return err
			} else if other != "" && id > other {
				// The same text imported on two machines: the later article
				// goes to the trash.
				rec.Set(fDeleted, syncDeleted{At: m.now, Title: a.Article.Title})
				rec.Clocks[fDeleted] = m.clock
				a.Deleted = &syncDeleted{At: m.now}
				m.rep.Conflicts = append(m.rep.Conflicts, fmt.Sprintf("article %s (%s) has the same text as article %s: moved to the trash", id, a.Article.Title, other))
				changed = true
			}
			if a.Deleted == nil && a.Article.URL != "" {
				if other, err := holder(id, tx.ArticleByURL, a.Article.URL, func(s syncArticle) string { return s.Article.URL }); err != nil {
					return err
				} else if other != "" && id > other {
					m.rep.Conflicts = append(m.rep.Conflicts, fmt.Sprintf("article %s (%s): its URL %s is article %s's; removed from it", id, a.Article.Title, a.Article.URL, other))
					a.Article.URL = ""
					rec.Set("url", "")
					rec.Clocks["url"] = m.clock
					changed = true
				}
			}
			if a.Deleted == nil && a.Article.CiteKey != "" {
				lower := func(s syncArticle) string { return strings.ToLower(s.Article.CiteKey) }
				lookup := func(k string) (string, bool, error) { return tx.ArticleByCiteKey(k) }
				if other, err := holder(id, lookup, strings.ToLower(a.Article.CiteKey), lower); err != nil {
					return err
				} else if other != "" && id > other {
					base := CiteKeyBase(a.Article)
					used, err := tx.CiteKeysWithPrefix(base)
					if err != nil {
						return err
					}
					taken := map[string]bool{}
					for _, k := range used {
						taken[k] = true
					}
					for _, o := range ids {
						taken[strings.ToLower(arts[o].Article.CiteKey)] = true
					}
					key := cite.UniqueKey(base, func(k string) bool { return taken[strings.ToLower(k)] })
					m.rep.Conflicts = append(m.rep.Conflicts, fmt.Sprintf("article %s (%s): its citation key %s is article %s's; it is now %s", id, a.Article.Title, a.Article.CiteKey, other, key))
					a.Article.CiteKey = key
					rec.Set("citekey", key)
					rec.Clocks["citekey"] = m.clock
					changed = true
				}
			}
			arts[id] = a
			if changed {
				m.set(p, rec)
			}
		}
		return m.fixTags(tx)
	})
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
			case f.rec != nil:
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
