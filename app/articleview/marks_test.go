package articleview

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
)

// markCentre returns the centre of a mark's bar in page coordinates.
func markCentre(t *testing.T, v *ArticleView, id string) fyne.Position {
	t.Helper()
	pos, size, ok := v.MarkBar(id)
	if !ok {
		t.Fatalf("mark %q has no bar", id)
	}
	return pos.Add(v.scroll.Offset).Add(fyne.NewPos(size.Width/2, size.Height/2))
}

func TestArticleView_SetMarks(t *testing.T) {
	v, _ := newTestView(t)
	armed := runeOffset(t, "armed groups")
	v.SetMarks([]Mark{{ID: "m1", Start: armed, End: armed + 12}, {ID: "empty", Start: 3, End: 3}, {ID: "m0", Start: 0, End: 9999}})
	got := v.Marks()
	if len(got) != 2 || got[0].ID != "m0" || got[0].End != len([]rune(testText)) || got[1].ID != "m1" {
		t.Fatalf("Marks() = %+v", got)
	}
	if n := v.page.r.reuse.n; n != 2 {
		t.Errorf("%d mark bars drawn, want 2", n)
	}
	pos, size, ok := v.MarkBar("m1")
	if !ok || size.Width < 2 || pos.X >= v.lay.ColumnX {
		t.Errorf("bar of m1 at %v size %v (column at %v)", pos, size, v.lay.ColumnX)
	}
	// Marks belong to a text: a new document has none.
	v.SetDocument("Another", "", "Short text.", nil)
	if len(v.Marks()) != 0 || v.page.r.reuse.n != 0 {
		t.Errorf("marks after SetDocument: %+v", v.Marks())
	}
}

func TestArticleView_markTapped(t *testing.T) {
	v, _ := newTestView(t)
	armed := runeOffset(t, "armed groups")
	v.SetMarks([]Mark{{ID: "m1", Start: armed, End: armed + 12}})
	var got []MarkEvent
	v.OnMarkTapped = func(ev MarkEvent) { got = append(got, ev) }
	sel := runeOffset(t, "café")
	v.SetSelection(sel, sel+4)
	at := markCentre(t, v, "m1")

	// A click with the mouse: press, then tap.
	down := &desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: at}, Button: desktop.MouseButtonPrimary}
	v.page.MouseDown(down)
	v.page.MouseUp(down)
	v.page.Tapped(&fyne.PointEvent{Position: at})
	if len(got) != 1 || got[0].ID != "m1" || got[0].Start != armed || got[0].End != armed+12 {
		t.Fatalf("mark events %+v", got)
	}
	if s, e := v.Selection(); s != sel || e != sel+4 {
		t.Errorf("a click on a mark changed the selection to %d, %d", s, e)
	}
	// A synthetic tap (touch) and a double click report it too.
	v.page.Tapped(&fyne.PointEvent{Position: at})
	v.page.DoubleTapped(&fyne.PointEvent{Position: at})
	if len(got) != 3 {
		t.Errorf("%d mark events after a tap and a double tap, want 3", len(got))
	}
	// A drag from a mark selects nothing.
	v.page.MouseDown(down)
	v.page.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: pointAt(v, armed+5)}, Dragged: fyne.NewDelta(80, 0)})
	v.page.DragEnd()
	if s, e := v.Selection(); s != sel || e != sel+4 {
		t.Errorf("a drag from a mark selected %d, %d", s, e)
	}
	// The pointer over a mark is a hand, elsewhere a text cursor.
	v.page.MouseMoved(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: at}})
	if v.page.Cursor() != desktop.PointerCursor {
		t.Error("no pointer cursor over a mark")
	}
	v.page.MouseMoved(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: pointAt(v, armed)}})
	if v.page.Cursor() != desktop.TextCursor {
		t.Error("no text cursor over the text")
	}
	// A click in the text beside the mark is a click in the text.
	n := len(got)
	v.page.MouseDown(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: pointAt(v, armed+2)}, Button: desktop.MouseButtonPrimary})
	v.page.Tapped(&fyne.PointEvent{Position: pointAt(v, armed+2)})
	if len(got) != n {
		t.Error("a click in the text reported a mark")
	}
	if s, e := v.Selection(); s != armed+2 || e != armed+2 {
		t.Errorf("a click in the text: selection %d, %d", s, e)
	}
}

// TestArticleView_renderMarks compares an article with two margin marks
// (one over two paragraphs) and a highlight inside one of them with golden
// images in the light and the dark theme.
func TestArticleView_renderMarks(t *testing.T) {
	for _, tt := range []struct {
		name  string
		theme fyne.Theme
	}{
		{"marks_light.png", theme.LightTheme()},
		{"marks_dark.png", theme.DarkTheme()},
	} {
		t.Run(tt.name, func(t *testing.T) {
			v, w := newTestView(t)
			fyne.CurrentApp().Settings().SetTheme(WrapTheme(tt.theme))
			fox := runeOffset(t, "fox")
			armed := runeOffset(t, "armed groups")
			v.SetMarks([]Mark{
				{ID: "a", Start: fox, End: armed + 6},
				{ID: "b", Start: runeOffset(t, "naïve"), End: runeOffset(t, "whole")},
			})
			v.SetSpans([]Span{{ID: "h", Start: armed, End: armed + len("armed groups"), Color: "yellow"}})
			test.AssertImageMatches(t, tt.name, w.Canvas().Capture())
		})
	}
}

func TestWrapTheme_reuseMark(t *testing.T) {
	th := WrapTheme(theme.DefaultTheme())
	light, dark := th.Color(ReuseMarkColorName, theme.VariantLight), th.Color(ReuseMarkColorName, theme.VariantDark)
	if light != ReuseMarkColor(theme.VariantLight) || dark != ReuseMarkColor(theme.VariantDark) || light == dark {
		t.Errorf("reuse mark colours %v / %v", light, dark)
	}
	for _, name := range Palette {
		if HighlightColor(name, theme.VariantLight) == light {
			t.Errorf("the reuse mark has highlight colour %s", name)
		}
	}
}
