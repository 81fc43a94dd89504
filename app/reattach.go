package app

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/glossnotes/gloss/notebook"
)

// Re-attaching an orphan (or moving any highlight) by hand: the reader
// shows a banner asking for the new passage; the user selects it and
// presses Enter or Attach, and the service's Reattach moves the highlight
// there. Esc or Cancel leaves it as it was.

// reattachUndoer is the service method that takes a manual re-attach
// back, restoring the anchor it replaced (the orphaned state included).
// The notebook does not have it yet: until it does, re-attaching an
// orphan cannot be undone, and the app says so instead of offering Undo.
type reattachUndoer interface {
	UndoReattach(annID string) (notebook.Annotation, error)
}

// attachBanner is the reader's header while a passage is being chosen.
type attachBanner struct {
	ui    *UI
	annID string
	label *widget.Label
	ok    *widget.Button
	box   *fyne.Container
}

func newAttachBanner(ui *UI) *attachBanner {
	b := &attachBanner{ui: ui}
	b.label = widget.NewLabel("")
	b.label.Wrapping = fyne.TextWrapWord
	b.label.Importance = widget.WarningImportance
	b.ok = widget.NewButtonWithIcon("Attach here", theme.ConfirmIcon(), b.attach)
	b.ok.Importance = widget.HighImportance
	cancel := widget.NewButton("Cancel", b.cancel)
	// The request wraps above the buttons: it stays whole in a narrow
	// reader.
	b.box = container.NewVBox(b.label, container.NewHBox(layout.NewSpacer(), cancel, b.ok))
	b.box.Hide()
	return b
}

func (b *attachBanner) content() fyne.CanvasObject { return b.box }

// active reports whether a passage is being chosen.
func (b *attachBanner) active() bool { return b.annID != "" }

// show shows the banner; canAttach enables Attach (text is selected).
func (b *attachBanner) show(canAttach bool) {
	if canAttach {
		b.ok.Enable()
	} else {
		b.ok.Disable()
	}
	b.box.Show()
}

func (b *attachBanner) hide() { b.box.Hide() }

// start asks for the new passage of an annotation.
func (b *attachBanner) start(a notebook.Annotation) {
	b.annID = a.ID
	b.label.SetText(fmt.Sprintf("Select the new passage for “%s”, then Attach (Enter). Esc cancels.", clipRunes(oneLine(a.Quote), 60)))
	b.ui.reader.view.SetSelection(0, 0)
	b.ui.reader.showHeader()
}

// cancel ends choosing without change.
func (b *attachBanner) cancel() {
	if b.annID == "" {
		return
	}
	b.annID = ""
	b.ui.reader.showHeader()
}

// attach re-attaches the annotation to the selected passage.
func (b *attachBanner) attach() {
	start, end := b.ui.reader.view.Selection()
	id := b.annID
	if id == "" || start >= end {
		return
	}
	b.annID = ""
	b.ui.reattach(id, start, end)
	b.ui.reader.view.SetSelection(end, end)
	b.ui.reader.showHeader()
}

// startReattach asks the user for a new passage for an annotation of the
// current article (waiting for the article to be shown when it is being
// opened).
func (ui *UI) startReattach(id string) {
	a, ok := ui.annotation(id)
	if !ok {
		ui.whenCardShown(id, func() { ui.startReattach(id) })
		return
	}
	ui.selectAnnotation(id)
	ui.notify.hide()
	ui.reader.attach.start(a)
	ui.focusReader()
}

// reattach moves an annotation to [start, end) of the current text.
func (ui *UI) reattach(id string, start, end int) {
	prev, ok := ui.annotation(id)
	if !ok {
		return
	}
	spec := notebook.HighlightSpec{Start: start, End: end}
	var op *undoOp
	undoer, canUndo := any(ui.nb).(reattachUndoer)
	switch {
	case prev.Status != notebook.Orphaned:
		// A highlight that had a place goes back to it.
		back := notebook.HighlightSpec{Start: prev.Start, End: prev.End}
		op = &undoOp{label: "re-attach",
			undo: func() error { _, err := ui.nb.Reattach(id, back); return err },
			redo: func() error { _, err := ui.nb.Reattach(id, spec); return err }}
	case canUndo:
		op = &undoOp{label: "re-attach",
			undo: func() error { _, err := undoer.UndoReattach(id); return err },
			redo: func() error { _, err := ui.nb.Reattach(id, spec); return err }}
	}
	if op != nil {
		ui.undo.push(op)
	}
	ui.write(func() (func(), error) {
		a, err := ui.nb.Reattach(id, spec)
		if err != nil {
			return func() {
				if op != nil {
					ui.undo.remove(op)
				}
			}, fmt.Errorf("re-attach: %w", err)
		}
		return func() {
			ui.whenCardShown(a.ID, func() { ui.selectAnnotation(a.ID) })
			msg := fmt.Sprintf("Re-attached to “%s”.", clipRunes(oneLine(a.Quote), 60))
			if op == nil {
				ui.notify.show(msg+" (Undo is not available for a re-attached orphan yet.)", nil)
				return
			}
			ui.notify.show(msg, ui.undoAction)
		}, nil
	})
}
