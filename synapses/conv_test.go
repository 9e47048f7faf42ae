package synapses_test

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/synapticflow/synapticflow-go/dist"
	"github.com/synapticflow/synapticflow-go/graph"
	"github.com/synapticflow/synapticflow-go/learning"
	"github.com/synapticflow/synapticflow-go/neurons"
	"github.com/synapticflow/synapticflow-go/synapses"
)

// shaped returns an initialised population of Input neurons of a shape.
func shaped(t testing.TB, name string, shape ...int) *neurons.Population {
	t.Helper()
	p := neurons.NewShaped(name, shape, neurons.NewInput())
	require.NoError(t, p.Init(1, seed, 0))
	return p
}

// convRef computes the input of every target of a convolution from its
// definition: target (oy, ox, co) sums K[ky][kx][ci][co] * s(y, x, ci)
// over the kernel, y = oy*stride - pad + ky*dil (likewise x), positions
// outside the source being zero.
func convRef(in [3]int, out [3]int, k, stride, pad, dil int, kernel []float64, spikes []bool) []float64 {
	h, w, cin := in[0], in[1], in[2]
	oh, ow, cout := out[0], out[1], out[2]
	x := make([]float64, oh*ow*cout)
	for oy := range oh {
		for ox := range ow {
			for co := range cout {
				var sum float64
				for ky := range k {
					for kx := range k {
						y, xx := oy*stride-pad+ky*dil, ox*stride-pad+kx*dil
						if y < 0 || y >= h || xx < 0 || xx >= w {
							continue
						}
						for ci := range cin {
							if spikes[(y*w+xx)*cin+ci] {
								sum += kernel[((ky*k+kx)*cin+ci)*cout+co]
							}
						}
					}
				}
				x[(oy*ow+ox)*cout+co] = sum
			}
		}
	}
	return x
}

func TestConv2DMatchesDefinition(t *testing.T) {
	for _, tc := range []struct {
		h, w, cin, k, stride, pad, dil, cout int
	}{
		{6, 6, 1, 3, 1, 0, 1, 2},
		{7, 5, 2, 3, 2, 1, 1, 3},
		{9, 9, 1, 3, 1, 2, 2, 1},
		{5, 6, 3, 1, 1, 0, 1, 2},
		{8, 8, 2, 5, 3, 2, 1, 2},
	} {
		name := fmt.Sprintf("%dx%dx%d k%d s%d p%d d%d c%d", tc.h, tc.w, tc.cin, tc.k, tc.stride, tc.pad, tc.dil, tc.cout)
		t.Run(name, func(t *testing.T) {
			oh := (tc.h+2*tc.pad-tc.dil*(tc.k-1)-1)/tc.stride + 1
			ow := (tc.w+2*tc.pad-tc.dil*(tc.k-1)-1)/tc.stride + 1
			pre, post := shaped(t, "pre", tc.h, tc.w, tc.cin), shaped(t, "post", oh, ow, tc.cout)
			r := rand.New(rand.NewPCG(1, 2))
			kernel := make([]float64, tc.k*tc.k*tc.cin*tc.cout)
			for i := range kernel {
				kernel[i] = r.Float64()
			}
			conv := &synapses.Conv2D{KernelSize: tc.k, Stride: tc.stride, Padding: tc.pad, Dilation: tc.dil, Kernels: kernel}
			s := synapses.New("c", pre, post)
			s.Connect = conv
			require.NoError(t, s.Init(1, seed))
			assert.Equal(t, [4]int{tc.k, tc.k, tc.cin, tc.cout}, conv.KernelShape())

			// Three random spike patterns, one per step.
			fire := make(map[int][]int32)
			var patterns [][]bool
			for k := range 3 {
				sp := make([]bool, pre.Len())
				for i := range sp {
					if r.Float64() < 0.3 {
						sp[i] = true
						fire[k] = append(fire[k], int32(i))
					}
				}
				patterns = append(patterns, sp)
			}
			xs := steps(s, 4, fire, false)
			in, out := [3]int{tc.h, tc.w, tc.cin}, [3]int{oh, ow, tc.cout}
			for k, sp := range patterns {
				want := convRef(in, out, tc.k, tc.stride, tc.pad, tc.dil, kernel, sp)
				assert.InDeltaSlice(t, want, xs[k+1], 1e-12, "step %d", k+1)
			}
			// Event-driven: each spike reaches exactly the targets its
			// kernel covers, so the events are the synapses of the
			// spiking sources.
			var events int64
			for _, f := range fire {
				for _, i := range f {
					lo, hi := s.Outgoing(int(i))
					events += int64(hi - lo)
				}
			}
			assert.Equal(t, events, s.Events())
		})
	}
}

