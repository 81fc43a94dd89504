//go:build unix && !linux

package sync

import "syscall"

// dieWithParent cannot be had here: a git started by a Gloss that was
// killed runs to its end (at most its timeout).
func dieWithParent(a *syscall.SysProcAttr) {}
