package storage

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"time"
	"unicode/utf8"

	"github.com/oklog/ulid/v2"

	"github.com/glossnotes/gloss/notebook"
)

// Report says what Salvage copied into the new notebook and what it could
// not, by bucket and ID.
type Report struct {
	Source string `json:"source"`
	Dest   string `json:"dest"`
	// Copied counts the records written to the new notebook, by bucket
	// (articles, bodies, sources, versions, annotations, tags, trash).
	Copied map[string]int `json:"copied"`
	// Repaired lists records that were kept with a change: an article
	// rebuilt from its text, a count corrected, an annotation orphaned or
	// moved to the trash, a duplicate URL dropped, a tag record made.
	Repaired []SalvageItem `json:"repaired"`
	// Lost lists records that could not be kept.
	Lost []SalvageItem `json:"lost"`
	// Notes are about the file as a whole (a damaged header, pages that
	// could not be read).
	Notes []string `json:"notes"`
}

// SalvageItem is one record of a salvage report.
type SalvageItem struct {
	Bucket string `json:"bucket"`
	ID     string `json:"id"`
	What   string `json:"what"`
}

// String is the item on one line.
func (it SalvageItem) String() string { return fmt.Sprintf("%s %s: %s", it.Bucket, it.ID, it.What) }

// Salvage copies every readable, valid record of the notebook at src into
// a new notebook at dst, rebuilding every index from the records, and
// reports what it copied and what it lost. It reads src with its own page
// reader (never bbolt, so files that make bbolt panic are read too), never
// modifies it, and refuses an existing dst. Where a branch page is
// damaged, it looks for the records below it in pages the file no longer
// references. The new notebook (mode 0600) has a new notebook ID and
// passes Check; it appears at dst only when complete.
//
// src must not be open in this process: Salvage takes bbolt's shared lock
// on it, and fails with ErrLocked while any process writes it.
func Salvage(src, dst string) (Report, error) {
	rep := Report{Source: src, Dest: dst, Copied: map[string]int{}}
	if _, err := os.Lstat(dst); err == nil {
		return rep, fmt.Errorf("salvage: %s already exists; choose a new file", dst)
	} else if !errors.Is(err, os.ErrNotExist) {
		return rep, fmt.Errorf("salvage: %s: %w", dst, err)
	}
	lock, err := lockShared(src)
	if err != nil {
		return rep, fmt.Errorf("salvage: %w", err)
	}
	defer lock.Close()
	f, err := os.Open(src)
	if err != nil {
		return rep, fmt.Errorf("salvage: %w", err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return rep, fmt.Errorf("salvage: %w", err)
	}
	raw, err := mapRawFile(f, st.Size(), true)
	if err != nil {
		return rep, fmt.Errorf("salvage %s: %w: both headers are unreadable, so current records cannot be told from old copies", src, err)
	}
	defer raw.close()

	// Pass 1: read and verify everything, find lost records, plan.
	inv := newInventory()
	walk := walkFile(raw, walkRecords, inv.add)
	have := func(bucket, key string) bool { return inv.has(bucket, key) }
	orphans, notes := findOrphans(raw, walk, have)
	if err := deliverOrphans(raw, orphans, inv.add); err != nil {
		return rep, fmt.Errorf("salvage %s: %w", src, err)
	}
	for _, p := range walk.problems {
		rep.Notes = append(rep.Notes, p.Record+": "+p.What)
	}
	rep.Notes = append(rep.Notes, notes...)
	plan := newPlan(inv, &rep)

	// Pass 2: write the planned records into a new notebook beside dst.
	tmp, err := tempPath(dst)
	if err != nil {
		return rep, fmt.Errorf("salvage: %w", err)
	}
	defer os.Remove(tmp)
	defer os.Remove(MarkerPath(tmp))
	out, err := Open(tmp)
	if err != nil {
		return rep, fmt.Errorf("salvage: %w", err)
	}
	w := newSalvageWriter(out, plan, &rep)
	walk2 := walkFile(raw, walkRecords, w.add)
	if err := deliverOrphans(raw, orphans, w.add); err != nil || len(walk2.problems) != len(walk.problems) {
		out.Close()
		return rep, fmt.Errorf("salvage %s: the file changed while it was read", src)
	}
	w.finish()
	if w.err != nil {
		out.Close()
		return rep, fmt.Errorf("salvage: write %s: %w", dst, w.err)
	}
	problems, err := out.Problems()
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return rep, fmt.Errorf("salvage: check %s: %w", dst, err)
	}
	if len(problems) > 0 {
		return rep, fmt.Errorf("salvage: the new notebook does not pass check (a bug in Gloss; %s is unchanged): %s", src, problems[0])
	}
	os.Remove(MarkerPath(dst)) // a marker left at dst is about some older file
	if err := publish(tmp, dst); err != nil {
		return rep, fmt.Errorf("salvage: %w", err)
	}
	rep.sort()
	return rep, nil
}

