package monitors_test

import (
	"bytes"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gonum.org/v1/gonum/mat"

	"github.com/synapticflow/synapticflow-go/graph"
	"github.com/synapticflow/synapticflow-go/monitors"
	"github.com/synapticflow/synapticflow-go/neurons"
	"github.com/synapticflow/synapticflow-go/synapses"
)

func TestStateMonitorLIFTrajectory(t *testing.T) {
	pop := lifPop("lif", len(amps))
	mon := monitors.NewStateMonitor("v", pop, "v", "refrac_count")
	sim := compile(t, []*neurons.Population{pop}, pop, amps, mon)
	const steps = 200
	run(t, sim, steps)

	v := mon.Get("v")
	require.NotNil(t, v)
	r, c := v.Dims()
	require.Equal(t, steps, r)
	require.Equal(t, len(amps), c)
	times := mon.Times()
	require.Len(t, times, steps)
	first := lifSpikeSteps(t, amps[0], steps)[0] // 68
	for k := range first {
		assert.InDelta(t, float64(k)*dt, times[k], 1e-12, "time of record %d", k)
		for i, a := range amps {
			assert.InDelta(t, lifV(a, k), v.At(k, i), 1e-9, "v of neuron %d after step %d", i, k)
		}
	}
	// The record of the spike step holds the reset potential and the
	// refractory count set by the spike; the count then falls by one per
	// step.
	ref := mon.Get("refrac_count")
	refSteps := math.Round(refracT / dt)
	assert.Equal(t, rest, v.At(first, 0))
	assert.Equal(t, refSteps, ref.At(first, 0))
	assert.Equal(t, refSteps-1, ref.At(first+1, 0))
	assert.Equal(t, 0.0, ref.At(first-1, 0))
	// The subthreshold neuron approaches rest + R*I = -54 mV.
	assert.InDelta(t, lifV(amps[2], steps-1), v.At(steps-1, 2), 1e-9)
}

func TestStateMonitorEvery(t *testing.T) {
	pop := lifPop("lif", 1)
	mon := monitors.NewStateMonitor("v", pop, "v")
	mon.Every = 3
	sim := compile(t, []*neurons.Population{pop}, pop, []float64{1}, mon)
	run(t, sim, 20) // records steps 0, 3, ..., 18

	require.Equal(t, 7, mon.Len())
	assert.Equal(t, []int{0, 3, 6, 9, 12, 15, 18}, mon.Steps())
	assert.InDeltaSlice(t, []float64{0, 0.3, 0.6, 0.9, 1.2, 1.5, 1.8}, mon.Times(), 1e-12)
	v := mon.Get("v")
	for j, k := range mon.Steps() {
		assert.InDelta(t, lifV(1, k), v.At(j, 0), 1e-9, "record %d", j)
	}

	// Steps keep counting across runs: the next record is step 21.
	run(t, sim, 1)
	assert.Equal(t, 7, mon.Len(), "step 20 is not recorded")
	run(t, sim, 1)
	require.Equal(t, 8, mon.Len())
	assert.InDelta(t, 2.1, mon.Times()[7], 1e-12)
	assert.InDelta(t, lifV(1, 21), mon.Get("v").At(7, 0), 1e-9)
}

func TestStateMonitorSubset(t *testing.T) {
	amps := []float64{0.1, 0.2, 0.3, 0.4, 0.45}
	pop := lifPop("lif", len(amps))
	all := monitors.NewStateMonitor("all", pop, "v")
	sub := monitors.NewStateMonitor("sub", pop, "v")
	sub.Indices = []int{4, 1}
	sub.Capacity = 7 // the 50 records span blocks of 7, 14 and 28 rows
	sim := compile(t, []*neurons.Population{pop}, pop, amps, all, sub)
	run(t, sim, 50)

	v := sub.Get("v")
	r, c := v.Dims()
	require.Equal(t, 50, r)
	require.Equal(t, 2, c)
	for k := range r {
		for col, i := range sub.Indices {
			assert.InDelta(t, lifV(amps[i], k), v.At(k, col), 1e-9, "neuron %d after step %d", i, k)
		}
	}
	assert.Equal(t, mat.Col(nil, 4, all.Get("v")), mat.Col(nil, 0, v))
}

