package articleview

import (
	"strings"
	"testing"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

const testText = "The quick brown fox jumps over the lazy dog while the cat watches from the warm windowsill.\n\n" +
	"Moscow says the aid will help the country push back armed groups that control large parts of its north.\n\n" +
	"Accents in naïve and café stay whole."

// newTestView shows testText in a 420×300 window with the light theme.
func newTestView(t *testing.T) (*ArticleView, fyne.Window) {
	t.Helper()
	a := test.NewTempApp(t)
	a.Settings().SetTheme(WrapTheme(theme.LightTheme()))
	v := New()
	v.SetDocument("A test article", "Gloss · 2023", testText, []Kind{Body, Quote, Body})
	w := test.NewTempWindow(t, v)
	w.SetPadded(false)
	w.Resize(fyne.NewSize(420, 300))
	if v.lay == nil {
		t.Fatal("no layout after the window was sized")
	}
	return v, w
}

// runeOffset returns the rune offset of the first occurrence of s.
func runeOffset(t *testing.T, s string) int {
	t.Helper()
	i := strings.Index(testText, s)
	if i < 0 {
		t.Fatalf("%q not in the test text", s)
	}
	return utf8.RuneCountInString(testText[:i])
}

// pointAt returns a page position just inside the character at off.
func pointAt(v *ArticleView, off int) fyne.Position {
	x, y, li := v.lay.PointAt(off)
	return fyne.NewPos(x+1, y+v.lay.Lines[li].Height/2)
}

func TestArticleView_drag(t *testing.T) {
	v, _ := newTestView(t)
	start := runeOffset(t, "brown fox")
	end := runeOffset(t, "country push") + len("country")
	var got [2]int
	calls := 0
	v.OnSelectionChanged = func(s, e int) { got = [2]int{s, e}; calls++ }

	v.page.MouseDown(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: pointAt(v, start)}, Button: desktop.MouseButtonPrimary})
	mid := pointAt(v, start+20)
	v.page.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: mid}, Dragged: fyne.NewDelta(5, 5)})
	to := pointAt(v, end)
	v.page.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: to}, Dragged: fyne.NewDelta(5, 5)})
	v.page.DragEnd()
	v.page.MouseUp(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: to}, Button: desktop.MouseButtonPrimary})

	if s, e := v.Selection(); s != start || e != end {
		t.Fatalf("Selection() = %d, %d, want %d, %d", s, e, start, end)
	}
	if got != [2]int{start, end} || calls < 2 {
		t.Errorf("OnSelectionChanged last got %v after %d calls", got, calls)
	}
	want := "brown fox jumps over the lazy dog while the cat watches from the warm windowsill.\n\nMoscow says the aid will help the country"
	if v.SelectedText() != want {
		t.Errorf("SelectedText() = %q, want %q", v.SelectedText(), want)
	}
}

func TestArticleView_dragWithTestDriver(t *testing.T) {
	v, w := newTestView(t)
	start, end := runeOffset(t, "café"), runeOffset(t, "café")+4
	from, to := pointAt(v, start), pointAt(v, end)
	abs := fyne.CurrentApp().Driver().AbsolutePositionForObject(v.page)
	// fyne/test.Drag delivers one event at the given point with the delta
	// travelled; the drag started at point - delta.
	test.Drag(w.Canvas(), abs.Add(to), to.X-from.X, to.Y-from.Y)
	if s, e := v.Selection(); s != start || e != end || v.SelectedText() != "café" {
		t.Errorf("Selection() = %d, %d (%q), want %d, %d", s, e, v.SelectedText(), start, end)
	}
}

func TestArticleView_multiClick(t *testing.T) {
	v, _ := newTestView(t)
	at := pointAt(v, runeOffset(t, "groups")+3)
	down := &desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: at}, Button: desktop.MouseButtonPrimary}

	v.page.DoubleTapped(&fyne.PointEvent{Position: at})
	if got := v.SelectedText(); got != "groups" {
		t.Fatalf("double tap selected %q", got)
	}
	v.page.MouseDown(down) // third press soon after: paragraph
	if got, want := v.SelectedText(), "Moscow says the aid will help the country push back armed groups that control large parts of its north."; got != want {
		t.Fatalf("triple click selected %q, want %q", got, want)
	}

	v.SetSelection(0, 0)
	v.input = inputState{}
	v.page.MouseDown(down)
	v.page.MouseUp(down)
	v.page.MouseDown(down) // the driver's second press selects the word at once
	if got := v.SelectedText(); got != "groups" {
		t.Fatalf("second press selected %q", got)
	}
	// Dragging after a double click extends by whole words.
	v.page.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: pointAt(v, runeOffset(t, "large")+1)}, Dragged: fyne.NewDelta(40, 0)})
	v.page.DragEnd()
	if got := v.SelectedText(); got != "groups that control large" {
		t.Errorf("word drag selected %q", got)
	}
}

