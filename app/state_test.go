package app

import (
	"fmt"
	"image/color"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"github.com/glossnotes/gloss/app/articleview"
	"github.com/glossnotes/gloss/notebook"
)

// Issue 15, "State that goes stale".

// textsIn lists the canvas texts drawn by an object and its children.
func textsIn(o fyne.CanvasObject) []*canvas.Text {
	var out []*canvas.Text
	switch v := o.(type) {
	case *canvas.Text:
		out = append(out, v)
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(v).Objects() {
			out = append(out, textsIn(c)...)
		}
	case *fyne.Container:
		for _, c := range v.Objects {
			out = append(out, textsIn(c)...)
		}
	}
	return out
}

func sameColor(a, b color.Color) bool {
	r1, g1, b1, a1 := a.RGBA()
	r2, g2, b2, a2 := b.RGBA()
	return r1 == r2 && g1 == g2 && b1 == b2 && a1 == a2
}

// TestUI_ThemeSwitchRepaintsCards: after View → Light and View → Dark, a
// card's background, chip and text are the new theme's colours (they
// stayed in the old theme, so the text was unreadable or invisible).
func TestUI_ThemeSwitchRepaintsCards(t *testing.T) {
	h := newHarness(t, false)
	h.importSample()
	h.selectQuote(consignment)
	h.ui.reader.view.TypedRune('2') // red
	h.settle()
	h.ui.anns.editNote(h.ui.curAnns[0].ID)
	card := h.ui.anns.card(h.ui.curAnns[0].ID)
	test.Type(card.editor, "A **bold** note")
	card.editor.TypedShortcut(key(fyne.KeyReturn, false))
	h.settle()
	for _, mode := range []string{themeDark, themeLight, themeDark} {
		h.ui.setTheme(mode)
		h.settle()
		variant := theme.VariantLight
		if mode == themeDark {
			variant = theme.VariantDark
		}
		base := theme.DefaultTheme()
		card := h.ui.anns.card(h.ui.curAnns[0].ID)
		if want := base.Color(theme.ColorNameInputBackground, variant); !sameColor(card.bg.FillColor, want) {
			t.Errorf("%s: card background %v, want %v", mode, card.bg.FillColor, want)
		}
		if want := articleview.HighlightColor("red", variant); !sameColor(card.chip.FillColor, want) {
			t.Errorf("%s: chip %v, want %v", mode, card.chip.FillColor, want)
		}
		fg := base.Color(theme.ColorNameForeground, variant)
		quote := textsIn(card.quote)
		if len(quote) == 0 || !sameColor(quote[0].Color, fg) {
			t.Errorf("%s: quote text colour %v, want %v", mode, quote, fg)
		}
		note := textsIn(card.note)
		if len(note) == 0 {
			t.Fatalf("%s: the note draws no text", mode)
		}
		for _, tx := range note {
			if !sameColor(tx.Color, fg) {
				t.Errorf("%s: note text %q in %v, want %v", mode, tx.Text, tx.Color, fg)
			}
		}
	}
}

// TestUI_LibrarySelectionFollowsReader: the list selection always shows
// the article in the reader — after a jump from the palette, with a filter
// hiding it, and after the rows move; clicking the old row opens it.
func TestUI_LibrarySelectionFollowsReader(t *testing.T) {
	h := newHarness(t, false)
	sample := h.importSample()
	other := writeFile(t, "harvest.txt", "Harvest report\n\nFarmers in the north expect a smaller millet harvest after the late rains.\n")
	h.ui.importPaths([]string{other})
	h.settle()
	var harvest string
	for _, a := range h.ui.lib.all {
		if a.ID != sample {
			harvest = a.ID
		}
	}
	row := func(id string) int { return h.ui.lib.articleIndex(id) }
	if h.ui.lib.selIdx != row(sample) {
		t.Fatalf("selected row %d, want the sample's %d", h.ui.lib.selIdx, row(sample))
	}
	// A jump (as from the palette) moves the selection.
	h.ui.navigate(harvest, jump{})
	h.settle()
	if h.ui.lib.selIdx != row(harvest) {
		t.Errorf("after the jump: selected row %d, want %d", h.ui.lib.selIdx, row(harvest))
	}
	// Clicking the previous article's row opens it.
	h.ui.lib.list.Select(row(sample))
	h.settle()
	if h.ui.cur.ID != sample {
		t.Errorf("clicking the sample's row shows %q", h.ui.cur.Title)
	}
	// A filter that hides the article in the reader leaves no row
	// selected; a jump to an unlisted article too.
	h.ui.lib.filter.SetText("harvest")
	h.settle()
	if h.ui.lib.selIdx != -1 {
		t.Errorf("filtered list selects row %d while the reader shows an unlisted article", h.ui.lib.selIdx)
	}
	h.ui.lib.list.Select(0) // the harvest row, clickable
	h.settle()
	if h.ui.cur.ID != harvest || h.ui.lib.selIdx != 0 {
		t.Errorf("clicking the listed row: reader %q, selected %d", h.ui.cur.Title, h.ui.lib.selIdx)
	}
	h.ui.navigate(sample, jump{})
	h.settle()
	if h.ui.lib.selIdx != -1 {
		t.Errorf("jump to an unlisted article keeps row %d selected", h.ui.lib.selIdx)
	}
	h.ui.lib.filter.SetText("")
	h.settle()
	if h.ui.lib.selIdx != row(sample) {
		t.Errorf("filter cleared: selected row %d, want %d", h.ui.lib.selIdx, row(sample))
	}
}

