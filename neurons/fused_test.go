package neurons_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/synapticflow/synapticflow-go/dist"
	"github.com/synapticflow/synapticflow-go/internal/fused"
	"github.com/synapticflow/synapticflow-go/neurons"
)

// cubaLIF is a LIF with CUBA's parameters; with perNeuron, every
// parameter is given once per neuron (all equal), which takes the
// general, per-neuron loop instead of the fused one.
func cubaLIF(n int, perNeuron bool) *neurons.LIF {
	m := neurons.NewLIF()
	m.Threshold, m.RestPot, m.ResetPot = neurons.Param{-50}, neurons.Param{-49}, neurons.Param{-60}
	m.RefracLength, m.TauM, m.R = neurons.Param{5}, neurons.Param{20}, neurons.Param{1}
	m.VInit = dist.Uniform{Min: -60, Max: -50}
	m.Method = neurons.Exact
	if perNeuron {
		for _, p := range []*neurons.Param{&m.Threshold, &m.RestPot, &m.ResetPot, &m.RefracLength, &m.TauM, &m.R} {
			*p = slices.Repeat(*p, n)
		}
	}
	return m
}

// TestLIFUniformMatchesPerNeuron checks that the LIF with shared
// parameters (internal/fused, the assembly kernel where the CPU has it)
// and the per-neuron loop give bit-identical potentials, counts and
// spikes over many steps, special inputs included.
func TestLIFUniformMatchesPerNeuron(t *testing.T) {
	for _, jumps := range []bool{false, true} {
		testLIFUniformMatchesPerNeuron(t, jumps)
	}
}

// testLIFUniformMatchesPerNeuron is TestLIFUniformMatchesPerNeuron, with
// voltage jumps (as poisson_input makes) if jumps is set.
func testLIFUniformMatchesPerNeuron(t *testing.T, jumps bool) {
	const n = 4099
	pu, pg := neurons.New("p", n, cubaLIF(n, false)), neurons.New("p", n, cubaLIF(n, true))
	require.NoError(t, pu.Init(0.1, 1, 0))
	require.NoError(t, pg.Init(0.1, 1, 0))
	var du, dg []float64
	if jumps {
		var err error
		du, err = pu.Jumps()
		require.NoError(t, err)
		dg, err = pg.Jumps()
		require.NoError(t, err)
	}
	r := rand.New(rand.NewPCG(1, 1))
	x := make([]float64, n)
	spikes := 0
	for k := range 400 {
		for i := range x {
			x[i] = r.NormFloat64()*30 + 2
			if jumps {
				du[i] = 0.1 * float64(r.IntN(5))
				dg[i] = du[i]
			}
		}
		if k == 200 {
			x[5], x[6], x[7] = math.Inf(1), math.Copysign(0, -1), math.NaN()
		}
		errU, errG := pu.Step(pu.Chunk(0, k), x), pg.Step(pg.Chunk(0, k), x)
		require.Equal(t, fmt.Sprint(errG), fmt.Sprint(errU), "step %d", k) // NaN != NaN for Equal
		require.Equal(t, pg.S, pu.S, "step %d", k)
		for _, v := range []string{"v", "refrac_count"} {
			a, b := pu.Var(v), pg.Var(v)
			for i := range a {
				if math.Float64bits(a[i]) != math.Float64bits(b[i]) && !(math.IsNaN(a[i]) && math.IsNaN(b[i])) {
					t.Fatalf("step %d: %s[%d] = %v, per-neuron %v", k, v, i, a[i], b[i])
				}
			}
		}
		if errU != nil {
			break // the NaN of step 200
		}
		pu.Collect()
		spikes += len(pu.Fired)
	}
	require.Greater(t, spikes, 1000)
}

// TestStepFusedMatchesStep checks StepFused against the kernels'
// delivery done by hand followed by Step: the same spikes, potentials,
// counts, currents and input, bit for bit, with and without a written
// input.
func TestStepFusedMatchesStep(t *testing.T) {
	const n = 1003
	for _, nk := range []int{1, 2, 3} {
		pf, ps := neurons.New("p", n, cubaLIF(n, false)), neurons.New("p", n, cubaLIF(n, false))
		ps.SumInput = true
		pf.SumInput = true
		require.NoError(t, pf.Init(0.1, 1, 512))
		require.NoError(t, ps.Init(0.1, 1, 512))
		r := rand.New(rand.NewPCG(2, uint64(nk)))
		cur := make([][2][]float64, nk) // fused, by hand
		for i := range cur {
			cur[i] = [2][]float64{make([]float64, n), make([]float64, n)}
		}
		xf, xs := make([]float64, n), make([]float64, n)
		decay := []float64{0.98, 0.99, 0.95}
		for k := range 300 {
			arr := make([][]float64, nk)
			for i := range arr {
				arr[i] = make([]float64, n)
				for j := range arr[i] {
					if r.IntN(6) == 0 {
						arr[i][j] = r.NormFloat64() * 4
					}
				}
			}
			for c := range pf.NumChunks() {
				ch := pf.Chunk(c, k)
				ks := make([]fused.Kernel, nk)
				for i := range ks {
					ks[i] = fused.Kernel{I: cur[i][0], A: slices.Clone(arr[i]), Decay: decay[i]}
				}
				ok, err := pf.StepFused(ch, ks, xf)
				require.True(t, ok)
				require.NoError(t, err)
				for j := ch.Lo; j < ch.Hi; j++ {
					sum := 0.0
					for i := range nk {
						c := cur[i][1][j]*decay[i] + arr[i][j]
						cur[i][1][j] = c
						sum += c
					}
					xs[j] = sum
				}
				require.NoError(t, ps.Step(ps.Chunk(c, k), xs))
			}
			require.Equal(t, ps.S, pf.S, "step %d", k)
			for _, p := range [][2][]float64{{pf.Var("v"), ps.Var("v")}, {pf.Var("refrac_count"), ps.Var("refrac_count")},
				{xf, xs}, {pf.Summed, ps.Summed}, {cur[nk-1][0], cur[nk-1][1]}} {
				for j := range p[0] {
					if math.Float64bits(p[0][j]) != math.Float64bits(p[1][j]) {
						t.Fatalf("%d kernels, step %d, neuron %d: fused %v, by hand %v", nk, k, j, p[0][j], p[1][j])
					}
				}
			}
		}
	}
	// A population that sums its input needs x; a model that is not a
	// FusedLinear never takes the fused step.
	p := neurons.New("p", 10, cubaLIF(10, false))
	p.SumInput = true
	require.NoError(t, p.Init(0.1, 1, 0))
	ok, _ := p.StepFused(p.Chunk(0, 0), []fused.Kernel{{I: make([]float64, 10), A: make([]float64, 10)}}, nil)
	require.False(t, ok)
	q := neurons.New("q", 10, neurons.NewIzhikevich())
	require.NoError(t, q.Init(0.1, 1, 0))
	ok, _ = q.StepFused(q.Chunk(0, 0), []fused.Kernel{{I: make([]float64, 10), A: make([]float64, 10)}}, make([]float64, 10))
	require.False(t, ok)
}
