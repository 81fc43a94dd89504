package app

import (
	"errors"

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
	dialog.ShowError(errors.New(msg), ui.win)
}