func TestArticleView_keyboardSelection(t *testing.T) {
	v, w := newTestView(t)
	w.Canvas().Focus(v)
	start := runeOffset(t, "quick")
	v.page.MouseDown(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: pointAt(v, start)}, Button: desktop.MouseButtonPrimary})
	if s, e := v.Selection(); s != start || e != start {
		t.Fatalf("click: selection %d, %d, want caret at %d", s, e, start)
	}
	shift := &fyne.KeyEvent{Name: desktop.KeyShiftLeft}
	v.KeyDown(shift)
	for range 3 {
		v.TypedKey(&fyne.KeyEvent{Name: fyne.KeyRight})
	}
	if got := v.SelectedText(); got != "qui" {
		t.Errorf("Shift+Right×3 selected %q", got)
	}
	v.TypedKey(&fyne.KeyEvent{Name: fyne.KeyLeft})
	if got := v.SelectedText(); got != "qu" {
		t.Errorf("then Shift+Left selected %q", got)
	}
	ctrlShift := fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift
	v.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyRight, Modifier: ctrlShift})
	v.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyRight, Modifier: ctrlShift})
	if got := v.SelectedText(); got != "quick brown" {
		t.Errorf("Ctrl+Shift+Right×2 selected %q", got)
	}
	v.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyLeft, Modifier: ctrlShift})
	if got := v.SelectedText(); got != "quick " {
		t.Errorf("then Ctrl+Shift+Left selected %q", got)
	}
	// Shift+Down goes to the same x on the next line.
	v.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	_, e := v.Selection()
	if _, _, li := v.lay.PointAt(e); li != v.lay.LineOf(start)+1 {
		t.Errorf("Shift+Down: caret %d on line %d, want line %d", e, li, v.lay.LineOf(start)+1)
	}
	v.KeyUp(shift)
	v.TypedKey(&fyne.KeyEvent{Name: fyne.KeyLeft})
	if s, e := v.Selection(); s != start || e != start {
		t.Errorf("Left without Shift: selection %d, %d, want collapsed at %d", s, e, start)
	}
	v.TypedShortcut(&fyne.ShortcutSelectAll{})
	if s, e := v.Selection(); s != 0 || e != utf8.RuneCountInString(testText) {
		t.Errorf("Ctrl+A: selection %d, %d", s, e)
	}
}

func TestArticleView_copy(t *testing.T) {
	v, _ := newTestView(t)
	s := runeOffset(t, "naïve")
	v.SetSelection(s, s+utf8.RuneCountInString("naïve and café"))
	if got := v.SelectedText(); got != "naïve and café" {
		t.Fatalf("SelectedText() = %q", got)
	}
	v.TypedShortcut(&fyne.ShortcutCopy{})
	if got := fyne.CurrentApp().Clipboard().Content(); got != "naïve and café" {
		t.Errorf("clipboard = %q", got)
	}
}

func TestArticleView_spanTapped(t *testing.T) {
	v, _ := newTestView(t)
	fox := runeOffset(t, "fox")
	v.SetSpans([]Span{
		{ID: "outer", Start: fox - 6, End: fox + 9, Color: "blue"},
		{ID: "fox", Start: fox, End: fox + 3, Color: "yellow", HasNote: true},
	})
	var tapped []string
	v.OnSpanTapped = func(id string) { tapped = append(tapped, id) }
	test.TapAt(v.page, pointAt(v, fox+1))
	test.TapAt(v.page, pointAt(v, fox-3))
	test.TapAt(v.page, pointAt(v, runeOffset(t, "lazy")))
	if want := []string{"fox", "outer"}; strings.Join(tapped, ",") != strings.Join(want, ",") {
		t.Errorf("tapped %v, want %v", tapped, want)
	}
	// A tap ending a drag selection, or with a selection, fires nothing.
	tapped = nil
	v.SetSelection(fox, fox+3)
	v.input.downSeen = true
	v.page.Tapped(&fyne.PointEvent{Position: pointAt(v, fox+1)})
	if len(tapped) != 0 {
		t.Errorf("tap over a selection fired %v", tapped)
	}
}

