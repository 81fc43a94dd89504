package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Tooltips. Fyne 2.7 has none; a pop-up would take the next click (Fyne
// pop-ups are overlays that receive every mouse event), so the tip is
// drawn in a layer of the window's own content above the panes, where it
// takes no events.

// tipLayer draws one tooltip at a time over the window's content.
type tipLayer struct {
	layer *fyne.Container
	bg    *canvas.Rectangle
	text  *canvas.Text
	box   *fyne.Container
	owner fyne.CanvasObject // the object whose tip is shown
}

func newTipLayer() *tipLayer {
	t := &tipLayer{bg: canvas.NewRectangle(theme.Color(theme.ColorNameOverlayBackground)), text: canvas.NewText("", theme.Color(theme.ColorNameForeground))}
	t.bg.CornerRadius = theme.InputRadiusSize()
	t.bg.StrokeWidth = 1
	t.text.TextSize = theme.CaptionTextSize()
	t.box = container.NewStack(t.bg, container.NewPadded(t.text))
	t.box.Hide()
	t.layer = container.NewWithoutLayout(t.box)
	return t
}

// show shows text under (or above, near the bottom) obj.
func (t *tipLayer) show(obj fyne.CanvasObject, text string) {
	c := fyne.CurrentApp().Driver().CanvasForObject(obj)
	if c == nil || text == "" {
		return
	}
	t.owner = obj
	t.bg.FillColor = theme.Color(theme.ColorNameOverlayBackground)
	t.bg.StrokeColor = theme.Color(theme.ColorNameSeparator)
	t.text.Color = theme.Color(theme.ColorNameForeground)
	t.text.TextSize = theme.CaptionTextSize()
	t.text.Text = text
	size := t.box.MinSize()
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(obj)
	// The layer is at the canvas origin (it fills the window content).
	origin := fyne.CurrentApp().Driver().AbsolutePositionForObject(t.layer)
	p := pos.Subtract(origin).Add(fyne.NewPos(0, obj.Size().Height+2))
	cs := t.layer.Size()
	if cs.Width > 0 {
		p.X = max(0, min(p.X, cs.Width-size.Width))
		if p.Y+size.Height > cs.Height {
			p.Y = pos.Subtract(origin).Y - size.Height - 2
		}
	}
	t.box.Resize(size)
	t.box.Move(p)
	t.box.Show()
	t.bg.Refresh()
	t.text.Refresh()
	t.layer.Refresh()
}

// hide hides the tip of obj (any tip when obj is nil).
func (t *tipLayer) hide(obj fyne.CanvasObject) {
	if obj != nil && obj != t.owner {
		return
	}
	t.owner = nil
	t.box.Hide()
	t.layer.Refresh()
}

// visibleText is the tip shown, "" when none.
func (t *tipLayer) visibleText() string {
	if !t.box.Visible() {
		return ""
	}
	return t.text.Text
}

// tipButton is a button with a tooltip on hover and on keyboard focus.
type tipButton struct {
	widget.Button
	ui  *UI
	tip string
}

var _ desktop.Hoverable = (*tipButton)(nil)

// newTipButton returns a low-importance icon button with a tooltip.
func newTipButton(ui *UI, icon fyne.Resource, tip string, fn func()) *tipButton {
	b := &tipButton{ui: ui, tip: tip}
	b.Icon = icon
	b.OnTapped = fn
	b.Importance = widget.LowImportance
	b.ExtendBaseWidget(b)
	return b
}

// MouseIn is part of desktop.Hoverable.
func (b *tipButton) MouseIn(ev *desktop.MouseEvent) {
	b.Button.MouseIn(ev)
	b.ui.tips.show(b, b.tip)
}

// MouseOut is part of desktop.Hoverable.
func (b *tipButton) MouseOut() {
	b.Button.MouseOut()
	b.ui.tips.hide(b)
}

// FocusGained is part of fyne.Focusable.
func (b *tipButton) FocusGained() {
	b.Button.FocusGained()
	b.ui.tips.show(b, b.tip)
}

// FocusLost is part of fyne.Focusable.
func (b *tipButton) FocusLost() {
	b.Button.FocusLost()
	b.ui.tips.hide(b)
}
