package monitors_test

import (
	"bytes"
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/synapticflow/synapticflow-go/graph"
	"github.com/synapticflow/synapticflow-go/monitors"
	"github.com/synapticflow/synapticflow-go/neurons"
)

// newSpool returns a spool in a test directory, closed at the end.
func newSpool(t *testing.T, dir, name string) *monitors.Spool {
	t.Helper()
	s, err := monitors.NewSpool(dir, name)
	require.NoError(t, err)
	t.Cleanup(func() { s.Close() })
	return s
}

// spooledNet runs 20 Poisson neurons at 100 Hz (seed 1) for steps steps
// with a spike, rate and state monitor of each kind: held in memory and
// spooled. It returns the pairs.
type spooledPair struct {
	memSp, spSp     *monitors.SpikeMonitor
	memRate, spRate *monitors.RateMonitor
	memSt, spSt     *monitors.StateMonitor
	memSig, spSig   *monitors.SignalMonitor
	sim             *graph.Sim
}

func spooledNet(t *testing.T, dir string) *spooledPair {
	t.Helper()
	pop := neurons.New("noise", 20, neurons.NewPoisson(100))
	cells := lifPop("cells", 4)
	q := &spooledPair{
		memSp: monitors.NewSpikeMonitor("sm", pop), spSp: monitors.NewSpikeMonitor("ss", pop),
		memRate: monitors.NewRateMonitor("rm", pop), spRate: monitors.NewRateMonitor("rs", pop),
		memSt: monitors.NewStateMonitor("vm", cells, "v", "refrac_count"), spSt: monitors.NewStateMonitor("vs", cells, "v", "refrac_count"),
	}
	signal := func() func() float64 { // a signal of its own for each monitor
		step := 0
		return func() float64 { step++; return float64(step) / 7 }
	}
	q.memSig, q.spSig = monitors.NewSignalMonitor("gm", signal()), monitors.NewSignalMonitor("gs", signal())
	q.memSp.Indices, q.spSp.Indices = []int{3, 0, 7, 19}, []int{3, 0, 7, 19}
	q.memSt.Indices, q.spSt.Indices = []int{2, 1}, []int{2, 1}
	q.memSt.Every, q.spSt.Every = 3, 3
	q.spSp.Spool = newSpool(t, dir, "spikes")
	q.spRate.Spool = newSpool(t, dir, "rate")
	q.spSt.Spool = newSpool(t, dir, "state")
	q.spSig.Spool = newSpool(t, dir, "signal")
	net := graph.New(1)
	net.Dt = dt
	net.Workers = 1
	net.AddPopulation(pop, cells)
	net.AddStimulus(&graph.Current{Pop: cells, Amp: neurons.Param{0.6, 0.7, 0.8, 0.9}})
	net.AddMonitor(q.memSp, q.spSp, q.memRate, q.spRate, q.memSt, q.spSt, q.memSig, q.spSig)
	sim, err := net.Compile()
	require.NoError(t, err)
	q.sim = sim
	return q
}

