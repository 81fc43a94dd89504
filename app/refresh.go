package app

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/glossnotes/gloss/notebook"
)

// The single refresh path: every commit reaches UI.changed through the
// notebook's change feed, and changed is the only code that re-reads the
// notebook to update the display after a commit. It reads only what the
// change can have affected, in one background job at a time; changes that
// arrive meanwhile are merged and read together afterwards.
//
// What a change costs in reads:
//   - annotations changed: the current article's annotations (one read);
//     an annotation that is neither in the article before nor after
//     belongs to another article, whose list row then needs the library
//     list (one more read) and the orphan count (one more);
//   - tags changed: the tag counts, the current annotations, and the
//     article list when it is filtered by a tag;
//   - articles changed: the article list and tag counts, and the current
//     article's metadata (its text too when its version changed); the
//     orphan count only when annotations outside the current article
//     changed with them (an edit, a deletion, a re-import).

// refreshState is the refresh path's bookkeeping (Fyne goroutine only).
type refreshState struct {
	pending notebook.Change
	running bool
}

// mergeChange adds b's IDs to a.
func mergeChange(a, b notebook.Change) notebook.Change {
	a.Articles = append(a.Articles, b.Articles...)
	a.Annotations = append(a.Annotations, b.Annotations...)
	a.Tags = a.Tags || b.Tags
	return a
}

func changeEmpty(c notebook.Change) bool {
	return len(c.Articles) == 0 && len(c.Annotations) == 0 && !c.Tags
}

// changed takes a committed change from the notebook's feed.
func (ui *UI) changed(ch notebook.Change) {
	if ch.Settings && ui.reuse != nil {
		// A passage muted or unmuted (here, by sync or by the CLI): the
		// reader's reuse marks are read again.
		ui.reuse.load()
	}
	// The side views follow the same change: the pending highlights, the
	// sync status line and the Timeline window (each reads only when the
	// change concerns it).
	ui.pendingChanged(ch)
	ui.syncChanged(ch)
	ui.timelineChanged(ch)
	ui.refresh.pending = mergeChange(ui.refresh.pending, ch)
	if !ui.refresh.running {
		ui.runRefresh()
	}
}

// refreshPlan is what a refresh reads, decided on the Fyne goroutine.
type refreshPlan struct {
	ch         notebook.Change
	cur        string          // the current article
	curVersion int             // its text version on screen
	known      map[string]bool // its annotations on screen
	libOpt     notebook.ListOptions
	libTag     string
}

// refreshRead is what a refresh read.
type refreshRead struct {
	// The current article, when affected.
	curRead bool
	curGone bool
	art     notebook.Article
	artRead bool
	body    *notebook.Body
	anns    []notebook.Annotation
	// The library, when affected.
	lib     *libraryLoad
	tags    []notebook.TagCount
	tagsOK  bool
	orphans int
	orphOK  bool
	errs    []error
}

// runRefresh reads and applies the pending change.
func (ui *UI) runRefresh() {
	ch := ui.refresh.pending
	ui.refresh.pending = notebook.Change{}
	if changeEmpty(ch) {
		ui.refresh.running = false
		return
	}
	ui.refresh.running = true
	p := refreshPlan{ch: ch, cur: ui.cur.ID, curVersion: ui.reader.version, known: map[string]bool{},
		libOpt: ui.lib.listOptions(), libTag: ui.lib.tag}
	for _, a := range ui.curAnns {
		p.known[a.ID] = true
	}
	ui.reloadGen++
	gen := ui.reloadGen
	ui.background(func(context.Context) func() {
		r := readRefresh(ui.nb, p)
		return func() {
			ui.applyRefresh(p, r, gen)
			ui.runRefresh()
		}
	})
}

