//go:build unix

package notebook_test

import (
	"syscall"
	"time"
)

// childrenCPU is the CPU time of the finished children of this process
// (the git commands a sync ran).
func childrenCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_CHILDREN, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
