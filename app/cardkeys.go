package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"github.com/glossnotes/gloss/notebook"
)

// The focus model (see also the README's keyboard section):
//
//   - The reader's keys (H, 1–8, N, T, Delete) work whenever no text field
//     has focus: in the reader, in the library list and tree, and when
//     nothing has focus (the window's own key handlers).
//   - Clicking a card selects its annotation, shows its passage and gives
//     the keyboard to the cards: 1–8 recolour it, N edits its note, T tags
//     it, R re-attaches it, Delete deletes it, ↑/↓ move to the previous or
//     next card, Enter edits the note.
//   - Esc returns the keyboard to the reader from anywhere (a text field
//     with a draft cancels the draft first).
//   - Tab moves through the panes: library filter, list, tree, reader,
//     cards.

// cardKeys is the annotations pane's keyboard handle: an invisible
// focusable widget behind the pane's title that takes the keys for the
// selected card.
type cardKeys struct {
	widget.BaseWidget
	ui      *UI
	focused bool
}

var _ fyne.Focusable = (*cardKeys)(nil)

func newCardKeys(ui *UI) *cardKeys {
	k := &cardKeys{ui: ui}
	k.ExtendBaseWidget(k)
	return k
}

// CreateRenderer is part of fyne.Widget: it draws nothing (the selected
// card shows the focus).
func (k *cardKeys) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(&fyne.Container{})
}

// FocusGained is part of fyne.Focusable.
func (k *cardKeys) FocusGained() {
	k.focused = true
	ui := k.ui
	if ui.selAnn == "" && len(ui.curAnns) > 0 {
		ui.selectAnnotation(ui.curAnns[0].ID)
	}
	ui.anns.markSelected(ui.selAnn)
}

// FocusLost is part of fyne.Focusable.
func (k *cardKeys) FocusLost() {
	k.focused = false
	k.ui.anns.markSelected(k.ui.selAnn)
}

// TypedRune is part of fyne.Focusable.
func (k *cardKeys) TypedRune(r rune) { k.ui.annotationKey(r) }

// TypedKey is part of fyne.Focusable.
func (k *cardKeys) TypedKey(ev *fyne.KeyEvent) {
	ui := k.ui
	switch ev.Name {
	case fyne.KeyUp:
		ui.stepAnnotation(-1)
	case fyne.KeyDown:
		ui.stepAnnotation(1)
	case fyne.KeyReturn, fyne.KeyEnter:
		if ui.selAnn != "" {
			ui.anns.editNote(ui.selAnn)
		}
	case fyne.KeyDelete, fyne.KeyBackspace:
		if ui.selAnn != "" {
			ui.deleteAnnotation(ui.selAnn)
		}
	case fyne.KeyEscape:
		ui.focusReader()
	}
}

// TypedShortcut passes shortcuts on to the app (the cards have none of
// their own).
func (k *cardKeys) TypedShortcut(s fyne.Shortcut) { k.ui.runShortcut(s) }

// focusCards gives the keyboard to the cards pane.
func (ui *UI) focusCards() {
	if ui.modals > 0 || ui.anns.mode != paneArticle {
		return
	}
	ui.win.Canvas().Focus(ui.anns.keys)
}

// cardTapped selects a card's annotation and shows its passage (a jump
// the user can go Back from), keeping the keys for the cards.
func (ui *UI) cardTapped(id string) {
	ui.navigate(ui.cur.ID, jump{annID: id, keepFocus: true})
	ui.focusCards()
}

// stepAnnotation selects the previous (d < 0) or next card and shows its
// passage.
func (ui *UI) stepAnnotation(d int) {
	if len(ui.curAnns) == 0 {
		return
	}
	i := -1
	for j, a := range ui.curAnns {
		if a.ID == ui.selAnn {
			i = j
		}
	}
	switch {
	case i < 0 && d > 0:
		i = 0
	case i < 0:
		i = len(ui.curAnns) - 1
	default:
		i = max(0, min(len(ui.curAnns)-1, i+d))
	}
	ui.applyJump(jump{annID: ui.curAnns[i].ID, keepFocus: true})
}

// annotationKey handles the letter keys for the selected annotation (the
// cards pane's keys): 1–8 recolour, N note, T tags.
func (ui *UI) annotationKey(r rune) {
	id := ui.selAnn
	if id == "" {
		return
	}
	switch {
	case r >= '1' && r <= '8':
		ui.recolor(id, notebook.Colors[r-'1'])
	case r == 'n' || r == 'N':
		ui.anns.editNote(id)
	case r == 't' || r == 'T':
		ui.tagAnnotation(id)
	case r == 'r' || r == 'R':
		ui.startReattach(id)
	}
}
