package synapses_test

import (
	"runtime"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

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