func TestArticleView_secondaryTap(t *testing.T) {
	v, _ := newTestView(t)
	fox := runeOffset(t, "fox")
	v.SetSpans([]Span{{ID: "fox", Start: fox, End: fox + 3}})
	v.SetSelection(fox-6, fox+3)
	var got SecondaryEvent
	v.OnSecondaryTapped = func(ev SecondaryEvent) { got = ev }
	test.TapSecondaryAt(v.page, pointAt(v, fox+1))
	if got.Offset != fox+1 || len(got.SpanIDs) != 1 || got.SpanIDs[0] != "fox" || !got.InSelection || got.SelStart != fox-6 || got.SelEnd != fox+3 {
		t.Errorf("secondary event = %+v", got)
	}
}

func TestArticleView_typedRuneAndKeyHook(t *testing.T) {
	v, _ := newTestView(t)
	var runes []rune
	v.OnTypedRune = func(r rune) { runes = append(runes, r) }
	test.Type(v, "h3")
	if string(runes) != "h3" {
		t.Errorf("OnTypedRune got %q", string(runes))
	}
	v.OnTypedKey = func(ev *fyne.KeyEvent) bool { return ev.Name == fyne.KeyEscape }
	v.SetSelection(2, 5)
	v.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if s, e := v.Selection(); s != 2 || e != 5 {
		t.Errorf("Escape consumed by OnTypedKey still cleared the selection: %d, %d", s, e)
	}
}

func TestArticleView_ScrollToOffset(t *testing.T) {
	v, w := newTestView(t)
	long := strings.Repeat(testText+"\n\n", 20)
	v.SetDocument("Long", "", long, nil)
	target := utf8.RuneCountInString(long) - 30
	v.ScrollToOffset(target)
	_, y, _ := v.lay.PointAt(target)
	top := v.scroll.Offset.Y
	if y < top || y > top+w.Canvas().Size().Height {
		t.Errorf("offset %d at y=%v not in view [%v, %v]", target, y, top, top+w.Canvas().Size().Height)
	}
	if v.flash.anim == nil || v.flash.start > target || v.flash.end <= target {
		t.Errorf("flash = %+v, want a flash over offset %d", v.flash, target)
	}
}

func TestArticleView_visibleObjectsOnly(t *testing.T) {
	v, _ := newTestView(t)
	long := strings.Repeat(testText+"\n\n", 200)
	v.SetDocument("Long", "", long, nil)
	var spans []Span
	for i := 0; i < 2000; i++ {
		spans = append(spans, Span{ID: string(rune('a' + i%26)), Start: i * 40, End: i*40 + 25, Color: Palette[i%8], HasNote: i%3 == 0})
	}
	v.SetSpans(spans)
	lay := v.lay
	counts := []int{v.page.r.liveObjects()}
	for _, y := range []float32{lay.Height / 3, lay.Height / 2, lay.Height} {
		v.scrollTo(y)
		counts = append(counts, v.page.r.liveObjects())
	}
	if v.lay != lay {
		t.Error("scrolling re-wrapped the text")
	}
	visibleLines := int(v.scroll.Size().Height/(lay.Metrics.TextSize*1.3)) + 2
	for _, c := range counts {
		// text + highlight + marker + selection objects for the visible lines
		if c > visibleLines*8 {
			t.Errorf("%d live objects for %d visible lines (%d lines in all)", c, visibleLines, len(lay.Lines))
		}
	}
	t.Logf("live objects %v for %d lines", counts, len(lay.Lines))
	if len(lay.Lines) < 1000 {
		t.Fatalf("only %d lines: the test needs a long article", len(lay.Lines))
	}
}

func TestArticleView_rewrapOnlyWhenNeeded(t *testing.T) {
	v, w := newTestView(t)
	lay := v.lay
	v.SetSpans([]Span{{ID: "x", Start: 1, End: 5}})
	v.SetSelection(3, 9)
	v.Refresh()
	if v.lay != lay {
		t.Error("spans, selection or refresh re-wrapped the text")
	}
	w.Resize(fyne.NewSize(300, 300))
	if v.lay == lay || v.lay.Width != 300 {
		t.Errorf("resize did not re-wrap (width %v)", v.lay.Width)
	}
	lay = v.lay
	v.SetFontScale(1.5)
	if v.lay == lay || v.lay.Metrics.TextSize != lay.Metrics.TextSize*1.5 {
		t.Error("font scale did not re-wrap at the new size")
	}
}

