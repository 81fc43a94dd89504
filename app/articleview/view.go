// Package articleview is the Gloss reader: a Fyne widget that shows an
// article (title, metadata line, paragraphs of body, heading, quote, caption
// and list-item kinds) word-wrapped in a centred reading column, draws
// highlight spans as rounded translucent backgrounds behind the text, and
// lets the user select a passage with the mouse and the keyboard while
// reporting it as rune offsets into the article text.
//
// # Offsets
//
// Every offset in the API (spans, selection, ScrollToOffset) is a code-point
// (rune) offset into the article text passed to SetDocument, the W3C rule.
// Paragraphs in that text are separated by exactly one blank line ("\n\n").
// The title and metadata line are shown above the text but are not part of
// the offset space. Offsets handed out never split a grapheme cluster.
//
// # Highlights
//
// Spans are drawn as translucent rounded rectangles, one per line they
// cover, longest first: where spans overlap their colours blend into a
// darker mix, so every span stays visible. A span with a note gets a small
// dot at its end. Colours are theme colours (see ColorName, WrapTheme and
// HighlightColor); the selection is painted over the highlights with the
// theme's selection colour, and the text over both.
//
// # Scrolling
//
// An ArticleView contains its own vertical container.Scroll: put it in a
// pane as is and it scrolls with the mouse wheel and the scrollbar. Only
// the visible lines have canvas objects, and they are reused while
// scrolling; the text is re-wrapped only when the width, the text or the
// font size change.
//
// # Threading
//
// Like every Fyne widget, an ArticleView must only be used on the Fyne
// goroutine (use fyne.Do from other goroutines); callbacks run there too.
package articleview

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/glossnotes/gloss/app/articleview/model"
)

// Kind is the presentation of one paragraph.
type Kind = model.Kind

// Paragraph kinds accepted by SetDocument.
const (
	Body    = model.Body
	Heading = model.Heading
	Quote   = model.Quote
	Caption = model.Caption
	Item    = model.Item
)

// Span is a highlight: the runes [Start, End) of the article in palette
// colour Color (see Palette); HasNote draws a marker at its end.
type Span = model.Span

// Mark is a margin mark: a thin bar left of the lines of the runes
// [Start, End), in the theme colour ReuseMarkColorName. The app marks the
// passages other articles also carry with them.
type Mark = model.Mark

// MarkEvent describes a click on a margin mark.
type MarkEvent struct {
	ID               string        // the mark's ID
	Start, End       int           // its passage
	AbsolutePosition fyne.Position // the click, relative to the canvas (for a pop-up)
}

// SecondaryEvent describes a secondary tap (right click) for a context menu.
type SecondaryEvent struct {
	Position         fyne.Position // relative to the ArticleView
	AbsolutePosition fyne.Position // relative to the canvas, for fyne.PopUpMenu
	Offset           int           // article offset of the character under the pointer
	SpanIDs          []string      // spans containing that character, innermost first
	SelStart, SelEnd int           // the selection when the tap happened
	InSelection      bool          // the character is inside a non-empty selection
}

// ArticleView is the reader widget. Create it with New.
type ArticleView struct {
	widget.BaseWidget

	// OnSelectionChanged is called with the new selection whenever it
	// changes (start == end when it collapses).
	OnSelectionChanged func(start, end int)
	// OnSpanTapped is called with a span's ID when it is clicked without
	// dragging (the innermost span when several overlap).
	OnSpanTapped func(id string)
	// OnSecondaryTapped is called on a right click.
	OnSecondaryTapped func(ev SecondaryEvent)
	// OnTypedKey sees every key typed while the view has focus before the
	// view does; returning true consumes it.
	OnTypedKey func(ev *fyne.KeyEvent) bool
	// OnTypedRune receives the characters typed while the view has focus
	// (the app binds H, 1–8, N, T to actions on the selection).
	OnTypedRune func(r rune)
	// OnShortcut sees shortcuts other than copy and select-all; returning
	// false passes them on to the window's canvas shortcuts.
	OnShortcut func(s fyne.Shortcut) bool
	// OnMarkTapped is called when a margin mark is clicked (the innermost
	// of nested marks). The click changes neither the selection nor the
	// scroll position.
	OnMarkTapped func(ev MarkEvent)

	title, meta string
	doc         *model.Document
	header      []*model.Document
	spans       *model.Spans
	marks       *model.Marks
	sel         model.Selection
	scale       float32
	focused     bool
	shift       bool

	measurer *model.Measurer
	lay      *model.Layout
	layKey   layoutKey
	docGen   int
	th       fyne.Theme

	scroll    *container.Scroll
	page      *page
	input     inputState
	flash     flashState
	lastFlash [2]int
	// active is the ID of the span drawn as selected ("" for none).
	active string
	// pendingScroll is a scroll asked for before the text was laid out
	// (the view had no width yet); it runs at the first layout.
	pendingScroll func()
}