func TestConv2DLayoutErrors(t *testing.T) {
	for _, tc := range []struct {
		name      string
		in, out   []int
		conv      synapses.Conv2D
		wantError string
	}{
		{"size", []int{28, 28, 1}, []int{20, 20, 4}, synapses.Conv2D{KernelSize: 5},
			`synapse "c1": conv2d: input 28x28x1 with kernel 5, stride 1, padding 0 gives 24x24; population "feat" has shape 20x20x4`},
		{"dilation", []int{28, 28}, []int{22, 22}, synapses.Conv2D{KernelSize: 5, Dilation: 2},
			"input 28x28x1 with kernel 5, stride 1, padding 0, dilation 2 gives 20x20"},
		{"channels", []int{28, 28, 1}, []int{24, 24, 4}, synapses.Conv2D{KernelSize: 5, ChannelsOut: 8},
			`channels_out is 8; population "feat" has shape 24x24x4 (4 channels)`},
		{"too big", []int{4, 4}, []int{1, 1}, synapses.Conv2D{KernelSize: 5},
			"leaves no output position"},
		{"1-D", []int{16}, []int{12, 1}, synapses.Conv2D{KernelSize: 5},
			`population "img" has shape [16]`},
		{"kernel", []int{4, 4}, []int{4, 4}, synapses.Conv2D{KernelSize: 0},
			"kernel_size 0"},
		{"tensor", []int{4, 4}, []int{2, 2}, synapses.Conv2D{KernelSize: 3, Kernels: []float64{1}},
			"kernels hold 1 values; kernel 3 x 3 x 1 x 1 needs 9"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			conv := tc.conv
			s := synapses.New("c1", shaped(t, "img", tc.in...), shaped(t, "feat", tc.out...))
			s.Connect = &conv
			assert.ErrorContains(t, s.Init(1, seed), tc.wantError)
		})
	}
	t.Run("mask", func(t *testing.T) {
		s := synapses.New("c", shaped(t, "a", 4, 4), shaped(t, "b", 2, 2))
		s.Connect = &synapses.Conv2D{KernelSize: 3}
		s.Mask = func(int, int) bool { return false }
		assert.ErrorContains(t, s.Init(1, seed), "shares its weights")
	})
}

// TestConv2DSharedInit checks that every synapse of a kernel entry has
// the entry's weight, drawn once per entry from the edge's distribution.
func TestConv2DSharedInit(t *testing.T) {
	s := synapses.New("c", shaped(t, "a", 8, 8, 2), shaped(t, "b", 6, 6, 3))
	conv := &synapses.Conv2D{KernelSize: 3}
	s.Connect, s.Weight, s.WMax = conv, dist.Uniform{Min: 0, Max: 2}, 1.5
	require.NoError(t, s.Init(1, seed))
	kernel := conv.Kernel()
	require.Len(t, kernel, 3*3*2*3)
	seen := make(map[float64]bool)
	for _, v := range kernel {
		assert.True(t, v >= 0 && v <= 1.5, "clipped to the bounds: %g", v)
		seen[v] = true
	}
	assert.Greater(t, len(seen), len(kernel)/2, "entries drawn independently")
	// Target (oy, ox, co) reads source (oy+ky, ox+kx, ci) with entry
	// K[ky][kx][ci][co].
	dense := s.Dense()
	nPost := s.NumPost()
	for oy := range 6 {
		for ox := range 6 {
			for co := range 3 {
				j := (oy*6+ox)*3 + co
				for ky := range 3 {
					for kx := range 3 {
						for ci := range 2 {
							i := ((oy+ky)*8+ox+kx)*2 + ci
							assert.Equal(t, kernel[((ky*3+kx)*2+ci)*3+co], dense[i*nPost+j])
						}
					}
				}
			}
		}
	}
	assert.Equal(t, 6*6*3*3*3*2, s.Len())

	// Weights saved from this edge give the same kernel back.
	s2 := synapses.New("c2", shaped(t, "a", 8, 8, 2), shaped(t, "b", 6, 6, 3))
	conv2 := &synapses.Conv2D{KernelSize: 3}
	s2.Connect, s2.WeightMatrix, s2.WMax = conv2, dense, 1.5
	require.NoError(t, s2.Init(1, seed))
	assert.InDeltaSlice(t, kernel, conv2.Kernel(), 1e-12)
}

