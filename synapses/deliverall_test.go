package synapses_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/synapticflow/synapticflow-go/dist"
	"github.com/synapticflow/synapticflow-go/neurons"
	"github.com/synapticflow/synapticflow-go/synapses"
)

// TestDeliverAllClosedForm checks DeliverAll on two exponential edges and
// a delta edge into the same targets against the closed form: a spike of
// weight w through a kernel of time constant tau, arriving in step a, adds
// w*exp(-(k-a)*dt/tau) to x in step k >= a; a delta spike adds w in the
// step it arrives only. Inputs of different edges add up.
func TestDeliverAllClosedForm(t *testing.T) {
	const dt = 0.5
	pre, post := inputPop(t, "pre", 1, dt), inputPop(t, "post", 2, dt)
	edge := func(name string, w float64, k synapses.Kernel) *synapses.Synapse {
		s := synapses.New(name, pre, post)
		s.Weight, s.Kernel = dist.Const(w), k
		require.NoError(t, s.Init(dt, seed))
		return s
	}
	fast := edge("fast", 1.5, &synapses.Exponential{Tau: 2})
	slow := edge("slow", 0.25, &synapses.Exponential{Tau: 8})
	delta := edge("delta", 3, &synapses.Delta{})

	// One spike in step 0 and one in step 2, delay one step: arrivals in
	// steps 1 and 3.
	fire := map[int][]int32{0: {0}, 2: {0}}
	for _, tc := range []struct {
		name  string
		edges []*synapses.Synapse
	}{
		{"exponential pair", []*synapses.Synapse{fast, slow}},
		{"exponential pair after delta", []*synapses.Synapse{delta, fast, slow}},
		{"delta between exponentials", []*synapses.Synapse{fast, delta, slow}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, e := range tc.edges {
				e.Reset()
			}
			for k := range 8 {
				x := []float64{math.NaN(), math.NaN()} // DeliverAll overwrites x
				synapses.DeliverAll(tc.edges, k, x, 0, 2)
				want := 0.0
				for _, a := range []int{1, 3} {
					if k >= a {
						want += 1.5*math.Exp(-float64(k-a)*dt/2) + 0.25*math.Exp(-float64(k-a)*dt/8)
					}
					if k == a && len(tc.edges) == 3 {
						want += 3
					}
				}
				assert.InDelta(t, want, x[0], 1e-12, "step %d", k)
				assert.InDelta(t, want, x[1], 1e-12, "step %d", k)
				for _, e := range tc.edges {
					e.Emit(k, fire[k])
				}
			}
		})
	}
}

// TestDeliverAllNoEdges checks that without edges DeliverAll clears x in
// the range and leaves it alone elsewhere.
func TestDeliverAllNoEdges(t *testing.T) {
	x := []float64{1, 2, 3, 4}
	synapses.DeliverAll(nil, 0, x, 1, 3)
	assert.Equal(t, []float64{1, 0, 0, 4}, x)
}

// TestDeliverAllMatchesDeliver checks that DeliverAll gives exactly (==,
// not to a tolerance) the input of clearing x and calling Deliver for each
// edge in turn, and leaves the kernels in exactly the same state, for
// mixes of kernels and delays, random spikes, and x split into ranges as
// parallel chunks split it.
func TestDeliverAllMatchesDeliver(t *testing.T) {
	const n, nPre, steps = 37, 20, 60
	kernels := map[string]func() synapses.Kernel{
		"exp5":  func() synapses.Kernel { return &synapses.Exponential{Tau: 5} },
		"exp3":  func() synapses.Kernel { return &synapses.Exponential{Tau: 3} },
		"exp10": func() synapses.Kernel { return &synapses.Exponential{Tau: 10} },
		"delta": func() synapses.Kernel { return &synapses.Delta{} },
		"cond":  func() synapses.Kernel { return &synapses.Conductance{Tau: 4} },
	}
	mixes := [][]string{
		{"exp5"},
		{"exp5", "exp10"},
		{"exp5", "exp10", "exp3"},
		{"exp5", "exp10", "exp3", "exp5"},
		{"delta", "exp5", "exp10"},
		{"exp5", "cond", "exp10", "delta"},
		{"cond", "delta"},
	}
	for _, mix := range mixes {
		t.Run(fmt.Sprint(mix), func(t *testing.T) {
			// Two copies of the same edges, one driven each way.
			build := func() (*neurons.Population, []*synapses.Synapse) {
				pre := inputPop(t, "pre", nPre, 0.1)
				post := lifPop(t, "post", n, 0.1, -65)
				pre.IsInhibitory = len(mix)%2 == 0
				var edges []*synapses.Synapse
				for i, name := range mix {
					e := synapses.New(fmt.Sprintf("e%d", i), pre, post)
					e.Connect = synapses.Random{P: 0.3}
					e.Weight = dist.Uniform{Min: 0, Max: 2}
					e.Delay = dist.Uniform{Min: 0.1, Max: 0.4 * float64(i+1)}
					e.Kernel = kernels[name]()
					require.NoError(t, e.Init(0.1, seed))
					edges = append(edges, e)
				}
				return post, edges
			}
			postA, a := build()
			postB, b := build()
			require.Equal(t, a[0].Weights(), b[0].Weights(), "precondition: the copies are the same")
			ranges := [][2]int{{0, 16}, {16, 32}, {32, n}}
			r := rand.New(rand.NewPCG(1, 2))
			nonzero := 0
			for k := range steps {
				want := make([]float64, n)
				for _, rg := range ranges {
					clear(want[rg[0]:rg[1]])
					for _, e := range a {
						e.Deliver(k, want, rg[0], rg[1])
					}
				}
				got := make([]float64, n)
				for i := range got {
					got[i] = math.NaN()
				}
				for _, rg := range ranges {
					synapses.DeliverAll(b, k, got, rg[0], rg[1])
				}
				require.Equal(t, want, got, "step %d", k)
				for _, x := range want {
					if x != 0 {
						nonzero++
					}
				}
				var fired []int32
				for i := range nPre {
					if r.Float64() < 0.2 {
						fired = append(fired, int32(i))
					}
				}
				for i := range a {
					a[i].Emit(k, fired)
					b[i].Emit(k, fired)
				}
				// The potential moves, as a neuron model would move it.
				for _, p := range []*neurons.Population{postA, postB} {
					for j := range p.Var("v") {
						p.Var("v")[j] = -70 + float64((k+j)%20)
					}
				}
			}
			require.Greater(t, nonzero, steps*n/2, "precondition: the inputs are not mostly zero")
			for i := range a {
				for _, v := range []string{"i", "g"} {
					assert.Equal(t, a[i].Var(v), b[i].Var(v), "edge %d, %s", i, v)
				}
			}
		})
	}
}