// tempPath returns an unused name beside dst for the notebook being built.
func tempPath(dst string) (string, error) {
	f, err := os.CreateTemp(filepath.Dir(dst), "."+filepath.Base(dst)+".salvage*")
	if err != nil {
		return "", err
	}
	name := f.Name()
	f.Close()
	return name, os.Remove(name)
}

// publish puts the finished notebook at dst without replacing a file that
// appeared there meanwhile (a hard link fails if dst exists).
func publish(tmp, dst string) error {
	if err := os.Link(tmp, dst); err == nil {
		return os.Remove(tmp)
	} else if errors.Is(err, os.ErrExist) {
		return fmt.Errorf("%s appeared while salvaging; the salvaged notebook was not kept", dst)
	}
	// No hard links on this file system: rename, after checking again.
	if _, err := os.Lstat(dst); err == nil {
		return fmt.Errorf("%s appeared while salvaging; the salvaged notebook was not kept", dst)
	}
	return os.Rename(tmp, dst)
}

func (r *Report) sort() {
	less := func(items []SalvageItem) func(i, j int) bool {
		return func(i, j int) bool {
			if items[i].Bucket != items[j].Bucket {
				return items[i].Bucket < items[j].Bucket
			}
			return items[i].ID < items[j].ID
		}
	}
	sort.SliceStable(r.Repaired, less(r.Repaired))
	sort.SliceStable(r.Lost, less(r.Lost))
}

// has reports whether the inventory holds a usable or unusable record of
// bucket under key.
func (inv *inventory) has(bucket, key string) bool {
	if inv.isBad([]byte(bucket), key) {
		return true
	}
	switch bucket {
	case string(bArticles):
		_, ok := inv.articles[key]
		return ok
	case string(bBodies):
		_, ok := inv.bodies[key]
		return ok
	case string(bSources):
		_, ok := inv.sources[key]
		return ok
	case string(bVersions):
		_, ok := inv.versions[key]
		return ok
	case string(bAnnotations):
		_, ok := inv.anns[key]
		return ok
	case string(bTags):
		_, ok := inv.tags[key]
		return ok
	case string(bTrash):
		_, ok := inv.trash[key]
		return ok
	}
	return false
}

// plan is what Salvage keeps, decided from the inventory.
type plan struct {
	inv *inventory
	// articles kept, with the text's character count (recounted).
	articles map[string]*keptArticle
	// annotations kept, and what to change in them.
	anns map[string]annFix
	// annotations moved to the trash because their article is lost.
	toTrash map[string]string // annotation ID → title of its lost article
	trash   map[string]bool   // trash entries kept
	tags    map[string]bool   // tag records kept (by key)
}

type keptArticle struct {
	chars    int
	dropURL  bool
	dropKind bool
	rebuilt  *notebook.Article // set when the article record is rebuilt
}

type annFix struct {
	orphan bool   // offsets outside the text: keep it as orphaned
	fix    string // colour or status to reset
	moveTo string // article to move it to (same text under another ID)
}

