//go:build linux

package sync

import (
	"syscall"
	"time"
)

// dieWithParent has the kernel kill git when Gloss dies.
func dieWithParent(a *syscall.SysProcAttr) { a.Pdeathsig = syscall.SIGKILL }

// staleLockAge is how old a git lock file in the working copy must be to
// be taken for one left by a killed git: any age here, as no git outlives
// the Gloss that started it (dieWithParent) and the notebook's own lock
// keeps a second Gloss from syncing it meanwhile.
const staleLockAge = 0 * time.Second