// readRefresh does the reads a change needs (off the Fyne goroutine).
func readRefresh(nb *notebook.Notebook, p refreshPlan) refreshRead {
	var r refreshRead
	ch := p.ch
	curArticle := p.cur != "" && slices.Contains(ch.Articles, p.cur)
	if p.cur != "" && (curArticle || len(ch.Annotations) > 0 || ch.Tags) {
		r.curRead = true
		if curArticle {
			a, err := nb.Article(p.cur)
			switch {
			case errors.Is(err, notebook.ErrNotFound):
				r.curGone = true
			case err != nil:
				r.errs = append(r.errs, fmt.Errorf("refresh article: %w", err))
				r.curRead = false
			default:
				r.art, r.artRead = a.Article, true
				if a.Version != p.curVersion {
					if b, err := nb.Text(p.cur); err == nil {
						r.body = &b
					} else {
						r.errs = append(r.errs, fmt.Errorf("refresh text of %q: %w", a.Title, err))
					}
				}
			}
		}
		if r.curRead && !r.curGone {
			anns, err := nb.Annotations(p.cur)
			switch {
			case errors.Is(err, notebook.ErrNotFound):
				r.curGone = true
			case err != nil:
				r.errs = append(r.errs, fmt.Errorf("refresh annotations: %w", err))
				r.curRead = false
			default:
				r.anns = anns
			}
		}
	}
	// Annotations of other articles change those articles' rows.
	other := false
	for _, id := range ch.Annotations {
		if !p.known[id] && !slices.ContainsFunc(r.anns, func(a notebook.Annotation) bool { return a.ID == id }) {
			other = true
			break
		}
	}
	if len(ch.Articles) > 0 || other || (ch.Tags && p.libTag != "") {
		l, err := loadLibrary(nb, p.libOpt)
		if err != nil {
			r.errs = append(r.errs, err)
		} else {
			r.lib = &l
		}
	}
	if ch.Tags || len(ch.Articles) > 0 {
		tags, err := nb.Tags()
		if err != nil {
			r.errs = append(r.errs, fmt.Errorf("list tags: %w", err))
		} else {
			r.tags, r.tagsOK = tags, true
		}
	}
	// Orphans change only with annotations: those of the current article
	// are counted from its new list (applyRefresh); any other changed
	// annotation, or the current article's removal, needs a recount.
	if other || r.curGone {
		n, err := countOrphans(nb)
		if err != nil {
			r.errs = append(r.errs, err)
		} else {
			r.orphans, r.orphOK = n, true
		}
	}
	return r
}

// applyRefresh shows what a refresh read.
func (ui *UI) applyRefresh(p refreshPlan, r refreshRead, gen int) {
	for _, err := range r.errs {
		ui.showError(err)
	}
	if r.lib != nil && gen == ui.reloadGen {
		ui.lib.setLoaded(*r.lib)
	}
	if r.tagsOK {
		ui.lib.setTags(r.tags)
	}
	if r.curRead && p.cur == ui.cur.ID {
		switch {
		case r.curGone:
			ui.clearArticle()
		default:
			before := orphansIn(ui.curAnns)
			if r.lib == nil {
				// The notebook's highlight count moves with this article's.
				ui.lib.setTotalAnns(ui.lib.totalAnns + len(r.anns) - len(ui.curAnns))
			}
			a := ui.cur
			if r.artRead {
				a = r.art
			}
			ui.showCurrent(a, r.body, r.anns)
			if !r.orphOK {
				ui.lib.setOrphans(ui.lib.orphans + orphansIn(r.anns) - before)
			}
			ui.lib.patchArticle(notebook.ArticleSummary{Article: a, Annotations: len(r.anns)})
		}
	}
	if r.orphOK {
		ui.lib.setOrphans(r.orphans)
	}
	if ui.anns.mode != paneArticle {
		ui.anns.reloadGlobal()
	}
}

// orphansIn counts the orphaned annotations of a list.
func orphansIn(anns []notebook.Annotation) int {
	n := 0
	for _, a := range anns {
		if a.Status == notebook.Orphaned {
			n++
		}
	}
	return n
}

// countOrphans counts every orphaned annotation of the notebook.
//
// The service has no count of orphans, so this reads every annotation: it
// runs only at start and after changes to annotations outside the current
// article (text edits, deletions, re-imports), never after a highlight or
// a tag.
func countOrphans(nb *notebook.Notebook) (int, error) {
	anns, err := nb.Annotations("")
	if err != nil {
		return 0, fmt.Errorf("count orphans: %w", err)
	}
	return orphansIn(anns), nil
}

// countOrphans refreshes the Orphans count in the background.
func (ui *UI) countOrphans() {
	ui.background(func(context.Context) func() {
		n, err := countOrphans(ui.nb)
		return func() {
			if err != nil {
				ui.showError(err)
				return
			}
			ui.lib.setOrphans(n)
		}
	})
}
