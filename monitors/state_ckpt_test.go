package monitors_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/synapticflow/synapticflow-go/checkpoint"
	"github.com/synapticflow/synapticflow-go/monitors"
	"github.com/synapticflow/synapticflow-go/neurons"
)

// monitorSet is one of each monitor, recording a population of 5.
type monitorSet struct {
	spikes *monitors.SpikeMonitor
	state  *monitors.StateMonitor
	rate   *monitors.RateMonitor
	signal *monitors.SignalMonitor
	all    []monitors.Monitor
}

func newMonitorSet(t *testing.T, p *neurons.Population, spool bool, val *float64) *monitorSet {
	t.Helper()
	s := &monitorSet{
		spikes: monitors.NewSpikeMonitor("s", p),
		state:  monitors.NewStateMonitor("v", p, "v", "refrac_count"),
		rate:   monitors.NewRateMonitor("r", p),
		signal: monitors.NewSignalMonitor("d", func() float64 { return *val }),
	}
	s.state.Indices = []int{4, 0}
	s.state.Capacity = 2 // several blocks
	s.all = []monitors.Monitor{s.spikes, s.state, s.rate, s.signal}
	if spool {
		dir := t.TempDir()
		for _, m := range s.all {
			sp, err := monitors.NewSpool(dir, m.Name())
			require.NoError(t, err)
			t.Cleanup(func() { sp.Close() })
			switch m := m.(type) {
			case *monitors.SpikeMonitor:
				m.Spool = sp
			case *monitors.StateMonitor:
				m.Spool = sp
			case *monitors.RateMonitor:
				m.Spool = sp
			case *monitors.SignalMonitor:
				m.Spool = sp
			}
		}
	}
	for _, m := range s.all {
		require.NoError(t, m.Init(0.1))
	}
	return s
}

func (s *monitorSet) records(t *testing.T) []any {
	var spikes []monitors.Spike
	require.NoError(t, s.spikes.Each(func(x monitors.Spike) bool { spikes = append(spikes, x); return true }))
	var v, rc [][]float64
	require.NoError(t, s.state.EachVar("v", func(_ float64, row []float64) bool { v = append(v, append([]float64(nil), row...)); return true }))
	require.NoError(t, s.state.EachVar("refrac_count", func(_ float64, row []float64) bool { rc = append(rc, append([]float64(nil), row...)); return true }))
	var rates, sig []float64
	require.NoError(t, s.rate.Each(func(_, hz float64) bool { rates = append(rates, hz); return true }))
	require.NoError(t, s.signal.Each(func(_, x float64) bool { sig = append(sig, x); return true }))
	return []any{spikes, s.spikes.Count(), s.spikes.NumSpikes(), v, rc, s.state.NumRecords(), rates, s.rate.Mean(), s.rate.Len(), sig}
}

// TestMonitorStateMovesBetweenMemoryAndSpool: a monitor's checkpoint
// restores into a monitor that keeps its records in memory or in a
// spool, whichever the other kept them in, and recording goes on as if
// it had never stopped.
func TestMonitorStateMovesBetweenMemoryAndSpool(t *testing.T) {
	p := neurons.New("p", 5, neurons.NewLIF())
	require.NoError(t, p.Init(0.1, 1, 0))
	v := p.Var("v")
	var val float64
	step := func(sets []*monitorSet, k int) {
		p.Fired = p.Fired[:0]
		for i := range 5 {
			if (k+i)%3 == 0 {
				p.Fired = append(p.Fired, int32(i))
			}
			v[i] = float64(k*10 + i)
		}
		val = float64(k) / 7
		for _, s := range sets {
			for _, m := range s.all {
				require.NoError(t, m.Record(k))
			}
		}
	}
	for _, tc := range []struct{ from, to bool }{{false, false}, {false, true}, {true, false}, {true, true}} {
		ref := newMonitorSet(t, p, false, &val)
		first := newMonitorSet(t, p, tc.from, &val)
		for k := range 7 {
			step([]*monitorSet{ref, first}, k)
		}
		second := newMonitorSet(t, p, tc.to, &val)
		for i, m := range first.all {
			var e checkpoint.Encoder
			require.NoError(t, checkpoint.Save(&e, m))
			d := checkpoint.NewDecoder(m.Name(), e.Bytes())
			require.NoError(t, checkpoint.Load(d, second.all[i]))
			require.NoError(t, d.Done())
		}
		for k := 7; k < 12; k++ {
			step([]*monitorSet{ref, second}, k)
		}
		require.Equal(t, ref.records(t), second.records(t), "spooled %v then %v", tc.from, tc.to)
	}
}