func TestArticleView_RevealRange(t *testing.T) {
	v, w := newTestView(t)
	long := strings.Repeat(testText+"\n\n", 20)
	v.SetDocument("Long", "", long, nil)
	start := utf8.RuneCountInString(long) / 2
	v.RevealRange(start, start+40)
	_, y, _ := v.lay.PointAt(start)
	top := v.scroll.Offset.Y
	h := w.Canvas().Size().Height
	// Context above: the passage starts about a third of the way down.
	if d := y - top; d < h/4 || d > h/2 {
		t.Errorf("passage at %v below the top of a %v-high view, want about a third", d, h)
	}
	if s, e := v.LastFlash(); s != start || e != start+40 {
		t.Errorf("flashed %d–%d, want the whole passage %d–%d", s, e, start, start+40)
	}
}

func TestArticleView_TopOffset(t *testing.T) {
	v, _ := newTestView(t)
	long := strings.Repeat(testText+"\n\n", 20)
	v.SetDocument("Long", "", long, nil)
	off := utf8.RuneCountInString(long) / 3
	v.ScrollToTopOffset(off)
	got := v.TopOffset()
	if line, want := v.lay.LineOf(got), v.lay.LineOf(off); line != want {
		t.Errorf("TopOffset %d is on line %d, want the line of %d (%d)", got, line, off, want)
	}
	v.ScrollToTopOffset(0)
	if v.ScrollPosition() != 0 {
		t.Errorf("ScrollToTopOffset(0) left the view at %v", v.ScrollPosition())
	}
}

// TestArticleView_tapDoesNotScroll: clicking a highlight reports it and
// leaves the text where it is.
func TestArticleView_tapDoesNotScroll(t *testing.T) {
	v, _ := newTestView(t)
	long := strings.Repeat(testText+"\n\n", 20)
	v.SetDocument("Long", "", long, nil)
	fox := utf8.RuneCountInString(long)/2 + 4
	v.SetSpans([]Span{{ID: "mid", Start: fox, End: fox + 12}})
	v.ScrollToTopOffset(fox - 60)
	before := v.ScrollPosition()
	var tapped string
	v.OnSpanTapped = func(id string) { tapped = id }
	test.TapAt(v.page, pointAt(v, fox+2))
	if tapped != "mid" || v.ScrollPosition() != before {
		t.Errorf("tap: span %q, scroll %v → %v", tapped, before, v.ScrollPosition())
	}
}

func TestArticleView_SetActiveSpan(t *testing.T) {
	v, _ := newTestView(t)
	fox := runeOffset(t, "fox")
	v.SetSpans([]Span{{ID: "fox", Start: fox, End: fox + 3}, {ID: "dog", Start: fox + 30, End: fox + 33}})
	test.WidgetRenderer(v.page)
	v.SetActiveSpan("fox")
	if n := len(v.page.r.active.used()); n != 1 {
		t.Fatalf("%d outline rectangles for the active span, want 1", n)
	}
	if o := v.page.r.active.used()[0]; o.StrokeWidth == 0 {
		t.Error("the active span's outline has no stroke")
	}
	v.SetActiveSpan("")
	if n := len(v.page.r.active.used()); n != 0 {
		t.Errorf("%d outline rectangles with no active span", n)
	}
}

// TestArticleView_caretUnderOverlay: the caret is not drawn while a
// dialog or pop-up covers the window.
func TestArticleView_caretUnderOverlay(t *testing.T) {
	v, w := newTestView(t)
	w.Canvas().Focus(v)
	v.SetSelection(3, 3)
	hasCaret := func() bool {
		for _, o := range v.page.r.Objects() {
			if o == fyne.CanvasObject(v.page.r.caret) {
				return true
			}
		}
		return false
	}
	if !hasCaret() {
		t.Fatal("no caret in the focused view")
	}
	pop := widget.NewModalPopUp(widget.NewLabel("a dialog"), w.Canvas())
	pop.Show()
	v.page.update()
	if hasCaret() {
		t.Error("caret drawn under a modal dialog")
	}
	pop.Hide()
	v.page.update()
	if !hasCaret() {
		t.Error("caret not back after the dialog closed")
	}
}
