//go:build !unix

package cli

// processCPUSeconds returns -1: the process's CPU time is not measured on
// this system.
func processCPUSeconds() float64 { return -1 }
