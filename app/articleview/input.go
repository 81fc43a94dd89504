package articleview

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"

	"github.com/glossnotes/gloss/app/articleview/model"
)

// inputState tracks a press, its click count and a drag in progress.
type inputState struct {
	downSeen   bool          // a MouseDown preceded the next Tapped
	downShift  bool          // that press extended the selection
	clicks     int           // clicks in the current multi-click sequence
	lastClick  time.Time     // time of the last press (or double tap)
	lastPos    fyne.Position // where it happened
	dragging   bool
	unit       model.Unit // granularity of the drag
	as, ae     int        // the anchor unit of the selection being made
	viewPoint  fyne.Position
	autoScroll chan struct{} // closed to stop the auto-scroll ticker
	// onMark: the press was on a margin mark; its click reports the mark
	// and a drag from it selects nothing.
	onMark bool
	// overMark: the pointer is over a margin mark (a pointing hand).
	overMark bool
}

var (
	_ fyne.Widget            = (*page)(nil)
	_ fyne.Tappable          = (*page)(nil)
	_ fyne.DoubleTappable    = (*page)(nil)
	_ fyne.SecondaryTappable = (*page)(nil)
	_ fyne.Draggable         = (*page)(nil)
	_ desktop.Mouseable      = (*page)(nil)
	_ desktop.Cursorable     = (*page)(nil)
	_ desktop.Hoverable      = (*page)(nil)
)

// multiClickDistance is how far apart the presses of a double or triple
// click may be.
const multiClickDistance = 6

func (p *page) doubleTapDelay() time.Duration {
	return fyne.CurrentApp().Driver().DoubleTapDelay()
}

// requestFocus focuses the ArticleView so that it receives keys.
func (p *page) requestFocus() {
	if c := fyne.CurrentApp().Driver().CanvasForObject(p.v); c != nil && c.Focused() != p.v {
		c.Focus(p.v)
	}
}

// Cursor is part of desktop.Cursorable: the text cursor, a pointing hand
// over a margin mark.
func (p *page) Cursor() desktop.Cursor {
	if p.v.input.overMark {
		return desktop.PointerCursor
	}
	return desktop.TextCursor
}

// markAt returns the margin mark under content position pos, when the app
// listens for clicks on marks.
func (p *page) markAt(pos fyne.Position) (model.Mark, bool) {
	v := p.v
	if v.OnMarkTapped == nil || v.lay == nil || v.marks.Len() == 0 {
		return model.Mark{}, false
	}
	return v.lay.MarkAt(v.marks, pos.X, pos.Y, v.lay.Metrics.TextSize*0.4)
}

// tapMark reports a click on a margin mark.
func (p *page) tapMark(mk model.Mark, abs fyne.Position) {
	p.v.OnMarkTapped(MarkEvent{ID: mk.ID, Start: mk.Start, End: mk.End, AbsolutePosition: abs})
}

// MouseIn is part of desktop.Hoverable.
func (p *page) MouseIn(ev *desktop.MouseEvent) { p.MouseMoved(ev) }

// MouseMoved is part of desktop.Hoverable: it notes whether the pointer is
// over a margin mark (for the cursor).
func (p *page) MouseMoved(ev *desktop.MouseEvent) {
	_, on := p.markAt(ev.Position)
	p.v.input.overMark = on
}

// MouseOut is part of desktop.Hoverable.
func (p *page) MouseOut() { p.v.input.overMark = false }