// TestConv2DTie checks weight sharing under learning: the change of a
// kernel entry is the sum of its synapses' changes, clipped to the bounds,
// and reaches every synapse of the entry.
func TestConv2DTie(t *testing.T) {
	s := synapses.New("c", shaped(t, "a", 4, 4), shaped(t, "b", 3, 3))
	conv := &synapses.Conv2D{KernelSize: 2, Kernels: []float64{0.1, 0.2, 0.3, 0.4}}
	s.Connect, s.WMax = conv, 1
	require.NoError(t, s.Init(1, seed))
	// Entry (0, 0) joins source (oy, ox) to target (oy, ox); entry (1, 1)
	// source (oy+1, ox+1) to target (oy, ox).
	syn := func(i, j int) int {
		lo, hi := s.Outgoing(i)
		for at := lo; at < hi; at++ {
			if int(s.PostIdx[at]) == j {
				return at
			}
		}
		t.Fatalf("no synapse %d -> %d", i, j)
		return -1
	}
	w := s.Weights()
	w[syn(0, 0)] += 0.05  // entry (0,0), target (0,0)
	w[syn(5, 4)] += 0.10  // entry (0,0), target (1,1)
	w[syn(15, 8)] += 0.75 // entry (1,1), target (2,2): 0.4+0.75 clips to 1
	w[syn(4, 0)] -= 0.02  // entry (1,0): source (1,0) -> target (0,0)
	s.Tie()
	assert.InDeltaSlice(t, []float64{0.25, 0.2, 0.28, 1}, conv.Kernel(), 1e-12)
	for at, wt := range w {
		i, j := -1, int(s.PostIdx[at])
		for src := range 16 {
			if lo, hi := s.Outgoing(src); at >= lo && at < hi {
				i = src
			}
		}
		ky, kx := i/4-j/3, i%4-j%3
		assert.InDelta(t, conv.Kernel()[ky*2+kx], wt, 1e-12, "synapse %d -> %d", i, j)
	}
}

func TestConv2DNorm(t *testing.T) {
	s := synapses.New("c", shaped(t, "a", 5, 5, 2), shaped(t, "b", 3, 3, 4))
	conv := &synapses.Conv2D{KernelSize: 3, Norm: 2}
	s.Connect = conv
	require.NoError(t, s.Init(1, seed))
	sums := func() []float64 {
		out := make([]float64, 4)
		for k, v := range conv.Kernel() {
			out[k%4] += math.Abs(v)
		}
		return out
	}
	assert.InDeltaSlice(t, []float64{2, 2, 2, 2}, sums(), 1e-12)
	s.Weights()[0] += 0.5
	s.Tie()
	assert.InDeltaSlice(t, []float64{2, 2, 2, 2}, sums(), 1e-12, "normalised after learning")
	// With padding 0 every target reads the whole kernel, so the sum of
	// its incoming weights is the norm too.
	in := make([]float64, s.NumPost())
	for at, j := range s.PostIdx {
		in[j] += s.Weights()[at]
	}
	for _, v := range in {
		assert.InDelta(t, 2, v, 1e-12)
	}
}

