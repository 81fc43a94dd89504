package app

import (
	"fmt"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"fyne.io/fyne/v2"

	"github.com/glossnotes/gloss/app/articleview"
	"github.com/glossnotes/gloss/notebook"
	"github.com/glossnotes/gloss/notebook/ingest"
)

// Original news-like texts for the reuse tests: three outlets print the
// same wire paragraph (one lightly edited), a fourth article shares
// nothing.
const (
	wirePassage = "The ministry said the new water treatment plant on the eastern bank of the river would serve about forty thousand households once it opens next spring, and that engineers had finished testing the main pumps ahead of schedule despite the floods in October."
	wireEdited  = "The ministry said the new water treatment plant on the eastern bank of the river would serve some forty thousand households once it opens next spring, and that engineers had finished testing the main pumps ahead of schedule despite the floods in October."
)

var (
	gazetteDraft = ingest.Draft{Title: "Eastern bank plant passes pump tests", Outlet: "Northern Gazette",
		Published: time.Date(2024, 2, 9, 0, 0, 0, 0, time.UTC),
		Text: "Residents of the eastern districts have waited six years for clean tap water.\n\n" + wirePassage +
			"\n\nLocal traders welcomed the news but asked when the pipes would reach the market square."}
	courierDraft = ingest.Draft{Title: "Water plant to open in spring", Outlet: "Lakeside Courier",
		Published: time.Date(2024, 2, 10, 0, 0, 0, 0, time.UTC),
		Text: "A long-delayed public works project is nearly finished, officials say.\n\n" + wirePassage +
			"\n\nThe opposition called the timetable optimistic and asked for an audit of the contracts."}
	heraldDraft = ingest.Draft{Title: "Forty thousand homes to get tap water", Outlet: "Valley Herald",
		Published: time.Date(2024, 2, 11, 0, 0, 0, 0, time.UTC),
		Text: "Good news for households on the far side of the river.\n\n" + wireEdited +
			"\n\nA spokeswoman for the utility declined to say how much the plant had cost."}
	harvestDraft = ingest.Draft{Title: "Millet harvest late after rains", Outlet: "Farm Weekly",
		Published: time.Date(2024, 2, 12, 0, 0, 0, 0, time.UTC),
		Text:      "Farmers in the western plains said the millet harvest would come three weeks late this year because the rains lasted into November and flooded the lower fields."}
)

// addDraft adds an article through the service (as the CLI or a sync
// would), then lets the UI follow the change feed.
func (h *harness) addDraft(d ingest.Draft) string {
	h.t.Helper()
	res, err := h.nb.AddArticle(d)
	if err != nil {
		h.t.Fatal(err)
	}
	h.settle()
	return res.Article.ID
}

// open shows an article in the reader.
func (h *harness) open(id string) {
	h.t.Helper()
	h.ui.navigate(id, jump{})
	h.settle()
	if h.ui.cur.ID != id {
		h.t.Fatalf("reader shows %q, want %q", h.ui.cur.ID, id)
	}
}

// runeRange returns the rune range of the first occurrence of s in text.
func runeRange(t *testing.T, text, s string) (int, int) {
	t.Helper()
	i := strings.Index(text, s)
	if i < 0 {
		t.Fatalf("%q not in %q", s, text)
	}
	start := utf8.RuneCountInString(text[:i])
	return start, start + utf8.RuneCountInString(s)
}

// menuLabels lists a menu's item labels.
func menuLabels(m *fyne.Menu) []string {
	var out []string
	for _, it := range m.Items {
		if !it.IsSeparator {
			out = append(out, it.Label)
		}
	}
	return out
}

// menuItem finds a menu item whose label starts with prefix.
func menuItem(t *testing.T, m *fyne.Menu, prefix string) *fyne.MenuItem {
	t.Helper()
	for _, it := range m.Items {
		if strings.HasPrefix(it.Label, prefix) {
			return it
		}
	}
	t.Fatalf("no item %q in %q", prefix, menuLabels(m))
	return nil
}

