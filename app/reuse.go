package app

import (
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"math"
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/glossnotes/gloss/app/articleview"
	"github.com/glossnotes/gloss/notebook"
)

// Text reuse in the reader (issue 17): the passages of the open article
// that other articles of the notebook also carry (wire copy, press
// releases, recycled quotes) get a bar in the reader's left margin. A
// click on a bar — or Ctrl+Shift+R for the passage at the caret, the
// selected highlight or the top of the view — opens a pop-up menu of the
// other articles, earliest published first, each with its outlet, date
// and similarity; choosing one opens that article with the same passage
// in view and flashed (a jump: Back returns). The menu also mutes the
// passage (with Undo). A card whose highlight lies in such a passage says
// "also in N articles" and opens the same menu.
//
// The passages are read in a background job (notebook.Reuse, which builds
// the index the first time) whenever another article is shown, its text
// changes, or the article list changes (an import of an article sharing
// text marks the open article at once: the library reload that follows
// every article change through UI.changed calls libraryLoaded).

// reuseView is the reader's text-reuse state (Fyne goroutine only).
type reuseView struct {
	ui *UI
	// article and version are what passages were read for.
	article  string
	version  int
	passages []notebook.ReusePassage
	seq      int
	// menu is the last reuse menu shown, all the last list of every
	// carrier (for tests).
	menu *fyne.Menu
	all  dialog.Dialog
	// listPrint is the article list the passages were last read after
	// (see articlesPrint).
	listPrint string
}

func newReuseView(ui *UI) *reuseView { return &reuseView{ui: ui} }

// markID names the margin mark of passage i.
func markID(i int) string { return "reuse:" + strconv.Itoa(i) }

// passageOf returns the passage a mark ID names.
func (r *reuseView) passageOf(id string) (notebook.ReusePassage, bool) {
	i, err := strconv.Atoi(strings.TrimPrefix(id, "reuse:"))
	if err != nil || !strings.HasPrefix(id, "reuse:") || i < 0 || i >= len(r.passages) {
		return notebook.ReusePassage{}, false
	}
	return r.passages[i], true
}

// articleShown is called when the annotations pane shows an article: a
// different article or a new text version needs its passages read.
func (r *reuseView) articleShown() {
	ui := r.ui
	if ui.cur.ID != r.article || ui.reader.version != r.version {
		r.load()
	}
}

// load reads the current article's shared passages in the background and
// shows them when they arrive (if the article is still the one shown).
func (r *reuseView) load() {
	ui := r.ui
	r.seq++
	seq := r.seq
	id, version := ui.cur.ID, ui.reader.version
	if id == "" {
		r.set("", 0, nil)
		return
	}
	// Until they arrive the article is taken as read, so that a refresh
	// meanwhile does not start another read; the passages of another
	// article or text are gone (SetDocument took their marks away).
	if id != r.article || version != r.version {
		r.passages = nil
	}
	r.article, r.version = id, version
	ui.background(func(ctx context.Context) func() {
		ps, err := ui.nb.Reuse(id, 0)
		return func() {
			if seq != r.seq || id != ui.cur.ID {
				return
			}
			if err != nil {
				if !errors.Is(err, notebook.ErrNotFound) {
					ui.notify.show(fmt.Sprintf("Text reuse is not available: %v", err), nil)
				}
				ps = nil
			}
			r.set(id, version, ps)
		}
	})
}

// set shows the passages of an article: marks in the margin, "also in" on
// the cards.
func (r *reuseView) set(article string, version int, ps []notebook.ReusePassage) {
	r.article, r.version, r.passages = article, version, ps
	marks := make([]articleview.Mark, len(ps))
	for i, p := range ps {
		marks[i] = articleview.Mark{ID: markID(i), Start: p.Start, End: p.End}
	}
	r.ui.reader.view.SetMarks(marks)
	r.ui.anns.showAlsoIn()
}

// overlapping returns the passages that overlap [start, end) (a caret,
// start == end, overlaps the passage holding it).
func (r *reuseView) overlapping(start, end int) []notebook.ReusePassage {
	if r.article != r.ui.cur.ID {
		return nil
	}
	var out []notebook.ReusePassage
	for _, p := range r.passages {
		if p.Start < max(end, start+1) && start < p.End {
			out = append(out, p)
		}
	}
	return out
}