func TestStateMonitorGetNonDestructiveAndReset(t *testing.T) {
	pop := lifPop("lif", 2)
	mon := monitors.NewStateMonitor("v", pop, "v")
	mon.Capacity = 4 // several blocks, of which Reset keeps the first
	sim := compile(t, []*neurons.Population{pop}, pop, []float64{1}, mon)
	run(t, sim, 30)

	a, b := mon.Get("v"), mon.Get("v")
	require.True(t, mat.Equal(a, b), "two reads give the same records")
	a.Set(0, 0, 1000)
	assert.NotEqual(t, 1000.0, mon.Get("v").At(0, 0), "the returned matrix is a copy")
	assert.Nil(t, mon.Get("w"), "w is not recorded")

	require.NoError(t, sim.Reset())
	assert.Zero(t, mon.Len())
	assert.Empty(t, mon.Times())
	assert.True(t, mon.Get("v").IsEmpty())

	// After the reset the population starts again from rest.
	run(t, sim, 5)
	require.Equal(t, 5, mon.Len())
	assert.InDelta(t, lifV(1, 0), mon.Get("v").At(0, 0), 1e-9)
	assert.True(t, mat.Equal(b.Slice(0, 5, 0, 2), mon.Get("v")), "the rerun repeats the first run")
}

func TestStateMonitorStream(t *testing.T) {
	amps := []float64{1, 0.5, 0.75}
	tests := []struct {
		name    string
		vars    []string
		indices []int
		header  []string
	}{
		{name: "one variable", vars: []string{"v"}, indices: []int{2, 0},
			header: []string{"time_ms", "2", "0"}},
		{name: "all indices", vars: []string{"v"},
			header: []string{"time_ms", "0", "1", "2"}},
		{name: "two variables", vars: []string{"v", "traces"}, indices: []int{1},
			header: []string{"time_ms", "v[1]", "traces[1]"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pop := lifPop("lif", len(amps))
			mem := monitors.NewStateMonitor("memory", pop, tt.vars...)
			mem.Indices, mem.Every = tt.indices, 2
			var buf bytes.Buffer
			str := monitors.NewStateMonitor("stream", pop, tt.vars...)
			str.Indices, str.Every, str.W = tt.indices, 2, &buf
			sim := compile(t, []*neurons.Population{pop}, pop, amps, mem, str)
			run(t, sim, 150)

			header, rows := readCSV(t, &buf)
			assert.Equal(t, tt.header, header)
			require.Len(t, rows, mem.Len())
			times := mem.Times()
			for j, row := range rows {
				assert.Equal(t, times[j], row[0], "row %d time", j)
				col := 1
				for _, name := range tt.vars {
					want := mat.Row(nil, j, mem.Get(name))
					assert.Equal(t, want, row[col:col+len(want)], "row %d %s", j, name)
					col += len(want)
				}
				assert.Equal(t, len(row), col)
			}
			assert.Zero(t, str.Len(), "a streaming monitor holds no records")
			assert.True(t, str.Get(tt.vars[0]).IsEmpty())
		})
	}
}

func TestStateMonitorInitErrors(t *testing.T) {
	tests := []struct {
		name  string
		setup func(m *monitors.StateMonitor, p *neurons.Population)
		want  []string
	}{
		{
			name:  "unknown variable",
			setup: func(m *monitors.StateMonitor, _ *neurons.Population) { m.Vars = []string{"vv"} },
			want:  []string{`population "lif" (lif) has no variable "vv"`, "valid variables: v, refrac_count, traces"},
		},
		{
			name: "summed without sum_input",
			setup: func(m *monitors.StateMonitor, _ *neurons.Population) {
				m.Vars = []string{"summed"}
			},
			want: []string{`no variable "summed"`},
		},
		{
			name:  "no variables",
			setup: func(m *monitors.StateMonitor, _ *neurons.Population) { m.Vars = nil },
			want:  []string{"records no variables", "valid variables: v, refrac_count, traces"},
		},
		{
			name:  "duplicate variable",
			setup: func(m *monitors.StateMonitor, _ *neurons.Population) { m.Vars = []string{"v", "v"} },
			want:  []string{`variable "v" listed twice`},
		},
		{
			name:  "index out of range",
			setup: func(m *monitors.StateMonitor, _ *neurons.Population) { m.Indices = []int{0, 3} },
			want:  []string{"index 3 out of range", "3 entries"},
		},
		{
			name:  "negative every",
			setup: func(m *monitors.StateMonitor, _ *neurons.Population) { m.Every = -2 },
			want:  []string{"every = -2 steps, want 1 or more"},
		},
		{
			name:  "no target",
			setup: func(m *monitors.StateMonitor, _ *neurons.Population) { m.Pop = nil },
			want:  []string{"exactly one target"},
		},
		{
			name: "two targets",
			setup: func(m *monitors.StateMonitor, p *neurons.Population) {
				m.Edge = synapses.New("e", p, p)
			},
			want: []string{"exactly one target"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pop := lifPop("lif", 3)
			mon := monitors.NewStateMonitor("state", pop, "v")
			tt.setup(mon, pop)
			net := graph.New(1)
			net.AddPopulation(pop)
			net.AddMonitor(mon)
			_, err := net.Compile()
			require.Error(t, err)
			assert.Contains(t, err.Error(), `monitor "state"`)
			for _, w := range tt.want {
				assert.Contains(t, err.Error(), w)
			}
		})
	}
}

