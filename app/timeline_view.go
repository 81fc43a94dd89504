package app

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/glossnotes/gloss/notebook"
	"github.com/glossnotes/gloss/notebook/timeline"
)

// The Timeline view (issue 18) is a window of its own beside the main
// one: a chronology is wide and is read beside the articles, and a click
// on a mark opens the passage in the main window as a jump (Back returns
// to where the reader was) while the timeline stays where it was.
//
// The data comes from Notebook.Timeline (the same as `gloss timeline`),
// read in a background job with the layout (lanes, rows) built there too;
// a commit reaches it through UI.changed (the one refresh path) and
// reloads it, keeping the viewport.

// Preference keys of the Timeline view.
const (
	prefTimelineScope   = "timeline.scope"
	prefTimelineTag     = "timeline.tag"
	prefTimelineQuery   = "timeline.query"
	prefTimelineLanes   = "timeline.lanes"
	prefTimelineUndated = "timeline.undatedOpen"
)

// Timeline scopes offered by the view.
const (
	tlScopeAll      = "Everything"
	tlScopeTag      = "Tag"
	tlScopeSearch   = "Search"
	tlScopeSelected = "Selected articles"
)

var tlScopes = []string{tlScopeAll, tlScopeTag, tlScopeSearch, tlScopeSelected}

// Lanes choices, in the order of tlLaneKeys.
var (
	tlLaneNames = []string{"Lanes by tag", "Lanes by outlet", "Lanes by article"}
	tlLaneKeys  = []notebook.Lanes{notebook.LanesTag, notebook.LanesOutlet, notebook.LanesArticle}
)

// timelineView is the Timeline window.
type timelineView struct {
	ui     *UI
	win    fyne.Window
	canvas *timelineCanvas

	scopeSel *widget.Select
	tagSel   *widget.Select
	query    *widget.Entry
	lanesSel *widget.Select
	status   *widget.Label

	undated     []timeline.Item
	undatedBtn  *widget.Button
	undatedList *widget.List
	undatedBox  *fyne.Container

	scope string
	tag   string
	q     string
	lanes notebook.Lanes

	// gen numbers the scope and lanes choices: a load for an older
	// choice is not shown.
	gen     int
	loading bool
	again   bool // a change or a new choice arrived during a load
	fitNext bool // the next data shown is fitted to the window
	closed  bool
	// menu is the last choice of merged items shown (for tests).
	menu *fyne.Menu
}

// showTimeline opens the Timeline window (or brings it forward) on the
// remembered scope.
func (ui *UI) showTimeline() {
	if tv := ui.timeline.view; tv != nil {
		tv.win.Show()
		tv.win.RequestFocus()
		return
	}
	tv := newTimelineView(ui)
	ui.timeline.view = tv
	tv.win.Show()
	tv.win.Canvas().Focus(tv.canvas)
	tv.reload(true)
}

// showTimelineTag opens the Timeline window on a tag's highlights.
func (ui *UI) showTimelineTag(tag string) {
	ui.showTimeline()
	tv := ui.timeline.view
	tv.tag = tag
	tv.refreshTags()
	tv.tagSel.SetSelected(tag)
	tv.scopeSel.SetSelected(tlScopeTag)
	tv.changedChoice()
}

// timelineSlot is the UI's Timeline window, when open (Fyne goroutine
// only).
type timelineSlot struct {
	view *timelineView
}

// timelineChanged follows a committed change (see UI.changed): the open
// timeline reloads when highlights, articles or tags changed.
func (ui *UI) timelineChanged(ch notebook.Change) {
	tv := ui.timeline.view
	if tv == nil || (len(ch.Annotations) == 0 && len(ch.Articles) == 0 && !ch.Tags) {
		return
	}
	if ch.Tags {
		tv.refreshTags()
	}
	tv.reload(false)
}

