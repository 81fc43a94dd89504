package app

import "golang.org/x/sys/unix"

// threadCPU is the CPU time the calling OS thread has used (the benchmark
// locks its goroutine to a thread, so this is the Fyne goroutine's work
// without the time other processes took the core).
func threadCPU() float64 {
	var ru unix.Rusage
	if err := unix.Getrusage(unix.RUSAGE_THREAD, &ru); err != nil {
		return 0
	}
	return float64(ru.Utime.Nano()+ru.Stime.Nano()) / 1e6
}
