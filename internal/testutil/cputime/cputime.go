// Package cputime measures CPU time for benchmarks, which on a shared
// machine says more than the wall clock: it leaves out the time the
// benchmark waited for a core.
package cputime

import "time"

// Thread returns the CPU time used by the calling OS thread (lock the
// goroutine to its thread around the measured work); 0 where unsupported.
func Thread() time.Duration { return thread() }

// Process returns the CPU time used by the whole process, all threads and
// the garbage collector included; 0 where unsupported.
func Process() time.Duration { return process() }
