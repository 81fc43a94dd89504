//go:build !linux

package sync

import "time"

// staleLockAge is how old a git lock file in the working copy must be to
// be taken for one left by a killed git: older than any git command may
// run, since here a git started by a Gloss that was killed runs to its end.
const staleLockAge = DefaultNetTimeout + time.Minute
