//go:build !unix

package fused

// cpuSeconds is 0: no CPU time on this system.
func cpuSeconds() float64 { return 0 }
