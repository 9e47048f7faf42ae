package cli

import (
	"testing"
	"time"
)

// TestProcessCPUSeconds checks that the process's CPU time grows while
// the process computes, by about what it computed.
func TestProcessCPUSeconds(t *testing.T) {
	c0 := processCPUSeconds()
	if c0 < 0 {
		t.Skip("no CPU time on this system")
	}
	x, start := 1.0, time.Now()
	for processCPUSeconds()-c0 < 0.05 {
		for range 100000 {
			x = x*1.0000001 + 1e-9
		}
		if time.Since(start) > 20*time.Second {
			t.Fatalf("CPU time grew by %g s in 20 s of computing", processCPUSeconds()-c0)
		}
	}
	if d := processCPUSeconds() - c0; d < 0.05 || d > 1 {
		t.Errorf("CPU time grew by %g s, want about 0.05 s (x = %g)", d, x)
	}
}
