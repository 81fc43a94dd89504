package app

import (
	"fmt"
	"image/color"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"

	"github.com/glossnotes/gloss/notebook"
	"github.com/glossnotes/gloss/notebook/timeline"
)

// A short original article for the timeline tests: dated passages, one
// undated, and a publication date.
const tlArticle = `Harbour dredging resumes at Kalemi

Staff reporter
2 May 2022

Dredgers returned to the harbour on 18 April 2022 after a pause of eleven weeks.

The port authority first closed the channel in January 2022, citing silt from the spring floods.

Fishermen say the work has moved their landing site twice.

The channel is due to reopen to cargo ships on 1 June 2022, the authority said.
`

// timelineHarness opens a notebook with the sample article and the
// harbour article, four dated highlights and two undated ones, and the
// Timeline window.
type tlFixture struct {
	h       *harness
	sample  string
	harbour string
	anns    map[string]notebook.Annotation // by the start of the quote
	tv      *timelineView
}

func newTLFixture(t *testing.T) *tlFixture {
	t.Helper()
	h := newHarness(t, false)
	f := &tlFixture{h: h, anns: map[string]notebook.Annotation{}}
	f.sample = h.importSample()
	h.ui.importPaths([]string{writeFile(t, "harbour.txt", tlArticle)})
	h.settle()
	for _, a := range h.ui.lib.all {
		if strings.HasPrefix(a.Title, "Harbour dredging") {
			f.harbour = a.ID
		}
	}
	if f.harbour == "" {
		t.Fatalf("harbour article not imported: %+v", h.ui.lib.all)
	}
	for _, hl := range []struct {
		art, quote string
		tags       []string
		color      notebook.Color
	}{
		{f.sample, "On August 30, 2018, Russia and Burkina Faso signed", []string{"History"}, notebook.Blue},
		{f.sample, "A second group of instructors arrived only recently, on February 27", []string{"Security"}, notebook.Red},
		{f.sample, "In December 2023, during a visit", []string{"Security"}, notebook.Green},
		{f.sample, "Orlovsky waved the criticism aside", nil, notebook.Yellow},
		{f.harbour, "Dredgers returned to the harbour on 18 April 2022", []string{"Ports"}, notebook.Orange},
		{f.harbour, "The port authority first closed the channel in January 2022", []string{"Ports"}, notebook.Purple},
		{f.harbour, "Fishermen say the work has moved their landing site twice", []string{"Ports"}, notebook.Yellow},
	} {
		a, err := h.nb.Highlight(notebook.HighlightSpec{ArticleID: hl.art, Quote: hl.quote, Tags: hl.tags, Color: hl.color})
		if err != nil {
			t.Fatal(err)
		}
		f.anns[hl.quote[:12]] = a
	}
	h.settle()
	h.ui.showTimeline()
	h.settle()
	f.tv = h.ui.timeline.view
	if f.tv == nil {
		t.Fatal("no timeline window")
	}
	return f
}

// markPos is the position in the timeline widget of the mark showing
// annotation id.
func (f *tlFixture) markPos(t *testing.T, id string) fyne.Position {
	t.Helper()
	c := f.tv.canvas
	i, ok := c.data.byID[id]
	if !ok {
		t.Fatalf("annotation %s not on the timeline", id)
	}
	m := c.built.markOf(i)
	if m < 0 {
		t.Fatalf("annotation %s has no mark in the view", id)
	}
	mk := c.built.marks[m]
	x := tlGutter + (mk.x0+mk.x1)/2
	if mk.kind != tlDot {
		x = tlGutter + mk.x0 + 2
	}
	return fyne.NewPos(x, float32(tlAxisH-c.top)+mk.y)
}

func (f *tlFixture) ann(prefix string) notebook.Annotation { return f.anns[prefix[:12]] }

