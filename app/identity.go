package app

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/glossnotes/gloss/internal/identity"
)

// Your name for annotations (issue 20): the name Gloss records as the
// creator of what you import and highlight, and as the author of your
// synced changes. main sets it from $GLOSS_USER or Git's user.name and
// user.email; a name chosen here (Sync → Your name for annotations…) is
// remembered for every notebook and replaces it. Clearing it goes back to
// Git's.

// prefIdentity is the chosen name ("" for Git's).
const prefIdentity = "identity.name"

// identityDefault finds the name used when none is chosen ($GLOSS_USER or
// Git's user); tests replace it.
var identityDefault = identity.Name

// applyIdentity gives the notebook the chosen name, when there is one.
func (ui *UI) applyIdentity() {
	if name := strings.TrimSpace(ui.prefs.String(prefIdentity)); name != "" {
		ui.nb.SetIdentity(name)
	}
}

// identityForm is the "Your name for annotations" dialog.
type identityForm struct {
	name *widget.Entry
	dlg  dialog.Dialog
	save func()
}

// showIdentity opens the "Your name for annotations" dialog, with Git's
// name as the default (read in the background: git may be slow).
func (ui *UI) showIdentity() *identityForm {
	f := &identityForm{name: widget.NewEntry()}
	f.name.SetText(ui.prefs.String(prefIdentity))
	f.name.SetPlaceHolder("Name <email>")
	hint := widget.NewLabel("Recorded as the creator of the articles you import and the highlights you make, so a notebook shared through sync shows who made what; your synced changes carry it too.")
	hint.Wrapping = fyne.TextWrapWord
	def := widget.NewLabel("Default (from Git): …")
	def.Importance = widget.LowImportance
	def.Wrapping = fyne.TextWrapWord
	ui.background(func(context.Context) func() {
		name := identityDefault()
		return func() {
			if name == "" {
				def.SetText("Default: none (Git has no user.name). Leave empty to record no name.")
				f.name.SetPlaceHolder("Name <email>")
				return
			}
			def.SetText("Leave empty to use the default from Git: " + name)
			f.name.SetPlaceHolder(name)
		}
	})
	f.save = func() {
		name := strings.TrimSpace(f.name.Text)
		ui.prefs.SetString(prefIdentity, name)
		ui.background(func(context.Context) func() {
			if name == "" {
				name = identityDefault()
			}
			ui.nb.SetIdentity(name)
			shown := ui.nb.Identity()
			return func() {
				if shown == "" {
					ui.notify.show("No name will be recorded on your annotations.", nil)
				} else {
					ui.notify.show("Your annotations will be recorded as made by "+shown+".", nil)
				}
			}
		})
	}
	body := container.NewVBox(hint, widget.NewForm(widget.NewFormItem("Your name", f.name)), def)
	f.dlg = dialog.NewCustomConfirm("Your name for annotations", "Save", "Cancel", body, func(ok bool) {
		if ok {
			f.save()
		}
	}, ui.win)
	f.dlg.Resize(ui.dialogSize(560, 320))
	ui.modal(f.dlg)
	return f
}
