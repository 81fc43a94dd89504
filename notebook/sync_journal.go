package notebook

// The sync journal: the articles and annotations changed since the last
// export, so that an export reads those instead of every record of the
// notebook (with 100,000 annotations, reading and digesting them all
// costs seconds at every sync).
//
// Every transaction of the service (Notebook.update) adds the items its
// Change lists to the journal, in the same transaction, and stamps the
// journal with the generation it commits. An export trusts the journal
// only when that stamp is the notebook's generation: a write that did not
// go through the journal (an older Gloss, a repair tool) leaves it
// behind, and the export reads everything, as it does when there is no
// journal, when it grew past maxJournal items, or after trash entries
// were purged. The sync itself resets it (recordCommit) once an export's
// commit is recorded with nothing changed meanwhile; its own apply writes
// items that match the merged commit and does not journal them.

import (
	"encoding/json"
	"errors"
	"fmt"
	"sort"

	gsync "github.com/glossnotes/gloss/notebook/sync"
)

// syncJournalSetting is the notebook setting that holds the journal.
const syncJournalSetting = "sync-journal"

// maxJournal bounds the items a journal lists; past it the next export
// reads everything.
const maxJournal = 20_000

// syncJournal is the journal (see above).
type syncJournal struct {
	Gen         uint64   `json:"gen"`
	All         bool     `json:"all,omitempty"` // read everything
	Articles    []string `json:"articles,omitempty"`
	Annotations []string `json:"annotations,omitempty"`
}

// readJournal returns the journal when it is current at generation gen.
func readJournal(tx Tx, gen uint64) (syncJournal, bool, error) {
	var j syncJournal
	raw, ok, err := tx.Setting(syncJournalSetting)
	if err != nil || !ok {
		return j, false, err
	}
	if json.Unmarshal(raw, &j) != nil {
		return j, false, nil // damaged: read everything (and start again)
	}
	return j, !j.All && j.Gen == gen, nil
}

func writeJournal(tx Tx, j syncJournal) error {
	raw, err := json.Marshal(j)
	if err != nil {
		return err
	}
	return tx.PutSetting(syncJournalSetting, raw)
}

// journalChange adds a transaction's changed items to the journal, when
// the notebook syncs and the transaction did not write the journal
// itself. Notebook.update calls it before committing.
func journalChange(tx Tx, c *Change) error {
	raw, ok, err := tx.Setting(syncJournalSetting)
	if err != nil || !ok {
		return err
	}
	var j syncJournal
	if json.Unmarshal(raw, &j) != nil {
		j = syncJournal{All: true}
	}
	if j.Gen == c.gen {
		return nil // written by the sync in this transaction
	}
	j.Gen = c.gen
	if c.Trash {
		j.All = true // purged entries: their files must go
	}
	if !j.All {
		j.Articles = appendNew(j.Articles, c.Articles)
		j.Annotations = appendNew(j.Annotations, c.Annotations)
		if len(j.Articles)+len(j.Annotations) > maxJournal {
			j.All = true
		}
	}
	if j.All {
		j.Articles, j.Annotations = nil, nil
	}
	return writeJournal(tx, j)
}

// appendNew appends the ids not in list yet.
func appendNew(list, ids []string) []string {
	if len(ids) == 0 {
		return list
	}
	have := make(map[string]bool, len(list))
	for _, id := range list {
		have[id] = true
	}
	for _, id := range ids {
		if !have[id] {
			have[id] = true
			list = append(list, id)
		}
	}
	return list
}

// resetJournal empties the journal in transaction c (keep is false) or
// keeps its items (keep: items changed after the export may be among
// them), stamping it with c's generation so that journalChange leaves it.
// A journal that is missing or says "everything" stays so.
func resetJournal(tx Tx, c *Change, keep bool) error {
	j := syncJournal{Gen: c.gen}
	if keep {
		raw, has, err := tx.Setting(syncJournalSetting)
		if err != nil {
			return err
		}
		var old syncJournal
		if !has || json.Unmarshal(raw, &old) != nil || old.All {
			j.All = true
		} else {
			j.Articles, j.Annotations = old.Articles, old.Annotations
		}
	}
	return writeJournal(tx, j)
}

// journalAll makes the next export read everything.
func journalAll(tx Tx) error { return writeJournal(tx, syncJournal{All: true}) }

