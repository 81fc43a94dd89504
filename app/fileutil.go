package app

import (
	"os"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
)

// fileDialogSize is the size of every file dialog.
var fileDialogSize = fyne.NewSize(860, 560)

// removeEmpty deletes path if it is an empty file (left by a save dialog).
func removeEmpty(path string) {
	if fi, err := os.Stat(path); err == nil && fi.Mode().IsRegular() && fi.Size() == 0 {
		os.Remove(path)
	}
}

// askOpenPath shows a file-open dialog (limited to the extensions, when
// given) and calls fn with the chosen file's path. Cancelling does nothing;
// an error is shown in a dialog.
func (ui *UI) askOpenPath(exts []string, fn func(path string)) {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			ui.showError(err)
			return
		}
		if r == nil {
			return
		}
		path := r.URI().Path()
		r.Close()
		fn(path)
	}, ui.win)
	if len(exts) > 0 {
		d.SetFilter(storage.NewExtensionFileFilter(exts))
	}
	d.Resize(fileDialogSize)
	ui.modal(d)
}

// askSavePath shows a file-save dialog suggesting name and calls fn with
// the chosen path. The dialog has created the file empty; removing it
// is left to the caller (see removeEmpty).
func (ui *UI) askSavePath(name string, fn func(path string)) {
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			ui.showError(err)
			return
		}
		if w == nil {
			return
		}
		path := w.URI().Path()
		w.Close()
		fn(path)
	}, ui.win)
	d.SetFileName(name)
	d.Resize(fileDialogSize)
	ui.modal(d)
}
