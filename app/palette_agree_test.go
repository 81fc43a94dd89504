package app

import (
	"slices"
	"testing"

	"fyne.io/fyne/v2/theme"

	"github.com/glossnotes/gloss/app/articleview"
	"github.com/glossnotes/gloss/notebook"
	"github.com/glossnotes/gloss/notebook/annotin"
)

// TestPalette_oneSource: notebook.Colors is the palette; the reader widget's
// list, its light and dark theme colours, the annotation importer's colour
// names and the shortcut help agree with it.
func TestPalette_oneSource(t *testing.T) {
	var names []string
	for _, c := range notebook.Colors {
		names = append(names, string(c))
	}
	if !slices.Equal(articleview.Palette, names) {
		t.Errorf("articleview.Palette %v, notebook.Colors %v", articleview.Palette, names)
	}
	if !slices.Equal(annotin.Colors, names) {
		t.Errorf("annotin.Colors %v, notebook.Colors %v", annotin.Colors, names)
	}
	for _, v := range []string{"light", "dark"} {
		variant := theme.VariantLight
		if v == "dark" {
			variant = theme.VariantDark
		}
		seen := map[any]string{}
		for _, n := range names {
			c := articleview.HighlightColor(n, variant)
			if other, dup := seen[c]; dup {
				t.Errorf("%s theme: %s has the colour of %s (no entry of its own?)", v, n, other)
			}
			seen[c] = n
		}
	}
	if got := shortcutTable[2][1]; got != "highlight in "+paletteNames()+" (recolour the selected highlight)" || len(notebook.Colors) != 8 {
		t.Errorf("shortcut help %q", got)
	}
}