// layoutKey is what a layout depends on besides the text.
type layoutKey struct {
	width, size float32
	gen         int // document generation
}

type flashState struct {
	start, end int
	alpha      float32
	anim       *fyne.Animation
}

var (
	_ fyne.Widget       = (*ArticleView)(nil)
	_ fyne.Focusable    = (*ArticleView)(nil)
	_ fyne.Shortcutable = (*ArticleView)(nil)
)

// New returns an empty ArticleView.
func New() *ArticleView {
	v := &ArticleView{scale: 1}
	v.doc = model.NewDocument("", nil)
	v.spans = model.NewSpans(nil, 0)
	v.marks = model.NewMarks(nil, 0)
	v.page = newPage(v)
	v.scroll = container.NewVScroll(v.page)
	v.scroll.OnScrolled = func(fyne.Position) { v.page.update() }
	v.ExtendBaseWidget(v)
	return v
}

// SetDocument shows a new article. kinds gives the kind of each paragraph
// of text (nil or short: Body). The selection is cleared, spans are kept
// only if they still fit, and the view scrolls to the top.
func (v *ArticleView) SetDocument(title, meta, text string, kinds []Kind) {
	v.title, v.meta = title, meta
	v.doc = model.NewDocument(text, kinds)
	v.header = []*model.Document{
		model.NewDocument(title, []Kind{model.Title}),
		model.NewDocument(meta, []Kind{model.Meta}),
	}
	v.spans = model.NewSpans(v.spans.All(), v.doc.Len())
	v.marks = model.NewMarks(nil, 0)
	v.docGen++
	v.flash = flashState{}
	v.lastFlash = [2]int{}
	v.input = inputState{}
	v.active = ""
	v.pendingScroll = nil
	v.setSelection(model.Selection{})
	v.scroll.ScrollToOffset(fyne.Position{})
	v.relayout()
}

// SetSpans replaces the highlights. Spans are clamped to the text; empty
// ones are ignored.
func (v *ArticleView) SetSpans(spans []Span) {
	v.spans = model.NewSpans(spans, v.doc.Len())
	v.page.update()
}

// Spans returns the highlights as clamped and sorted by the view.
func (v *ArticleView) Spans() []Span { return v.spans.All() }

// SetMarks replaces the margin marks. Marks are clamped to the text; empty
// ones are ignored. SetDocument removes them (they belong to a text).
func (v *ArticleView) SetMarks(marks []Mark) {
	v.marks = model.NewMarks(marks, v.doc.Len())
	v.page.update()
}

// Marks returns the margin marks as clamped and sorted by the view.
func (v *ArticleView) Marks() []Mark { return v.marks.All() }

// MarkBar returns the bar drawn for the mark with this ID, in view
// coordinates (the scroll offset taken off), and whether it is drawn (the
// mark exists and the text is laid out). Tests click it.
func (v *ArticleView) MarkBar(id string) (pos fyne.Position, size fyne.Size, ok bool) {
	v.ensureLayout()
	if v.lay == nil {
		return pos, size, false
	}
	for _, mk := range v.marks.All() {
		if mk.ID != id {
			continue
		}
		one := model.NewMarks([]Mark{mk}, v.doc.Len())
		rs := v.lay.AppendMarkBarsIn(nil, one, 0, len(v.lay.Lines))
		if len(rs) == 0 {
			return pos, size, false
		}
		r := rs[0]
		return fyne.NewPos(r.X, r.Y-v.scroll.Offset.Y), fyne.NewSize(r.W, r.H), true
	}
	return pos, size, false
}