func newTimelineView(ui *UI) *timelineView {
	p := ui.prefs
	tv := &timelineView{ui: ui, win: ui.app.NewWindow("Gloss — Timeline"), canvas: newTimelineCanvas(),
		scope: p.StringWithFallback(prefTimelineScope, tlScopeAll), tag: p.String(prefTimelineTag),
		q: p.String(prefTimelineQuery), lanes: notebook.Lanes(p.StringWithFallback(prefTimelineLanes, string(notebook.LanesTag)))}
	if !slices.Contains(tlScopes, tv.scope) {
		tv.scope = tlScopeAll
	}
	if !slices.Contains(tlLaneKeys, tv.lanes) {
		tv.lanes = notebook.LanesTag
	}
	if tv.q == "" {
		tv.q = ui.lastQuery
	}
	c := tv.canvas
	c.onOpen = tv.open
	c.onChoose = tv.choose
	c.onView = tv.showStatus

	tv.scopeSel = widget.NewSelect(tlScopes, nil)
	tv.tagSel = widget.NewSelect(nil, func(s string) {
		if s != tv.tag {
			tv.tag = s
			tv.changedChoice()
		}
	})
	tv.tagSel.PlaceHolder = "(choose a tag)"
	tv.query = widget.NewEntry()
	tv.query.SetPlaceHolder("search, then Enter")
	tv.query.SetText(tv.q)
	tv.query.OnSubmitted = func(s string) {
		tv.q = strings.TrimSpace(s)
		tv.changedChoice()
	}
	tv.lanesSel = widget.NewSelect(tlLaneNames, func(s string) {
		if i := slices.Index(tlLaneNames, s); i >= 0 && tlLaneKeys[i] != tv.lanes {
			tv.lanes = tlLaneKeys[i]
			tv.changedChoice()
		}
	})
	tv.lanesSel.SetSelectedIndex(slices.Index(tlLaneKeys, tv.lanes))
	tv.refreshTags()
	tv.tagSel.SetSelected(tv.tag)
	tv.scopeSel.SetSelected(tv.scope)
	tv.scopeSel.OnChanged = func(s string) {
		if s != tv.scope {
			tv.scope = s
			tv.changedChoice()
		}
	}
	tv.showScopeFields()

	zoomOut := newTipButton(ui, theme.ZoomOutIcon(), "Zoom out (−, Ctrl+scroll)", func() { c.zoomCentre(1 / tlZoomStep) })
	zoomIn := newTipButton(ui, theme.ZoomInIcon(), "Zoom in (+, Ctrl+scroll)", func() { c.zoomCentre(tlZoomStep) })
	fit := newTipButton(ui, theme.ZoomFitIcon(), "Show everything (0, Home)", c.fit)
	tv.status = widget.NewLabel("")
	tv.status.Importance = widget.LowImportance
	tv.status.Truncation = fyne.TextTruncateEllipsis
	bar := container.NewHBox(tv.scopeSel, container.NewGridWrap(fyne.NewSize(220, tv.query.MinSize().Height), container.NewStack(tv.tagSel, tv.query)),
		tv.lanesSel, layout.NewSpacer(), zoomOut, zoomIn, fit)

	tv.undatedList = widget.NewList(func() int { return len(tv.undated) }, func() fyne.CanvasObject {
		q := newFitLabel("quote")
		m := newFitLabel("title")
		m.colorName = theme.ColorNameDisabled
		m.sizeName = theme.SizeNameCaptionText
		return container.NewVBox(q, m)
	}, func(i widget.ListItemID, o fyne.CanvasObject) {
		if i >= len(tv.undated) {
			return
		}
		it := &tv.undated[i]
		box := o.(*fyne.Container)
		box.Objects[0].(*fitLabel).SetText("“" + tlOneLine(it.Quote) + "”")
		meta := it.Title
		if it.Lane != "" {
			meta = it.Lane + " · " + meta
		}
		box.Objects[1].(*fitLabel).SetText(meta)
	})
	tv.undatedList.OnSelected = func(i widget.ListItemID) {
		if i < len(tv.undated) {
			tv.open(tv.undated[i])
		}
		tv.undatedList.UnselectAll()
	}
	tv.undatedBox = container.New(minHeightLayout{h: 170}, tv.undatedList)
	tv.undatedBtn = widget.NewButton("", tv.toggleUndated)
	tv.undatedBtn.Alignment = widget.ButtonAlignLeading
	tv.undatedBtn.Importance = widget.LowImportance
	if !p.BoolWithFallback(prefTimelineUndated, true) {
		tv.undatedBox.Hide()
	}
	tv.showUndatedTitle()

	top := container.NewVBox(bar, tv.status)
	bottom := container.NewVBox(widget.NewSeparator(), tv.undatedBtn, tv.undatedBox)
	tv.win.SetContent(container.NewBorder(container.NewPadded(top), bottom, nil, nil, c))
	tv.win.Resize(fyne.NewSize(1200, 760))
	tv.win.Canvas().AddShortcut(key(fyne.KeyW, false), func(fyne.Shortcut) { tv.win.Close() })
	tv.win.SetOnClosed(func() {
		tv.closed = true
		if ui.timeline.view == tv {
			ui.timeline.view = nil
		}
	})
	// Switching notebooks or quitting closes the window with the UI.
	go func() {
		<-ui.jobs.ctx.Done()
		ui.postFn(func() {
			if !tv.closed {
				tv.win.Close()
			}
		})
	}()
	return tv
}

