package app

import (
	"strings"
	"testing"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// Issue 15, "Reading position".

// TestUI_ClickHighlightKeepsText: selecting a highlight by clicking it in
// the text marks it (card and outline) and never moves the text.
func TestUI_ClickHighlightKeepsText(t *testing.T) {
	h := newHarness(t, false)
	h.importSample()
	h.selectQuote("Rasmané Ilboudo")
	h.ui.reader.view.TypedRune('h')
	h.settle()
	a := h.ui.curAnns[0]
	h.ui.selectAnnotation("")
	v := h.ui.reader.view
	v.ScrollToTopOffset(a.Start - 200)
	before := v.ScrollPosition()
	if before == 0 {
		t.Fatal("the reader did not scroll")
	}
	v.OnSpanTapped(a.ID) // what a click on the highlight calls
	h.settle()
	if v.ScrollPosition() != before {
		t.Errorf("clicking the highlight moved the text from %v to %v", before, v.ScrollPosition())
	}
	if h.ui.selAnn != a.ID || v.ActiveSpan() != a.ID || !h.ui.anns.card(a.ID).selected {
		t.Errorf("the clicked highlight is not selected (sel %q, active %q)", h.ui.selAnn, v.ActiveSpan())
	}
}

// TestUI_BackgroundWorkKeepsReader: a finished import does not take the
// reader away (it offers Open); Ctrl+Shift+V opens the pasted article,
// even with a tag filter that does not list it.
func TestUI_BackgroundWorkKeepsReader(t *testing.T) {
	h := newHarness(t, false)
	id := h.importSample()
	h.ui.tagArticles([]string{id}, "Sahel")
	h.settle()
	h.ui.lib.tree.Select(tagNodePrefix + "Sahel")
	h.settle()
	h.ui.importPaths([]string{writeFile(t, "c.txt", "Folder piece\n\nAn article that arrived with a folder import.\n")})
	h.settle()
	if h.ui.cur.ID != id {
		t.Errorf("the import switched the reader to %q", h.ui.cur.Title)
	}
	h.ui.app.Clipboard().SetContent("Pasted brief\n\nA short brief pasted from the clipboard.")
	h.ui.runShortcut(key(fyne.KeyV, true))
	h.settle()
	if h.ui.cur.Title != "Pasted brief" {
		t.Errorf("paste as article shows %q, want the pasted article", h.ui.cur.Title)
	}
	// Back returns to where the reader was.
	h.ui.nav.goBack()
	h.settle()
	if h.ui.cur.ID != id {
		t.Errorf("Back after the paste shows %q", h.ui.cur.Title)
	}
}

// TestUI_PhraseFlashesWholeMatch: opening a phrase's match shows and
// flashes the whole phrase, not its first word.
func TestUI_PhraseFlashesWholeMatch(t *testing.T) {
	h := newHarness(t, false)
	h.importSample()
	h.ui.importPaths([]string{writeFile(t, "d.txt", "Unrelated\n\nNothing here about the topic of the sample.\n")})
	h.settle()
	h.ui.runShortcut(key(fyne.KeyK, false))
	test.Type(h.ui.palette.entry, `"reconnaissance drones"`)
	h.settle()
	h.ui.palette.entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	h.settle()
	s, e := h.ui.reader.view.LastFlash()
	text := []rune(h.ui.reader.view.Text())
	if got := string(text[s:e]); got != "reconnaissance drones" {
		t.Errorf("flashed %q, want the whole phrase", got)
	}
}

func TestMatchSpan(t *testing.T) {
	text := "large consignment of Russian reconnaissance drones, officials said"
	at := func(w string) [2]int {
		i := utf8.RuneCountInString(text[:strings.Index(text, w)])
		return [2]int{i, i + utf8.RuneCountInString(w)}
	}
	tests := []struct {
		name   string
		ranges [][2]int
		want   string
	}{
		{"one word", [][2]int{at("drones")}, "drones"},
		{"phrase", [][2]int{at("reconnaissance"), at("drones")}, "reconnaissance drones"},
		{"far apart", [][2]int{at("consignment"), at("officials")}, "consignment"},
		{"punctuation between", [][2]int{at("drones"), at("officials")}, "drones, officials"},
	}
	for _, tt := range tests {
		s, e := matchSpan(text, tt.ranges)
		if got := string([]rune(text)[s:e]); got != tt.want {
			t.Errorf("%s: %q, want %q", tt.name, got, tt.want)
		}
	}
}