// SetFontScale sets the text size as a multiple of the theme's text size
// (limited to 0.5–3). The line at the top of the view stays there.
func (v *ArticleView) SetFontScale(s float32) {
	s = max(0.5, min(s, 3))
	if s == v.scale {
		return
	}
	top := -1
	if v.lay != nil {
		top = v.lay.OffsetAt(0, v.scroll.Offset.Y)
	}
	v.scale = s
	v.relayout()
	if top > 0 && v.lay != nil {
		_, y, _ := v.lay.PointAt(top)
		v.scrollTo(y)
	}
}

// FontScale returns the scale set by SetFontScale.
func (v *ArticleView) FontScale() float32 { return v.scale }

// Text returns the article text.
func (v *ArticleView) Text() string { return string(v.doc.Runes()) }

// Selection returns the selected range (start == end when empty).
func (v *ArticleView) Selection() (start, end int) { return v.sel.Range() }

// SetSelection selects [start, end) (clamped, snapped to graphemes) and
// reports it through OnSelectionChanged.
func (v *ArticleView) SetSelection(start, end int) {
	v.setSelection(model.Selection{Anchor: v.doc.SnapGrapheme(start), Caret: v.doc.SnapGrapheme(end)})
}

// SelectedText returns the selected text (paragraph breaks as "\n\n").
func (v *ArticleView) SelectedText() string {
	s, e := v.sel.Range()
	return v.doc.Slice(s, e)
}

// ScrollToOffset scrolls so that offset is in the upper third of the view
// and briefly flashes the span there (or the word, if no span covers it).
func (v *ArticleView) ScrollToOffset(offset int) {
	offset = v.doc.Clamp(offset)
	s, e := v.doc.WordAt(offset)
	if at := v.spans.At(offset); len(at) > 0 {
		s, e = at[0].Start, at[0].End
	}
	v.RevealRange(s, e)
}

// RevealRange scrolls so that the passage [start, end) begins in the upper
// third of the view, with the text before it as context above, and
// briefly flashes the whole passage. It is for jumps from elsewhere (a
// search result, a card, Back); a click in the text never scrolls.
func (v *ArticleView) RevealRange(start, end int) {
	start, end = v.doc.Clamp(start), v.doc.Clamp(end)
	if end < start {
		start, end = end, start
	}
	if end == start {
		start, end = v.doc.WordAt(start)
	}
	v.whenLaidOut(func() {
		_, y, _ := v.lay.PointAt(start)
		v.scrollTo(y - v.scroll.Size().Height/3)
	})
	v.startFlash(start, end)
}

// TopOffset returns the offset of the first character shown at the top of
// the view (0 when the title is shown), to come back to with
// ScrollToTopOffset.
func (v *ArticleView) TopOffset() int {
	v.ensureLayout()
	if v.lay == nil {
		return 0
	}
	return v.lay.OffsetAt(0, v.scroll.Offset.Y)
}

// ScrollToTopOffset scrolls so that the line holding offset is at the top
// of the view (offset 0: the top of the article, title included).
func (v *ArticleView) ScrollToTopOffset(offset int) {
	offset = v.doc.Clamp(offset)
	v.whenLaidOut(func() {
		if offset == 0 {
			v.scrollTo(0)
			return
		}
		_, y, _ := v.lay.PointAt(offset)
		v.scrollTo(y)
	})
}

// LastFlash returns the passage the last jump flashed (0, 0 when none
// since the document was set).
func (v *ArticleView) LastFlash() (start, end int) { return v.lastFlash[0], v.lastFlash[1] }

// ScrollPosition returns the scroll offset in pixels (for tests of what
// moves the text).
func (v *ArticleView) ScrollPosition() float32 { return v.scroll.Offset.Y }

// whenLaidOut runs fn now if the text is laid out, else at the first
// layout.
func (v *ArticleView) whenLaidOut(fn func()) {
	v.ensureLayout()
	if v.lay != nil {
		v.pendingScroll = nil
		fn()
		return
	}
	v.pendingScroll = fn
}

// SetActiveSpan draws the span with this ID as the selected highlight (an
// outline around it); "" selects none.
func (v *ArticleView) SetActiveSpan(id string) {
	if v.active == id {
		return
	}
	v.active = id
	v.page.update()
}

// ActiveSpan returns the ID given to SetActiveSpan.
func (v *ArticleView) ActiveSpan() string { return v.active }

