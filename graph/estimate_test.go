package graph_test

import (
	"context"
	"runtime"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/synapticflow/synapticflow-go/graph"
	"github.com/synapticflow/synapticflow-go/monitors"
	"github.com/synapticflow/synapticflow-go/neurons"
	"github.com/synapticflow/synapticflow-go/synapses"
)

func TestParseBytes(t *testing.T) {
	tests := []struct {
		in   string
		want int64
		err  bool
	}{
		{"4GB", 4e9, false}, {"4 gb", 4e9, false}, {"512MiB", 512 << 20, false}, {"1e9", 1e9, false},
		{"100", 100, false}, {"2KiB", 2048, false}, {"1.5T", 1.5e12, false}, {"0", 0, false},
		{"", 0, true}, {"GB", 0, true}, {"4XB", 0, true}, {"-1GB", 0, true}, {"1e30", 0, true},
	}
	for _, tt := range tests {
		got, err := graph.ParseBytes(tt.in)
		if tt.err {
			assert.Error(t, err, tt.in)
			continue
		}
		require.NoError(t, err, tt.in)
		assert.Equal(t, tt.want, got, tt.in)
	}
}

func TestFormat(t *testing.T) {
	assert.Equal(t, "12 TB", graph.FormatBytes(12e12))
	assert.Equal(t, "512 B", graph.FormatBytes(512))
	assert.Equal(t, "1.07 GB", graph.FormatBytes(1<<30))
	assert.Equal(t, "10^6", graph.FormatCount(1e6))
	assert.Equal(t, "10^12", graph.FormatCount(1e12))
	assert.Equal(t, "2.5 x 10^7", graph.FormatCount(2.5e7))
	assert.Equal(t, "99999", graph.FormatCount(99999))
	assert.Equal(t, "10^302", graph.FormatCount(1e302))
}

func TestCheckedLen(t *testing.T) {
	n, err := graph.CheckedLen([]int{28, 28, 2})
	require.NoError(t, err)
	assert.Equal(t, int64(1568), n)
	for _, shape := range [][]int{{4294967296, 4294967296}, {1 << 16, 1 << 16}, {10000000, 10000000, 10000000}, {0}, {}, {-1, 5}} {
		_, err := graph.CheckedLen(shape)
		assert.Error(t, err, "%v", shape)
	}
}

// TestCompileRefusesBeforeAllocating checks that graph.Compile refuses an
// overflowing shape and, with MaxMemory, an edge too large, at once.
func TestCompileRefusesBeforeAllocating(t *testing.T) {
	n := graph.New(1)
	n.AddPopulation(neurons.NewShaped("grid", []int{4294967296, 4294967296}, neurons.NewLIF()))
	errs := compileErrors(t, n)
	require.NotNil(t, find(errs, "population", "grid"))
	assert.Contains(t, find(errs, "population", "grid").Error(), "more than 2147483647 neurons")

	n = graph.New(1)
	a := neurons.New("a", 1000000, neurons.NewLIF())
	n.AddPopulation(a)
	s := synapses.New("ee", a, a)
	s.Connect = synapses.Random{P: 1}
	n.AddSynapse(s)
	n.MaxMemory = 1 << 30
	start := time.Now()
	errs = compileErrors(t, n)
	assert.Less(t, time.Since(start), time.Second)
	e := find(errs, "synapse", "ee")
	require.NotNil(t, e)
	assert.Contains(t, e.Error(), `synapse "ee": p = 1 on 10^6 x 10^6 neurons is 10^12 synapses, about 12 TB`)
	assert.Contains(t, e.Error(), "more than the memory limit MaxMemory = 1.07 GB")
}

// TestEstimate checks the estimates of each kind of part, and that a
// population's estimate is close to what it allocates.
func TestEstimate(t *testing.T) {
	n := graph.New(1)
	a := neurons.New("a", 100000, neurons.NewLIF())
	b := neurons.New("b", 10, neurons.NewLIF())
	n.AddPopulation(a, b)
	s := synapses.New("ab", a, b)
	n.AddSynapse(s)
	state := monitors.NewStateMonitor("m.state", b, "v")
	state.Every = 10
	spikes := monitors.NewSpikeMonitor("m", b)
	n.AddMonitor(state, spikes, monitors.NewRateMonitor("m.rate", b))
	es := n.Estimate(1000)
	byName := map[string]graph.Estimate{}
	for _, e := range es {
		byName[e.Kind+"/"+e.Name] = e
	}
	require.Len(t, byName, 6)
	syn := byName["synapse/ab"]
	assert.True(t, syn.Exact)
	assert.Equal(t, "dense on 10^5 x 10 neurons is 10^6 synapses", syn.Detail)
	assert.InDelta(t, 12e6, float64(syn.Bytes), 2e6)
	assert.Equal(t, syn.Peak, syn.Bytes, "a dense edge is built in place")
	st := byName["monitor/m.state"]
	assert.Equal(t, "1 variable x 10 neurons x 100 records is 1000 values", st.Detail)
	assert.Equal(t, int64(1000*8+100*8), st.Bytes)
	assert.Equal(t, int64(16000), byName["monitor/m.rate"].Bytes)
	assert.False(t, byName["monitor/m"].Exact, "spikes are a guess")
	assert.Equal(t, graph.Total(es), sum(es)+syn.Peak-syn.Bytes)

	// The population's estimate against what Init allocates.
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	require.NoError(t, a.Init(0.1, 1, 0))
	runtime.GC()
	runtime.ReadMemStats(&after)
	runtime.KeepAlive(a)
	kept := float64(after.HeapAlloc - before.HeapAlloc)
	est := float64(byName["population/a"].Bytes)
	t.Logf("population of 10^5 LIF neurons: estimate %.0f B, kept %.0f B", est, kept)
	assert.InDelta(t, 1, est/kept, 0.5, "estimate %g, kept %g", est, kept)
}

func sum(es []graph.Estimate) int64 {
	var s int64
	for _, e := range es {
		s += e.Bytes
	}
	return s
}

func TestOverLimit(t *testing.T) {
	es := []graph.Estimate{{Name: "a", Bytes: 10, Peak: 10}, {Name: "b", Bytes: 60, Peak: 60}, {Name: "c", Bytes: 40, Peak: 40}}
	assert.Nil(t, graph.OverLimit(es, 200))
	got := graph.OverLimit(es, 100)
	require.Len(t, got, 1)
	assert.Equal(t, "b", got[0].Name)
	got = graph.OverLimit(es, 50)
	require.Len(t, got, 1, "b alone exceeds the limit")
	assert.Nil(t, graph.OverLimit(es, -1))
}

func TestAvailableMemory(t *testing.T) {
	b, from := graph.AvailableMemory()
	assert.Greater(t, b, int64(0))
	assert.NotEmpty(t, from)
}

// TestRunRefusesTooManySteps checks that a run of more than 2^53 steps is
// refused instead of overflowing the step count (and running none).
func TestRunRefusesTooManySteps(t *testing.T) {
	n := graph.New(1)
	n.AddPopulation(neurons.New("a", 1, neurons.NewLIF()))
	sim, err := n.Compile()
	require.NoError(t, err)
	err = sim.Run(context.Background(), 1e300)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "more than the limit of 2^53")
	assert.Equal(t, 0.0, sim.Time())
}
