package learning_test

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/synapticflow/synapticflow-go/dist"
	"github.com/synapticflow/synapticflow-go/graph"
	"github.com/synapticflow/synapticflow-go/learning"
	"github.com/synapticflow/synapticflow-go/neurons"
	"github.com/synapticflow/synapticflow-go/synapses"
)

// rstdpRun pairs pre (arriving at 10.1 ms) and post (15.1 ms), delivers a
// reward of size amount at rewardAt ms, and returns the final weight and
// the rule's parameters.
func rstdpRun(t *testing.T, amount, rewardAt float64) float64 {
	t.Helper()
	net := graph.New(1)
	net.TauD = 50
	a := neurons.New("pre", 1, neurons.NewSpikeGenerator([][]float64{{10}}))
	b := neurons.New("post", 1, neurons.NewSpikeGenerator([][]float64{{15.1}}))
	net.AddPopulation(a, b)
	s := synapses.New("syn", a, b)
	s.Weight, s.WMax = dist.Const(0.5), 10
	r := learning.NewRSTDP()
	r.LR = []float64{0, 0.01}
	r.TauC = 100
	s.Rule = r
	net.AddSynapse(s)
	if amount != 0 {
		net.AddReward(&graph.Schedule{Times: []float64{rewardAt}, Amounts: []float64{amount}})
	}
	sim, err := net.Compile()
	require.NoError(t, err)
	require.NoError(t, sim.Run(t.Context(), rewardAt+600))
	return s.W[0]
}

// expectedRSTDP integrates dw/dt = c(t)*d(t) for c = c0*exp(-(t-t_post)/tau_c)
// from the post spike on and dopamine d = A*exp(-(t-t_r)/tau_d) from the
// reward on, as a sum over steps (the rule's discretisation):
// dw = sum_k dt*c_k*d_k.
func expectedRSTDP(amount, rewardAt float64) float64 {
	const dt, tauC, tauD = 0.1, 100.0, 50.0
	c0 := 0.01 * math.Exp(-5.0/20) // LTP of the pair, into c
	kPost, kR := 151, int(math.Round(rewardAt/dt))
	w := 0.5
	for k := kR; k < kR+int(600/dt); k++ { // the run lasts until step kR+6000
		c := c0 * math.Pow(math.Exp(-dt/tauC), float64(k-kPost))
		d := amount * math.Pow(math.Exp(-dt/tauD), float64(k-kR))
		w += dt * c * d
	}
	return w
}

func TestRSTDP(t *testing.T) {
	t.Run("no dopamine, no change", func(t *testing.T) {
		assert.Equal(t, 0.5, rstdpRun(t, 0, 50))
	})
	t.Run("reward within the window", func(t *testing.T) {
		w1 := rstdpRun(t, 1, 30)
		w2 := rstdpRun(t, 2, 30)
		assert.InDelta(t, expectedRSTDP(1, 30), w1, 1e-9)
		assert.Greater(t, w1, 0.5)
		assert.InDelta(t, 2*(w1-0.5), w2-0.5, 1e-12, "the change is proportional to dopamine")
		wNeg := rstdpRun(t, -1, 30)
		assert.InDelta(t, -(w1 - 0.5), wNeg-0.5, 1e-12, "punishment reverses it")
	})
	t.Run("reward after several tau_c", func(t *testing.T) {
		early := rstdpRun(t, 1, 30) - 0.5
		late := rstdpRun(t, 1, 15.1+600) - 0.5 // 6 tau_c after the pairing
		assert.InDelta(t, expectedRSTDP(1, 615.1)-0.5, late, 1e-9)
		assert.Less(t, late, early*0.01, "almost no change when the reward comes 6 tau_c late")
	})
}