// SetHeader changes the title and metadata line without touching the
// text, the scroll position or the selection.
func (v *ArticleView) SetHeader(title, meta string) {
	if title == v.title && meta == v.meta {
		return
	}
	v.title, v.meta = title, meta
	v.header = []*model.Document{
		model.NewDocument(title, []Kind{model.Title}),
		model.NewDocument(meta, []Kind{model.Meta}),
	}
	top := v.TopOffset()
	v.docGen++
	v.relayout()
	if top > 0 {
		v.ScrollToTopOffset(top)
	}
}

// scrollTo scrolls the view so that content y is at the top (clamped).
func (v *ArticleView) scrollTo(y float32) {
	if v.lay == nil {
		return
	}
	maxY := max(0, v.lay.Height-v.scroll.Size().Height)
	y = max(0, min(y, maxY))
	if v.scroll.Offset.Y != y {
		v.scroll.ScrollToOffset(fyne.NewPos(0, y))
	}
	v.page.update()
}

func (v *ArticleView) startFlash(s, e int) {
	if v.flash.anim != nil {
		v.flash.anim.Stop()
	}
	v.flash = flashState{start: s, end: e, alpha: 1}
	v.lastFlash = [2]int{s, e}
	a := fyne.NewAnimation(1200*time.Millisecond, func(f float32) {
		v.flash.alpha = 1 - f
		v.page.update()
	})
	a.Curve = fyne.AnimationEaseIn
	v.flash.anim = a
	v.page.update()
	a.Start()
}

// setSelection stores sel, repaints and reports a change.
func (v *ArticleView) setSelection(sel model.Selection) {
	sel.Anchor, sel.Caret = v.doc.Clamp(sel.Anchor), v.doc.Clamp(sel.Caret)
	os, oe := v.sel.Range()
	v.sel = sel
	v.page.update()
	if s, e := sel.Range(); (s != os || e != oe) && v.OnSelectionChanged != nil {
		v.OnSelectionChanged(s, e)
	}
}

// textSize is the body text size: the theme's text size times the scale.
func (v *ArticleView) textSize() float32 {
	return theme.SizeForWidget(theme.SizeNameText, v) * v.scale
}

// ensureLayout (re)wraps the text if the width, size or text changed.
func (v *ArticleView) ensureLayout() bool {
	w := v.Size().Width
	if w <= 0 {
		return false
	}
	if th := v.Theme(); th != v.th || v.measurer == nil {
		// A new theme may bring new fonts: drop measured advances.
		v.th = th
		v.measurer = model.NewMeasurer(measureText)
		v.lay = nil
	}
	key := layoutKey{width: w, size: v.textSize(), gen: v.docGen}
	if v.lay != nil && key == v.layKey {
		return false
	}
	v.layKey = key
	m := model.Metrics{TextSize: key.size, Padding: theme.SizeForWidget(theme.SizeNameInnerPadding, v) * 2, MaxChars: model.DefaultMaxChars}
	v.lay = model.NewLayout(v.measurer, m, w, v.doc, v.header...)
	return true
}

// relayout re-wraps (when needed) and lets the scroll container pick up
// the new content height.
func (v *ArticleView) relayout() {
	if v.ensureLayout() {
		v.scroll.Refresh()
		v.scrollTo(v.scroll.Offset.Y)
	}
	v.page.update()
}

func measureText(s string, f model.Face) float32 {
	return fyne.MeasureText(s, f.Size, fyne.TextStyle{Bold: f.Bold, Italic: f.Italic}).Width
}

// CreateRenderer is part of fyne.Widget.
func (v *ArticleView) CreateRenderer() fyne.WidgetRenderer {
	return &viewRenderer{v: v}
}

type viewRenderer struct {
	v *ArticleView
}

func (r *viewRenderer) Layout(size fyne.Size) {
	changed := r.v.ensureLayout()
	r.v.scroll.Resize(size)
	if changed {
		r.v.scroll.Refresh()
		r.v.scrollTo(r.v.scroll.Offset.Y)
	}
	if fn := r.v.pendingScroll; fn != nil && r.v.lay != nil {
		r.v.pendingScroll = nil
		fn()
	}
	r.v.page.update()
}

func (r *viewRenderer) MinSize() fyne.Size {
	return fyne.NewSize(theme.SizeForWidget(theme.SizeNameText, r.v)*10, theme.SizeForWidget(theme.SizeNameText, r.v)*4)
}

func (r *viewRenderer) Refresh() {
	r.v.relayout()
	r.v.page.recolour()
}

func (r *viewRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.v.scroll} }

func (r *viewRenderer) Destroy() {}
