package app

import (
	"errors"
	"slices"

	"fyne.io/fyne/v2/dialog"

	"github.com/glossnotes/gloss/notebook"
)

// showError shows an error in a dialog with the core's message, adding a
// hint for the errors a user can act on.
func (ui *UI) showError(err error) {
	if err == nil {
		return
	}
	msg := err.Error()
	switch {
	case errors.Is(err, notebook.ErrLocked):
		msg += "\n\nClose the other Gloss window (or command) using this notebook and try again."
	case errors.Is(err, notebook.ErrNewerSchema):
		msg += "\n\nInstall the newer Gloss to open it; this file was not changed."
	case errors.Is(err, notebook.ErrNotNotebook):
		msg += "\n\nThe file was not changed. Open another notebook or restore a backup."
	}
	ui.lastError = msg
	ui.modal(dialog.NewError(errors.New(msg), ui.win))
}

// modal shows one of the app's dialogs. The keyboard leaves the reader
// while a dialog is up (so its caret is not drawn through the dialog's
// shade, and Ctrl+Z does not reach a field behind it) and comes back to
// the reader when the last dialog closes.
func (ui *UI) modal(d dialog.Dialog) {
	ui.tips.hide(nil)
	ui.modals++
	ui.dialogs = append(ui.dialogs, d)
	ui.win.Canvas().Unfocus()
	d.SetOnClosed(func() {
		ui.modals = max(0, ui.modals-1)
		ui.dialogs = slices.DeleteFunc(ui.dialogs, func(o dialog.Dialog) bool { return o == d })
		if ui.modals == 0 {
			ui.focusReader()
		}
	})
	d.Show()
}

// closeModal closes a dialog shown with modal.
func (ui *UI) closeModal(d dialog.Dialog) {
	if d != nil {
		d.Hide()
	}
}
