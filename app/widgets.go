package app

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// shortcutEntry is an Entry that passes the app's shortcuts on (an Entry
// swallows the ones it does not know), submits a multi-line note with
// Ctrl+Enter, lets the search palette see arrow keys, and returns the
// keyboard to the reader on Escape.
//
// Ctrl+Z and Ctrl+Shift+Z go to Gloss's undo stack unless the entry is an
// editor (a note, a name) with unsaved edits of its own: then they undo
// its typing. Search and filter fields never take them.
type shortcutEntry struct {
	widget.Entry
	ui *UI
	// onSubmit runs on Ctrl+Enter (and Enter in a single-line entry).
	onSubmit func()
	// onKey sees special keys first; returning true consumes them.
	onKey func(ev *fyne.KeyEvent) bool
	// onEscape runs on Escape (after which the reader has the keyboard).
	onEscape func()
	// editor marks an entry whose text is saved to the notebook; saved is
	// the text as it was opened.
	editor bool
	saved  string
}

// ownsUndo reports whether Ctrl+Z undoes this entry's own typing.
func (e *shortcutEntry) ownsUndo() bool { return e.editor && e.Text != e.saved }

func newShortcutEntry(ui *UI) *shortcutEntry {
	e := &shortcutEntry{ui: ui}
	e.ExtendBaseWidget(e)
	e.OnSubmitted = func(string) {
		if e.onSubmit != nil {
			e.onSubmit()
		}
	}
	return e
}

// TypedShortcut is part of fyne.Shortcutable.
func (e *shortcutEntry) TypedShortcut(s fyne.Shortcut) {
	switch s.(type) {
	case *fyne.ShortcutUndo, *fyne.ShortcutRedo:
		if !e.ownsUndo() && e.ui != nil {
			e.ui.runShortcut(s)
			return
		}
	}
	if cs, ok := s.(*desktop.CustomShortcut); ok {
		if cs.KeyName == fyne.KeyZ || cs.KeyName == fyne.KeyY {
			if !e.ownsUndo() && e.ui != nil && e.ui.runCustomShortcut(cs) {
				return
			}
			if cs.Modifier&fyne.KeyModifierShift != 0 || cs.KeyName == fyne.KeyY {
				e.Entry.TypedShortcut(&fyne.ShortcutRedo{})
			} else {
				e.Entry.TypedShortcut(&fyne.ShortcutUndo{})
			}
			return
		}
		if cs.KeyName == fyne.KeyReturn || cs.KeyName == fyne.KeyEnter {
			if e.onSubmit != nil {
				e.onSubmit()
			}
			return
		}
		if e.ui != nil && e.ui.runCustomShortcut(cs) {
			return
		}
	}
	e.Entry.TypedShortcut(s)
}

// TypedKey is part of fyne.Focusable.
func (e *shortcutEntry) TypedKey(ev *fyne.KeyEvent) {
	if e.onKey != nil && e.onKey(ev) {
		return
	}
	if ev.Name == fyne.KeyEscape && e.ui != nil {
		if e.onEscape != nil {
			e.onEscape()
		}
		e.ui.focusReader()
		return
	}
	e.Entry.TypedKey(ev)
}

// tightVBox stacks objects vertically with a small gap, for two-line rows.
type tightVBox struct{}

func (tightVBox) gap() float32 { return theme.Padding() / 2 * -1 }

// MinSize is part of fyne.Layout.
func (l tightVBox) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	n := 0
	for _, o := range objs {
		if !o.Visible() {
			continue
		}
		m := o.MinSize()
		s.Width = max(s.Width, m.Width)
		s.Height += m.Height
		n++
	}
	if n > 1 {
		s.Height += l.gap() * float32(n-1)
	}
	return s
}

// Layout is part of fyne.Layout.
func (l tightVBox) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	y := float32(0)
	for _, o := range objs {
		if !o.Visible() {
			continue
		}
		h := o.MinSize().Height
		o.Move(fyne.NewPos(0, y))
		o.Resize(fyne.NewSize(size.Width, h))
		y += h + l.gap()
	}
}

// notifier is the bar at the bottom of the window for short messages with
// an optional action (Undo), and the import progress.
type notifier struct {
	ui       *UI
	msg      *widget.Label
	action   *widget.Button
	progress *widget.ProgressBar
	box      *fyne.Container
	seq      int
}

func newNotifier(ui *UI) *notifier {
	n := &notifier{ui: ui, msg: widget.NewLabel(""), progress: widget.NewProgressBar()}
	n.msg.Truncation = fyne.TextTruncateEllipsis
	n.action = widget.NewButton("Undo", nil)
	n.action.Importance = widget.HighImportance
	n.action.Hide()
	n.progress.Hide()
	closeBtn := widget.NewButtonWithIcon("", theme.CancelIcon(), func() { n.box.Hide() })
	closeBtn.Importance = widget.LowImportance
	n.box = container.NewBorder(nil, nil, nil, container.NewHBox(n.progress, n.action, closeBtn), n.msg)
	n.box.Hide()
	return n
}

func (n *notifier) content() fyne.CanvasObject { return n.box }

// show displays msg, with a button running action (labelled by the
// first word of actionLabel, "Undo" by default) when action is not nil.
// The message hides itself after a few seconds.
func (n *notifier) show(msg string, action func(), actionLabel ...string) {
	n.seq++
	seq := n.seq
	n.msg.SetText(msg)
	if action != nil {
		label := "Undo"
		if len(actionLabel) > 0 {
			label = actionLabel[0]
		}
		n.action.SetText(label)
		n.action.OnTapped = func() {
			n.box.Hide()
			action()
		}
		n.action.Show()
	} else {
		n.action.Hide()
	}
	n.progress.Hide()
	n.box.Show()
	time.AfterFunc(8*time.Second, func() {
		n.ui.post(func() {
			if n.seq == seq {
				n.box.Hide()
			}
		})
	})
}

// hide hides the bar.
func (n *notifier) hide() {
	n.seq++
	n.box.Hide()
}

// showProgress displays a progress bar with a message (fraction 0–1).
func (n *notifier) showProgress(msg string, fraction float64) {
	n.seq++
	n.msg.SetText(msg)
	n.action.Hide()
	n.progress.SetValue(fraction)
	n.progress.Show()
	n.box.Show()
}
