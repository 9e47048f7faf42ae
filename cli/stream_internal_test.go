package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/synapticflow/synapticflow-go/dsl"
	"github.com/synapticflow/synapticflow-go/figures"
	"github.com/synapticflow/synapticflow-go/graph"
)

// loadTest loads and compiles a network of testdata with the given input
// variables.
func loadTest(t *testing.T, name string, vars map[string]string) (*dsl.Network, *graph.Sim) {
	t.Helper()
	net, diags := dsl.Load(filepath.Join("testdata", name), dsl.Options{Vars: vars})
	require.False(t, diags.HasErrors(), "%v", diags)
	sim, diags := net.Compile()
	require.False(t, diags.HasErrors(), "%v", diags)
	return net, sim
}

// heap returns the live heap after garbage collection.
func heap() uint64 {
	var ms runtime.MemStats
	runtime.GC()
	runtime.GC()
	runtime.ReadMemStats(&ms)
	return ms.HeapAlloc
}

// TestStreamingMemoryDoesNotGrow runs 1000 Poisson neurons at 50 Hz for 2 s
// and then on to 10 s, with the spike and rate monitors held in memory
// and streamed: in memory the 400 000 more spikes and 80 000 more steps
// of rate take megabytes (12 and 16 bytes each); streamed, the heap after
// 10 s is within 1 MB of the heap after 2 s.
func TestStreamingMemoryDoesNotGrow(t *testing.T) {
	if testing.Short() {
		t.Skip("simulates 20 s of 1000 neurons")
	}
	growth := func(stream bool) int64 {
		net, sim := loadTest(t, "memory.hcl", map[string]string{"stream": strconv.FormatBool(stream)})
		closeAll, err := streamMonitors(net, t.TempDir(), net.Simulation.Duration)
		require.NoError(t, err)
		defer closeAll()
		require.NoError(t, sim.Run(context.Background(), 2000))
		before := heap()
		require.NoError(t, sim.Run(context.Background(), 8000))
		after := heap()
		runtime.KeepAlive(sim)
		require.Greater(t, net.Monitors[0].Spikes.NumSpikes(), 400000, "the network spikes")
		return int64(after) - int64(before)
	}
	inMemory, streamed := growth(false), growth(true)
	t.Logf("heap growth from 2 s to 10 s: %d B in memory, %d B streamed", inMemory, streamed)
	assert.Greater(t, inMemory, int64(3<<20), "records held in memory grow (the test can tell)")
	assert.Less(t, streamed, int64(1<<20), "streamed records do not")
}

// TestStreamRule checks which monitors stream by default: those whose
// estimated memory exceeds streamLimit, and those with stream = true.
func TestStreamRule(t *testing.T) {
	tests := []struct {
		name     string
		stream   bool
		duration float64 // ms
		want     bool
	}{
		// 1000 neurons at the assumed 100 Hz: 1.2 MB of spikes per second.
		{"short", false, 10000, false},
		{"stream = true", true, 10000, true},
		{"long", false, 100000, true}, // 120 MB of spikes, 16 MB of rate
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			net, _ := loadTest(t, "memory.hcl", map[string]string{"stream": strconv.FormatBool(tc.stream)})
			dir := t.TempDir()
			closeAll, err := streamMonitors(net, dir, tc.duration)
			require.NoError(t, err)
			m := net.Monitors[0]
			assert.Equal(t, tc.want, m.Spikes.Spool != nil, "spikes")
			assert.Equal(t, tc.want, m.Rate.Spool != nil, "rate")
			require.NoError(t, closeAll())
			entries, err := os.ReadDir(dir)
			require.NoError(t, err)
			assert.Empty(t, entries, "closing removes the spool files")
		})
	}
	bytes := monitorBytes(&dsl.Monitor{}, 1e6, 0.1)
	assert.Zero(t, bytes, "a monitor recording nothing takes nothing")
	assert.False(t, math.IsNaN(bytes))
}

// peakRSS returns the process's peak resident memory in bytes (VmHWM), or
// 0 where /proc is not available.
func peakRSS() float64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, err := strconv.ParseFloat(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 64)
			if err == nil {
				return kb * 1024
			}
		}
	}
	return 0
}

// BenchmarkCUBAOutputs runs examples/cuba for 20 s of biological time
// (long enough for its excitatory monitor to stream by default) and
// writes netrun's default outputs, CSV and figures. It reports the time
// to write them (s-outputs/op), the largest heap in use sampled every
// 10 ms through the run and the writing (MB-max-heap), and the process's
// peak RSS (MB-peak-RSS, meaningful when the benchmark runs alone). The
// 600 s run of docs/performance.md is bench/longrun.sh.
func BenchmarkCUBAOutputs(b *testing.B) {
	for b.Loop() {
		net, diags := dsl.Load(filepath.Join("..", "examples", "cuba", "cuba.hcl"), dsl.Options{})
		require.False(b, diags.HasErrors(), "%v", diags)
		net.Simulation.Duration = 20000
		sim, diags := net.Compile()
		require.False(b, diags.HasErrors(), "%v", diags)
		dir := b.TempDir()
		closeAll, err := streamMonitors(net, dir, net.Simulation.Duration)
		require.NoError(b, err)
		var maxHeap atomic.Uint64
		stop := make(chan struct{})
		sampled := make(chan struct{})
		go func() {
			defer close(sampled)
			var ms runtime.MemStats
			for {
				runtime.ReadMemStats(&ms)
				if ms.HeapInuse > maxHeap.Load() {
					maxHeap.Store(ms.HeapInuse)
				}
				select {
				case <-stop:
					return
				case <-time.After(10 * time.Millisecond):
				}
			}
		}()
		require.NoError(b, sim.Run(context.Background(), net.Simulation.Duration))
		start := time.Now()
		r := &result{net: net, sim: sim, out: dir}
		require.NoError(b, r.writeMonitors("csv", true, io.Discard))
		outputs := time.Since(start)
		close(stop)
		<-sampled
		require.NoError(b, closeAll())
		b.ReportMetric(outputs.Seconds(), "s-outputs/op")
		b.ReportMetric(float64(maxHeap.Load())/1e6, "MB-max-heap")
		b.ReportMetric(peakRSS()/1e6, "MB-peak-RSS")
	}
}

// TestFigureTimeoutIsAWarning checks that a figure skipped for taking too
// long is reported on the warning writer and does not fail the outputs,
// while other figure errors do.
func TestFigureTimeoutIsAWarning(t *testing.T) {
	var warn strings.Builder
	err := figure(fmt.Errorf("figures: out/m.v.png: %w (more than 20s); not written", figures.ErrTimeout), &warn)
	assert.NoError(t, err)
	assert.Equal(t, "warning: figures: out/m.v.png: drawing took too long (more than 20s); not written\n", warn.String())
	warn.Reset()
	other := errors.New("figures: disk full")
	assert.Equal(t, other, figure(other, &warn))
	assert.Empty(t, warn.String())
	assert.NoError(t, figure(nil, &warn))
}
