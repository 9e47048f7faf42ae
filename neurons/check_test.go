package neurons_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/synapticflow/synapticflow-go/dist"
	"github.com/synapticflow/synapticflow-go/neurons"
)

// TestLIFNonFinite checks the LIF's own fault check (CheckingModel) on
// every kind of non-finite input, with shared and per-neuron parameters
// and with and without a lower bound. A NaN potential is a fault; so is
// -Inf unless the lower bound lifts it; +Inf crosses the threshold, so the
// neuron spikes and is reset to a finite potential, which is no fault.
func TestLIFNonFinite(t *testing.T) {
	const reset, lb = -70.0, -80.0
	tests := []struct {
		name   string
		in     float64
		bound  bool
		spikes bool
		v      float64 // neuron 3's potential after the step
		fault  bool
	}{
		{"NaN", math.NaN(), false, false, math.NaN(), true},
		{"NaN, lower bound", math.NaN(), true, false, math.NaN(), true},
		{"+Inf", math.Inf(1), false, true, reset, false},
		{"-Inf", math.Inf(-1), false, false, math.Inf(-1), true},
		{"-Inf, lower bound", math.Inf(-1), true, false, lb, false},
		{"finite", 0.01, true, false, -60 + 0.01*20*(1-math.Exp(-0.1/10)), false},
	}
	for _, uniform := range []bool{true, false} {
		for _, tc := range tests {
			t.Run(fmt.Sprintf("%s, uniform %v", tc.name, uniform), func(t *testing.T) {
				m := neurons.NewLIF()
				m.Method = neurons.Exact
				m.ResetPot = neurons.Param{reset}
				m.VInit = dist.Const(-60)
				m.RestPot = neurons.Param{-60}
				if !uniform {
					m.RestPot = neurons.Param{-60, -60, -60, -60, -61}
				}
				if tc.bound {
					m.LowerBound = neurons.Param{lb}
				}
				p := neurons.New("exc", 5, m)
				require.NoError(t, p.Init(0.1, 1, 2)) // chunks of 2: neuron 3 is in chunk 1
				x := []float64{0, 0, 0, tc.in, 0}
				require.NoError(t, p.Step(p.Chunk(0, 4), x))
				err := p.Step(p.Chunk(1, 4), x)
				v := p.Var("v")
				if tc.fault {
					var fe *neurons.FaultError
					require.ErrorAs(t, err, &fe)
					assert.Equal(t, []any{"exc", "v", 3, 4}, []any{fe.Population, fe.Var, fe.Neuron, fe.Step})
					if math.IsNaN(tc.v) {
						assert.True(t, math.IsNaN(fe.Value), "value %g", fe.Value)
					} else {
						assert.Equal(t, tc.v, fe.Value)
					}
				} else {
					require.NoError(t, err)
					assert.InDelta(t, tc.v, v[3], 1e-12)
				}
				assert.Equal(t, tc.spikes, p.S[3])
				assert.Equal(t, -60.0, v[2], "a neuron at rest with no input stays at rest")
			})
		}
	}
}

// probe is a test model with two state variables, v = x and w = 2x, that
// implements CheckingModel and reports what it was told to.
type probe struct {
	neurons.Trace
	v, w          []float64
	suspect       bool
	steps, checks int
}

func (*probe) Kind() string { return "probe" }

func (m *probe) Init(n int, _ float64, _ *rand.Rand) error {
	m.v, m.w = make([]float64, n), make([]float64, n)
	return nil
}

func (m *probe) Step(c neurons.Chunk, x []float64, s []bool) {
	m.steps++
	for i := c.Lo; i < c.Hi; i++ {
		m.v[i], m.w[i], s[i] = x[i], 2*x[i], false
	}
}

func (m *probe) StepCheck(c neurons.Chunk, x []float64, s []bool) bool {
	m.Step(c, x, s)
	m.steps--
	m.checks++
	return m.suspect
}

func (*probe) Vars() []string { return []string{"v", "w"} }

func (m *probe) Var(name string) []float64 {
	switch name {
	case "v":
		return m.v
	case "w":
		return m.w
	}
	return nil
}

// TestCheckingModel checks how a population uses a model's own check: it
// calls StepCheck instead of Step, looks for the fault itself when the
// model reports a suspect state (and finds it in the right variable and
// neuron), and reports nothing on a false alarm.
func TestCheckingModel(t *testing.T) {
	var _ neurons.CheckingModel = (*probe)(nil)
	var _ neurons.CheckingModel = neurons.NewLIF()
	tests := []struct {
		name    string
		x       []float64
		suspect bool
		fault   *neurons.FaultError
	}{
		{"finite", []float64{1, 2, 3}, false, nil},
		{"false alarm", []float64{1, 2, 3}, true, nil},
		{"fault in w only", []float64{1, math.MaxFloat64, 3}, true,
			&neurons.FaultError{Population: "p", Var: "w", Neuron: 1, Step: 9, Value: math.Inf(1)}},
		{"fault in v and w", []float64{1, 2, math.Inf(-1)}, true,
			&neurons.FaultError{Population: "p", Var: "v", Neuron: 2, Step: 9, Value: math.Inf(-1)}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m := &probe{suspect: tc.suspect}
			p := neurons.New("p", 3, m)
			require.NoError(t, p.Init(0.1, 1, 0))
			err := p.Step(p.Chunk(0, 9), tc.x)
			assert.Equal(t, 1, m.checks)
			assert.Zero(t, m.steps, "Step is not called when StepCheck is there")
			if tc.fault == nil {
				assert.NoError(t, err)
				return
			}
			var fe *neurons.FaultError
			require.ErrorAs(t, err, &fe)
			assert.Equal(t, *tc.fault, *fe)
		})
	}
}