// TestSpoolMatchesMemory checks that every spooled monitor reads back,
// through Each, exactly the records the same monitor holds in memory,
// across runs, and that Reset empties the spool.
func TestSpoolMatchesMemory(t *testing.T) {
	dir := t.TempDir()
	q := spooledNet(t, dir)
	run(t, q.sim, 700)
	run(t, q.sim, 300)

	var memSp, spSp []monitors.Spike
	require.NoError(t, q.memSp.Each(func(s monitors.Spike) bool { memSp = append(memSp, s); return true }))
	require.NoError(t, q.spSp.Each(func(s monitors.Spike) bool { spSp = append(spSp, s); return true }))
	require.Greater(t, len(memSp), 20)
	assert.Equal(t, q.memSp.Spikes(), memSp, "Each reads what Spikes returns")
	assert.Equal(t, memSp, spSp)
	assert.Nil(t, q.spSp.Spikes(), "a spooled monitor holds no spikes in memory")
	assert.Equal(t, q.memSp.Count(), q.spSp.Count())
	assert.Equal(t, q.memSp.NumSpikes(), q.spSp.NumSpikes())

	type rec struct{ t, x float64 }
	collect := func(each func(func(t, x float64) bool) error) []rec {
		var out []rec
		require.NoError(t, each(func(t, x float64) bool { out = append(out, rec{t, x}); return true }))
		return out
	}
	memRate := collect(q.memRate.Each)
	require.Len(t, memRate, 1000)
	assert.Equal(t, memRate, collect(q.spRate.Each))
	assert.Equal(t, q.memRate.Len(), q.spRate.Len())
	assert.Equal(t, q.memRate.Mean(), q.spRate.Mean())
	assert.Empty(t, q.spRate.Rate())
	// Smoothing from the spool gives SmoothedGaussian's values to the bit,
	// and those are the definition's: sum_j w_j x_(i+j-h) / sum_j w_j over
	// the j for which x_(i+j-h) exists, summed in order.
	raw := q.memRate.Rate()
	for _, sigma := range []float64{0, 0.05, 2, 30, 1000} {
		sm := q.memRate.SmoothedGaussian(sigma)
		if sigma > 0 {
			h := int(min(math.Ceil(4*sigma/dt-1e-9), float64(len(raw))))
			for i := range raw {
				var s, norm float64
				for j := max(0, i-h); j < min(len(raw), i+h+1); j++ {
					tj := float64(j-i) * dt
					wj := math.Exp(-tj * tj / (2 * sigma * sigma))
					s += wj * raw[j]
					norm += wj
				}
				require.Equal(t, s/norm, sm[i], "sigma %g, step %d: the definition", sigma, i)
			}
		}
		got := collect(func(f func(t, x float64) bool) error { return q.spRate.EachSmoothedGaussian(sigma, f) })
		require.Len(t, got, len(sm), "sigma %g", sigma)
		for j := range sm {
			require.Equal(t, sm[j], got[j].x, "sigma %g, step %d", sigma, j)
			require.Equal(t, memRate[j].t, got[j].t)
		}
	}

	assert.Equal(t, collect(q.memSig.Each), collect(q.spSig.Each))
	assert.Equal(t, q.memSig.Len(), q.spSig.Len())

	for _, name := range []string{"v", "refrac_count"} {
		want := q.memSt.Get(name)
		r, c := want.Dims()
		require.Equal(t, (1000+2)/3, r)
		require.Equal(t, 2, c)
		assert.Equal(t, 2, q.spSt.Width(name))
		j := 0
		times := q.memSt.Times()
		require.NoError(t, q.spSt.EachVar(name, func(tm float64, row []float64) bool {
			assert.Equal(t, times[j], tm)
			assert.Equal(t, []float64{want.At(j, 0), want.At(j, 1)}, row, "%s record %d", name, j)
			j++
			return true
		}))
		assert.Equal(t, r, j)
		j = 0
		require.NoError(t, q.memSt.EachVar(name, func(tm float64, row []float64) bool {
			assert.Equal(t, []float64{want.At(j, 0), want.At(j, 1)}, row, "%s record %d from memory", name, j)
			j++
			return true
		}))
		assert.Equal(t, r, j)
	}
	assert.Equal(t, q.memSt.Len(), q.spSt.NumRecords())
	assert.Error(t, q.spSt.EachVar("w", func(float64, []float64) bool { return true }), "not recorded")

	// Reset empties the spools; records start again.
	q.sim.Reset()
	for _, each := range []func() int{
		func() (n int) { q.spSp.Each(func(monitors.Spike) bool { n++; return true }); return },
		func() (n int) { q.spRate.Each(func(_, _ float64) bool { n++; return true }); return },
		func() (n int) { q.spSig.Each(func(_, _ float64) bool { n++; return true }); return },
		func() (n int) { q.spSt.EachVar("v", func(float64, []float64) bool { n++; return true }); return },
	} {
		assert.Zero(t, each(), "reset empties the spool")
	}
	run(t, q.sim, 10)
	assert.Equal(t, 10, q.spRate.Len())
	assert.Len(t, collect(q.spRate.Each), 10)
}