// MouseDown is part of desktop.Mouseable: a press places the caret, extends
// the selection with Shift, and counts clicks (2: word, 3: paragraph).
func (p *page) MouseDown(ev *desktop.MouseEvent) {
	v := p.v
	p.requestFocus()
	if ev.Button != desktop.MouseButtonPrimary || v.lay == nil {
		return
	}
	in := &v.input
	if _, ok := p.markAt(ev.Position); ok {
		// A press on a margin mark leaves the selection alone; its click
		// reports the mark (Tapped).
		in.onMark, in.downSeen, in.downShift, in.dragging = true, true, false, false
		in.clicks, in.lastClick = 0, time.Time{}
		return
	}
	in.onMark = false
	now := time.Now()
	d := ev.Position.Subtract(in.lastPos)
	if now.Sub(in.lastClick) <= p.doubleTapDelay() && d.X*d.X+d.Y*d.Y <= multiClickDistance*multiClickDistance {
		in.clicks = min(in.clicks+1, 3)
	} else {
		in.clicks = 1
	}
	in.lastClick, in.lastPos = now, ev.Position
	in.downSeen, in.downShift = true, false
	in.dragging = false

	shift := ev.Modifier&fyne.KeyModifierShift != 0 || v.shift
	switch {
	case in.clicks == 2:
		p.selectUnit(ev.Position, model.ByWord)
	case in.clicks == 3:
		p.selectUnit(ev.Position, model.ByParagraph)
	case shift:
		in.downShift = true
		off := v.lay.OffsetAt(ev.Position.X, ev.Position.Y)
		in.unit, in.as, in.ae = model.ByGrapheme, v.sel.Anchor, v.sel.Anchor
		v.setSelection(model.Selection{Anchor: v.sel.Anchor, Caret: off})
	default:
		off := v.lay.OffsetAt(ev.Position.X, ev.Position.Y)
		in.unit, in.as, in.ae = model.ByGrapheme, off, off
		v.setSelection(model.Selection{Anchor: off, Caret: off})
	}
}

// selectUnit selects the word or paragraph under pos and makes it the
// anchor of a following drag.
func (p *page) selectUnit(pos fyne.Position, u model.Unit) {
	v := p.v
	ch := v.lay.CharAt(pos.X, pos.Y)
	var s, e int
	if u == model.ByWord {
		s, e = v.doc.WordAt(ch)
	} else {
		s, e = v.doc.ParagraphRange(ch)
	}
	v.input.unit, v.input.as, v.input.ae = u, s, e
	v.setSelection(model.Selection{Anchor: s, Caret: e})
}

// MouseUp is part of desktop.Mouseable.
func (p *page) MouseUp(*desktop.MouseEvent) {}

// Tapped is part of fyne.Tappable: a click without dragging reports the
// highlight under it through OnSpanTapped.
func (p *page) Tapped(ev *fyne.PointEvent) {
	v := p.v
	in := &v.input
	if v.lay == nil {
		return
	}
	if in.onMark || !in.downSeen {
		if mk, ok := p.markAt(ev.Position); ok {
			in.onMark, in.downSeen = false, false
			p.tapMark(mk, ev.AbsolutePosition)
			return
		}
		if in.onMark { // pressed on a mark, released elsewhere
			in.onMark, in.downSeen = false, false
			return
		}
	}
	if !in.downSeen { // touch or synthetic tap: no MouseDown came first
		p.requestFocus()
		off := v.lay.OffsetAt(ev.Position.X, ev.Position.Y)
		in.clicks, in.lastClick, in.lastPos = 1, time.Now(), ev.Position
		v.setSelection(model.Selection{Anchor: off, Caret: off})
	}
	plain := !in.downShift && in.clicks <= 1
	in.downSeen, in.downShift = false, false
	if !plain || !v.sel.Empty() || v.OnSpanTapped == nil {
		return
	}
	if at := v.spans.At(v.lay.CharAt(ev.Position.X, ev.Position.Y)); len(at) > 0 && p.onText(ev.Position) {
		v.OnSpanTapped(at[0].ID)
	}
}

// onText reports whether pos is over the text of a line (not in a margin).
func (p *page) onText(pos fyne.Position) bool {
	l := p.v.lay
	i := l.LineAt(pos.Y)
	ln := &l.Lines[i]
	return pos.Y >= ln.Y && pos.Y < ln.Y+ln.Height && pos.X >= ln.X && pos.X <= l.X(i, ln.End)
}

// DoubleTapped is part of fyne.DoubleTappable: select the word. (With a
// mouse, MouseDown has already done so on the second press; this covers
// touch and keeps a following third press a triple click.)
func (p *page) DoubleTapped(ev *fyne.PointEvent) {
	v := p.v
	if v.lay == nil {
		return
	}
	if mk, ok := p.markAt(ev.Position); ok {
		p.v.input.onMark, p.v.input.downSeen = false, false
		p.tapMark(mk, ev.AbsolutePosition)
		return
	}
	p.requestFocus()
	in := &v.input
	in.clicks, in.lastClick, in.lastPos = 2, time.Now(), ev.Position
	in.downSeen = false
	p.selectUnit(ev.Position, model.ByWord)
}

