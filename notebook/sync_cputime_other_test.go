//go:build !unix

package notebook_test

import "time"

// childrenCPU is not measured here.
func childrenCPU() time.Duration { return 0 }