func TestTimelineView_datedAndUndated(t *testing.T) {
	f := newTLFixture(t)
	c := f.tv.canvas
	var starts []string
	for _, it := range c.data.items {
		starts = append(starts, it.Start.Format("2006-01-02"))
	}
	if want := "2018-08-30 2022-01-01 2022-04-18 2023-12-01 2024-02-27"; strings.Join(starts, " ") != want {
		t.Errorf("dated = %v, want %s", starts, want)
	}
	if len(f.tv.undated) != 2 || f.tv.undatedList.Length() != 2 {
		t.Errorf("undated = %d (list %d), want 2", len(f.tv.undated), f.tv.undatedList.Length())
	}
	if got := f.tv.undatedBtn.Text; !strings.Contains(got, "(2)") {
		t.Errorf("undated title %q", got)
	}
	// Lanes by tag, one mark per highlight, each in its highlight colour.
	var lanes []string
	for _, l := range c.data.lanes {
		lanes = append(lanes, l.name)
	}
	if want := []string{"History", "Ports", "Security"}; !equalStrings(lanes, want) {
		t.Errorf("lanes = %q, want %q", lanes, want)
	}
	if len(c.built.marks) != 5 {
		t.Errorf("marks = %d, want 5", len(c.built.marks))
	}
	// The harbour's January 2022 is a month: a bar; the others are days.
	for _, m := range c.built.marks {
		it := c.data.items[m.first]
		wantKind := tlDot
		if it.Precision == "month" {
			wantKind = tlBar
		}
		if m.kind != wantKind {
			t.Errorf("%s (%s): kind %d, want %d", it.Quote, it.Precision, m.kind, wantKind)
		}
	}
	// The reported row has the two articles' publication dates.
	if len(c.built.reported) != 2 {
		t.Errorf("reported marks = %d, want 2 (two articles)", len(c.built.reported))
	}
	if len(c.built.links) != 5 {
		t.Errorf("links = %d, want one per mark", len(c.built.links))
	}
}

// The harbour article's June passage is not highlighted by the fixture;
// this adds it and checks the timeline follows the change.
func TestTimelineView_refreshesOnChange(t *testing.T) {
	f := newTLFixture(t)
	c := f.tv.canvas
	before := len(c.data.items)
	c.zoomAt(2, 100) // a viewport of the user's, to be kept
	view := c.view
	a, err := f.h.nb.Highlight(notebook.HighlightSpec{ArticleID: f.harbour, Quote: "The channel is due to reopen to cargo ships on 1 June 2022", Tags: []string{"Ports"}})
	if err != nil {
		t.Fatal(err)
	}
	f.h.settle()
	if len(c.data.items) != before+1 {
		t.Fatalf("after a new dated highlight: %d items, want %d", len(c.data.items), before+1)
	}
	if _, ok := c.data.byID[a.ID]; !ok {
		t.Error("the new highlight is not on the timeline")
	}
	if c.view != view {
		t.Errorf("the viewport moved on refresh: %+v -> %+v", view, c.view)
	}
	// Deleting it takes it off again.
	if _, err := f.h.nb.Delete(a.ID); err != nil {
		t.Fatal(err)
	}
	f.h.settle()
	if _, ok := c.data.byID[a.ID]; ok || len(c.data.items) != before {
		t.Errorf("after deleting it: %d items", len(c.data.items))
	}
}

func TestTimelineView_hoverShowsQuote(t *testing.T) {
	f := newTLFixture(t)
	c := f.tv.canvas
	a := f.ann("Dredgers returned")
	pos := f.markPos(t, a.ID)
	c.MouseMoved(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: pos}})
	r := c.r
	if !r.tipBg.Visible() {
		t.Fatal("no tooltip on hover")
	}
	var tip []string
	for _, tx := range r.tipTexts {
		if tx.Visible() {
			tip = append(tip, tx.Text)
		}
	}
	joined := strings.Join(tip, "\n")
	for _, want := range []string{"Dredgers returned to the harbour", "18 Apr 2022", "“on 18 April 2022”", "Harbour dredging resumes", "published 2 May 2022"} {
		if !strings.Contains(joined, want) {
			t.Errorf("tooltip %q lacks %q", joined, want)
		}
	}
	// The hovered mark's link to its report is drawn.
	if !r.hoverLink.Visible() {
		t.Error("no link from the hovered mark to its report")
	}
	// Away from the marks, no tip.
	c.MouseMoved(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: fyne.NewPos(pos.X, pos.Y+200)}})
	if r.tipBg.Visible() {
		t.Errorf("tooltip still shown away from the marks: %q", r.tipTexts[0].Text)
	}
}

