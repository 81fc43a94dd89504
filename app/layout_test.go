package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
)

// Issue 15, "Layout at small sizes".

// TestUI_SmallWindow: at 800×600 with text selected, the panes keep their
// minimum widths, the action bar puts what does not fit in its ⋯ menu
// (nothing drawn past its edge), and the window's content fits.
func TestUI_SmallWindow(t *testing.T) {
	h := newHarness(t, false)
	h.importSample()
	h.win.Resize(fyne.NewSize(800, 600))
	h.selectQuote(consignment)
	h.settle()
	if w := h.ui.win.Content().MinSize().Width; w > 800 {
		t.Errorf("content needs %v px, more than the 800 px window", w)
	}
	panes := map[string]struct {
		o   fyne.CanvasObject
		min float32
	}{
		"library":     {h.ui.lib.list, minLibraryWidth - 20},
		"reader":      {h.ui.reader.view, minReaderWidth - 20},
		"annotations": {h.ui.anns.root, minAnnotationsWidth - 20},
	}
	for name, p := range panes {
		if w := p.o.Size().Width; w < p.min {
			t.Errorf("%s pane is %v px wide at 800×600, want at least %v", name, w, p.min)
		}
	}
	bar := h.ui.reader.bar
	if !bar.box.Visible() {
		t.Fatal("the action bar is hidden while text is selected")
	}
	barW := bar.box.Size().Width
	if barW > h.ui.reader.view.Size().Width+1 {
		t.Errorf("the action bar (%v px) is wider than the reader (%v px)", barW, h.ui.reader.view.Size().Width)
	}
	for i, it := range bar.items {
		if it.Visible() && it.Position().X+it.Size().Width > barW+0.5 {
			t.Errorf("action bar item %d ends at %v, past the bar's %v", i, it.Position().X+it.Size().Width, barW)
		}
	}
	if len(bar.hidden) > 0 && !bar.more.Visible() {
		t.Error("items are hidden but the ⋯ menu is not shown")
	}
	// At 1440×900 everything fits and there is no ⋯.
	h.win.Resize(fyne.NewSize(1440, 900))
	h.settle()
	if bar.more.Visible() {
		t.Errorf("⋯ shown at 1440×900 (hidden items %v)", bar.hidden)
	}
}

// TestUI_DialogTakesTheKeyboard: while a dialog is open the reader has no
// focus (its caret is not drawn through the dialog) and its keys do
// nothing; it gets the focus back when the dialog closes.
func TestUI_DialogTakesTheKeyboard(t *testing.T) {
	h := newHarness(t, false)
	h.importSample()
	h.ui.focusReader()
	d := h.ui.showExport()
	h.settle()
	if h.focused() == h.ui.reader.view {
		t.Error("the reader keeps the focus under the export dialog")
	}
	h.selectQuote(wagner)
	h.ui.typedRune('h')
	h.settle()
	if len(h.ui.curAnns) != 0 {
		t.Error("H under a dialog highlighted")
	}
	h.ui.closeModal(d.dlg)
	if h.focused() != h.ui.reader.view {
		t.Errorf("after the dialog the focus is on %T", h.focused())
	}
}

// TestUI_BulkTickBoxes: the bulk-selection tick boxes are outlined in the
// text colour in both themes (Fyne's Check was nearly invisible on a
// selected row in the dark theme), tick the article, and the list moves
// below the bulk buttons.
func TestUI_BulkTickBoxes(t *testing.T) {
	h := newHarness(t, false)
	id := h.importSample()
	for _, mode := range []string{themeDark, themeLight} {
		h.ui.setTheme(mode)
		h.ui.lib.toggleSelecting()
		h.settle()
		row := h.ui.lib.newRow()
		h.ui.lib.updateRow(0, row)
		box := row.(*fyne.Container).Objects[1].(*tickBox)
		if !box.Visible() {
			t.Fatalf("%s: no tick box while selecting", mode)
		}
		r := test.WidgetRenderer(box).(*tickRenderer)
		if !sameColor(r.box.StrokeColor, theme.Color(theme.ColorNameForeground)) || r.box.StrokeWidth == 0 {
			t.Errorf("%s: tick box outline %v", mode, r.box.StrokeColor)
		}
		box.Tapped(nil)
		if !h.ui.lib.checked[id] {
			t.Errorf("%s: tapping the box did not tick the article", mode)
		}
		if h.ui.lib.list.Position().Y < h.ui.lib.bulk.Position().Y+h.ui.lib.bulk.Size().Height {
			t.Errorf("%s: the list (y %v) overlaps the bulk buttons (bottom %v)", mode, h.ui.lib.list.Position().Y, h.ui.lib.bulk.Position().Y+h.ui.lib.bulk.Size().Height)
		}
		h.ui.lib.toggleSelecting()
	}
}

func TestFitLabel_fit(t *testing.T) {
	test.NewTempApp(t)
	l := newFitLabel("")
	measure := func(s string) float32 { return fyne.MeasureText(s, l.size(), l.style).Width }
	text := "Russia pledges drones and grain to Burkina Faso"
	for _, w := range []float32{0, 30, 90, 200, measure(text) - 1, measure(text), 1000} {
		l.SetText(text)
		l.fit(w)
		got := l.Shown()
		switch {
		case w <= 0 || measure(text) <= w:
			if got != text {
				t.Errorf("width %v: %q, want the whole text", w, got)
			}
		default:
			prefix := strings.TrimSuffix(got, "…")
			if !strings.HasSuffix(got, "…") || !strings.HasPrefix(text, prefix) {
				t.Errorf("width %v: %q is not a prefix with an ellipsis", w, got)
			}
			if prefix != "" && measure(got) > w {
				t.Errorf("width %v: %q is %v wide", w, got, measure(got))
			}
			if next := []rune(text)[:len([]rune(prefix))+1]; measure(string(next)+"…") <= w {
				t.Errorf("width %v: %q could keep one more character", w, got)
			}
		}
	}
}