// exportJournaled exports the articles the journal names, and those of the
// annotations it names (where they are now and where the synced commit
// has them), each with all its annotations: the same records, with the
// same checks, as the full export makes of them (see exportSnapshot).
func exportJournaled(tx Tx, idx *syncIndex, j syncJournal,
	article func(Article, []Version, *syncDeleted, func() (Body, error)) error,
	annotation func(Annotation, string, *syncDeleted) error,
	produced map[string]bool, out *syncExport) error {
	affected := map[string]bool{}
	named := map[string][]string{} // article → annotations the journal names
	for _, id := range j.Articles {
		affected[id] = true
	}
	namedAnns := map[string]bool{}
	for _, id := range j.Annotations {
		namedAnns[id] = true
		var on string
		if an, err := tx.Annotation(id); err == nil {
			on = an.ArticleID
		} else if !errors.Is(err, ErrNotFound) {
			return err
		} else if e, err := tx.Trash(id); err == nil && e.Kind == TrashAnnotation && len(e.Annotations) == 1 {
			on = e.Annotations[0].ArticleID
		} else if err != nil && !errors.Is(err, ErrNotFound) {
			return err
		}
		if on != "" {
			affected[on] = true
			named[on] = append(named[on], id)
		}
	}
	// Where the synced commit has the named annotations (they may have
	// moved, or be gone), and the affected articles' annotation files: one
	// pass over the index, and a second for articles the first added.
	files := map[string][]string{} // article → annotation files
	scan := func(want map[string]bool, withNamed bool) map[string]bool {
		added := map[string]bool{}
		for p := range idx.Files {
			a, b, ok := gsync.SplitAnnotationPath(p)
			if !ok {
				continue
			}
			if want[a] {
				files[a] = append(files[a], p)
			}
			if withNamed && namedAnns[b] {
				named[a] = append(named[a], b)
				if !affected[a] {
					added[a] = true
				}
			}
		}
		return added
	}
	if added := scan(affected, true); len(added) > 0 {
		for a := range added {
			affected[a] = true
		}
		scan(added, false)
	}
	ids := make([]string, 0, len(affected))
	for id := range affected {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		if err := exportGroup(tx, id, files[id], named[id], article, annotation, out); err != nil {
			return err
		}
		for _, p := range append([]string{gsync.ArticlePath(id)}, files[id]...) {
			if _, ok := idx.Files[p]; ok && !produced[p] {
				out.removed = append(out.removed, p)
			}
		}
	}
	return nil
}

// exportGroup exports article id (live or trashed) and every annotation it
// has: live, trashed with it, trashed on its own, or in the synced commit
// (files) or named by the journal (named) and gone.
func exportGroup(tx Tx, id string, files, named []string,
	article func(Article, []Version, *syncDeleted, func() (Body, error)) error,
	annotation func(Annotation, string, *syncDeleted) error, out *syncExport) error {
	textHash := ""
	var te *TrashEntry
	if a, err := tx.Article(id); err == nil {
		textHash = a.TextHash
		vs, err := tx.Versions(id)
		if err != nil {
			return err
		}
		if err := article(a, vs, nil, func() (Body, error) { return tx.Body(id) }); err != nil {
			return err
		}
	} else if !errors.Is(err, ErrNotFound) {
		return err
	} else if e, err := tx.Trash(id); err == nil && e.Kind == TrashArticle && e.Article != nil && e.Body != nil {
		te = &e
		body := *e.Body
		if err := article(*e.Article, e.Versions, &syncDeleted{At: e.Deleted, Title: e.Title}, func() (Body, error) { return body, nil }); err != nil {
			return err
		}
	} else if err != nil && !errors.Is(err, ErrNotFound) {
		return err
	}
	live, err := tx.AnnotationsOf(id)
	if err != nil {
		return err
	}
	cands := map[string]bool{}
	for _, an := range live {
		cands[an.ID] = true
		if err := annotation(an, textHash, nil); err != nil {
			return err
		}
	}
	for _, p := range files {
		_, _, annID := gsync.ParsePath(p)
		cands[annID] = true
	}
	for _, annID := range named {
		cands[annID] = true
	}
	if te != nil {
		for _, an := range te.Annotations {
			cands[an.ID] = true
		}
	}
	liveIDs := map[string]bool{}
	for _, an := range live {
		liveIDs[an.ID] = true
	}
	rest := make([]string, 0, len(cands))
	for annID := range cands {
		if !liveIDs[annID] {
			rest = append(rest, annID)
		}
	}
	sort.Strings(rest)
	liveTexts := map[string]string{}
	if textHash != "" {
		liveTexts[id] = textHash
	}
	for _, annID := range rest {
		if _, err := tx.Annotation(annID); err == nil {
			// Live on another article (moved, or a trash entry sharing
			// its ID): that article's group sends it.
			if te != nil && trashHolds(te, annID) {
				out.clashes++
				out.skipped = append(out.skipped, fmt.Sprintf("annotation %s in trash entry %s: a live annotation has its ID (kept here, not sent)", annID, id))
			}
			continue
		} else if !errors.Is(err, ErrNotFound) {
			return err
		}
		if te != nil {
			if an, ok := trashAnnotation(te, annID); ok {
				if err := annotation(an, te.Article.TextHash, &syncDeleted{At: te.Deleted, Title: te.Title, With: id}); err != nil {
					return err
				}
				continue
			}
		}
		e, err := tx.Trash(annID)
		if errors.Is(err, ErrNotFound) {
			continue // gone: its file is removed
		} else if err != nil {
			return err
		}
		if e.Kind != TrashAnnotation || len(e.Annotations) != 1 || e.Annotations[0].ArticleID != id {
			continue
		}
		an := e.Annotations[0]
		on, err := loneAnchorText(tx, an, liveTexts)
		if err != nil {
			return err
		}
		if err := annotation(an, on, &syncDeleted{At: e.Deleted, Title: e.Title}); err != nil {
			return err
		}
	}
	return nil
}

// trashAnnotation returns the annotation of a trashed article's entry.
func trashAnnotation(e *TrashEntry, id string) (Annotation, bool) {
	for _, an := range e.Annotations {
		if an.ID == id {
			return an, true
		}
	}
	return Annotation{}, false
}

func trashHolds(e *TrashEntry, id string) bool {
	_, ok := trashAnnotation(e, id)
	return ok
}
