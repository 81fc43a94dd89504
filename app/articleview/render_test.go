package articleview

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
)

// TestArticleView_render compares the drawn article (three highlights, two
// overlapping, one with a note, and a selection) with golden images in the
// light and the dark theme. The text uses only glyphs of Fyne's bundled
// fonts, so the images do not depend on the fonts a machine has installed
// (CJK, emoji and right-to-left text are covered by the model's tests).
func TestArticleView_render(t *testing.T) {
	for _, tt := range []struct {
		name  string
		theme fyne.Theme
	}{
		{"article_light.png", theme.LightTheme()},
		{"article_dark.png", theme.DarkTheme()},
	} {
		t.Run(tt.name, func(t *testing.T) {
			v, w := newTestView(t)
			fyne.CurrentApp().Settings().SetTheme(WrapTheme(tt.theme))
			fox := runeOffset(t, "fox")
			armed := runeOffset(t, "armed groups")
			v.SetSpans([]Span{
				{ID: "a", Start: fox, End: fox + len("fox jumps over the lazy dog while the cat"), Color: "yellow", HasNote: true},
				{ID: "b", Start: fox + len("fox jumps "), End: fox + len("fox jumps over the"), Color: "blue"},
				{ID: "c", Start: armed, End: armed + len("armed groups that control"), Color: "green"},
			})
			cafe := runeOffset(t, "café")
			v.SetSelection(cafe, cafe+4)
			test.AssertImageMatches(t, tt.name, w.Canvas().Capture())
		})
	}
}