func TestStateMonitorEdgeErrors(t *testing.T) {
	pre, post := lifPop("pre", 2), lifPop("post", 2)
	e := synapses.New("e", pre, post)
	mon := monitors.NewSynapseMonitor("syn", e, "g")
	net := graph.New(1)
	net.AddPopulation(pre, post)
	net.AddSynapse(e)
	net.AddMonitor(mon)
	_, err := net.Compile()
	require.Error(t, err)
	assert.Contains(t, err.Error(), `synapse "e" (delta kernel) has no variable "g"; valid variables: w`)
}

func TestStateMonitorPoissonHasNoV(t *testing.T) {
	pop := neurons.New("in", 4, neurons.NewPoisson(10))
	mon := monitors.NewStateMonitor("state", pop, "v")
	net := graph.New(1)
	net.AddPopulation(pop)
	net.AddMonitor(mon)
	_, err := net.Compile()
	require.Error(t, err)
	assert.Contains(t, err.Error(), `population "in" (poisson) has no variable "v"; valid variables: traces`)
}

func TestStateMonitorEmptySubset(t *testing.T) {
	pop := lifPop("lif", 2)
	mon := monitors.NewStateMonitor("v", pop, "v")
	mon.Indices = []int{}
	sim := compile(t, []*neurons.Population{pop}, pop, []float64{1}, mon)
	run(t, sim, 5)
	assert.Equal(t, 5, mon.Len(), "the records exist, with no columns")
	assert.True(t, mon.Get("v").IsEmpty())
}

// RecordInitial adds a first record, stamped 0 ms, of the state before
// step 0 (the LIF's rest potential), in memory, in a spool and in a CSV
// stream alike; the records after the steps follow unchanged, and Reset
// records the initial state again.
func TestStateMonitorRecordInitial(t *testing.T) {
	amps := []float64{1, 2}
	for _, mode := range []string{"memory", "spool", "csv"} {
		t.Run(mode, func(t *testing.T) {
			pop := lifPop("lif", len(amps))
			mon := monitors.NewStateMonitor("v", pop, "v")
			mon.RecordInitial = true
			var buf bytes.Buffer
			switch mode {
			case "spool":
				mon.Spool = newSpool(t, t.TempDir(), "v")
			case "csv":
				mon.W = &buf
			}
			sim := compile(t, []*neurons.Population{pop}, pop, amps, mon)
			const steps = 5
			run(t, sim, steps)
			require.Equal(t, steps+1, mon.NumRecords())
			var times []float64
			var rows [][]float64
			if mode == "csv" {
				header, recs := readCSV(t, &buf)
				assert.Equal(t, []string{"time_ms", "0", "1"}, header)
				for _, r := range recs {
					times, rows = append(times, r[0]), append(rows, r[1:])
				}
			} else {
				require.NoError(t, mon.EachVar("v", func(tm float64, row []float64) bool {
					times, rows = append(times, tm), append(rows, append([]float64(nil), row...))
					return true
				}))
			}
			require.Len(t, rows, steps+1)
			assert.Equal(t, 0.0, times[0], "the initial record is stamped 0 ms")
			assert.Equal(t, []float64{rest, rest}, rows[0], "the initial record holds the initial state")
			for k := range steps {
				assert.InDelta(t, float64(k)*dt, times[k+1], 1e-12)
				for i, a := range amps {
					assert.InDelta(t, lifV(a, k), rows[k+1][i], 1e-9, "v of neuron %d after step %d", i, k)
				}
			}
			if mode == "memory" {
				assert.Equal(t, []int{0, 0, 1, 2, 3, 4}, mon.Steps())
				require.NoError(t, sim.Reset())
				assert.Equal(t, 1, mon.Len(), "Reset records the initial state again")
				assert.Equal(t, []float64{rest, rest}, mon.Get("v").RawRowView(0))
			}
		})
	}
}