func TestReuse_marksAndMenu(t *testing.T) {
	h := newHarness(t, false)
	gazette := h.addDraft(gazetteDraft)
	courier := h.addDraft(courierDraft)
	h.addDraft(harvestDraft)
	h.open(courier)

	v := h.ui.reader.view
	marks := v.Marks()
	if len(marks) != 1 {
		t.Fatalf("marks %+v, want one for the wire paragraph", marks)
	}
	ws, we := runeRange(t, courierDraft.Text, wirePassage)
	if m := marks[0]; m.Start > ws+10 || m.End < we-10 {
		t.Errorf("mark %d–%d, want about %d–%d", m.Start, m.End, ws, we)
	}
	if _, _, ok := v.MarkBar(marks[0].ID); !ok {
		t.Error("the mark has no bar")
	}

	// A click on the bar lists the other article, with its outlet, date
	// and similarity.
	h.ui.markTapped(markEventOf(marks[0]))
	m := h.ui.reuse.menu
	if m == nil {
		t.Fatal("no menu after a click on the mark")
	}
	labels := menuLabels(m)
	if len(labels) != 3 || labels[0] != "Also in 1 article, earliest first:" ||
		!strings.Contains(labels[1], "Eastern bank plant passes pump tests — Northern Gazette, 9 Feb 2024 · 100% similar") {
		t.Fatalf("menu %q", labels)
	}

	// Choosing it opens that article with the same passage flashed; Back
	// returns.
	menuItem(t, m, "Eastern bank").Action()
	h.settle()
	if h.ui.cur.ID != gazette {
		t.Fatalf("reader shows %q, want the Gazette article", h.ui.cur.Title)
	}
	fs, fe := v.LastFlash()
	gs, ge := runeRange(t, gazetteDraft.Text, wirePassage)
	if fs > gs+10 || fe < ge-10 || fs < gs-5 {
		t.Errorf("flashed %d–%d, want about %d–%d", fs, fe, gs, ge)
	}
	if len(v.Marks()) != 1 {
		t.Errorf("the Gazette article has marks %+v", v.Marks())
	}
	h.ui.nav.goBack()
	h.settle()
	if h.ui.cur.ID != courier {
		t.Errorf("Back shows %q, want the Courier article", h.ui.cur.Title)
	}
}

// markEventOf is the event of a click on a mark.
func markEventOf(m articleview.Mark) articleview.MarkEvent {
	return articleview.MarkEvent{ID: m.ID, Start: m.Start, End: m.End}
}

func TestReuse_newArticleMarksOpenArticle(t *testing.T) {
	h := newHarness(t, false)
	courier := h.addDraft(courierDraft)
	h.addDraft(harvestDraft)
	h.open(courier)
	if n := len(h.ui.reader.view.Marks()); n != 0 {
		t.Fatalf("%d marks before any article shares text", n)
	}
	// Another article carrying the paragraph arrives (an import by the
	// CLI, a sync): the open article is marked at once, without leaving it.
	top := h.ui.reader.view.TopOffset()
	h.addDraft(heraldDraft)
	if h.ui.cur.ID != courier {
		t.Fatalf("the reader left the open article for %q", h.ui.cur.Title)
	}
	if n := len(h.ui.reader.view.Marks()); n != 1 {
		t.Fatalf("%d marks after the Herald article came, want 1", n)
	}
	if h.ui.reader.view.TopOffset() != top {
		t.Error("the reading position moved")
	}
	h.ui.markTapped(markEventOf(h.ui.reader.view.Marks()[0]))
	if l := menuLabels(h.ui.reuse.menu); len(l) != 3 || !strings.Contains(l[1], "Valley Herald") || strings.Contains(l[1], "100%") {
		t.Errorf("menu %q, want the Herald's lightly edited copy", l)
	}
	// Deleting it takes the marks away.
	h.ui.deleteArticles([]string{h.ui.lib.all[0].ID})
	h.settle()
	if n := len(h.ui.reader.view.Marks()); n != 0 {
		t.Errorf("%d marks after the other article was deleted", n)
	}
}