func TestTimelineView_clickOpensPassage(t *testing.T) {
	f := newTLFixture(t)
	h := f.h
	h.ui.openArticle(f.harbour, jump{})
	h.settle()
	a := f.ann("In December 2023")
	f.tv.canvas.Tapped(&fyne.PointEvent{Position: f.markPos(t, a.ID)})
	h.settle()
	if h.ui.cur.ID != f.sample || h.ui.selAnn != a.ID {
		t.Fatalf("after the click: article %s, highlight %s; want %s, %s", h.ui.cur.ID, h.ui.selAnn, f.sample, a.ID)
	}
	// The click was a jump: Back returns to the harbour article.
	h.ui.nav.goBack()
	h.settle()
	if h.ui.cur.ID != f.harbour {
		t.Errorf("Back went to %s, want the harbour article", h.ui.cur.ID)
	}
	// A click on the empty plot opens nothing.
	h.ui.nav.goForward()
	h.settle()
	f.tv.canvas.Tapped(&fyne.PointEvent{Position: fyne.NewPos(tlGutter+5, tlAxisH+2)})
	h.settle()
	if h.ui.cur.ID != f.sample {
		t.Errorf("a click on nothing opened %s", h.ui.cur.ID)
	}
}

func TestTimelineView_zoom(t *testing.T) {
	f := newTLFixture(t)
	c := f.tv.canvas
	c.modifiers = func() fyne.KeyModifier { return fyne.KeyModifierControl }
	fit := c.view
	pos := f.markPos(t, f.ann("Dredgers returned").ID)
	day := c.view.day(float64(pos.X) - tlGutter)
	// Ctrl+scroll up zooms in around the pointer: the day under it stays.
	c.Scrolled(&fyne.ScrollEvent{PointEvent: fyne.PointEvent{Position: pos}, Scrolled: fyne.NewDelta(0, 25)})
	if c.view.dpp >= fit.dpp {
		t.Fatalf("Ctrl+scroll up did not zoom in: %v -> %v days per unit", fit.dpp, c.view.dpp)
	}
	if got := c.view.day(float64(pos.X) - tlGutter); got-day > 1e-6 || day-got > 1e-6 {
		t.Errorf("the day under the pointer moved: %v -> %v", day, got)
	}
	// Without Ctrl, scrolling pans.
	c.modifiers = func() fyne.KeyModifier { return 0 }
	zoomed := c.view
	c.Scrolled(&fyne.ScrollEvent{PointEvent: fyne.PointEvent{Position: pos}, Scrolled: fyne.NewDelta(0, -25)})
	if c.view.dpp != zoomed.dpp || c.view.start <= zoomed.start {
		t.Errorf("scrolling down should pan later: %+v -> %+v", zoomed, c.view)
	}
	// Dragging pans too.
	before := c.view
	c.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: pos}, Dragged: fyne.NewDelta(50, 0)})
	if c.view.start >= before.start {
		t.Errorf("dragging right should show earlier days: %+v -> %+v", before, c.view)
	}
	// Keys: + zooms in, − out, 0 fits. The axis goes from years to days.
	unit := func() string { return tickUnit(c) }
	c.TypedRune('0')
	if c.view != fit {
		t.Errorf("0 did not fit: %+v, want %+v", c.view, fit)
	}
	if u := unit(); u != "year" && u != "month" {
		t.Errorf("ticks at fit (2018-2024) are %s, want years or half-years", u)
	}
	for range 30 {
		c.TypedRune('+')
	}
	if u := unit(); u != "day" {
		t.Errorf("ticks zoomed in fully are %s, want days", u)
	}
	if got := 1 / c.view.dpp; got < tlMaxDayPx-1e-6 {
		t.Errorf("zoomed in fully a day is %v units, want %v", got, tlMaxDayPx)
	}
	c.TypedRune('-')
	if got := 1 / c.view.dpp; got > tlMaxDayPx/tlZoomStep+1e-6 {
		t.Errorf("− did not zoom out: a day is %v units", got)
	}
	for range 30 {
		c.TypedRune('-')
	}
	if u := unit(); u != "year" && u != "decade" {
		t.Errorf("zoomed out fully the ticks are %s", u)
	}
}

// tickUnit guesses the unit of the axis from its labels: "2023" years,
// "1990s" decades, "Jan 2023" months, "16 Jan" days or weeks.
func tickUnit(c *timelineCanvas) string {
	r := c.r
	for _, o := range r.objects {
		for _, tx := range r.tickNames {
			if o != tx {
				continue
			}
			f := strings.Fields(tx.Text)
			switch {
			case len(f) == 1 && strings.HasSuffix(f[0], "s"):
				return "decade"
			case len(f) == 1:
				return "year"
			case len(f[0]) == 3:
				return "month"
			default:
				return "day"
			}
		}
	}
	return ""
}

