//go:build !linux

package search

import "time"

// threadCPU is only measured on Linux; elsewhere the CPU metrics read 0.
func threadCPU() time.Duration { return 0 }

// processCPU is only measured on Linux; elsewhere the CPU metrics read 0.
func processCPU() time.Duration { return 0 }