func TestReuse_muteWithUndo(t *testing.T) {
	h := newHarness(t, false)
	h.addDraft(gazetteDraft)
	courier := h.addDraft(courierDraft)
	h.open(courier)
	if len(h.ui.reader.view.Marks()) != 1 {
		t.Fatal("no mark")
	}
	h.ui.markTapped(markEventOf(h.ui.reader.view.Marks()[0]))
	menuItem(t, h.ui.reuse.menu, "Mute this passage").Action()
	h.settle()
	if n := len(h.ui.reader.view.Marks()); n != 0 {
		t.Fatalf("%d marks after muting", n)
	}
	if !strings.Contains(h.ui.notify.msg.Text, "muted") {
		t.Errorf("notification %q", h.ui.notify.msg.Text)
	}
	h.ui.undoAction()
	h.settle()
	if n := len(h.ui.reader.view.Marks()); n != 1 {
		t.Fatalf("%d marks after Undo, want 1", n)
	}
	h.ui.redoAction()
	h.settle()
	if n := len(h.ui.reader.view.Marks()); n != 0 {
		t.Fatalf("%d marks after Redo", n)
	}
}

// TestReuse_mutedElsewhere: a passage muted outside the reader (a sync
// bringing another machine's mute, the CLI on a shared notebook) loses its
// marks through the change feed.
func TestReuse_mutedElsewhere(t *testing.T) {
	h := newHarness(t, false)
	h.addDraft(gazetteDraft)
	courier := h.addDraft(courierDraft)
	h.open(courier)
	ps, err := h.nb.Reuse(courier, 0)
	if err != nil || len(ps) != 1 || len(h.ui.reader.view.Marks()) != 1 {
		t.Fatalf("passages %v %v, marks %v", ps, err, h.ui.reader.view.Marks())
	}
	if err := h.nb.MuteReuse(ps[0].Key, true); err != nil {
		t.Fatal(err)
	}
	h.settle()
	if n := len(h.ui.reader.view.Marks()); n != 0 {
		t.Fatalf("%d marks after a mute elsewhere", n)
	}
}

func TestReuse_keyboard(t *testing.T) {
	h := newHarness(t, false)
	h.addDraft(gazetteDraft)
	harvest := h.addDraft(harvestDraft)
	courier := h.addDraft(courierDraft)
	h.open(harvest)
	h.ui.runShortcut(key(fyne.KeyR, true))
	if h.ui.reuse.menu != nil || !strings.Contains(h.ui.notify.msg.Text, "No passage") {
		t.Fatalf("Ctrl+Shift+R without shared passages: menu %v, notification %q", h.ui.reuse.menu, h.ui.notify.msg.Text)
	}
	h.open(courier)
	// The caret in the shared paragraph.
	s, _ := h.selectQuote("engineers had finished")
	h.ui.reader.view.SetSelection(s, s)
	h.ui.runShortcut(key(fyne.KeyR, true))
	if m := h.ui.reuse.menu; m == nil || !strings.Contains(menuLabels(m)[1], "Northern Gazette") {
		t.Fatalf("Ctrl+Shift+R at the caret: menu %v", m)
	}
	// With the caret elsewhere, the first shared passage in view.
	h.ui.reuse.menu = nil
	h.ui.reader.view.SetSelection(3, 3)
	h.ui.runShortcut(key(fyne.KeyR, true))
	if h.ui.reuse.menu == nil {
		t.Fatal("Ctrl+Shift+R away from the passage: no menu")
	}
}