// TestUI_TreeCounts: "All articles" counts every article while a tag is
// selected; All highlights, Orphans and Trash show their counts; counts
// read "1 article · 1 highlight".
func TestUI_TreeCounts(t *testing.T) {
	h := newHarness(t, false)
	id := h.importSample()
	h.ui.importPaths([]string{writeFile(t, "b.txt", "Second piece\n\nA short second article about river transport.\n")})
	h.settle()
	h.selectQuote(wagner)
	h.ui.reader.view.TypedRune('h')
	h.settle()
	h.ui.tagArticles([]string{id}, "Sahel")
	h.settle()
	count := func(node string) string {
		row := h.ui.lib.newTreeRow(false)
		h.ui.lib.updateTreeRow(node, false, row)
		return row.(*treeRow).count.Text
	}
	h.ui.lib.tree.Select(tagNodePrefix + "Sahel")
	h.settle()
	if len(h.ui.lib.shown) != 1 {
		t.Fatalf("tag filter shows %d articles", len(h.ui.lib.shown))
	}
	for node, want := range map[string]string{nodeArticles: "2", nodeHighlights: "1", nodeOrphans: "0", nodeTrash: "0"} {
		if got := count(node); got != want {
			t.Errorf("%s count %q, want %q", node, got, want)
		}
	}
	// Editing the text orphans the highlight: the count follows.
	body, _ := h.nb.Text(id)
	h.ui.saveText(id, strings.ReplaceAll(body.Text, wagner, "a private military company"), nil)
	h.settle()
	if got := count(nodeOrphans); got != "1" {
		t.Errorf("orphans after the edit: %q, want 1", got)
	}
	if got := tagCounts(notebook.TagCount{Articles: 1, Annotations: 1}); got != "1 article · 1 highlight" {
		t.Errorf("tag counts read %q", got)
	}
	if got := tagCounts(notebook.TagCount{Articles: 2}); got != "2 articles · 0 highlights" {
		t.Errorf("tag counts read %q", got)
	}
}

// TestUI_FilterStartsAtTop: a new filter shows its results from the top
// (the list kept its old offset and showed only the last results).
func TestUI_FilterStartsAtTop(t *testing.T) {
	h := newHarness(t, false)
	dir := t.TempDir()
	var paths []string
	for i := range 60 {
		word := "harbour"
		if i%3 == 0 {
			word = "yukos"
		}
		paths = append(paths, writeFileIn(t, dir, fmt.Sprintf("n%02d.txt", i),
			fmt.Sprintf("Note %02d on the %s file\n\nA paragraph about case %d of the %s file.\n", i, word, i, word)))
	}
	h.ui.importPaths(paths)
	h.settle()
	h.win.Resize(fyne.NewSize(1280, 800))
	h.ui.lib.list.ScrollToBottom()
	if h.ui.lib.list.GetScrollOffset() <= 0 {
		t.Fatal("the list did not scroll")
	}
	h.ui.lib.filter.SetText("yukos")
	h.settle()
	if n := len(h.ui.lib.shown); n != 20 {
		t.Fatalf("filter shows %d articles, want 20", n)
	}
	if off := h.ui.lib.list.GetScrollOffset(); off != 0 {
		t.Errorf("filtered list starts at offset %v, want 0 (its first results)", off)
	}
}
