package app

import (
	"strings"
	"testing"

	"github.com/glossnotes/gloss/notebook"
)

func TestCreatorName(t *testing.T) {
	for in, want := range map[string]string{
		"Ann Author <ann@example.org>": "Ann Author",
		"  Bob  <bob@example.org>":     "Bob",
		"<carol@example.org>":          "carol@example.org",
		"Dan":                          "Dan",
		"":                             "",
	} {
		if got := creatorName(in); got != want {
			t.Errorf("creatorName(%q) = %q, want %q", in, got, want)
		}
	}
}

const (
	ann = "Ann Author <ann@example.org>"
	bob = "Bob Builder <bob@example.org>"
)

// creatorLabel returns what a card says of its creator ("" when hidden).
func creatorLabel(h *harness, id string) string {
	c := h.ui.anns.card(id)
	if c == nil {
		return ""
	}
	_, who, _ := c.meta.shown()
	return who
}

func TestCreators_soloNotebookShowsNoNames(t *testing.T) {
	h := newHarness(t, false)
	h.nb.SetIdentity(ann)
	h.open(h.addDraft(councilDraft))
	h.selectQuote("town council")
	h.ui.reader.view.TypedRune('h')
	h.settle()
	if a := h.ui.curAnns[0]; a.Creator != ann || creatorLabel(h, a.ID) != "" {
		t.Errorf("solo notebook: creator %q, card says %q", a.Creator, creatorLabel(h, a.ID))
	}
	if h.ui.anns.people.check.Visible() {
		t.Error("the Only my highlights check shows in a solo notebook")
	}
}

func TestCreators_namesAndOnlyMine(t *testing.T) {
	h := newHarness(t, false)
	id := h.addDraft(councilDraft)
	// Bob's highlight came first (through sync, say); then Ann opens the
	// notebook and highlights.
	h.nb.SetIdentity(bob)
	if _, err := h.nb.Highlight(notebook.HighlightSpec{ArticleID: id, Quote: "old iron bridge"}); err != nil {
		t.Fatal(err)
	}
	h.nb.SetIdentity(ann)
	h.open(id)
	h.selectQuote("Shopkeepers on both banks")
	h.ui.reader.view.TypedRune('h')
	h.settle()
	if len(h.ui.curAnns) != 2 {
		t.Fatalf("%d highlights", len(h.ui.curAnns))
	}
	bobs, anns := h.ui.curAnns[0], h.ui.curAnns[1]
	if got := creatorLabel(h, bobs.ID); got != "by Bob Builder" {
		t.Errorf("Bob's card says %q", got)
	}
	if got := creatorLabel(h, anns.ID); got != "by Ann Author" {
		t.Errorf("Ann's card says %q", got)
	}
	p := h.ui.anns.people
	if !p.check.Visible() {
		t.Error("no Only my highlights check with two creators")
	}

	// Only my highlights: Bob's card goes; the choice is remembered.
	p.check.SetChecked(true)
	h.settle()
	if h.ui.anns.card(bobs.ID) != nil || h.ui.anns.card(anns.ID) == nil {
		t.Errorf("only mine: cards %v", len(h.ui.anns.cards.Objects))
	}
	if got := h.ui.anns.title.Text; got != "1 of 2 annotations (yours)" {
		t.Errorf("title %q", got)
	}
	if !h.ui.prefs.Bool(prefKey(h.nb.Path(), prefOnlyMine)) || !p.item.Checked {
		t.Error("the choice is not remembered or the View menu not ticked")
	}
	// New highlights by others stay hidden; mine show.
	h.nb.SetIdentity(bob)
	if _, err := h.nb.Highlight(notebook.HighlightSpec{ArticleID: id, Quote: "deliveries"}); err != nil {
		t.Fatal(err)
	}
	h.nb.SetIdentity(ann)
	h.settle()
	if n := len(h.ui.anns.cards.Objects); n != 1 {
		t.Errorf("%d cards after Bob's new highlight, want 1", n)
	}
	// View → Only my highlights again: everyone's.
	p.item.Action()
	h.settle()
	if n := len(h.ui.anns.cards.Objects); n != 3 || p.check.Checked || p.item.Checked {
		t.Errorf("everyone's: %d cards, check %v, menu %v", n, p.check.Checked, p.item.Checked)
	}
	if strings.Contains(h.ui.anns.title.Text, "yours") {
		t.Errorf("title %q", h.ui.anns.title.Text)
	}
}

func TestCreators_onlyMineRemembered(t *testing.T) {
	h := newHarness(t, false)
	h.ui.prefs.SetBool(prefKey(h.nb.Path(), prefOnlyMine), true)
	ui := New(h.ui.app, h.win, h.nb)
	if !ui.anns.people.onlyMine || !ui.anns.people.check.Checked || !ui.anns.people.menuItem().Checked {
		t.Error("a new window does not start with Only my highlights")
	}
	ui.shutdown()()
}