func newPlan(inv *inventory, rep *Report) *plan {
	p := &plan{inv: inv, articles: map[string]*keptArticle{}, anns: map[string]annFix{},
		toTrash: map[string]string{}, trash: map[string]bool{}, tags: map[string]bool{}}
	lost := func(bucket, id, format string, args ...any) {
		rep.Lost = append(rep.Lost, SalvageItem{bucket, id, fmt.Sprintf(format, args...)})
	}
	repaired := func(bucket, id, format string, args ...any) {
		rep.Repaired = append(rep.Repaired, SalvageItem{bucket, id, fmt.Sprintf(format, args...)})
	}

	// Articles: a record and a text that agree, or a text alone (rebuilt).
	ids := map[string]bool{}
	for id := range inv.articles {
		ids[id] = true
	}
	for id := range inv.bodies {
		ids[id] = true
	}
	byHash := map[string]string{}
	byURL := map[string]string{}
	sameText := map[string]string{} // lost duplicate → kept article
	for _, id := range sortedKeys(ids) {
		art, hasArt := inv.articles[id]
		body, hasBody := inv.bodies[id]
		switch {
		case !hasBody:
			lost(string(bArticles), id, "its text is missing or damaged")
			continue
		case hasArt && body.hash != art.a.TextHash:
			lost(string(bArticles), id, "its text does not match its SHA-256 (the text is damaged)")
			continue
		case checkID(id) != "":
			lost(string(bBodies), printable(id), "not a valid article ID")
			continue
		}
		if other, dup := byHash[body.hash]; dup {
			lost(string(bArticles), id, "same text as article %s, which is kept (its highlights move there)", other)
			sameText[id] = other
			continue
		}
		k := &keptArticle{chars: body.chars, dropKind: !body.kinds}
		if !hasArt {
			k.rebuilt = p.rebuild(id, body)
			repaired(string(bArticles), id, "record lost; rebuilt from its text as %q (other details are lost)", k.rebuilt.Title)
		} else if art.a.Chars != body.chars {
			repaired(string(bArticles), id, "character count corrected from %d to %d", art.a.Chars, body.chars)
		}
		if k.dropKind {
			repaired(string(bBodies), id, "paragraph kinds that do not exist were dropped")
		}
		url := ""
		if k.rebuilt != nil {
			url = k.rebuilt.URL
		} else {
			url = art.a.URL
		}
		if url != "" {
			if other, dup := byURL[url]; dup {
				k.dropURL = true
				if k.rebuilt != nil {
					k.rebuilt.URL = ""
				}
				repaired(string(bArticles), id, "URL %s dropped: article %s has it too", url, other)
			} else {
				byURL[url] = id
			}
		}
		byHash[body.hash] = id
		p.articles[id] = k
	}
	for _, id := range sortedKeys(inv.sources) {
		if _, ok := p.articles[id]; !ok {
			lost(string(bSources), id, "its article is lost")
		}
	}
	for _, k := range sortedKeys(inv.versions) {
		if _, ok := p.articles[inv.versions[k].articleID]; !ok {
			art, n, _ := splitVersionKey([]byte(k))
			lost(string(bVersions), fmt.Sprintf("%s#%d", art, n), "its article is lost")
		}
	}

	// Annotations: on a kept article (moved to a kept duplicate), else to
	// the trash, unless the ID is taken.
	for _, id := range sortedKeys(inv.anns) {
		a := inv.anns[id]
		if _, clash := p.articles[id]; clash {
			lost(string(bAnnotations), id, "has the ID of an article")
			continue
		}
		fix := annFix{fix: a.fixable}
		art := a.articleID
		if to, ok := sameText[art]; ok {
			fix.moveTo, art = to, to
			repaired(string(bAnnotations), id, "moved from article %s to article %s, which has the same text", a.articleID, to)
		}
		k, ok := p.articles[art]
		if !ok {
			if _, taken := inv.trash[id]; taken {
				lost(string(bAnnotations), id, "its article %s is lost, and the trash already holds an entry with its ID", a.articleID)
				continue
			}
			title := ""
			if ar, ok := inv.articles[a.articleID]; ok {
				title = ar.a.Title
			}
			p.toTrash[id] = title
			repaired(string(bAnnotations), id, "its article %s is lost; kept in the trash", a.articleID)
			continue
		}
		if a.end > k.chars {
			fix.orphan = true
			repaired(string(bAnnotations), id, "passage %d–%d lies outside the text (%d characters); kept as orphaned", a.start, a.end, k.chars)
		}
		if fix.fix != "" {
			repaired(string(bAnnotations), id, "%s; reset", fix.fix)
		}
		p.anns[id] = fix
	}

	// Trash entries that do not clash with live items of another kind.
	for _, id := range sortedKeys(inv.trash) {
		e := inv.trash[id]
		_, isArt := p.articles[id]
		_, isAnn := p.anns[id]
		switch {
		case e.kind == notebook.TrashArticle && isAnn, e.kind == notebook.TrashAnnotation && isArt:
			lost(string(bTrash), id, "a live item of another kind has its ID")
			continue
		}
		clash := false
		for _, ann := range e.annIDs {
			if _, ok := p.articles[ann]; ok && ann != id {
				clash = true
			}
		}
		if clash {
			lost(string(bTrash), id, "holds an annotation with the ID of a live article")
			continue
		}
		p.trash[id] = true
	}
	for key := range inv.tags {
		p.tags[key] = true
	}
	// Records that could not be used, except those rebuilt anyway.
	for _, b := range inv.bad {
		switch b.bucket {
		case string(bMeta), string(bIdxHash), string(bIdxURL), string(bIdxArtAnn), string(bIdxTag):
			continue // rebuilt
		case string(bIdxCiteKey), string(bIdxMatch), string(bIdxPendingMatch):
			continue // rebuilt
		case string(bArticles):
			if k, ok := p.articles[b.key]; ok && k.rebuilt != nil {
				continue
			}
		}
		lost(b.bucket, printable(b.key), "%s", b.why)
	}
	return p
}

