package articleview

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"

	"github.com/glossnotes/gloss/app/articleview/model"
)

var _ desktop.Keyable = (*ArticleView)(nil)

// FocusGained is part of fyne.Focusable.
func (v *ArticleView) FocusGained() {
	v.focused = true
	v.page.update()
}

// Focused reports whether the view has the keyboard focus (its caret is
// drawn then).
func (v *ArticleView) Focused() bool { return v.focused }

// FocusLost is part of fyne.Focusable.
func (v *ArticleView) FocusLost() {
	v.focused, v.shift = false, false
	v.page.update()
}

// TypedRune is part of fyne.Focusable: characters go to OnTypedRune.
func (v *ArticleView) TypedRune(r rune) {
	if v.OnTypedRune != nil {
		v.OnTypedRune(r)
	}
}

// KeyDown is part of desktop.Keyable: it tracks Shift, which Fyne does not
// report with arrow keys.
func (v *ArticleView) KeyDown(ev *fyne.KeyEvent) {
	if ev.Name == desktop.KeyShiftLeft || ev.Name == desktop.KeyShiftRight {
		v.shift = true
	}
}

// KeyUp is part of desktop.Keyable.
func (v *ArticleView) KeyUp(ev *fyne.KeyEvent) {
	if ev.Name == desktop.KeyShiftLeft || ev.Name == desktop.KeyShiftRight {
		v.shift = false
	}
}

// TypedKey is part of fyne.Focusable. With Shift held, arrows, Home and End
// extend the selection; without, Left/Right collapse it, Up/Down/Page keys
// scroll, Home/End go to the top or bottom and Escape clears it.
func (v *ArticleView) TypedKey(ev *fyne.KeyEvent) {
	if v.OnTypedKey != nil && v.OnTypedKey(ev) {
		return
	}
	if v.lay == nil {
		return
	}
	if v.shift {
		v.moveCaret(ev.Name, false, true)
		return
	}
	lineH := v.lay.Metrics.TextSize * 1.5
	page := v.scroll.Size().Height * 0.9
	s, e := v.sel.Range()
	switch ev.Name {
	case fyne.KeyLeft:
		if s == e {
			s = v.doc.PrevGrapheme(s)
		}
		v.setSelection(model.Selection{Anchor: s, Caret: s})
	case fyne.KeyRight:
		if s == e {
			e = v.doc.NextGrapheme(e)
		}
		v.setSelection(model.Selection{Anchor: e, Caret: e})
	case fyne.KeyUp:
		v.scrollTo(v.scroll.Offset.Y - lineH)
	case fyne.KeyDown:
		v.scrollTo(v.scroll.Offset.Y + lineH)
	case fyne.KeyPageUp:
		v.scrollTo(v.scroll.Offset.Y - page)
	case fyne.KeyPageDown, fyne.KeySpace:
		v.scrollTo(v.scroll.Offset.Y + page)
	case fyne.KeyHome:
		v.scrollTo(0)
	case fyne.KeyEnd:
		v.scrollTo(v.lay.Height)
	case fyne.KeyEscape:
		v.setSelection(model.Selection{Anchor: v.sel.Caret, Caret: v.sel.Caret})
	}
}

// moveCaret moves the selection's caret for key k, word-wise with ctrl,
// keeping the anchor when extend is set, and scrolls it into view.
func (v *ArticleView) moveCaret(k fyne.KeyName, ctrl, extend bool) bool {
	c := v.sel.Caret
	switch k {
	case fyne.KeyLeft:
		if ctrl {
			c = v.doc.PrevWordStart(c)
		} else {
			c = v.doc.PrevGrapheme(c)
		}
	case fyne.KeyRight:
		if ctrl {
			c = v.doc.NextWordEnd(c)
		} else {
			c = v.doc.NextGrapheme(c)
		}
	case fyne.KeyUp, fyne.KeyDown:
		x, _, li := v.lay.PointAt(c)
		if k == fyne.KeyUp && li > v.lay.Body {
			c = v.lay.OffsetInLine(li-1, x)
		} else if k == fyne.KeyUp {
			c = 0
		} else if li+1 < len(v.lay.Lines) {
			c = v.lay.OffsetInLine(li+1, x)
		} else {
			c = v.doc.Len()
		}
	case fyne.KeyHome:
		if ctrl {
			c = 0
		} else {
			c = v.lay.Lines[v.lay.LineOf(c)].Start
		}
	case fyne.KeyEnd:
		if ctrl {
			c = v.doc.Len()
		} else {
			c = v.lay.Lines[v.lay.LineOf(c)].End
		}
	default:
		return false
	}
	a := v.sel.Anchor
	if !extend {
		a = c
	}
	v.setSelection(model.Selection{Anchor: a, Caret: c})
	v.revealCaret()
	return true
}

// revealCaret scrolls the smallest distance that shows the caret's line.
func (v *ArticleView) revealCaret() {
	_, y, li := v.lay.PointAt(v.sel.Caret)
	h := v.lay.Lines[li].Height
	top, vh := v.scroll.Offset.Y, v.scroll.Size().Height
	switch {
	case y < top:
		v.scrollTo(y)
	case y+h > top+vh:
		v.scrollTo(y + h - vh)
	}
}

// TypedShortcut is part of fyne.Shortcutable: copy, select all and
// Ctrl(+Shift)+arrows/Home/End; anything else goes to OnShortcut, then to
// the window's shortcuts.
func (v *ArticleView) TypedShortcut(s fyne.Shortcut) {
	switch sc := s.(type) {
	case *fyne.ShortcutCopy:
		if text := v.SelectedText(); text != "" {
			cb := sc.Clipboard
			if cb == nil {
				cb = fyne.CurrentApp().Clipboard()
			}
			cb.SetContent(text)
		}
		return
	case *fyne.ShortcutSelectAll:
		v.setSelection(model.Selection{Anchor: 0, Caret: v.doc.Len()})
		return
	case *desktop.CustomShortcut:
		if v.lay != nil && sc.Modifier&fyne.KeyModifierShortcutDefault != 0 {
			if v.moveCaret(sc.KeyName, true, sc.Modifier&fyne.KeyModifierShift != 0) {
				return
			}
		}
	}
	if v.OnShortcut != nil && v.OnShortcut(s) {
		return
	}
	if c := fyne.CurrentApp().Driver().CanvasForObject(v); c != nil {
		if h, ok := c.(fyne.Shortcutable); ok {
			h.TypedShortcut(s)
		}
	}
}
