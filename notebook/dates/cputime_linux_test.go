//go:build linux

package dates

import (
	"time"

	"golang.org/x/sys/unix"
)

// processCPU returns the CPU time used by the whole process (all threads,
// the collector included): on a shared machine a benchmark's wall time
// also counts the time it waited for a core.
func processCPU() time.Duration {
	var ru unix.Rusage
	if err := unix.Getrusage(unix.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
