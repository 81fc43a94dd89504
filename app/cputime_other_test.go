//go:build !linux

package app

// threadCPU is not measured outside Linux (0).
func threadCPU() float64 { return 0 }
