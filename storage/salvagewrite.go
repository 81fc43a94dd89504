package storage

import (
	"fmt"
	"time"

	"github.com/glossnotes/gloss/notebook"
)

// salvageWriter writes the records a plan keeps into the new notebook, in
// transactions of bounded size, through the ordinary Tx methods, which
// rebuild every index.
type salvageWriter struct {
	db    *DB
	p     *plan
	rep   *Report
	now   time.Time
	batch []func(notebook.Tx) error
	size  int
	err   error
	used  map[string]string // tag key → first spelling, of kept items' tags
	order []string          // used keys in first-seen order
}

// Flush a batch at this many records or bytes.
const (
	salvageBatchRecords = 2000
	salvageBatchBytes   = 16 << 20
)

func newSalvageWriter(db *DB, p *plan, rep *Report) *salvageWriter {
	return &salvageWriter{db: db, p: p, rep: rep, now: time.Now().UTC(), used: map[string]string{}}
}

// add handles one record of the damaged file; it is a recordFunc.
func (w *salvageWriter) add(bucket string, key, value []byte) {
	if w.err != nil || value == nil {
		return
	}
	k := string(key)
	p := w.p
	switch bucket {
	case string(bArticles):
		ka, ok := p.articles[k]
		if !ok || ka.rebuilt != nil {
			return
		}
		var a notebook.Article
		if decode(value, &a) != nil {
			return
		}
		a.Chars = ka.chars
		if ka.dropURL {
			a.URL = ""
		}
		a.Tags = w.cleanTags(bucket, k, a.Tags)
		w.useTags(a.Tags)
		w.put(bucket, len(value), func(tx notebook.Tx) error { return putWithCiteKey(tx, a) })
	case string(bBodies):
		ka, ok := p.articles[k]
		if !ok {
			return
		}
		var b notebook.Body
		if decode(value, &b) != nil {
			return
		}
		if ka.dropKind {
			b.Kinds = nil
		}
		w.put(bucket, len(value), func(tx notebook.Tx) error { return tx.PutBody(k, b) })
	case string(bSources):
		if _, ok := p.articles[k]; !ok || p.inv.sources[k] == nil {
			return
		}
		var s notebook.Source
		if decode(value, &s) != nil {
			return
		}
		w.put(bucket, len(value), func(tx notebook.Tx) error { return tx.PutSource(k, s) })
	case string(bVersions):
		v, ok := p.inv.versions[k]
		if !ok {
			return
		}
		if _, ok := p.articles[v.articleID]; !ok {
			return
		}
		var ver notebook.Version
		if decode(value, &ver) != nil {
			return
		}
		w.put(bucket, len(value), func(tx notebook.Tx) error { return tx.PutVersion(v.articleID, ver) })
	case string(bAnnotations):
		w.annotation(k, value)
	case string(bTags):
		if !p.tags[k] {
			return
		}
		var t notebook.Tag
		if decode(value, &t) != nil {
			return
		}
		w.put(bucket, len(value), func(tx notebook.Tx) error { return tx.PutTag(t) })
	case string(bTrash):
		if !p.trash[k] {
			return
		}
		var e notebook.TrashEntry
		if decode(value, &e) != nil {
			return
		}
		w.put(bucket, len(value), func(tx notebook.Tx) error { return tx.PutTrash(e) })
	default:
		w.salvageSchema3(bucket, k, value)
	}
}

func (w *salvageWriter) annotation(id string, value []byte) {
	p := w.p
	fix, keep := p.anns[id]
	title, toTrash := p.toTrash[id]
	if !keep && !toTrash {
		return
	}
	var a notebook.Annotation
	if decode(value, &a) != nil {
		return
	}
	if toTrash {
		e := notebook.TrashEntry{ID: id, Kind: notebook.TrashAnnotation, Deleted: w.now, Title: title, Annotations: []notebook.Annotation{a}}
		w.put(string(bTrash), len(value), func(tx notebook.Tx) error { return tx.PutTrash(e) })
		return
	}
	if fix.moveTo != "" {
		a.ArticleID = fix.moveTo
	}
	if fix.fix != "" {
		if annotationFixable(notebook.Annotation{Status: a.Status}) != "" {
			a.Status = notebook.Moved // its place is uncertain: the reader shows it as moved
		}
		if annotationFixable(notebook.Annotation{Status: notebook.Anchored, Color: a.Color}) != "" {
			a.Color = notebook.Yellow
		}
	}
	a.Tags = w.cleanTags(string(bAnnotations), id, a.Tags)
	if fix.orphan {
		a.History = append(a.History, notebook.AnchorChange{Start: a.Start, End: a.End, Quote: a.Quote, Status: a.Status, Changed: w.now, Reason: "salvage"})
		a.Start, a.End, a.Status = 0, 0, notebook.Orphaned
	}
	w.useTags(a.Tags)
	w.put(string(bAnnotations), len(value), func(tx notebook.Tx) error { return tx.PutAnnotation(a) })
}

// cleanTags drops the tags that are not clean tag names, saying so.
func (w *salvageWriter) cleanTags(bucket, id string, tags []string) []string {
	clean, bad := splitTags(tags)
	for _, t := range bad {
		w.rep.Repaired = append(w.rep.Repaired, SalvageItem{bucket, id, fmt.Sprintf("tag %q dropped: not a clean tag name", t)})
	}
	return clean
}

// useTags notes the tags of a kept item, so that finish can make the tag
// records that are missing.
func (w *salvageWriter) useTags(tags []string) {
	for _, t := range tags {
		for _, name := range notebook.TagParents(t) {
			key := notebook.TagKey(name)
			if _, ok := w.used[key]; !ok {
				w.used[key] = name
				w.order = append(w.order, key)
			}
		}
	}
}

// put queues one write, counted under bucket.
func (w *salvageWriter) put(bucket string, size int, fn func(notebook.Tx) error) {
	w.batch = append(w.batch, fn)
	w.size += size
	w.rep.Copied[bucket]++
	if len(w.batch) >= salvageBatchRecords || w.size >= salvageBatchBytes {
		w.flush()
	}
}

func (w *salvageWriter) flush() {
	if w.err != nil || len(w.batch) == 0 {
		return
	}
	batch := w.batch
	w.batch, w.size = nil, 0
	w.err = w.db.Update(func(tx notebook.Tx) error {
		for _, fn := range batch {
			if err := fn(tx); err != nil {
				return err
			}
		}
		return nil
	})
}

// finish writes the rebuilt article records and the missing tag records,
// and flushes.
func (w *salvageWriter) finish() {
	for _, id := range sortedKeys(w.p.articles) {
		if a := w.p.articles[id].rebuilt; a != nil {
			art := *a
			w.useTags(art.Tags)
			w.put(string(bArticles), 0, func(tx notebook.Tx) error { return putWithCiteKey(tx, art) })
		}
	}
	for _, key := range w.order {
		if w.p.tags[key] {
			continue
		}
		t := notebook.Tag{Name: w.used[key]}
		w.rep.Repaired = append(w.rep.Repaired, SalvageItem{string(bTags), key, fmt.Sprintf("tag record for %q made anew", t.Name)})
		w.put(string(bTags), 0, func(tx notebook.Tx) error { return tx.PutTag(t) })
	}
	for _, name := range sortedKeys(w.p.inv.settings) {
		v := w.p.inv.settings[name]
		w.put(string(bMeta), len(v), func(tx notebook.Tx) error { return tx.PutSetting(name, v) })
	}
	w.flush()
}
