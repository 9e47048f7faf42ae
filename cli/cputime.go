//go:build unix

package cli

import "syscall"

// processCPUSeconds returns the CPU time (user and system) the process
// has used so far, every thread included: the simulation's workers, and
// also the garbage collector and the progress display. It returns -1 if
// the system cannot tell.
func processCPUSeconds() float64 {
	var u syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &u); err != nil {
		return -1
	}
	return float64(u.Utime.Sec+u.Stime.Sec) + float64(u.Utime.Usec+u.Stime.Usec)/1e6
}
