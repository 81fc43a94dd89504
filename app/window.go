package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
)

// Content is the window's root object: library | reader | annotations,
// with resizable splits, over the notification bar.
func (ui *UI) Content() fyne.CanvasObject {
	ui.inner = container.NewHSplit(ui.reader.content(), ui.anns.content())
	ui.inner.Offset = ui.prefs.FloatWithFallback(prefInnerSplit, 0.68)
	ui.outer = container.NewHSplit(ui.lib.content(), ui.inner)
	ui.outer.Offset = ui.prefs.FloatWithFallback(prefOuterSplit, 0.24)
	return container.NewBorder(nil, ui.notify.content(), nil, nil, ui.outer)
}