func TestTimelineView_keyboard(t *testing.T) {
	f := newTLFixture(t)
	h, c := f.h, f.tv.canvas
	f.tv.win.Canvas().Focus(c)
	if c.sel != 0 {
		t.Fatalf("focus selects the first mark: sel = %d", c.sel)
	}
	c.TypedKey(&fyne.KeyEvent{Name: fyne.KeyRight})
	c.TypedKey(&fyne.KeyEvent{Name: fyne.KeyRight})
	if got := c.data.items[c.sel].Start.Format("2006-01-02"); got != "2022-04-18" {
		t.Errorf("two steps right: %s, want 2022-04-18", got)
	}
	c.TypedKey(&fyne.KeyEvent{Name: fyne.KeyLeft})
	if got := c.data.items[c.sel].Start.Format("2006-01-02"); got != "2022-01-01" {
		t.Errorf("one step left: %s, want 2022-01-01", got)
	}
	// The keyboard's mark shows its tooltip too.
	if !c.r.tipBg.Visible() || !strings.Contains(c.r.tipTexts[0].Text, "port authority") {
		t.Errorf("no tooltip for the selected mark: %q", c.r.tipTexts[0].Text)
	}
	c.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	h.settle()
	if want := c.data.items[c.sel].ID; h.ui.selAnn != want || h.ui.cur.ID != f.harbour {
		t.Errorf("Enter opened %s/%s, want %s/%s", h.ui.cur.ID, h.ui.selAnn, f.harbour, want)
	}
}

func TestTimelineView_undatedListOpens(t *testing.T) {
	f := newTLFixture(t)
	h := f.h
	a := f.ann("Fishermen say the work")
	idx := -1
	for i, it := range f.tv.undated {
		if it.ID == a.ID {
			idx = i
		}
	}
	if idx < 0 {
		t.Fatalf("the undated highlight is not listed: %+v", f.tv.undated)
	}
	f.tv.undatedList.Select(idx)
	h.settle()
	if h.ui.cur.ID != f.harbour || h.ui.selAnn != a.ID {
		t.Errorf("the list opened %s/%s, want %s/%s", h.ui.cur.ID, h.ui.selAnn, f.harbour, a.ID)
	}
	// The list collapses and stays so.
	f.tv.toggleUndated()
	if f.tv.undatedBox.Visible() || h.ui.prefs.Bool(prefTimelineUndated) {
		t.Error("the undated list did not collapse")
	}
}

func TestTimelineView_scopeAndLanes(t *testing.T) {
	f := newTLFixture(t)
	h, tv := f.h, f.tv
	count := func() int { return len(tv.canvas.data.items) }
	tv.tagSel.SetSelected("Security")
	tv.scopeSel.SetSelected(tlScopeTag)
	h.settle()
	if count() != 2 {
		t.Errorf("tag Security: %d dated, want 2", count())
	}
	tv.lanesSel.SetSelected(tlLaneNames[1]) // by outlet
	h.settle()
	if len(tv.canvas.data.lanes) != 1 || tv.canvas.data.lanes[0].name != "(no outlet)" {
		t.Errorf("lanes by outlet: %+v", tv.canvas.data.lanes)
	}
	tv.scopeSel.SetSelected(tlScopeSearch)
	tv.query.SetText("harbour")
	tv.query.OnSubmitted(tv.query.Text)
	h.settle()
	if count() != 1 || tv.canvas.data.items[0].ArticleID != f.harbour {
		t.Errorf("search harbour: %d dated", count())
	}
	tv.query.OnSubmitted("after:someday")
	h.settle()
	if count() != 0 || tv.canvas.emptyMsg == "" {
		t.Errorf("a bad query: %d items, message %q", count(), tv.canvas.emptyMsg)
	}
	// The articles selected in the library (none ticked: the open one).
	h.ui.openArticle(f.harbour, jump{})
	h.settle()
	tv.scopeSel.SetSelected(tlScopeSelected)
	h.settle()
	if count() != 2 {
		t.Errorf("selected article (harbour): %d dated, want 2", count())
	}
	// The choices are remembered: a new window opens on them.
	tv.win.Close()
	if h.ui.timeline.view != nil {
		t.Fatal("closing the window did not forget it")
	}
	h.ui.showTimeline()
	h.settle()
	tv = h.ui.timeline.view
	if tv.scope != tlScopeSelected || tv.lanes != notebook.LanesOutlet || tv.q != "after:someday" {
		t.Errorf("remembered: scope %q lanes %q query %q", tv.scope, tv.lanes, tv.q)
	}
	// A tag's timeline.
	h.ui.showTimelineTag("Ports")
	h.settle()
	if tv.scope != tlScopeTag || tv.tag != "Ports" || len(tv.canvas.data.items) != 2 {
		t.Errorf("tag Ports: scope %q tag %q, %d dated", tv.scope, tv.tag, len(tv.canvas.data.items))
	}
}

