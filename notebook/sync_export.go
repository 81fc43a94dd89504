package notebook

// Writing the notebook's changes since the last sync into a commit.

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"time"

	gsync "github.com/glossnotes/gloss/notebook/sync"
)

// exportHook, set only by tests, sees the files of every export commit
// (the records with their clocks) before they are committed.
var exportHook func(n *Notebook, files []gsync.FileChange)

// syncCtx is one sync's context: the working copy and its blob reader.
type syncCtx struct {
	context.Context
	repo  *gsync.Repo
	blobs *gsync.Blobs
}

// pendingRecord is a record whose content differs from the synced one.
type pendingRecord struct {
	path    string
	kind    gsync.Kind
	rec     gsync.Record
	sum     [16]byte  // its content's digest (see articleDigest)
	changed time.Time // when the notebook changed it (for its clock)
}

// syncExport is what an export found.
type syncExport struct {
	gen     uint64 // the generation the snapshot saw
	records []pendingRecord
	texts   map[string]Body // new texts by hash
	removed []string        // record files the notebook no longer has
	skipped []string        // records not sent, and why
	// clashes counts trash entries (or annotations in them) whose ID a
	// live item has (see fixTrashIDs).
	clashes int
	// partial is set when only the items the journal lists were read
	// (see sync_journal.go).
	partial bool
}

// empty reports whether there is nothing to send.
func (e *syncExport) empty() bool {
	return len(e.records) == 0 && len(e.texts) == 0 && len(e.removed) == 0
}

