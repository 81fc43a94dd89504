package app

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"github.com/glossnotes/gloss/notebook"
)

// Creators (issue 20): in a notebook shared through sync, every article
// and highlight records who made it ("Name <email>"). Cards show the
// creator's name — only when the notebook has more than one creator, so
// that a solo notebook stays uncluttered — and "Only my highlights" (a
// check in the annotations pane, shown when there are several creators,
// and View → Only my highlights) hides the cards of other people's
// highlights. The choice is remembered per notebook.
//
// The service has no list of creators: the app learns them from one read
// of every annotation after the library has loaded (in the background; the
// articles' come from the full list the library has just read), then from every article list and every article's
// annotations it shows. A highlight with no creator (made before the
// notebook had an identity) counts as the user's own.

// prefOnlyMine is the per-notebook preference of the filter.
const prefOnlyMine = "annotations.onlyMine"

// creators is the set of creators seen and the filter (Fyne goroutine).
type creators struct {
	ui       *UI
	seen     map[string]bool // creatorKey of every creator seen
	scanned  bool
	onlyMine bool
	check    *widget.Check
	item     *fyne.MenuItem
	setting  bool // the check is being set by the program
}

func newCreators(ui *UI) *creators {
	c := &creators{ui: ui, seen: map[string]bool{}}
	c.onlyMine = ui.prefs.Bool(prefKey(ui.nb.Path(), prefOnlyMine))
	c.check = widget.NewCheck("Only my highlights", func(on bool) {
		if !c.setting {
			c.setOnlyMine(on)
		}
	})
	c.check.Checked = c.onlyMine
	c.check.Hide()
	return c
}

// creatorKey is how creators are compared: case and spaces aside.
func creatorKey(s string) string { return strings.ToLower(oneLine(s)) }

// creatorName is the name part of "Name <email>" (the address when there
// is no name).
func creatorName(s string) string {
	s = strings.TrimSpace(s)
	i := strings.Index(s, "<")
	if i < 0 {
		return s
	}
	if name := strings.TrimSpace(s[:i]); name != "" {
		return name
	}
	addr := s[i+1:]
	if j := strings.Index(addr, ">"); j >= 0 {
		addr = addr[:j]
	}
	return strings.TrimSpace(addr)
}

// add records creators; it reports whether a new one was seen.
func (c *creators) add(names ...string) bool {
	added := false
	for _, n := range names {
		if k := creatorKey(n); k != "" && !c.seen[k] {
			c.seen[k] = true
			added = true
		}
	}
	return added
}

// many reports whether the notebook has more than one creator (the user
// counted among them).
func (c *creators) many() bool {
	n := len(c.seen)
	if me := creatorKey(c.ui.nb.Identity()); me != "" && !c.seen[me] {
		n++
	}
	return n > 1
}

// mine reports whether the user made a highlight.
func (c *creators) mine(an notebook.Annotation) bool {
	k := creatorKey(an.Creator)
	return k == "" || k == creatorKey(c.ui.nb.Identity())
}

// shownName is the name a card shows for its highlight's creator ("" in a
// notebook with one creator).
func (c *creators) shownName(an notebook.Annotation) string {
	if !c.many() || an.Creator == "" {
		return ""
	}
	return creatorName(an.Creator)
}

// noteArticles learns the creators of listed articles; every is whether
// the list holds every article (no tag filter).
func (c *creators) noteArticles(arts []notebook.ArticleSummary, every bool) {
	changed := false
	for _, a := range arts {
		changed = c.add(a.Creator) || changed
	}
	if changed {
		c.changed()
	}
	c.scan(!every)
}

// scan reads every annotation's creator once, in the background, and
// every article's too with readArticles (the article list shown was
// filtered, so it did not name them all).
func (c *creators) scan(readArticles bool) {
	if c.scanned {
		return
	}
	c.scanned = true
	ui := c.ui
	ui.background(func(ctx context.Context) func() {
		var names []string
		if readArticles {
			arts, err := ui.nb.Articles(notebook.ListOptions{})
			if err != nil {
				return nil // the names come from what is shown instead
			}
			for _, a := range arts {
				names = append(names, a.Creator)
			}
		}
		if ctx.Err() != nil {
			return nil
		}
		anns, err := ui.nb.Annotations("")
		if err != nil {
			return nil
		}
		seen := map[string]bool{}
		for _, a := range anns {
			if k := creatorKey(a.Creator); k != "" && !seen[k] {
				seen[k] = true
				names = append(names, a.Creator)
			}
		}
		return func() {
			if c.add(names...) {
				c.changed()
			}
		}
	})
}

// changed shows what a new creator changes: names on the cards, the check.
func (c *creators) changed() {
	c.showCheck()
	c.ui.anns.showCardMeta()
}

// showCheck shows the "Only mine" check when there are several creators
// (or when the filter is on, so that it can be turned off).
func (c *creators) showCheck() {
	if c.many() || c.onlyMine {
		c.check.Show()
	} else {
		c.check.Hide()
	}
}

// setOnlyMine turns the filter on or off, remembers it and shows the
// cards again.
func (c *creators) setOnlyMine(on bool) {
	ui := c.ui
	c.onlyMine = on
	ui.prefs.SetBool(prefKey(ui.nb.Path(), prefOnlyMine), on)
	if c.check.Checked != on {
		c.setting = true
		c.check.SetChecked(on)
		c.setting = false
	}
	if c.item != nil {
		c.item.Checked = on
		if m := ui.win.MainMenu(); m != nil {
			m.Refresh()
		}
	}
	c.showCheck()
	ui.anns.setArticle(ui.cur, ui.curAnns)
	if on {
		ui.notify.show("Showing only your highlights.", func() { c.setOnlyMine(false) }, "Show everyone's")
	}
}

// menuItem is View → Only my highlights (a checked item).
func (c *creators) menuItem() *fyne.MenuItem {
	c.item = fyne.NewMenuItem("Only my highlights", func() { c.setOnlyMine(!c.onlyMine) })
	c.item.Checked = c.onlyMine
	return c.item
}

// filter returns the highlights the cards show.
func (c *creators) filter(anns []notebook.Annotation) []notebook.Annotation {
	if !c.onlyMine {
		return anns
	}
	out := make([]notebook.Annotation, 0, len(anns))
	for _, a := range anns {
		if c.mine(a) {
			out = append(out, a)
		}
	}
	return out
}
