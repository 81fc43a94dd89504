package app

import (
	"fmt"
	"slices"
)

// maxUndo bounds the undo history.
const maxUndo = 100

// undoOp is one undoable operation: what it did, how to take it back and
// how to do it again, each a notebook method call run in the write queue.
type undoOp struct {
	label      string
	undo, redo func() error
}

// undoStack holds annotation, tag and article operations for Edit → Undo
// and Redo. It lives on the Fyne goroutine; the notebook calls run in the
// write queue, after the operation they take back (writes keep their
// order), so an operation is pushed as soon as it is asked for.
type undoStack struct {
	ui   *UI
	done []*undoOp
	redo []*undoOp
}

func newUndoStack(ui *UI) *undoStack { return &undoStack{ui: ui} }

// push records an operation that has just been asked for.
func (u *undoStack) push(op *undoOp) {
	u.done = append(u.done, op)
	if len(u.done) > maxUndo {
		u.done = u.done[len(u.done)-maxUndo:]
	}
	u.redo = nil
}

// remove forgets an operation that failed.
func (u *undoStack) remove(op *undoOp) {
	u.done = slices.DeleteFunc(u.done, func(o *undoOp) bool { return o == op })
	u.redo = slices.DeleteFunc(u.redo, func(o *undoOp) bool { return o == op })
}

// canUndo and canRedo report whether there is something to take back or
// do again.
func (u *undoStack) canUndo() bool { return len(u.done) > 0 }
func (u *undoStack) canRedo() bool { return len(u.redo) > 0 }

// undoLast takes back the latest operation.
func (u *undoStack) undoLast() {
	if len(u.done) == 0 {
		u.ui.notify.show("Nothing to undo.", nil)
		return
	}
	op := u.done[len(u.done)-1]
	u.done = u.done[:len(u.done)-1]
	u.redo = append(u.redo, op)
	u.ui.write(func() (func(), error) {
		if err := op.undo(); err != nil {
			return func() {
				// Not undone: it stays the latest operation.
				u.redo = slices.DeleteFunc(u.redo, func(o *undoOp) bool { return o == op })
				u.done = append(u.done, op)
			}, fmt.Errorf("undo %s: %w", op.label, err)
		}
		return func() { u.ui.notify.show("Undone: "+op.label, u.ui.redoAction, "Redo") }, nil
	})
}

// redoLast does the latest undone operation again.
func (u *undoStack) redoLast() {
	if len(u.redo) == 0 {
		u.ui.notify.show("Nothing to redo.", nil)
		return
	}
	op := u.redo[len(u.redo)-1]
	u.redo = u.redo[:len(u.redo)-1]
	u.done = append(u.done, op)
	u.ui.write(func() (func(), error) {
		if err := op.redo(); err != nil {
			return func() {
				u.done = slices.DeleteFunc(u.done, func(o *undoOp) bool { return o == op })
				u.redo = append(u.redo, op)
			}, fmt.Errorf("redo %s: %w", op.label, err)
		}
		return func() { u.ui.notify.show("Redone: "+op.label, u.ui.undoAction) }, nil
	})
}

// undoAction and redoAction run from the menu and the keys.
func (ui *UI) undoAction() { ui.undo.undoLast() }

func (ui *UI) redoAction() { ui.undo.redoLast() }