// TappedSecondary is part of fyne.SecondaryTappable: report the position,
// the character, the spans there and the selection for a context menu.
func (p *page) TappedSecondary(ev *fyne.PointEvent) {
	v := p.v
	p.requestFocus()
	if v.lay == nil || v.OnSecondaryTapped == nil {
		return
	}
	ch := v.lay.CharAt(ev.Position.X, ev.Position.Y)
	s, e := v.sel.Range()
	se := SecondaryEvent{
		Position:         ev.Position.Subtract(v.scroll.Offset),
		AbsolutePosition: ev.AbsolutePosition,
		Offset:           ch,
		SelStart:         s,
		SelEnd:           e,
		InSelection:      e > s && ch >= s && ch < e,
	}
	for _, sp := range v.spans.At(ch) {
		se.SpanIDs = append(se.SpanIDs, sp.ID)
	}
	v.OnSecondaryTapped(se)
}

// Dragged is part of fyne.Draggable: extend the selection to the pointer,
// by words or paragraphs after a double or triple click, and scroll while
// the pointer is above or below the view.
func (p *page) Dragged(ev *fyne.DragEvent) {
	v := p.v
	if v.lay == nil {
		return
	}
	in := &v.input
	if in.onMark {
		return // a drag from a margin mark selects nothing
	}
	if !in.dragging {
		in.dragging = true
		if !in.downSeen {
			// No MouseDown (touch, or fyne/test.Drag): the drag began where
			// the pointer was before this move.
			o := ev.Position.Subtract(ev.Dragged)
			off := v.lay.OffsetAt(o.X, o.Y)
			in.unit, in.as, in.ae = model.ByGrapheme, off, off
		}
		in.downSeen = false
	}
	in.viewPoint = ev.Position.Subtract(v.scroll.Offset)
	p.extendTo(ev.Position)
	p.autoScroll()
}

// extendTo extends the selection being made to content position pos.
func (p *page) extendTo(pos fyne.Position) {
	v := p.v
	in := &v.input
	off := v.lay.OffsetAt(pos.X, pos.Y)
	ch := v.lay.CharAt(pos.X, pos.Y)
	v.setSelection(v.doc.Extend(in.as, in.ae, off, ch, in.unit))
}

// DragEnd is part of fyne.Draggable.
func (p *page) DragEnd() {
	in := &p.v.input
	in.dragging, in.onMark = false, false
	p.stopAutoScroll()
}

// autoScrollStep returns how far to scroll for the pointer's place in the
// view: proportional to how far outside the view it is, zero inside.
func (p *page) autoScrollStep() float32 {
	y := p.v.input.viewPoint.Y
	h := p.v.scroll.Size().Height
	switch {
	case y < 0:
		return max(y/2, -60)
	case y > h:
		return min((y-h)/2, 60)
	}
	return 0
}

// autoScroll starts the auto-scroll ticker while the pointer is outside
// the view during a drag (the pointer may stand still; the ticker keeps
// scrolling and extending the selection).
func (p *page) autoScroll() {
	in := &p.v.input
	if p.autoScrollStep() == 0 {
		p.stopAutoScroll()
		return
	}
	if in.autoScroll != nil {
		return
	}
	stop := make(chan struct{})
	in.autoScroll = stop
	go func() {
		t := time.NewTicker(40 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-stop:
				return
			case <-t.C:
				fyne.Do(func() { p.autoScrollTick(stop) })
			}
		}
	}()
}

// autoScrollTick scrolls one step and extends the selection; it runs on
// the Fyne goroutine.
func (p *page) autoScrollTick(stop chan struct{}) {
	v := p.v
	if v.input.autoScroll != stop || !v.input.dragging || v.lay == nil {
		return
	}
	step := p.autoScrollStep()
	if step == 0 {
		p.stopAutoScroll()
		return
	}
	v.scrollTo(v.scroll.Offset.Y + step)
	p.extendTo(v.input.viewPoint.Add(v.scroll.Offset))
}

func (p *page) stopAutoScroll() {
	in := &p.v.input
	if in.autoScroll != nil {
		close(in.autoScroll)
		in.autoScroll = nil
	}
}
