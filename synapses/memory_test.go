package synapses_test

import (
	"runtime"
	"runtime/debug"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/synapticflow/synapticflow-go/dist"
	"github.com/synapticflow/synapticflow-go/synapses"
)

// initMeasured builds s and returns the bytes it keeps (heap growth after
// a collection, with s alive) and the bytes allocated while building it.
func initMeasured(tb testing.TB, s *synapses.Synapse, dt float64) (kept, allocated uint64) {
	tb.Helper()
	var before, built, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	require.NoError(tb, s.Init(dt, seed))
	runtime.ReadMemStats(&built)
	runtime.GC()
	runtime.ReadMemStats(&after)
	runtime.KeepAlive(s)
	return after.HeapAlloc - before.HeapAlloc, built.TotalAlloc - before.TotalAlloc
}

// TestMemoryPerSynapse checks the storage cost of a random edge with one
// delay: an int32 target and a float64 weight per synapse, 12 bytes, plus
// row pointers and delay buffers that are small next to 10^5 synapses.
func TestMemoryPerSynapse(t *testing.T) {
	pre, post := inputPop(t, "pre", 400, 0.1), inputPop(t, "post", 500, 0.1)
	s := synapses.New("e", pre, post)
	s.Connect = synapses.Random{P: 0.5}
	kept, _ := initMeasured(t, s, 0.1)
	require.Greater(t, s.Len(), 90000)
	perSyn := float64(kept) / float64(s.Len())
	// The build's temporary slices (about 20 bytes per synapse more) must
	// not stay reachable.
	assert.Less(t, perSyn, 13.0, "bytes kept per synapse")
}

// BenchmarkInit10M builds a random edge of 10^7 synapses (10^4 x 10^4
// neurons, p = 0.1) and reports the bytes kept and allocated per synapse
// and the build time per synapse.
func BenchmarkInit10M(b *testing.B) {
	const n, p, dt = 10000, 0.1, 0.1
	pre, post := inputPop(b, "pre", n, dt), inputPop(b, "post", n, dt)
	var kept, allocated, syn uint64
	for range b.N {
		s := synapses.New("e", pre, post)
		s.Connect = synapses.Random{P: p}
		k, a := initMeasured(b, s, dt)
		kept, allocated, syn = kept+k, allocated+a, syn+uint64(s.Len())
	}
	b.ReportMetric(float64(kept)/float64(syn), "kept-B/syn")
	b.ReportMetric(float64(allocated)/float64(syn), "alloc-B/syn")
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(syn), "ns/syn")
}

// peakMeasured builds s with the collector off and returns the bytes it
// keeps and the bytes allocated while it was built (with nothing
// collected, an upper bound of the heap's peak).
func peakMeasured(tb testing.TB, s *synapses.Synapse, dt float64) (kept, peak uint64) {
	tb.Helper()
	var before runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	old := debug.SetGCPercent(-1) // no collection while building: every allocation counts
	defer debug.SetGCPercent(old)
	require.NoError(tb, s.Init(dt, seed))
	var built, after runtime.MemStats
	runtime.ReadMemStats(&built)
	debug.SetGCPercent(old)
	runtime.GC()
	runtime.ReadMemStats(&after)
	runtime.KeepAlive(s)
	return after.HeapAlloc - before.HeapAlloc, built.TotalAlloc - before.TotalAlloc
}

// TestSharedWeightMemory checks the storage of edges whose synapses share
// one weight (a constant weight): 4 bytes per synapse kept (the target),
// at most 8 with per-synapse delays, and nothing allocated while building
// beyond 1.5 times what is kept (the build is in place), against 12 bytes
// kept for own weights; and that EstimateMemory says so.
func TestSharedWeightMemory(t *testing.T) {
	tests := []struct {
		name          string
		weight, delay dist.Dist
		maxPerSyn     float64
	}{
		{"shared weight, one delay", dist.Const(0.5), dist.Const(1), 4.3},
		{"shared weight, own delays", dist.Const(0.5), dist.Uniform{Min: 0.1, Max: 2}, 8.3},
		{"own weights, one delay", dist.Uniform{Min: 0, Max: 1}, dist.Const(1), 12.3},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			pre, post := inputPop(t, "pre", 1000, 0.1), inputPop(t, "post", 1000, 0.1)
			s := synapses.New("e", pre, post)
			s.Connect = synapses.Random{P: 0.2}
			s.Weight, s.Delay = tc.weight, tc.delay
			est := s.EstimateMemory(0.1)
			kept, allocated := peakMeasured(t, s, 0.1)
			n := float64(s.Len())
			require.Greater(t, n, 190000.0)
			// The ring of delay buffers (21 x 1000 floats at most) and row
			// pointers come on top; count them out.
			fixed := float64(8*(1000+1) + 8*1000*21)
			perSyn := (float64(kept) - fixed) / n
			assert.Less(t, perSyn, tc.maxPerSyn, "bytes kept per synapse")
			assert.Less(t, float64(allocated), 1.5*float64(kept), "allocated while building, against kept")
			assert.InDelta(t, 1, float64(est.Kept)/float64(kept), 0.15, "estimate %d, kept %d", est.Kept, kept)
			assert.LessOrEqual(t, float64(allocated), 1.2*float64(est.Peak), "the peak estimate is not low")
			w, shared := s.SharedWeight()
			_, isConst := tc.weight.(dist.Const)
			assert.Equal(t, isConst, shared)
			if shared {
				assert.Equal(t, 0.5, w)
				assert.Nil(t, s.W, "no per-synapse copy of a shared weight")
			}
		})
	}
}

// TestSharedWeightOwnedOnDemand checks that an edge with a shared weight
// gets its own weights where something needs them (Weights, Var("w"),
// a mask, a norm), with the same values, and that WeightValues gives them
// without keeping a copy.
func TestSharedWeightOwnedOnDemand(t *testing.T) {
	build := func(edit func(*synapses.Synapse)) *synapses.Synapse {
		pre, post := inputPop(t, "pre", 20, 0.1), inputPop(t, "post", 30, 0.1)
		s := synapses.New("e", pre, post)
		s.Connect = synapses.Random{P: 0.5}
		s.Weight = dist.Const(3)
		s.WMax = 2
		if edit != nil {
			edit(s)
		}
		require.NoError(t, s.Init(0.1, seed))
		return s
	}
	s := build(nil)
	w, ok := s.SharedWeight()
	require.True(t, ok)
	assert.Equal(t, 2.0, w, "the shared weight is clipped to WMax")
	vals := s.WeightValues()
	require.Len(t, vals, s.Len())
	for _, x := range vals {
		require.Equal(t, 2.0, x)
	}
	assert.Nil(t, s.W, "WeightValues keeps no copy")
	assert.Equal(t, vals, s.Weights())
	_, ok = s.SharedWeight()
	assert.False(t, ok, "Weights gives the edge its own weights")
	assert.Equal(t, vals, build(nil).Var("w"))
	masked := build(func(s *synapses.Synapse) { s.Mask = func(i, j int) bool { return i == 0 } })
	assert.NotNil(t, masked.W, "a mask gives the edge its own weights")
	for at, x := range masked.W {
		if masked.Source(at) == 0 {
			assert.Zero(t, x)
		} else {
			assert.Equal(t, 2.0, x)
		}
	}
	normed := build(func(s *synapses.Synapse) { s.Norm = 1 })
	assert.NotNil(t, normed.W, "a norm gives the edge its own weights")
	dense := build(nil).Dense()
	for at, p := range pairs(s) {
		assert.Equal(t, s.W[at], dense[p[0]*30+p[1]])
	}
}