func TestCard_alsoIn(t *testing.T) {
	h := newHarness(t, false)
	h.addDraft(gazetteDraft)
	h.addDraft(heraldDraft)
	courier := h.addDraft(courierDraft)
	h.open(courier)
	h.selectQuote("forty thousand households")
	h.ui.reader.view.TypedRune('h')
	h.settle()
	h.selectQuote("audit of the contracts")
	h.ui.reader.view.TypedRune('h')
	h.settle()
	if len(h.ui.curAnns) != 2 {
		t.Fatalf("%d highlights", len(h.ui.curAnns))
	}
	shared, own := h.ui.anns.card(h.ui.curAnns[0].ID), h.ui.anns.card(h.ui.curAnns[1].ID)
	if _, _, also := shared.meta.shown(); also != "also in 2 articles" {
		t.Errorf("shared highlight's card: %q", also)
	}
	if _, _, also := own.meta.shown(); also != "" {
		t.Errorf("a highlight no other article carries says %q", also)
	}
	// The link opens the same list, earliest first.
	shared.meta.also.OnTapped()
	l := menuLabels(h.ui.reuse.menu)
	if len(l) != 4 || !strings.Contains(l[1], "Northern Gazette") || !strings.Contains(l[2], "Valley Herald") {
		t.Errorf("menu %q", l)
	}
}

func TestTagSources_summary(t *testing.T) {
	h := newHarness(t, false)
	gazette := h.addDraft(gazetteDraft)
	courier := h.addDraft(courierDraft)
	harvest := h.addDraft(harvestDraft)
	spec := func(id, quote string) notebook.HighlightSpec {
		return notebook.HighlightSpec{ArticleID: id, Quote: quote, Tags: []string{"Water"}}
	}
	for _, s := range []notebook.HighlightSpec{spec(gazette, "water treatment plant"), spec(courier, "forty thousand households"),
		spec(courier, "audit of the contracts"), spec(harvest, "millet harvest")} {
		if _, err := h.nb.Highlight(s); err != nil {
			t.Fatal(err)
		}
	}
	h.settle()
	if h.ui.tagSources.box.Visible() {
		t.Error("sources shown with no tag selected")
	}
	h.ui.lib.tree.Select(tagNodePrefix + "Water")
	h.settle()
	ts := h.ui.tagSources
	if !ts.box.Visible() || ts.label.Text != "4 highlights from 3 independent sources" {
		t.Fatalf("summary %q (visible %v)", ts.label.Text, ts.box.Visible())
	}
	ts.button.OnTapped()
	if ts.dlg == nil {
		t.Fatal("no list of sources")
	}
	// The reused passage is traced to the Gazette, which printed it first.
	found := false
	for _, src := range ts.sources {
		if len(src.Passages) > 0 {
			found = src.Origin.ArticleID == gazette && len(src.Annotations) == 2
		}
	}
	if !found {
		t.Errorf("sources %+v: want the wire passage traced to the Gazette", ts.sources)
	}
	h.closeDialogs()
	// Another tagged highlight updates the figures.
	if _, err := h.nb.Highlight(spec(harvest, "western plains")); err != nil {
		t.Fatal(err)
	}
	h.settle()
	if ts.label.Text != "5 highlights from 3 independent sources" {
		t.Errorf("after a new highlight: %q", ts.label.Text)
	}
	h.ui.lib.tree.Select(nodeArticles)
	h.settle()
	if ts.box.Visible() {
		t.Error("sources still shown for all articles")
	}
}

func TestReuseMenu_long(t *testing.T) {
	h := newHarness(t, false)
	var others []notebook.ReuseMatch
	for i := range 20 {
		others = append(others, notebook.ReuseMatch{ArticleID: fmt.Sprintf("a%02d", i), Title: fmt.Sprintf("Copy %02d", i),
			Published: fmt.Sprintf("2024-01-%02d", 20-i), Similarity: 0.9})
	}
	m := h.ui.reuseMenu([]notebook.ReusePassage{{Key: "k", Others: others}})
	l := menuLabels(m)
	// A heading, the twelve earliest, "All 20 articles…", mute.
	if len(l) != 15 || !strings.HasPrefix(l[1], "Copy 19 — 1 Jan 2024") || l[13] != "All 20 articles…" {
		t.Fatalf("menu %q", l)
	}
	menuItem(t, m, "All 20 articles…").Action()
	if h.ui.reuse.all == nil || len(h.ui.dialogs) != 1 {
		t.Error("no list of every article")
	}
}