// refreshTags fills the tag picker from the library's tags.
func (tv *timelineView) refreshTags() {
	names := make([]string, 0, len(tv.ui.lib.tags))
	for n := range tv.ui.lib.tags {
		names = append(names, n)
	}
	slices.SortFunc(names, func(a, b string) int { return strings.Compare(strings.ToLower(a), strings.ToLower(b)) })
	tv.tagSel.SetOptions(names)
}

// showScopeFields shows the tag picker or the search field that the
// scope needs.
func (tv *timelineView) showScopeFields() {
	tv.tagSel.Hide()
	tv.query.Hide()
	switch tv.scope {
	case tlScopeTag:
		tv.tagSel.Show()
	case tlScopeSearch:
		tv.query.Show()
	}
}

// changedChoice follows a new scope or lanes choice: remembered, then a
// new load, fitted to the window.
func (tv *timelineView) changedChoice() {
	p := tv.ui.prefs
	p.SetString(prefTimelineScope, tv.scope)
	p.SetString(prefTimelineTag, tv.tag)
	p.SetString(prefTimelineQuery, tv.q)
	p.SetString(prefTimelineLanes, string(tv.lanes))
	tv.showScopeFields()
	tv.gen++
	tv.reload(true)
}

// selection turns the choice into a notebook scope.
func (tv *timelineView) selection() (notebook.ExportScope, error) {
	var s notebook.ExportScope
	switch tv.scope {
	case tlScopeTag:
		if tv.tag == "" {
			return s, errors.New("choose a tag")
		}
		s.Tag = tv.tag
	case tlScopeSearch:
		if tv.q == "" {
			return s, errors.New("type a search and press Enter")
		}
		if err := notebook.ParseQuery(tv.q); err != nil {
			return s, err
		}
		s.Query = tv.q
	case tlScopeSelected:
		s.ArticleIDs = tv.ui.lib.checkedIDs()
		if len(s.ArticleIDs) == 0 && tv.ui.cur.ID != "" {
			s.ArticleIDs = []string{tv.ui.cur.ID}
		}
		if len(s.ArticleIDs) == 0 {
			return s, errors.New("tick articles in the library (its select button), or open one")
		}
	default:
		s.All = true
	}
	return s, nil
}

// reload reads the timeline in the background (after the load running,
// when one is); fit fits the view to the new data.
func (tv *timelineView) reload(fit bool) {
	tv.fitNext = tv.fitNext || fit
	if tv.loading {
		tv.again = true
		return
	}
	sel, err := tv.selection()
	if err != nil {
		tv.undated = nil
		tv.canvas.emptyMsg = err.Error()
		tv.canvas.setData(newTLData(nil, nil), true)
		tv.fitNext = false
		tv.status.SetText("")
		tv.showUndatedTitle()
		return
	}
	tv.loading = true
	gen, lanes := tv.gen, tv.lanes
	if len(tv.canvas.data.items) == 0 {
		tv.canvas.emptyMsg = "Reading the dates of the highlights…"
		tv.canvas.Refresh()
	}
	tv.ui.background(func(context.Context) func() {
		dated, undated, err := tv.ui.nb.Timeline(sel, lanes)
		var d *tlData
		if err == nil {
			d = newTLData(dated, undated)
		}
		return func() {
			tv.loading = false
			if tv.closed {
				return
			}
			if gen == tv.gen {
				tv.show(d, err)
			}
			if tv.again {
				tv.again = false
				tv.reload(false)
			}
		}
	})
}

