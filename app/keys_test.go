package app

import (
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/glossnotes/gloss/notebook"
)

// Issue 15, "The keyboard".

// focused is the object with the keyboard.
func (h *harness) focused() fyne.Focusable { return h.win.Canvas().Focused() }

// TestUI_KeysAfterCardClick: clicking a card selects its annotation and
// keeps the reader's keys for it (1–8, N, T, Delete); Esc returns to the
// reader. Clicking a swatch keeps the reader's focus.
func TestUI_KeysAfterCardClick(t *testing.T) {
	h := newHarness(t, false)
	id := h.importSample()
	h.selectQuote(wagner)
	h.ui.reader.view.TypedRune('h')
	h.settle()
	h.selectQuote(consignment)
	test.Tap(h.ui.reader.bar.items[1].(*swatch)) // red, with the mouse
	h.settle()
	if h.focused() != h.ui.reader.view {
		t.Fatalf("after a swatch click the focus is on %T, want the reader", h.focused())
	}
	anns, _ := h.nb.Annotations(id)
	if len(anns) != 2 {
		t.Fatalf("%d annotations", len(anns))
	}
	var first string // the Wagner Group highlight
	for _, a := range h.ui.curAnns {
		if a.Quote == wagner {
			first = a.ID
		}
	}
	test.Tap(h.ui.anns.card(first))
	h.settle()
	if h.ui.selAnn != first {
		t.Fatalf("card click selected %q", h.ui.selAnn)
	}
	if h.focused() == nil {
		t.Fatal("after a card click nothing has the keyboard")
	}
	h.focused().TypedRune('3') // green
	h.settle()
	if a, _ := h.nb.Annotation(first); a.Color != notebook.Green {
		t.Errorf("3 after a card click: colour %s, want green", a.Color)
	}
	h.focused().TypedRune('t')
	h.settle()
	if h.ui.picker == nil || h.ui.picker.target == nil {
		t.Fatal("T after a card click did not open the highlight's tags")
	}
	h.ui.closeModal(h.ui.picker.dlg)
	h.ui.picker = nil
	test.Tap(h.ui.anns.card(first))
	h.focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyDelete})
	h.settle()
	if _, err := h.nb.Annotation(first); err == nil {
		t.Error("Delete after a card click did not delete the highlight")
	}
	test.Tap(h.ui.anns.card(h.ui.curAnns[0].ID))
	h.focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if h.focused() != h.ui.reader.view {
		t.Errorf("Esc left the focus on %T", h.focused())
	}
	// With nothing focused the window's own handlers take the keys.
	h.win.Canvas().Unfocus()
	h.ui.selectAnnotation(h.ui.curAnns[0].ID)
	h.win.Canvas().(interface{ OnTypedRune() func(rune) }).OnTypedRune()('5')
	h.settle()
	if a, _ := h.nb.Annotation(h.ui.curAnns[0].ID); a.Color != notebook.Purple {
		t.Errorf("5 with nothing focused: colour %s, want purple", a.Color)
	}
}

// TestUI_UndoAfterTagManager: Ctrl+Z after closing the tag manager undoes
// the rename, not the filter box's typing; a note editor with unsaved
// typing keeps Ctrl+Z for itself.
func TestUI_UndoAfterTagManager(t *testing.T) {
	h := newHarness(t, false)
	id := h.importSample()
	h.ui.tagArticles([]string{id}, "Sahel")
	h.settle()
	h.win.Canvas().Focus(h.ui.lib.filter)
	test.Type(h.ui.lib.filter, "orlov")
	h.ui.showTagManager()
	h.settle()
	h.ui.renameTag("Sahel", "West Africa", nil)
	h.settle()
	h.ui.closeModal(h.ui.tagManager.dlg)
	if h.focused() != h.ui.reader.view {
		t.Errorf("after the tag manager closed the focus is on %T, want the reader", h.focused())
	}
	// Even with the filter box focused, Ctrl+Z is Gloss's.
	h.win.Canvas().Focus(h.ui.lib.filter)
	h.focused().(fyne.Shortcutable).TypedShortcut(&fyne.ShortcutUndo{})
	h.settle()
	if h.ui.lib.filter.Text != "orlov" {
		t.Errorf("Ctrl+Z changed the filter to %q", h.ui.lib.filter.Text)
	}
	if _, ok := h.ui.lib.tags["Sahel"]; !ok {
		t.Errorf("Ctrl+Z did not undo the rename: tags %v", h.ui.tagNames())
	}
	// A note editor with a draft undoes its own typing.
	h.selectQuote(wagner)
	h.ui.reader.view.TypedRune('n')
	h.settle()
	ed := h.ui.anns.card(h.ui.selAnn).editor
	test.Type(ed, "draft")
	stack := len(h.ui.undo.done)
	ed.TypedShortcut(&fyne.ShortcutUndo{})
	h.settle()
	if len(h.ui.undo.done) != stack {
		t.Error("Ctrl+Z in a note with a draft reached Gloss's undo stack")
	}
	if ed.Text == "draft" {
		t.Error("Ctrl+Z in a note with a draft did not undo its typing")
	}
}

