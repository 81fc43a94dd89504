package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
)

// Issue 19, "Citation keys".

// TestUI_EditCiteKey: the metadata dialog shows the article's citation
// key, checks a typed key, saves a new one (undoably), and shows the
// notebook's refusal of a key another article has.
func TestUI_EditCiteKey(t *testing.T) {
	h := newHarness(t, false)
	h.ui.importPaths([]string{writeFile(t, "harbour.txt", secondArticle)})
	h.settle()
	other := h.ui.cur
	id := h.importSample()
	h.ui.openArticle(id, jump{})
	h.settle()
	old := h.ui.cur.CiteKey
	if old == "" || other.CiteKey == "" || other.ID == id {
		t.Fatalf("keys %q and %q (articles %s, %s)", old, other.CiteKey, id, other.ID)
	}
	f := h.ui.showMetadata()
	if f.citeKey.Text != old {
		t.Errorf("the dialog shows key %q, want %q", f.citeKey.Text, old)
	}
	for _, bad := range []string{"two words", "-dash", "ключ"} {
		f.citeKey.SetText(bad)
		if f.citeKey.Validate() == nil {
			t.Errorf("key %q passes the form's check", bad)
		}
	}
	f.citeKey.SetText("orlovsky2024drones")
	if err := f.citeKey.Validate(); err != nil {
		t.Fatalf("a good key fails: %v", err)
	}
	f.submit()
	h.closeDialogs()
	h.settle()
	if a, _ := h.nb.Article(id); a.CiteKey != "orlovsky2024drones" {
		t.Fatalf("key after save %q", a.CiteKey)
	}
	if h.ui.cur.CiteKey != "orlovsky2024drones" {
		t.Errorf("the window shows key %q after the save", h.ui.cur.CiteKey)
	}
	h.ui.undoAction()
	h.settle()
	if a, _ := h.nb.Article(id); a.CiteKey != old {
		t.Errorf("key after undo %q, want %q", a.CiteKey, old)
	}
	// A key another article has: the notebook refuses it, in a dialog.
	f = h.ui.showMetadata()
	f.citeKey.SetText(other.CiteKey)
	f.submit()
	h.settle()
	if !strings.Contains(h.ui.lastError, "already belongs") {
		t.Errorf("clash error %q", h.ui.lastError)
	}
	if a, _ := h.nb.Article(id); a.CiteKey != old {
		t.Errorf("a refused key was stored: %q", a.CiteKey)
	}
	h.closeDialogs()
}

// TestUI_CopyCiteKey: the Edit menu and a card's ⋮ menu copy the
// article's key as a pandoc citation.
func TestUI_CopyCiteKey(t *testing.T) {
	h := newHarness(t, false)
	h.importSample()
	key := h.ui.cur.CiteKey
	h.selectQuote(consignment)
	h.ui.reader.view.TypedRune('h')
	h.settle()
	clip := h.ui.app.Clipboard()
	clip.SetContent("")
	if !menuHas(h.win.MainMenu(), "Copy citation key") {
		t.Error("no Copy citation key in the main menu")
	}
	h.ui.copyCurrentCiteKey()
	h.settle()
	if got := clip.Content(); got != "[@"+key+"]" {
		t.Errorf("Edit menu copied %q, want [@%s]", got, key)
	}
	// The card's ⋮ menu.
	if len(h.ui.curAnns) != 1 {
		t.Fatalf("%d annotations", len(h.ui.curAnns))
	}
	card := h.ui.anns.card(h.ui.curAnns[0].ID)
	var more *glyphButton
	for _, o := range test.LaidOutObjects(card) {
		if g, ok := o.(*glyphButton); ok && g.glyph == glyphMore {
			more = g
		}
	}
	if more == nil {
		t.Fatal("no ⋮ button on the card")
	}
	clip.SetContent("")
	more.onTap()
	item := menuEntry(h.win.Canvas().Overlays().Top(), "Copy citation key")
	if item == nil {
		t.Fatal("the card menu has no Copy citation key")
	}
	test.Tap(item)
	h.settle()
	if got := clip.Content(); got != "[@"+key+"]" {
		t.Errorf("card menu copied %q, want [@%s]", got, key)
	}
	if !strings.Contains(h.ui.notify.msg.Text, "[@"+key+"]") {
		t.Errorf("notice %q", h.ui.notify.msg.Text)
	}
}

// menuHas reports whether a main menu has an item with this label.
func menuHas(m *fyne.MainMenu, label string) bool {
	for _, menu := range m.Items {
		for _, it := range menu.Items {
			if it.Label == label {
				return true
			}
		}
	}
	return false
}

// menuEntry finds the menu item labelled label in an open pop-up menu
// (the deepest tappable object that draws the label).
func menuEntry(o fyne.CanvasObject, label string) fyne.Tappable {
	if o == nil {
		return nil
	}
	var found fyne.Tappable
	for _, x := range test.LaidOutObjects(o) {
		if tp, ok := x.(fyne.Tappable); ok && textsContain(x, label) {
			found = tp
		}
	}
	return found
}

// textsContain reports whether o draws the text s.
func textsContain(o fyne.CanvasObject, s string) bool {
	for _, x := range test.LaidOutObjects(o) {
		if t, ok := x.(*canvas.Text); ok && strings.Contains(t.Text, s) {
			return true
		}
	}
	return false
}