// rebuild makes an article record for a text whose record is lost, from
// what survives elsewhere: its source's name and media type, its versions,
// the URL and tag indexes.
func (p *plan) rebuild(id string, body *bodyInfo) *notebook.Article {
	inv := p.inv
	a := &notebook.Article{ID: id, TextHash: body.hash, Chars: body.chars, Version: 1}
	if src, ok := inv.sources[id]; ok {
		a.Title, a.MediaType = src.name, src.mediaType
	}
	if !utf8.ValidString(a.Title) || a.Title == "" {
		a.Title = "Recovered article " + id
	} else {
		a.Title = "(recovered) " + a.Title
	}
	for _, v := range inv.versions {
		if v.articleID == id && v.number >= a.Version {
			a.Version = v.number + 1
		}
	}
	for _, url := range sortedKeys(inv.idxURL) {
		if inv.idxURL[url] == id {
			a.URL = url
			break
		}
	}
	for _, k := range sortedKeys(inv.idxTag) {
		key, kind, tid, ok := splitTagIndexKey([]byte(k))
		if !ok || kind != tagKindArticle || tid != id {
			continue
		}
		name := key
		if t, ok := inv.tags[key]; ok {
			name = t.name
		}
		if clean, err := notebook.CleanTag(name); err == nil {
			a.Tags = append(a.Tags, clean)
		}
	}
	t := time.Now().UTC()
	if u, err := ulid.ParseStrict(id); err == nil {
		t = ulid.Time(u.Time()).UTC()
	}
	a.Added, a.Updated = t, t
	return a
}

// printable quotes a key that is not plain text.
func printable(k string) string {
	for _, r := range k {
		if r < ' ' || r == utf8.RuneError {
			return fmt.Sprintf("%q", k)
		}
	}
	return k
}
