package notebook_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"slices"
	"strconv"
	"testing"

	"github.com/glossnotes/gloss/notebook"
	gsync "github.com/glossnotes/gloss/notebook/sync"
)

// TestSync_randomOperations runs random operations on three notebooks
// with random syncs in between. After everyone syncs twice, all hold
// byte-identical records (their bundles), check finds nothing, no item
// anyone made is lost, and no acknowledged edit is lost: every field
// holds the value of its latest edit by the clocks the syncs gave them
// (see checkEdits). GLOSS_SYNC_SEEDS=N runs seeds 1 to N instead.
func TestSync_randomOperations(t *testing.T) {
	seeds := []uint64{1, 4, 9, 17}
	if n, err := strconv.Atoi(os.Getenv("GLOSS_SYNC_SEEDS")); err == nil && n > 0 {
		seeds = seeds[:0]
		for s := 1; s <= n; s++ {
			seeds = append(seeds, uint64(s))
		}
	} else if testing.Short() {
		seeds = seeds[:1]
	}
	for _, seed := range seeds {
		t.Run(fmt.Sprint(seed), func(t *testing.T) {
			t.Parallel()
			randomSyncRun(t, seed, 3, 40)
		})
	}
}

// edit is one change an operation made to one field of one record.
type edit struct {
	seq     int    // the operation's number
	replica int    // the notebook that made it
	id      string // the record
	article string // the article the record is or belongs to
	// field is title, note, color, text, deleted, tag or create (a new
	// highlight, which counts as an edit of its article).
	field string
	// value is what the edit set: a string field's value; the text's
	// hash; "trash" or "live"; the tag's key.
	value string
	text  string // a text edit's text
	base  int    // the notebook's last sync when the edit was made
	// sent is the sync that sent the edit (0: not yet), and clock the
	// clock it was sent with; superseded is set when a later edit of the
	// same notebook replaced it before it was sent.
	sent       int
	clock      gsync.Clock
	superseded bool
}

// editLog keeps every replica's edits and matches them with what the
// syncs send (through the export hook).
type editLog struct {
	t       *testing.T
	edits   []*edit
	seq     int
	syncs   int   // syncs started
	last    []int // each replica's last sync
	replica map[*notebook.Notebook]int
}

func (l *editLog) add(r int, id, article, field, value, text string) {
	l.seq++
	l.edits = append(l.edits, &edit{seq: l.seq, replica: r, id: id, article: article, field: field, value: value, text: text, base: l.last[r]})
}

// sentValue is the value an exported record has for an edit's field.
func sentValue(rec gsync.Record, field string) (string, gsync.Clock, bool) {
	str := func(f string) string {
		var s string
		json.Unmarshal(rec.Get(f), &s)
		return s
	}
	switch field {
	case "title", "note", "color":
		return str(field), rec.Clock(field), true
	case "text":
		return str("text_hash"), rec.Clock("text"), true
	case "deleted":
		if rec.Has("deleted") {
			return "trash", rec.Clock("deleted"), true
		}
		return "live", rec.Clock("deleted"), true
	}
	return "", gsync.Clock{}, false
}

// exported matches the records a replica's export sends with its edits
// not sent yet.
func (l *editLog) exported(nb *notebook.Notebook, recs []notebook.ExportedRecord) {
	r, ok := l.replica[nb]
	if !ok {
		return
	}
	for _, er := range recs {
		_, a, b := gsync.ParsePath(er.Path)
		id := a
		if b != "" {
			id = b
		}
		byField := map[string][]*edit{}
		for _, e := range l.edits {
			if e.replica == r && e.id == id && e.sent == 0 && e.field != "create" {
				byField[e.field] = append(byField[e.field], e)
			}
		}
		for field, es := range byField {
			if field == "tag" {
				var tags []string
				json.Unmarshal(er.Record.Get("tags"), &tags)
				for _, e := range es {
					if slices.ContainsFunc(tags, func(s string) bool { return notebook.TagKey(s) == e.value }) {
						e.sent, e.clock = l.syncs, er.Record.Clock("tags")
					}
				}
				continue
			}
			v, c, _ := sentValue(er.Record, field)
			last := es[len(es)-1]
			if v != last.value {
				l.t.Errorf("replica %d sent %s of %s = %.40q, but its last edit set %.40q", r, field, id, v, last.value)
				continue
			}
			for _, e := range es {
				e.sent, e.superseded = l.syncs, e != last
			}
			last.clock = c
		}
	}
	for _, e := range l.edits {
		if e.replica == r && e.field == "create" && e.sent == 0 {
			e.sent = l.syncs
		}
	}
}