func TestTimelineView_menuAndTheme(t *testing.T) {
	h := newHarness(t, false)
	if !h.ui.runShortcut(key(fyne.KeyL, false)) {
		t.Fatal("Ctrl+L is not bound")
	}
	h.settle()
	tv := h.ui.timeline.view
	if tv == nil {
		t.Fatal("Ctrl+L did not open the timeline")
	}
	// An empty notebook says so.
	if tv.canvas.r.empty.Text == "" || len(tv.canvas.data.items) != 0 {
		t.Errorf("empty timeline: %q", tv.canvas.r.empty.Text)
	}
	// Colours follow the theme.
	bg := func() color.Color { return tv.canvas.r.bg.FillColor }
	light := bg()
	installTheme(h.ui.app, themeDark)
	tv.canvas.Refresh()
	dark := bg()
	want := h.ui.app.Settings().Theme().Color(theme.ColorNameBackground, theme.VariantDark)
	if dark == light || dark != want {
		t.Errorf("background after the dark theme: %v (light %v, want %v)", dark, light, want)
	}
}

func TestTimelineView_resizeRefits(t *testing.T) {
	f := newTLFixture(t)
	c := f.tv.canvas
	f.tv.win.Resize(fyne.NewSize(900, 700))
	if want := c.data.fit(c.plotW()); c.view != want {
		t.Errorf("after a resize, an unzoomed view is %+v, want it fitted %+v", c.view, want)
	}
	c.zoomAt(2, 100)
	zoomed := c.view
	f.tv.win.Resize(fyne.NewSize(1300, 760))
	if c.view != zoomed {
		t.Errorf("a resize changed a zoomed view: %+v -> %+v", zoomed, c.view)
	}
}

func TestTimelineView_mergedMarkLists(t *testing.T) {
	f := newTLFixture(t)
	c := f.tv.canvas
	// Six highlights on one day in one lane: four rows, two of them merged
	// marks; at a decade's zoom they fall on the same pixels anyway.
	var items []timeline.Item
	for i := range 6 {
		items = append(items, tlItem(t, fmt.Sprint(i), "L", "2020-05-05", "=", "day", "2020-05-06"))
	}
	items = append(items, tlItem(t, "x", "L", "2010-01-01", "=", "day", ""))
	c.setData(newTLData(items, nil), true)
	merged := -1
	for i, m := range c.built.marks {
		if m.n > 1 {
			merged = i
		}
	}
	if merged < 0 {
		t.Fatalf("no merged mark: %+v", c.built.marks)
	}
	mk := c.built.marks[merged]
	pos := fyne.NewPos(tlGutter+(mk.x0+mk.x1)/2, float32(tlAxisH-c.top)+mk.y)
	c.MouseMoved(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: pos}})
	if !strings.Contains(c.r.tipTexts[0].Text, fmt.Sprintf("%d highlights here", mk.n)) {
		t.Errorf("merged mark's tip: %q", c.r.tipTexts[0].Text)
	}
	c.Tapped(&fyne.PointEvent{Position: pos})
	if f.tv.menu == nil || len(f.tv.menu.Items) != int(mk.n)+1 {
		t.Fatalf("click on a merged mark: menu %+v, want zoom + %d items", f.tv.menu, mk.n)
	}
	// Zoom in here: the view narrows around the mark.
	before := c.view.dpp
	f.tv.menu.Items[0].Action()
	if c.view.dpp >= before {
		t.Errorf("Zoom in here did not zoom: %v -> %v", before, c.view.dpp)
	}
}
