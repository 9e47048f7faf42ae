//go:build unix

package fused

import "syscall"

// cpuSeconds is the process's CPU time (benchmarks report it besides the
// wall time, which a loaded machine inflates more).
func cpuSeconds() float64 {
	var u syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &u) != nil {
		return 0
	}
	return float64(u.Utime.Sec+u.Stime.Sec) + float64(u.Utime.Usec+u.Stime.Usec)/1e6
}
