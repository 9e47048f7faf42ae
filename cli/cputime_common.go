package cli

// cpuDiff returns the CPU time between two readings of
// processCPUSeconds, or -1 if either is unknown.
func cpuDiff(end, start float64) float64 {
	if end < 0 || start < 0 {
		return -1
	}
	return end - start
}

// cpuSince returns the CPU time used since the reading start, or -1.
func cpuSince(start float64) float64 { return cpuDiff(processCPUSeconds(), start) }