// alsoIn returns the passages a highlight lies in ("also in N articles").
func (r *reuseView) alsoIn(an notebook.Annotation) []notebook.ReusePassage {
	if an.Status == notebook.Orphaned || an.ArticleID != r.article {
		return nil
	}
	return r.overlapping(an.Start, an.End)
}

// otherArticles merges the other carriers of passages: one entry per
// article (the most similar copy), earliest published first (unknown
// dates last).
func otherArticles(ps []notebook.ReusePassage) []notebook.ReuseMatch {
	best := map[string]notebook.ReuseMatch{}
	for _, p := range ps {
		for _, m := range p.Others {
			if b, ok := best[m.ArticleID]; !ok || m.Similarity > b.Similarity {
				best[m.ArticleID] = m
			}
		}
	}
	out := make([]notebook.ReuseMatch, 0, len(best))
	for _, m := range best {
		out = append(out, m)
	}
	slices.SortFunc(out, func(a, b notebook.ReuseMatch) int {
		switch {
		case a.Published == b.Published:
			return strings.Compare(a.ArticleID, b.ArticleID)
		case a.Published == "":
			return 1
		case b.Published == "":
			return -1
		}
		return strings.Compare(a.Published, b.Published)
	})
	return out
}

// maxMenuArticles is how many other articles the reuse menu lists (a
// long pop-up menu is slow to build and to read); "All N articles…" lists
// every one in a dialog.
const maxMenuArticles = 12

// maxMenuTitle bounds a title in the reuse menu.
const maxMenuTitle = 70

// matchLabel is one other article in the reuse menu: "Title — Outlet,
// 15 Mar 2024 · 92 % similar".
func matchLabel(m notebook.ReuseMatch) string {
	title := m.Title
	if strings.TrimSpace(title) == "" {
		title = "(untitled)"
	}
	var where []string
	if m.Outlet != "" {
		where = append(where, m.Outlet)
	}
	if m.Published != "" {
		where = append(where, humanDate(m.Published))
	} else {
		where = append(where, "date unknown")
	}
	pct := int(math.Round(m.Similarity * 100))
	return fmt.Sprintf("%s — %s · %d%% similar", clipRunes(oneLine(title), maxMenuTitle), strings.Join(where, ", "), pct)
}

// reuseMenu is the menu of passages: a heading, the other articles
// (choosing one opens it at the same passage), and muting.
func (ui *UI) reuseMenu(ps []notebook.ReusePassage) *fyne.Menu {
	others := otherArticles(ps)
	head := fyne.NewMenuItem(fmt.Sprintf("Also in %s, earliest first:", plural(len(others), "article", "articles")), nil)
	head.Disabled = true
	items := []*fyne.MenuItem{head}
	for _, m := range others[:min(len(others), maxMenuArticles)] {
		items = append(items, fyne.NewMenuItem(matchLabel(m), func() {
			ui.navigate(m.ArticleID, jump{show: true, at: m.Start, end: m.End})
		}))
	}
	if len(others) > maxMenuArticles {
		items = append(items, fyne.NewMenuItem(fmt.Sprintf("All %d articles…", len(others)), func() { ui.showAllCarriers(others) }))
	}
	keys := make([]string, 0, len(ps))
	for _, p := range ps {
		if !slices.Contains(keys, p.Key) {
			keys = append(keys, p.Key)
		}
	}
	label := "Mute this passage (no longer marked as reuse)"
	if len(keys) > 1 {
		label = "Mute these passages (no longer marked as reuse)"
	}
	items = append(items, fyne.NewMenuItemSeparator(), fyne.NewMenuItem(label, func() { ui.muteReuse(keys) }))
	return fyne.NewMenu("", items...)
}

// showAllCarriers lists every other article carrying a passage in a
// dialog, earliest first; choosing one opens it at the passage.
func (ui *UI) showAllCarriers(others []notebook.ReuseMatch) {
	var d dialog.Dialog
	rows := container.NewVBox()
	for _, m := range others {
		b := widget.NewButton(matchLabel(m), func() {
			ui.closeModal(d)
			ui.navigate(m.ArticleID, jump{show: true, at: m.Start, end: m.End})
		})
		b.Alignment = widget.ButtonAlignLeading
		b.Importance = widget.LowImportance
		rows.Add(b)
	}
	d = dialog.NewCustom(fmt.Sprintf("Also in %d articles, earliest first", len(others)), "Close", container.NewVScroll(rows), ui.win)
	d.Resize(ui.dialogSize(760, 560))
	ui.reuse.all = d
	ui.modal(d)
}