// exportSnapshot reads, in one transaction, every record (or, when the
// sync journal is current, those of the items changed since the last
// export) and keeps those whose content differs from the index of the
// synced commit.
func (n *Notebook) exportSnapshot(idx *syncIndex) (*syncExport, error) {
	out := &syncExport{texts: map[string]Body{}}
	err := n.view(func(tx Tx) error {
		_, out.gen = tx.Generation()
		produced := map[string]bool{}
		// unchanged reports whether the synced commit has the record with
		// this digest (so that only changed records are made and checked).
		unchanged := func(path string, sum [16]byte) bool {
			produced[path] = true
			e, ok := idx.Files[path]
			return ok && e.Sum == sum
		}
		consider := func(path string, kind gsync.Kind, r gsync.Record, sum [16]byte, changed time.Time, check func() error) {
			if err := check(); err != nil {
				out.skipped = append(out.skipped, fmt.Sprintf("%v (not sent: correct it here)", err))
				return
			}
			out.records = append(out.records, pendingRecord{path: path, kind: kind, rec: r, sum: sum, changed: changed})
		}
		needText := func(hash string, body func() (Body, error)) error {
			if _, ok := idx.Files[gsync.TextPath(hash)]; ok {
				return nil
			}
			if _, ok := out.texts[hash]; ok {
				return nil
			}
			b, err := body()
			if err != nil {
				return err
			}
			out.texts[hash] = b
			return nil
		}
		article := func(a Article, versions []Version, del *syncDeleted, body func() (Body, error)) error {
			path := gsync.ArticlePath(a.ID)
			sum := articleDigest(a, syncVersionsOf(versions), del)
			if unchanged(path, sum) {
				return nil // and so are its texts, sent with it
			}
			r, err := articleRecord(a, versions, del)
			if err != nil {
				return err
			}
			changed := a.Updated
			if del != nil && del.At.After(changed) {
				changed = del.At
			}
			consider(path, gsync.ArticleFile, r, sum, changed, func() error { _, err := readArticle(path, a.ID, r); return err })
			if err := needText(a.TextHash, body); err != nil {
				return err
			}
			for _, v := range versions {
				if err := needText(v.TextHash, func() (Body, error) { return v.Body, nil }); err != nil {
					return err
				}
			}
			return nil
		}
		annotation := func(an Annotation, on string, del *syncDeleted) error {
			path := gsync.AnnotationPath(an.ArticleID, an.ID)
			sum := annotationDigest(an, on, del)
			if unchanged(path, sum) {
				return nil
			}
			r, err := annotationRecord(an, on, del)
			if err != nil {
				return err
			}
			changed := an.Updated
			if del != nil && del.At.After(changed) {
				changed = del.At
			}
			consider(path, gsync.AnnotationFile, r, sum, changed, func() error {
				_, err := readAnnotation(path, an.ArticleID, an.ID, r, -1)
				return err
			})
			return nil
		}
		exportTags := func() error {
			return tx.ForEachTag(func(t Tag) error {
				path := gsync.TagPath(TagKey(t.Name))
				sum := tagDigest(t)
				if unchanged(path, sum) {
					return nil
				}
				r, err := gsync.FromValue(t)
				if err != nil {
					return err
				}
				consider(path, gsync.TagFile, r, sum, time.Time{}, func() error {
					_, err := readTag(path, gsync.TagFileName(TagKey(t.Name)), r)
					return err
				})
				return nil
			})
		}
		if j, ok, err := readJournal(tx, out.gen); err != nil {
			return err
		} else if ok {
			out.partial = true
			if err := exportJournaled(tx, idx, j, article, annotation, produced, out); err != nil {
				return err
			}
			if err := exportTags(); err != nil {
				return err
			}
			for p := range idx.Files {
				if k, _, _ := gsync.ParsePath(p); k == gsync.TagFile && !produced[p] {
					out.removed = append(out.removed, p)
				}
			}
			return nil
		}
		texts := map[string]string{}
		if err := tx.ForEachArticle(func(a Article) error {
			texts[a.ID] = a.TextHash
			vs, err := tx.Versions(a.ID)
			if err != nil {
				return err
			}
			return article(a, vs, nil, func() (Body, error) { return tx.Body(a.ID) })
		}); err != nil {
			return err
		}
		live := map[string]bool{}
		if err := tx.ForEachAnnotation(func(an Annotation) error {
			live[an.ID] = true
			return annotation(an, texts[an.ArticleID], nil)
		}); err != nil {
			return err
		}
		if err := tx.ForEachTrash(func(e TrashEntry) error {
			del := &syncDeleted{At: e.Deleted, Title: e.Title}
			switch {
			case e.Kind == TrashArticle && e.Article != nil && e.Body != nil:
				if _, isLive := texts[e.ID]; isLive {
					out.clashes++
					out.skipped = append(out.skipped, fmt.Sprintf("trash entry %s: a live article has its ID (kept here, not sent)", e.ID))
					return nil
				}
				body := *e.Body
				if err := article(*e.Article, e.Versions, del, func() (Body, error) { return body, nil }); err != nil {
					return err
				}
				for _, an := range e.Annotations {
					if live[an.ID] {
						out.clashes++
						out.skipped = append(out.skipped, fmt.Sprintf("annotation %s in trash entry %s: a live annotation has its ID (kept here, not sent)", an.ID, e.ID))
						continue
					}
					if err := annotation(an, e.Article.TextHash, &syncDeleted{At: e.Deleted, Title: e.Title, With: e.ID}); err != nil {
						return err
					}
				}
			case e.Kind == TrashAnnotation && len(e.Annotations) == 1:
				if live[e.ID] {
					out.clashes++
					out.skipped = append(out.skipped, fmt.Sprintf("trash entry %s: a live annotation has its ID (kept here, not sent)", e.ID))
					return nil
				}
				an := e.Annotations[0]
				on, err := loneAnchorText(tx, an, texts)
				if err != nil {
					return err
				}
				return annotation(an, on, del)
			}
			return nil
		}); err != nil {
			return err
		}
		if err := exportTags(); err != nil {
			return err
		}
		for p := range idx.Files {
			switch k, _, _ := gsync.ParsePath(p); k {
			case gsync.ArticleFile, gsync.AnnotationFile, gsync.TagFile:
				if !produced[p] {
					out.removed = append(out.removed, p)
				}
			}
		}
		return nil
	})
	return out, err
}