// TestUI_PaletteReplacesOldQuery: Ctrl+K shows the last query selected, so
// typing replaces it.
func TestUI_PaletteReplacesOldQuery(t *testing.T) {
	h := newHarness(t, false)
	h.importSample()
	h.ui.focusReader()
	h.ui.runShortcut(key(fyne.KeyK, false))
	if h.focused() != h.ui.palette.entry || h.ui.reader.view.Focused() {
		t.Error("the reader keeps the focus (and its caret) under the palette")
	}
	test.Type(h.ui.palette.entry, "drones")
	h.settle()
	h.ui.palette.entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	h.ui.runShortcut(key(fyne.KeyK, false))
	if h.ui.palette.entry.SelectedText() != "drones" {
		t.Errorf("the old query is not selected: %q selected", h.ui.palette.entry.SelectedText())
	}
	test.Type(h.ui.palette.entry, "wagner")
	if got := h.ui.palette.entry.Text; got != "wagner" {
		t.Errorf("typing after Ctrl+K gives %q, want the new query alone", got)
	}
}

// TestUI_KeyboardOnly: Tab goes through the panes (filter, list, tree,
// reader, cards), arrows move in the lists and Enter opens.
func TestUI_KeyboardOnly(t *testing.T) {
	h := newHarness(t, false)
	sample := h.importSample()
	h.ui.importPaths([]string{writeFile(t, "b.txt", "Second piece\n\nA short second article about river transport.\n")})
	h.settle()
	h.selectQuote(wagner)
	h.ui.reader.view.TypedRune('h')
	h.settle()
	c := h.win.Canvas()
	c.Focus(h.ui.lib.filter)
	var order []fyne.Focusable
	for range 40 {
		c.FocusNext()
		if f := c.Focused(); f != nil && !slices.Contains(order, f) {
			order = append(order, f)
		}
	}
	pos := func(f fyne.Focusable) int { return slices.Index(order, f) }
	want := []fyne.Focusable{h.ui.lib.list, h.ui.lib.tree, h.ui.reader.view, h.ui.anns.keys}
	for i, f := range want {
		if pos(f) < 0 {
			t.Fatalf("Tab never reaches %T (order %T)", f, order)
		}
		if i > 0 && pos(f) < pos(want[i-1]) {
			t.Errorf("Tab reaches %T before %T", f, want[i-1])
		}
	}
	// In the list: Down, Enter opens the second article and keeps the
	// list's focus.
	c.Focus(h.ui.lib.list)
	first := h.ui.lib.shown[0].ID
	h.ui.lib.list.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	h.ui.lib.list.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	h.settle()
	if h.ui.cur.ID != h.ui.lib.shown[1].ID || h.ui.cur.ID == first {
		t.Errorf("Down, Enter opened %q", h.ui.cur.Title)
	}
	if h.focused() != h.ui.lib.list {
		t.Errorf("Enter in the list moved the focus to %T", h.focused())
	}
	// The cards: Down selects a card and shows its passage.
	h.ui.navigate(sample, jump{})
	h.settle()
	c.Focus(h.ui.anns.keys)
	if h.ui.selAnn == "" {
		t.Error("focusing the cards selected no card")
	}
	h.ui.anns.keys.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if ed := h.ui.anns.card(h.ui.selAnn).editor; ed == nil {
		t.Error("Enter on a card did not open its note")
	}
	// The tree: Down to All highlights, Enter shows them.
	c.Focus(h.ui.lib.tree)
	h.ui.lib.tree.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	h.ui.lib.tree.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	h.settle()
	if h.ui.lib.node == nodeArticles && h.ui.anns.mode == paneArticle {
		t.Errorf("Down, Enter in the tree stayed on All articles")
	}
}

// TestUI_BackForward: a jump from the palette (or a card, or a list) can
// be taken back with Alt+Left and done again with Alt+Right.
func TestUI_BackForward(t *testing.T) {
	h := newHarness(t, false)
	sample := h.importSample()
	h.ui.importPaths([]string{writeFile(t, "b.txt", "Second piece\n\nA short second article about river transport and drones.\n")})
	h.settle()
	h.ui.reader.view.ScrollToTopOffset(strings.Index(h.ui.reader.view.Text(), wagner))
	top := h.ui.reader.view.TopOffset()
	if top == 0 {
		t.Fatal("the reader did not scroll")
	}
	h.ui.runShortcut(key(fyne.KeyK, false))
	test.Type(h.ui.palette.entry, "river transport")
	h.settle()
	h.ui.palette.entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	h.settle()
	if h.ui.cur.ID == sample {
		t.Fatal("the palette did not jump to the second article")
	}
	other := h.ui.cur.ID
	h.ui.runShortcut(altKey(fyne.KeyLeft))
	h.settle()
	if h.ui.cur.ID != sample || h.ui.reader.view.TopOffset() != top {
		t.Errorf("Back: %q at %d, want the sample at %d", h.ui.cur.Title, h.ui.reader.view.TopOffset(), top)
	}
	h.ui.runShortcut(altKey(fyne.KeyRight))
	h.settle()
	if h.ui.cur.ID != other {
		t.Errorf("Forward: %q", h.ui.cur.Title)
	}
	// A card click is a jump too.
	h.ui.navigate(sample, jump{})
	h.settle()
	h.selectQuote("Rasmané Ilboudo") // near the end
	h.ui.reader.view.TypedRune('h')
	h.settle()
	h.ui.reader.view.ScrollToTopOffset(0)
	test.Tap(h.ui.anns.card(h.ui.curAnns[0].ID))
	h.settle()
	if h.ui.reader.view.TopOffset() == 0 {
		t.Fatal("the card click did not show its passage")
	}
	h.ui.nav.goBack()
	h.settle()
	if h.ui.reader.view.TopOffset() != 0 {
		t.Errorf("Back after a card click: top %d, want 0", h.ui.reader.view.TopOffset())
	}
}
