package monitors_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"math"
	"strconv"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/synapticflow/synapticflow-go/graph"
	"github.com/synapticflow/synapticflow-go/monitors"
	"github.com/synapticflow/synapticflow-go/neurons"
)

// The LIF defaults (neurons.NewLIF) and the time step the tests use.
const (
	dt      = 0.1   // ms
	rest    = -62.0 // mV, also the reset potential
	thresh  = -52.0 // mV
	tauM    = 10.0  // ms
	resist  = 20.0  // MΩ
	refracT = 5.0   // ms
)

// lifPop returns a population of n LIF neurons with the default
// parameters.
func lifPop(name string, n int) *neurons.Population {
	return neurons.New(name, n, neurons.NewLIF())
}

// compile builds a network (dt 0.1 ms, seed 1) of the populations, drives
// population drive (if not nil) with the constant currents amps (one for
// all neurons, or one per neuron), adds the monitors and compiles it.
func compile(t *testing.T, pops []*neurons.Population, drive *neurons.Population, amps []float64, mons ...monitors.Monitor) *graph.Sim {
	t.Helper()
	net := graph.New(1)
	net.Dt = dt
	net.Workers = 1
	net.AddPopulation(pops...)
	if drive != nil {
		net.AddStimulus(&graph.Current{Pop: drive, Amp: neurons.Param(amps)})
	}
	net.AddMonitor(mons...)
	sim, err := net.Compile()
	require.NoError(t, err)
	return sim
}

// run advances sim by n steps.
func run(t *testing.T, sim *graph.Sim, n int) {
	t.Helper()
	require.NoError(t, sim.RunSteps(context.Background(), n))
}

// lifSpikeSteps returns the steps, below nSteps, in which a default LIF
// neuron starting at rest spikes under the constant current amp, from the
// closed form of the Euler iteration: after step k (from rest),
// v_k - rest = R*I*(1 - (1 - dt/tau)^(k+1)), so the first spike is the
// first k with (1 - dt/tau)^(k+1) <= 1 - gap/(R*I), gap = threshold - rest.
// After a spike v is held at reset for round(refrac/dt) steps and then
// integrates from rest again, so spikes repeat with period
// round(refrac/dt) + 1 + first.
func lifSpikeSteps(t *testing.T, amp float64, nSteps int) []int {
	t.Helper()
	drive := resist * amp
	if drive <= thresh-rest {
		return nil
	}
	x := math.Log(1-(thresh-rest)/drive) / math.Log(1-dt/tauM)
	require.Greater(t, math.Abs(x-math.Round(x)), 1e-6, "threshold crossing too close to a step boundary for a robust test")
	first := int(math.Ceil(x)) - 1
	period := int(math.Round(refracT/dt)) + 1 + first
	var steps []int
	for k := first; k < nSteps; k += period {
		steps = append(steps, k)
	}
	return steps
}

// lifV returns the Euler potential of a default LIF neuron after step k
// from rest under the constant current amp, before its first spike.
func lifV(amp float64, k int) float64 {
	return rest + resist*amp*(1-math.Pow(1-dt/tauM, float64(k+1)))
}

// readCSV parses CSV text into its header and numeric rows.
func readCSV(t *testing.T, b *bytes.Buffer) ([]string, [][]float64) {
	t.Helper()
	recs, err := csv.NewReader(bytes.NewReader(b.Bytes())).ReadAll()
	require.NoError(t, err)
	require.NotEmpty(t, recs, "no header")
	var rows [][]float64
	for _, rec := range recs[1:] {
		row := make([]float64, len(rec))
		for j, s := range rec {
			row[j], err = strconv.ParseFloat(s, 64)
			require.NoError(t, err)
		}
		rows = append(rows, row)
	}
	return recs[0], rows
}