// TestConv2DLearnsShared runs STDP on a convolution in a network and
// checks that the weights stay shared and that the kernel learned: a
// source pixel that fires just before the targets gets potentiated.
func TestConv2DLearnsShared(t *testing.T) {
	net := graph.New(seed)
	net.Dt = 1
	img := neurons.NewShaped("img", []int{6, 6}, neurons.NewSpikeGenerator(nil))
	gen := img.Model.(*neurons.SpikeGenerator)
	// Every pixel fires at 1 ms, pixel (2, 2) also at 10 ms.
	gen.Times = make([][]float64, 36)
	for i := range gen.Times {
		gen.Times[i] = []float64{1}
	}
	gen.Times[2*6+2] = []float64{1, 10}
	feat := neurons.NewShaped("feat", []int{4, 4, 2}, neurons.NewInput())
	conv := &synapses.Conv2D{KernelSize: 3, Kernels: make([]float64, 18)}
	for i := range conv.Kernels {
		conv.Kernels[i] = 0.5
	}
	s := synapses.New("c", img, feat)
	s.Connect, s.WMax = conv, 1
	rule := learning.NewSTDP()
	rule.LR = []float64{0, 0.01}
	s.Rule = rule
	net.AddPopulation(img, feat)
	net.AddSynapse(s)
	sim, err := net.Compile()
	require.NoError(t, err)
	require.NoError(t, sim.Run(context.Background(), 20))
	// Every synapse carries its kernel entry's weight.
	k := conv.Kernel()
	for i := range 36 {
		lo, hi := s.Outgoing(i)
		for at := lo; at < hi; at++ {
			j := int(s.PostIdx[at])
			ky, kx := i/6-j/2/4, i%6-j/2%4
			assert.Equal(t, k[(ky*3+kx)*2+j%2], s.Weights()[at])
		}
	}
	// Input targets spike when their input arrives. Step 2: all 36
	// sources' spikes arrive (pre trace 1) and all 32 targets spike, so
	// each synapse gains 0.01 and each kernel entry 16*0.01 (16
	// positions): 0.66. Step 11: pixel (2,2)'s second spike reaches the
	// targets (oy, ox) in [0,2]x[0,2], which spike; each of their
	// synapses has the pre trace exp(-9/20) of step 2, plus 1 for the
	// one synapse from (2,2). Each entry has one synapse per such target
	// (9) and exactly one of them comes from (2,2):
	// 0.66 + 0.01*(9*exp(-0.45) + 1).
	want := 0.66 + 0.01*(9*math.Exp(-0.45)+1)
	for e, v := range k {
		assert.InDelta(t, want, v, 1e-12, "entry %d", e)
	}
}

// BenchmarkConv2D measures event-driven convolution: a 64x64x2 source
// (for example on/off DoG channels) through 5x5 kernels into 8 feature
// maps (60x60x8), 5% of the sources spiking per step. Each spike adds its
// weight to the 5*5*8 = 200 targets its kernel reaches; events/s counts
// these synaptic events.
func BenchmarkConv2D(b *testing.B) {
	pre, post := shaped(b, "pre", 64, 64, 2), shaped(b, "post", 60, 60, 8)
	s := synapses.New("c", pre, post)
	s.Connect = &synapses.Conv2D{KernelSize: 5}
	require.NoError(b, s.Init(1, seed))
	r := rand.New(rand.NewPCG(5, 6))
	const patterns = 16
	fired := make([][]int32, patterns)
	for k := range fired {
		for i := range pre.Len() {
			if r.Float64() < 0.05 {
				fired[k] = append(fired[k], int32(i))
			}
		}
	}
	x := make([]float64, post.Len())
	for k := 0; b.Loop(); k++ {
		s.Emit(k, fired[k%patterns])
		s.Deliver(k+1, x, 0, len(x))
	}
	b.ReportMetric(float64(s.Events())/b.Elapsed().Seconds(), "events/s")
}

// BenchmarkConv2DTie measures the weight tying after a learning step on
// the edge of BenchmarkConv2D: one pass over its synapses (here 100 of
// them changed).
func BenchmarkConv2DTie(b *testing.B) {
	pre, post := shaped(b, "pre", 64, 64, 2), shaped(b, "post", 60, 60, 8)
	s := synapses.New("c", pre, post)
	s.Connect, s.WMax = &synapses.Conv2D{KernelSize: 5}, 1e9
	require.NoError(b, s.Init(1, seed))
	for b.Loop() {
		for at := 0; at < 100*97; at += 97 {
			s.Weights()[at] += 1e-6
		}
		s.Tie()
	}
	b.ReportMetric(float64(s.Len()), "synapses")
}
