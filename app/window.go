package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
)

// Minimum pane widths: at 800×600 the three panes keep these and nothing
// is clipped; wider windows share the rest by the split offsets.
const (
	minLibraryWidth     = 200
	minReaderWidth      = 300
	minAnnotationsWidth = 240
)

// Content is the window's root object: library | reader | annotations,
// with resizable splits, over the notification bar, and the tooltip layer
// above them.
func (ui *UI) Content() fyne.CanvasObject {
	ui.inner = container.NewHSplit(withMinWidth(ui.reader.content(), minReaderWidth), withMinWidth(ui.anns.content(), minAnnotationsWidth))
	ui.inner.Offset = ui.prefs.FloatWithFallback(prefInnerSplit, 0.68)
	ui.outer = container.NewHSplit(withMinWidth(ui.lib.content(), minLibraryWidth), ui.inner)
	ui.outer.Offset = ui.prefs.FloatWithFallback(prefOuterSplit, 0.24)
	main := container.NewBorder(nil, ui.notify.content(), nil, nil, ui.outer)
	return container.NewStack(main, ui.tips.layer)
}

// dialogSize is the size of a dialog: w×h, or less in a window too small
// for it (a margin of 20 on each side).
func (ui *UI) dialogSize(w, h float32) fyne.Size {
	cs := ui.win.Canvas().Size()
	return fyne.NewSize(min(w, cs.Width-40), min(h, cs.Height-40))
}

// withMinWidth gives a pane a minimum width (a split never makes it
// narrower).
func withMinWidth(o fyne.CanvasObject, w float32) fyne.CanvasObject {
	return container.New(minWidthLayout{w: w}, o)
}

// minWidthLayout fills its object and reports at least width w.
type minWidthLayout struct{ w float32 }

// MinSize is part of fyne.Layout.
func (l minWidthLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	s := fyne.Size{}
	for _, o := range objs {
		m := o.MinSize()
		s = s.Max(m)
	}
	s.Width = max(s.Width, l.w)
	return s
}

// Layout is part of fyne.Layout.
func (l minWidthLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}
