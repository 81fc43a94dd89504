package storage

import (
	"bytes"
	"errors"
	"fmt"
	"runtime"
	"runtime/debug"
	"strings"

	"github.com/glossnotes/gloss/notebook"
)

// DamagedError reports that a notebook file is damaged. It wraps
// notebook.ErrDamaged.
type DamagedError struct {
	Path string // the notebook file
	What string // what is damaged, as far as known
}

func (e *DamagedError) Error() string {
	return fmt.Sprintf("notebook %s is damaged: %s (run gloss check)", e.Path, e.What)
}

// Unwrap makes errors.Is(err, notebook.ErrDamaged) true.
func (e *DamagedError) Unwrap() error { return notebook.ErrDamaged }

// damagePanic is raised inside a transaction by our own code when it meets
// damage it cannot report through an error return (a missing bucket, a
// bucket whose pages must not be walked); the guard turns it into a
// DamagedError.
type damagePanic struct{ what string }

// recordError is a record that cannot be decoded. The guard of the
// transaction turns it into a DamagedError.
type recordError struct{ what string }

func (e *recordError) Error() string { return e.what + " (the notebook is damaged; run gloss check)" }
func (e *recordError) Unwrap() error { return notebook.ErrDamaged }

// guard protects one bbolt call (View, Update, Backup). It makes memory
// faults on the goroutine panic instead of crashing the process
// (debug.SetPanicOnFault is per goroutine, so it is set here, on the
// caller's goroutine, around every call), and the returned function, which
// must be deferred, recovers a panic raised by bbolt or by a memory fault:
// the notebook is marked damaged and *err becomes a DamagedError. A panic
// raised by other code (a bug in the caller's transaction function, not
// damage) is not hidden: it is raised again. A decode error returned by the
// transaction also marks the notebook damaged.
//
//	defer s.guard(&err)()
func (s *DB) guard(err *error) func() {
	prev := debug.SetPanicOnFault(true)
	return func() {
		r := recover()
		debug.SetPanicOnFault(prev)
		if r != nil {
			what, ok := panicDamage(r, debug.Stack())
			if !ok {
				panic(r)
			}
			*err = s.markDamaged(what)
			return
		}
		var re *recordError
		if *err != nil && errors.As(*err, &re) {
			*err = s.markDamaged(re.what)
		}
	}
}

// panicDamage decides whether a recovered panic comes from reading damaged
// data, and describes it. It does when it is our own damagePanic, a memory
// fault, or when the first frame below the panic that is not in the
// runtime belongs to bbolt.
func panicDamage(r any, stack []byte) (string, bool) {
	if d, ok := r.(damagePanic); ok {
		return d.what, true
	}
	msg := fmt.Sprint(r)
	if isMemoryFault(r) {
		return "a page could not be read (" + msg + ")", true
	}
	if panickedIn(stack, "go.etcd.io/bbolt") {
		return "a page cannot be read (" + msg + ")", true
	}
	return "", false
}

// isMemoryFault reports whether a recovered panic is a memory fault turned
// into a panic by debug.SetPanicOnFault: a runtime error that carries the
// faulting address (a plain nil dereference does not).
func isMemoryFault(r any) bool {
	re, ok := r.(runtime.Error)
	if !ok {
		return false
	}
	if a, ok := re.(interface{ Addr() uintptr }); ok {
		return a.Addr() >= 0x1000
	}
	return strings.Contains(re.Error(), "fault")
}

// panickedIn reports whether, in a goroutine stack printed during a panic,
// the first function below the panic call that is not part of the runtime
// belongs to the package path prefix pkg.
func panickedIn(stack []byte, pkg string) bool {
	lines := bytes.Split(stack, []byte("\n"))
	i := 0
	for ; i < len(lines); i++ {
		if bytes.HasPrefix(lines[i], []byte("panic(")) {
			break
		}
	}
	for i++; i < len(lines); i++ {
		l := lines[i]
		if len(l) == 0 || l[0] == '\t' {
			continue // a file:line line
		}
		if bytes.HasPrefix(l, []byte("runtime.")) || bytes.HasPrefix(l, []byte("panic(")) {
			continue
		}
		return bytes.HasPrefix(l, []byte(pkg))
	}
	return false
}

// markDamaged records damage found in this process (the first one is kept
// as the reason), writes the marker beside the notebook so that later
// processes know, and returns the error to report.
func (s *DB) markDamaged(what string) error {
	s.mu.Lock()
	first := s.damage == ""
	if first {
		s.damage = what
	}
	uid := s.uid
	s.mu.Unlock()
	if first {
		writeMarker(s.path, uid, []string{what})
	}
	return &DamagedError{Path: s.path, What: what}
}

// noteDamage records damage met inside a transaction; the transaction will
// not commit.
func (s *DB) noteDamage(what string) *recordError {
	if s != nil {
		s.markDamaged(what)
	}
	return &recordError{what: what}
}

// Damage returns what is known to be damaged in the notebook (found at
// open, by a check, by a transaction, or recorded beside the file by an
// earlier process), or "" when nothing is known. While it is not empty,
// Update refuses to write.
func (s *DB) Damage() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.damage
}

// unreadable returns why bbolt must not walk a bucket's pages (or, for "",
// the file's), or "".
func (s *DB) unreadable(bucket string) string {
	if s == nil {
		return ""
	}
	if why, ok := s.unsafe[""]; ok {
		return why
	}
	return s.unsafe[bucket]
}