// showReuseMenu opens the reuse menu of passages at an absolute position.
func (ui *UI) showReuseMenu(ps []notebook.ReusePassage, at fyne.Position) {
	if len(ps) == 0 {
		return
	}
	m := ui.reuseMenu(ps)
	ui.reuse.menu = m
	ui.tips.hide(nil)
	widget.ShowPopUpMenuAtPosition(m, ui.win.Canvas(), at)
}

// markTapped opens the menu of a margin mark.
func (ui *UI) markTapped(ev articleview.MarkEvent) {
	if p, ok := ui.reuse.passageOf(ev.ID); ok {
		ui.showReuseMenu([]notebook.ReusePassage{p}, ev.AbsolutePosition)
	}
}

// showReuseHere opens the reuse menu from the keyboard (Ctrl+Shift+R): for
// the selected highlight, else the selection or the caret, else the first
// shared passage from the top of the view down.
func (ui *UI) showReuseHere() {
	r := ui.reuse
	if ui.cur.ID == "" || r.article != ui.cur.ID {
		return
	}
	if len(r.passages) == 0 {
		ui.notify.show("No passage of this article is in another article.", nil)
		return
	}
	v := ui.reader.view
	var ps []notebook.ReusePassage
	if a, ok := ui.annotation(ui.selAnn); ok {
		ps = r.alsoIn(a)
	}
	if len(ps) == 0 {
		s, e := v.Selection()
		ps = r.overlapping(s, e)
	}
	var at int
	if len(ps) == 0 {
		top := v.TopOffset()
		i := slices.IndexFunc(r.passages, func(p notebook.ReusePassage) bool { return p.End > top })
		if i < 0 {
			i = 0
		}
		ps = []notebook.ReusePassage{r.passages[i]}
	}
	at = ps[0].Start
	// The menu opens beside the passage's mark when it is in view, else
	// at the top left of the reader.
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(v)
	for i, p := range r.passages {
		if p.Start == at {
			if bar, size, ok := v.MarkBar(markID(i)); ok && bar.Y >= 0 && bar.Y < v.Size().Height {
				pos = pos.Add(fyne.NewPos(bar.X+size.Width+4, bar.Y))
			}
			break
		}
	}
	ui.showReuseMenu(ps, pos)
}

// muteReuse mutes passages everywhere (a stored setting), with Undo.
//
// The change feed's refresh (refresh.go) does not act on settings, so the
// marks are re-read after each of these writes here.
func (ui *UI) muteReuse(keys []string) {
	mute := func(on bool) error {
		for _, k := range keys {
			if err := ui.nb.MuteReuse(k, on); err != nil {
				return err
			}
		}
		ui.post(ui.reuse.load)
		return nil
	}
	label := "mute passage"
	if len(keys) > 1 {
		label = "mute passages"
	}
	op := &undoOp{label: label, undo: func() error { return mute(false) }, redo: func() error { return mute(true) }}
	ui.undo.push(op)
	ui.write(func() (func(), error) {
		if err := mute(true); err != nil {
			return func() { ui.undo.remove(op) }, fmt.Errorf("%s: %w", label, err)
		}
		return func() {
			ui.notify.show("Passage muted: it is no longer marked as shared with other articles.", ui.undoAction)
		}, nil
	})
}

// libraryLoaded follows a new reading of the article list, which comes
// with every change to articles (UI.changed reloads the list): another
// article may now share passages with the open one, and the selected
// tag's sources may have changed.
func (ui *UI) libraryLoaded() {
	if f := articlesPrint(ui.lib.tag, ui.lib.all); f == "" || f != ui.reuse.listPrint {
		ui.reuse.listPrint = f
		ui.reuse.load()
	}
	ui.tagSources.load()
	ui.anns.people.noteArticles(ui.lib.all, ui.lib.tag == "")
}

// articlesPrint sums up what of the article list text reuse depends on:
// which articles there are and their text versions. A list filtered by a
// tag does not show every article (an article outside the filter may have
// come or gone): its print is "", which always reads again.
func articlesPrint(tag string, arts []notebook.ArticleSummary) string {
	if tag != "" {
		return ""
	}
	h := fnv.New64a()
	for _, a := range arts {
		fmt.Fprintf(h, "%s:%d\n", a.ID, a.Version)
	}
	return fmt.Sprintf("%d/%x", len(arts), h.Sum64())
}