// seen reports whether the replica that made e had seen x when it made e.
func seen(e, x *edit) bool {
	if e.replica == x.replica {
		return e.seq > x.seq
	}
	return x.sent != 0 && e.base >= x.sent
}

func randomSyncRun(t *testing.T, seed uint64, replicas, steps int) {
	w := newSyncWorld(t)
	rng := rand.New(rand.NewPCG(seed, seed*7919))
	log := &editLog{t: t, last: make([]int, replicas), replica: map[*notebook.Notebook]int{}}
	nbs := make([]*notebook.Notebook, replicas)
	sync := func(i int) {
		log.syncs++
		w.sync(nbs[i])
		log.last[i] = log.syncs
		// An edit the sync did not send was undone by a later edit of
		// the same notebook (trashed and restored, say): the record was
		// as last synced.
		for _, e := range log.edits {
			if e.replica == i && e.sent == 0 {
				e.sent, e.superseded = log.syncs, true
			}
		}
	}
	for i := range nbs {
		nbs[i] = w.notebook(fmt.Sprintf("R%d", i))
		t.Cleanup(notebook.SetExportHook(nbs[i], log.exported))
		notebook.SetIDSeed(nbs[i], seed*16+uint64(i))
		log.replica[nbs[i]] = i
		log.syncs++
		w.join(nbs[i])
		log.last[i] = log.syncs
	}
	made := map[string]bool{} // every article and annotation made
	words := []string{"harbour", "ledger", "permit", "river", "market", "drought", "cooperative", "tariff", "rumour", "ferry"}
	sentence := func() string {
		s := ""
		for i := 0; i < 8; i++ {
			s += words[rng.IntN(len(words))] + " "
		}
		return s + "ends here."
	}
	counter := 0
	for step := 0; step < steps; step++ {
		i := rng.IntN(replicas)
		nb := nbs[i]
		arts, _ := nb.Articles(notebook.ListOptions{})
		anns, _ := nb.Annotations("")
		switch op := rng.IntN(12); {
		case op == 0 || len(arts) == 0:
			counter++
			text := fmt.Sprintf("Report %d from replica %d.\n\n%s\n\n%s", counter, i, sentence(), sentence())
			a := article(t, nb, fmt.Sprintf("Report %d", counter), text)
			made[a.ID] = true
		case op == 1:
			a := arts[rng.IntN(len(arts))]
			tag := words[rng.IntN(3)]
			if an, err := nb.Highlight(notebook.HighlightSpec{ArticleID: a.ID, Start: 0, End: 6, Tags: []string{tag}}); err == nil {
				made[an.ID] = true
				log.add(i, an.ID, a.ID, "create", "", "")
			}
		case op == 2 && len(anns) > 0:
			an := anns[rng.IntN(len(anns))]
			if note := sentence(); note != an.Note {
				if _, err := nb.EditAnnotation(an.ID, notebook.AnnotationUpdate{Note: ptr(note)}); err == nil {
					log.add(i, an.ID, an.ArticleID, "note", note, "")
				}
			}
		case op == 3 && len(anns) > 0:
			an := anns[rng.IntN(len(anns))]
			c := notebook.Colors[rng.IntN(len(notebook.Colors))]
			if c != an.Color {
				if _, err := nb.EditAnnotation(an.ID, notebook.AnnotationUpdate{Color: &c}); err == nil {
					log.add(i, an.ID, an.ArticleID, "color", string(c), "")
				}
			}
		case op == 4:
			a := arts[rng.IntN(len(arts))]
			if title := "Retitled " + words[rng.IntN(len(words))]; title != a.Title {
				if _, err := nb.SetArticle(a.ID, notebook.ArticleUpdate{Title: ptr(title)}); err == nil {
					log.add(i, a.ID, a.ID, "title", title, "")
				}
			}
		case op == 5:
			a := arts[rng.IntN(len(arts))]
			if note := sentence(); note != a.Note {
				if _, err := nb.SetArticleNote(a.ID, note); err == nil {
					log.add(i, a.ID, a.ID, "note", note, "")
				}
			}
		case op == 6:
			a := arts[rng.IntN(len(arts))]
			body, _ := nb.Text(a.ID)
			text := body.Text + "\n\n" + sentence()
			if _, err := nb.EditText(a.ID, text); err == nil {
				log.add(i, a.ID, a.ID, "text", sha(text), text)
			}
		case op == 7 && len(anns) > 0:
			an := anns[rng.IntN(len(anns))]
			if del(nb, an.ID) == nil {
				log.add(i, an.ID, an.ArticleID, "deleted", "trash", "")
			}
		case op == 8 && len(arts) > 1:
			a := arts[rng.IntN(len(arts))]
			if del(nb, a.ID) == nil {
				log.add(i, a.ID, a.ID, "deleted", "trash", "")
			}
		case op == 9:
			if trash, _ := nb.TrashEntries(); len(trash) > 0 {
				e := trash[rng.IntN(len(trash))]
				if _, err := nb.Restore(e.ID); err == nil {
					article := e.ID
					if e.Kind == notebook.TrashAnnotation {
						article = e.Annotations[0].ArticleID
					}
					log.add(i, e.ID, article, "deleted", "live", "")
				}
			}
		case op == 10:
			a := arts[rng.IntN(len(arts))]
			tag := words[rng.IntN(len(words))]
			if !notebook.HasTag(a.Tags, notebook.TagKey(tag)) && nb.AddTags([]string{a.ID}, []string{tag}) == nil {
				log.add(i, a.ID, a.ID, "tag", notebook.TagKey(tag), "")
			}
		default:
			sync(rng.IntN(replicas))
		}
	}
	for round := 0; round < 2; round++ {
		for _, i := range rng.Perm(replicas) {
			sync(i)
		}
	}
	same(t, nbs...)
	final := readFinal(t, nbs[0])
	for _, nb := range nbs {
		fin := readFinal(t, nb)
		for id := range made {
			if fin.state(id) == "" {
				t.Errorf("%s lost item %s", nb.Path(), id)
			}
		}
	}
	checkEdits(t, log, final)
	// Every record read back from Git has the digest of its item, so
	// that an export rebuilt from Git sends nothing.
	for _, nb := range nbs {
		if pending, err := notebook.SyncPendingRebuilt(context.Background(), nb); err != nil || len(pending) > 0 {
			t.Errorf("%s: an export with the index rebuilt from Git would send %v %v", nb.Path(), pending, err)
		}
	}
}