// loneAnchorText is the text an annotation trashed on its own is on: its
// article's current text when its anchor still fits it (the quote at its
// offsets), else "" (unknown: the text changed after the trash). Keeping
// the text in the record means that trashing an annotation does not
// change its anchor, so that an edit made elsewhere meanwhile keeps it
// whole.
func loneAnchorText(tx Tx, an Annotation, live map[string]string) (string, error) {
	if an.Status == Orphaned {
		return "", nil
	}
	var body Body
	if _, ok := live[an.ArticleID]; ok {
		b, err := tx.Body(an.ArticleID)
		if err != nil {
			return "", err
		}
		body = b
	} else if e, err := tx.Trash(an.ArticleID); err == nil && e.Body != nil {
		body = *e.Body
	} else if err != nil && !errors.Is(err, ErrNotFound) {
		return "", err
	} else {
		return "", nil
	}
	runes := []rune(body.Text)
	if an.Start < 0 || an.End > len(runes) || an.Start > an.End || string(runes[an.Start:an.End]) != an.Quote {
		return "", nil
	}
	return hashText(body.Text), nil
}

// rulesOf returns the merge rules of a kind of record.
func rulesOf(k gsync.Kind) gsync.Rules {
	switch k {
	case gsync.ArticleFile:
		return articleRules
	case gsync.AnnotationFile:
		return annotationRules
	}
	return tagRules
}

// stampExport gives the exported records their clocks (see package sync:
// max(the change time, the highest clock seen + 1)) and returns the file
// changes, the records' digests by path, and the highest clock given.
func stampExport(ctx syncCtx, idx *syncIndex, ex *syncExport, seen gsync.Clock, now time.Time) ([]gsync.FileChange, map[string][16]byte, gsync.Clock, error) {
	sums := make(map[string][16]byte, len(ex.records))
	floor := seen.Next()
	high := seen
	var files []gsync.FileChange
	for i := range ex.records {
		p := &ex.records[i]
		changed := p.changed
		if changed.IsZero() {
			changed = now
		}
		c := gsync.ClockAt(changed).Max(floor)
		var prev *gsync.Record
		var prevData []byte
		e, synced := idx.Files[p.path]
		if synced {
			data, err := ctx.blobs.Read(e.Blob, gsync.MaxRecordBytes, p.path)
			if err != nil {
				return nil, nil, high, err
			}
			old, err := gsync.Decode(p.path, data)
			if err != nil {
				return nil, nil, high, err
			}
			prev, prevData = &old, data
		}
		gsync.Stamp(prev, &p.rec, rulesOf(p.kind), c)
		data := gsync.Encode(p.rec)
		if synced && bytes.Equal(data, prevData) {
			// The digests differed but the record did not (a record
			// written by another version of Gloss, say): nothing to send,
			// and the index learns the item's digest.
			e.Sum = p.sum
			idx.Files[p.path] = e
			continue
		}
		high = high.Max(gsync.MaxClock(p.rec))
		files = append(files, gsync.FileChange{Path: p.path, Data: data})
		sums[p.path] = p.sum
		p.rec = gsync.Record{} // encoded: a first sync holds it once
	}
	for hash, b := range ex.texts {
		r, err := textRecord(b)
		if err != nil {
			return nil, nil, high, err
		}
		files = append(files, gsync.FileChange{Path: gsync.TextPath(hash), Data: gsync.Encode(r)})
		delete(ex.texts, hash)
	}
	for _, p := range ex.removed {
		files = append(files, gsync.FileChange{Path: p, Delete: true})
	}
	if _, ok := idx.Files[gsync.MarkerPath]; !ok {
		files = append(files, gsync.FileChange{Path: gsync.MarkerPath, Data: markerData()})
	}
	return files, sums, high, nil
}

// markerData is the content of gloss-sync.json.
func markerData() []byte {
	r, _ := gsync.FromValue(map[string]any{"format": gsync.Format, "kind": "gloss notebook"})
	return gsync.Encode(r)
}

// applyToIndex records committed file changes in the index; sums has the
// digests of records already known (others are read from the data).
func applyToIndex(idx *syncIndex, files []gsync.FileChange, sums map[string][16]byte) {
	for _, f := range files {
		if f.Delete {
			delete(idx.Files, f.Path)
			continue
		}
		e := indexEntry{Blob: f.Blob}
		if f.Data != nil {
			e.Blob = gsync.BlobID(f.Data)
		}
		if sum, ok := sums[f.Path]; ok {
			e.Sum = sum
		} else if r, err := gsync.Decode(f.Path, f.Data); err == nil {
			e.Sum = recordDigest(f.Path, r)
		}
		idx.Files[f.Path] = e
	}
}
