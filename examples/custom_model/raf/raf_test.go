package raf_test

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/synapticflow/synapticflow-go/examples/custom_model/raf"
	"github.com/synapticflow/synapticflow-go/neurons"
)

// TestFreeOscillation checks the free solution: after a kick z(0) = 1
// (x = 1, v = 0), z(t) = exp((damping + i*omega)*t), so
// x = exp(damping*t)*cos(omega*t) and v = exp(damping*t)*sin(omega*t).
func TestFreeOscillation(t *testing.T) {
	m := raf.New()
	m.Threshold = 10 // no spike
	const dt = 0.1
	require.NoError(t, m.Init(1, dt, rand.New(rand.NewPCG(1, 2))))
	s := make([]bool, 1)
	// One step of input 1/(R*dt) = 10 adds 1 to x.
	m.Step(neurons.Chunk{Lo: 0, Hi: 1}, []float64{10}, s)
	require.InDelta(t, 1.0, m.X[0], 1e-12)
	omega := 2 * math.Pi * 50 / 1000
	for k := 1; k <= 400; k++ {
		m.Step(neurons.Chunk{Lo: 0, Hi: 1, Step: k}, []float64{0}, s)
		tm := float64(k) * dt
		assert.InDelta(t, math.Exp(-0.05*tm)*math.Cos(omega*tm), m.X[0], 1e-12, "x at %g ms", tm)
		assert.InDelta(t, math.Exp(-0.05*tm)*math.Sin(omega*tm), m.V[0], 1e-12, "v at %g ms", tm)
		assert.False(t, s[0])
	}
}

func TestSpikeAndReset(t *testing.T) {
	m := raf.New() // threshold 1
	require.NoError(t, m.Init(1, 0.1, nil))
	s := make([]bool, 1)
	// A kick of 2 turns into v = 2*sin(omega*t)*exp(damping*t), which
	// reaches 1 within a quarter period (5 ms).
	m.Step(neurons.Chunk{Lo: 0, Hi: 1}, []float64{20}, s)
	spiked := -1
	for k := 1; k <= 50 && spiked < 0; k++ {
		m.Step(neurons.Chunk{Lo: 0, Hi: 1, Step: k}, []float64{0}, s)
		if s[0] {
			spiked = k
		}
	}
	// The first step k at which the free solution 2*exp(-0.05*t)*
	// sin(0.1*pi*t), t = k*dt, reaches 1 (t between 1.8 and 1.9 ms).
	want := 1
	for 2*math.Exp(-0.05*float64(want)*0.1)*math.Sin(0.1*math.Pi*float64(want)*0.1) < 1 {
		want++
	}
	assert.Equal(t, 19, want)
	assert.Equal(t, want, spiked)
	assert.Zero(t, m.X[0])
	assert.Zero(t, m.V[0])
}

func TestInitRejectsBadParameters(t *testing.T) {
	for name, set := range map[string]func(*raf.RAF){
		"zero frequency":   func(m *raf.RAF) { m.Frequency = 0 },
		"positive damping": func(m *raf.RAF) { m.Damping = 0.1 },
		"infinite damping": func(m *raf.RAF) { m.Damping = math.Inf(-1) },
	} {
		t.Run(name, func(t *testing.T) {
			m := raf.New()
			set(m)
			assert.Error(t, m.Init(1, 0.1, nil))
		})
	}
}