func sha(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:])
}

// finalState is what a notebook holds at the end, live or in the trash.
type finalState struct {
	arts     map[string]notebook.Article
	anns     map[string]notebook.Annotation
	live     map[string]bool
	alone    map[string]bool // trashed on their own
	versions map[string][]string
}

func readFinal(t *testing.T, nb *notebook.Notebook) *finalState {
	f := &finalState{arts: map[string]notebook.Article{}, anns: map[string]notebook.Annotation{}, live: map[string]bool{}, alone: map[string]bool{}, versions: map[string][]string{}}
	arts, _ := nb.Articles(notebook.ListOptions{})
	for _, a := range arts {
		f.arts[a.ID], f.live[a.ID] = a.Article, true
		vs, err := nb.Versions(a.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range vs {
			f.versions[a.ID] = append(f.versions[a.ID], v.TextHash)
		}
	}
	anns, _ := nb.Annotations("")
	for _, a := range anns {
		f.anns[a.ID], f.live[a.ID] = a, true
	}
	trash, _ := nb.TrashEntries()
	for _, e := range trash {
		if e.Kind == notebook.TrashArticle {
			f.arts[e.ID] = *e.Article
			for _, v := range e.Versions {
				f.versions[e.ID] = append(f.versions[e.ID], v.TextHash)
			}
		} else {
			f.alone[e.ID] = true
		}
		for _, a := range e.Annotations {
			f.anns[a.ID] = a
		}
	}
	return f
}

// state is "live", "trash" (trashed on its own), "with" (an annotation in
// its article's trash entry) or "" (lost).
func (f *finalState) state(id string) string {
	switch {
	case f.live[id]:
		return "live"
	case f.alone[id]:
		return "trash"
	}
	if _, ok := f.arts[id]; ok {
		return "trash"
	}
	if _, ok := f.anns[id]; ok {
		return "with"
	}
	return ""
}

// value is a record's final value of a field.
func (f *finalState) value(id, field string) string {
	if a, ok := f.arts[id]; ok {
		switch field {
		case "title":
			return a.Title
		case "note":
			return a.Note
		case "text":
			return a.TextHash
		}
	}
	if a, ok := f.anns[id]; ok {
		switch field {
		case "note":
			return a.Note
		case "color":
			return string(a.Color)
		}
	}
	return ""
}

// checkEdits checks that no acknowledged edit is lost: every edit was
// sent (or replaced by a later edit of its notebook first), and every
// field holds the value of the latest edit to it by the clocks the syncs
// gave them. The exceptions are the documented ones: a text that lost
// stays as an earlier version; a record deleted on one side and edited on
// the other (without seeing the deletion) stays; a highlight trashed with
// its article follows the article.
func checkEdits(t *testing.T, l *editLog, f *finalState) {
	t.Helper()
	type key struct{ id, field string }
	groups := map[key][]*edit{}
	for _, e := range l.edits {
		if e.sent == 0 {
			t.Errorf("edit %d (%s of %s by replica %d) was never sent", e.seq, e.field, e.id, e.replica)
			continue
		}
		if e.superseded || e.field == "create" {
			continue
		}
		groups[key{e.id, e.field}] = append(groups[key{e.id, e.field}], e)
	}
	checked := 0
	for k, es := range groups {
		if k.field == "tag" {
			a, ok := f.arts[k.id]
			for _, e := range es {
				if !ok || !notebook.HasTag(a.Tags, e.value) {
					t.Errorf("article %s lost tag %s (edit %d)", k.id, e.value, e.seq)
				}
			}
			continue
		}
		// The winners: the edits with the latest clock (a tie is broken
		// by the value; either is accepted here).
		var top gsync.Clock
		for _, e := range es {
			top = top.Max(e.clock)
		}
		var winners []*edit
		for _, e := range es {
			if e.clock == top {
				winners = append(winners, e)
			}
		}
		accepted := func(v string) bool {
			return slices.ContainsFunc(winners, func(e *edit) bool { return e.value == v })
		}
		checked++
		switch k.field {
		case "title", "note", "color":
			if got := f.value(k.id, k.field); !accepted(got) {
				t.Errorf("%s of %s = %.40q, want the latest edit's %.40q (edit %d, clock %v)", k.field, k.id, got, winners[0].value, winners[0].seq, top)
			}
		case "text":
			if got := f.value(k.id, "text"); !accepted(got) {
				t.Errorf("text of %s = %.12s, want the latest edit's %.12s", k.id, got, winners[0].value)
			}
			for _, e := range es {
				if e.value != f.value(k.id, "text") && !slices.Contains(f.versions[k.id], e.value) {
					t.Errorf("text edit %d of %s is neither the text nor a version", e.seq, k.id)
				}
			}
		case "deleted":
			checkDeleted(t, l, f, k.id, winners)
		}
	}
	if checked == 0 {
		t.Error("no edit was checked")
	}
}

// checkDeleted checks an item's trash state against its latest trash or
// restore.
func checkDeleted(t *testing.T, l *editLog, f *finalState, id string, winners []*edit) {
	t.Helper()
	w := winners[0]
	st := f.state(id)
	_, isArticle := f.arts[id]
	switch {
	case w.value == "live" && st == "trash":
		t.Errorf("%s is in the trash, but its latest edit (%d, replica %d) restored it", id, w.seq, w.replica)
	case w.value == "live" && st == "with":
		// Its article was trashed later, or at the same time elsewhere.
		if !articleTrashed(l, w) {
			t.Errorf("annotation %s is in the trash with its article, but its latest edit (%d) restored it and the article was never trashed after", id, w.seq)
		}
	case w.value == "trash" && st != "trash":
		// Kept: edited (or, for an article, highlighted) on another
		// notebook that had not seen the deletion; or, for an annotation,
		// its article was trashed or restored later.
		for _, e := range l.edits {
			if e.field == "deleted" && e.value == "trash" || e.sent == 0 {
				continue
			}
			related := e.id == id || isArticle && e.article == id && (e.field != "deleted" || e.value == "live")
			if related && !seen(e, w) && !seen(w, e) {
				return
			}
			if !isArticle && e.id == f.anns[id].ArticleID && e.field == "deleted" && top(w.clock, e.clock) {
				return
			}
		}
		if !isArticle && articleTrashed(l, w) {
			return
		}
		t.Errorf("%s is %s, but its latest edit (%d, replica %d, clock %v) trashed it and no concurrent edit kept it", id, st, w.seq, w.replica, w.clock)
	}
}

// top reports whether clock b is after a.
func top(a, b gsync.Clock) bool { return a.Before(b) }

// articleTrashed reports whether the article of annotation edit w was
// trashed after it, or without seeing it.
func articleTrashed(l *editLog, w *edit) bool {
	for _, e := range l.edits {
		if e.id == w.article && e.field == "deleted" && e.value == "trash" && e.sent != 0 && (w.clock.Before(e.clock) || !seen(e, w)) {
			return true
		}
	}
	return false
}