// TestSpoolFiles checks the spool's file: hidden, in the directory it was
// given, 12 bytes per spike, removed by Close.
func TestSpoolFiles(t *testing.T) {
	dir := t.TempDir()
	q := spooledNet(t, dir)
	run(t, q.sim, 500)
	path := q.spSp.Spool.Path()
	assert.Equal(t, dir, filepath.Dir(path))
	assert.Regexp(t, `^\.spikes\.spool-`, filepath.Base(path))
	info, err := os.Stat(path)
	require.NoError(t, err)
	assert.Equal(t, int64(12*q.spSp.NumSpikes()), info.Size(), "flushed at the end of the run")
	assert.Equal(t, info.Size(), q.spSp.Spool.Bytes())
	require.NoError(t, q.spSp.Spool.Close())
	assert.NoFileExists(t, path)
	require.NoError(t, q.spSp.Spool.Close(), "closing twice is harmless")
	assert.Error(t, q.sim.RunSteps(t.Context(), 100000), "recording into a closed spool fails")
	_, err = monitors.NewSpool(filepath.Join(dir, "missing"), "x")
	assert.Error(t, err)
}

// TestStreamAndSpoolConflict checks that a monitor refuses both W and a
// spool.
func TestStreamAndSpoolConflict(t *testing.T) {
	pop := lifPop("lif", 2)
	var buf bytes.Buffer
	mons := []monitors.Monitor{}
	sp := monitors.NewSpikeMonitor("s", pop)
	sp.W, sp.Spool = &buf, newSpool(t, t.TempDir(), "s")
	rate := monitors.NewRateMonitor("r", pop)
	rate.W, rate.Spool = &buf, newSpool(t, t.TempDir(), "r")
	st := monitors.NewStateMonitor("v", pop, "v")
	st.W, st.Spool = &buf, newSpool(t, t.TempDir(), "v")
	mons = append(mons, sp, rate, st)
	for _, m := range mons {
		net := graph.New(1)
		net.AddPopulation(pop)
		net.AddMonitor(m)
		_, err := net.Compile()
		require.Error(t, err, m.Name())
		assert.Contains(t, err.Error(), "set one")
	}
}

// TestRateMonitorStream checks the rate monitor's CSV stream against its
// records in memory.
func TestRateMonitorStream(t *testing.T) {
	pop := neurons.New("noise", 50, neurons.NewPoisson(200))
	mem := monitors.NewRateMonitor("mem", pop)
	var buf bytes.Buffer
	str := monitors.NewRateMonitor("str", pop)
	str.W = &buf
	sim := compile(t, []*neurons.Population{pop}, nil, nil, mem, str)
	run(t, sim, 300)
	header, rows := readCSV(t, &buf)
	assert.Equal(t, []string{"time_ms", "rate_hz"}, header)
	times, rates := mem.Times(), mem.Rate()
	require.Len(t, rows, 300)
	for j := range rows {
		assert.Equal(t, times[j], rows[j][0])
		assert.Equal(t, rates[j], rows[j][1], "row %d", j)
	}
	assert.Greater(t, mem.Mean(), 0.0)
	assert.Equal(t, mem.Mean(), str.Mean(), "a streaming monitor still averages")
	assert.Equal(t, 300, str.Len())
	assert.Empty(t, str.Rate())
	// The CSV writer's formats: shortest floats, decimal integers.
	var b bytes.Buffer
	c := monitors.NewCSVWriter(&b, []string{"time_ms", "neuron"})
	c.Start(0.30000000000000004)
	c.Int(1000000)
	c.Float(1e21)
	require.NoError(t, c.End())
	require.NoError(t, c.Flush())
	assert.Equal(t, "time_ms,neuron\n0.30000000000000004,1000000,1e+21\n", b.String())
}
