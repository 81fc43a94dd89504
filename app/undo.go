package app

import "fmt"

// maxUndo bounds the undo history.
const maxUndo = 100

// undoOp is one undoable operation: what it did, how to take it back and
// how to do it again, each a notebook method call.
type undoOp struct {
	label      string
	undo, redo func() error
}

// undoStack holds annotation, tag and article operations for Edit → Undo
// and Redo.
type undoStack struct {
	ui   *UI
	done []undoOp
	redo []undoOp
}

func newUndoStack(ui *UI) *undoStack { return &undoStack{ui: ui} }

// push records an operation that has just been done.
func (u *undoStack) push(op undoOp) {
	u.done = append(u.done, op)
	if len(u.done) > maxUndo {
		u.done = u.done[len(u.done)-maxUndo:]
	}
	u.redo = nil
}

// canUndo and canRedo report whether there is something to take back or
// do again.
func (u *undoStack) canUndo() bool { return len(u.done) > 0 }
func (u *undoStack) canRedo() bool { return len(u.redo) > 0 }

// undoLast takes back the latest operation.
func (u *undoStack) undoLast() error {
	if len(u.done) == 0 {
		return nil
	}
	op := u.done[len(u.done)-1]
	if err := op.undo(); err != nil {
		return fmt.Errorf("undo %s: %w", op.label, err)
	}
	u.done = u.done[:len(u.done)-1]
	u.redo = append(u.redo, op)
	u.ui.notify.show("Undone: "+op.label, nil)
	return nil
}

// redoLast does the latest undone operation again.
func (u *undoStack) redoLast() error {
	if len(u.redo) == 0 {
		return nil
	}
	op := u.redo[len(u.redo)-1]
	if err := op.redo(); err != nil {
		return fmt.Errorf("redo %s: %w", op.label, err)
	}
	u.redo = u.redo[:len(u.redo)-1]
	u.done = append(u.done, op)
	u.ui.notify.show("Redone: "+op.label, nil)
	return nil
}

// undo and redo run from the menu, showing errors.
func (ui *UI) undoAction() {
	if err := ui.undo.undoLast(); err != nil {
		ui.showError(err)
	}
}

func (ui *UI) redoAction() {
	if err := ui.undo.redoLast(); err != nil {
		ui.showError(err)
	}
}