// show puts loaded data (or the error) on screen.
func (tv *timelineView) show(d *tlData, err error) {
	if err != nil {
		d = newTLData(nil, nil)
		tv.canvas.emptyMsg = fmt.Sprintf("Timeline: %v", err)
	} else {
		tv.canvas.emptyMsg = ""
	}
	tv.undated = d.undated
	tv.canvas.setData(d, tv.fitNext)
	tv.fitNext = false
	tv.undatedList.Refresh()
	tv.showUndatedTitle()
	tv.showStatus()
}

// showStatus says what is shown: counts and the zoom level.
func (tv *timelineView) showStatus() {
	c := tv.canvas
	n := len(c.data.items)
	if n == 0 {
		tv.status.SetText("")
		return
	}
	span := c.view.dpp * c.plotW()
	from, to := dayTime(c.view.start), dayTime(c.view.start+span)
	tv.status.SetText(fmt.Sprintf("%s with a date in %s · showing %s – %s · hover a mark for its passage, click to open it; Ctrl+scroll or +/− zoom, scroll or drag to pan",
		plural(n, "highlight", "highlights"), plural(len(c.data.lanes), "lane", "lanes"),
		from.Format("2 Jan 2006"), to.Format("2 Jan 2006")))
}

func (tv *timelineView) showUndatedTitle() {
	arrow := "▸"
	if tv.undatedBox.Visible() {
		arrow = "▾"
	}
	tv.undatedBtn.SetText(fmt.Sprintf("%s Without a date (%d)", arrow, len(tv.undated)))
}

// toggleUndated shows or hides the list of undated highlights.
func (tv *timelineView) toggleUndated() {
	if tv.undatedBox.Visible() {
		tv.undatedBox.Hide()
	} else {
		tv.undatedBox.Show()
	}
	tv.ui.prefs.SetBool(prefTimelineUndated, tv.undatedBox.Visible())
	tv.showUndatedTitle()
	tv.win.Content().Refresh()
}

// open shows an item's passage in the main window, as a jump Back
// returns from.
func (tv *timelineView) open(it timeline.Item) {
	tv.ui.navigate(it.ArticleID, jump{annID: it.ID})
	tv.ui.win.RequestFocus()
}

// choose offers the items merged in one mark: zoom in on them, or open
// one.
func (tv *timelineView) choose(items []int, at fyne.Position) {
	c := tv.canvas
	if len(items) == 0 {
		return
	}
	d := c.data
	x := (d.start[items[0]]+d.end[items[len(items)-1]])/2 - c.view.start
	entries := []*fyne.MenuItem{fyne.NewMenuItem("Zoom in here", func() { c.zoomAt(4, x/c.view.dpp) })}
	for _, i := range items {
		it := d.items[i]
		label := periodText(&it) + " — " + tlClip(tlOneLine(it.Quote), 60)
		entries = append(entries, fyne.NewMenuItem(label, func() {
			c.selectItem(i, false)
			tv.open(it)
		}))
	}
	tv.menu = fyne.NewMenu("", entries...)
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(c).Add(at)
	widget.ShowPopUpMenuAtPosition(tv.menu, tv.win.Canvas(), pos)
}

// minHeightLayout fills its object and reports at least height h.
type minHeightLayout struct{ h float32 }

// MinSize is part of fyne.Layout.
func (l minHeightLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	s := fyne.Size{}
	for _, o := range objs {
		s = s.Max(o.MinSize())
	}
	s.Height = max(s.Height, l.h)
	return s
}

// Layout is part of fyne.Layout.
func (l minHeightLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}
