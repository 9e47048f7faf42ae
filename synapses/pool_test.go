package synapses_test

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/synapticflow/synapticflow-go/synapses"
)

func TestPool2D(t *testing.T) {
	for _, tc := range []struct {
		pool          string
		h, w, c, k, s int
		weight        float64
	}{
		{"max", 6, 6, 2, 2, 0, 1},        // stride defaults to the kernel
		{"max", 7, 7, 1, 3, 2, 1},        // overlapping windows
		{"average", 6, 4, 3, 2, 2, 0.25}, // 1/k²
		{"average", 9, 9, 1, 3, 3, 1.0 / 9},
	} {
		t.Run(fmt.Sprintf("%s %dx%dx%d k%d s%d", tc.pool, tc.h, tc.w, tc.c, tc.k, tc.s), func(t *testing.T) {
			stride := tc.s
			if stride == 0 {
				stride = tc.k
			}
			oh, ow := (tc.h-tc.k)/stride+1, (tc.w-tc.k)/stride+1
			pre, post := shaped(t, "pre", tc.h, tc.w, tc.c), shaped(t, "post", oh, ow, tc.c)
			s := synapses.New("p", pre, post)
			s.Connect = &synapses.Pool2D{Pool: tc.pool, KernelSize: tc.k, Stride: tc.s}
			require.NoError(t, s.Init(1, seed))
			for _, w := range s.Weights() {
				require.InDelta(t, tc.weight, w, 1e-15)
			}
			// Random spikes: target (oy, ox, c) receives weight times the
			// number of spikes in its window of channel c.
			r := rand.New(rand.NewPCG(3, 4))
			sp := make([]bool, pre.Len())
			var fired []int32
			for i := range sp {
				if r.Float64() < 0.3 {
					sp[i] = true
					fired = append(fired, int32(i))
				}
			}
			xs := steps(s, 2, map[int][]int32{0: fired}, false)
			for oy := range oh {
				for ox := range ow {
					for c := range tc.c {
						n := 0
						for ky := range tc.k {
							for kx := range tc.k {
								if sp[((oy*stride+ky)*tc.w+ox*stride+kx)*tc.c+c] {
									n++
								}
							}
						}
						assert.InDelta(t, tc.weight*float64(n), xs[1][(oy*ow+ox)*tc.c+c], 1e-12)
					}
				}
			}
		})
	}
}

// TestMaxPoolIsOr checks max pooling into Input neurons: a target spikes
// exactly when some input of its window spiked.
func TestMaxPoolIsOr(t *testing.T) {
	pre, post := shaped(t, "pre", 4, 4), shaped(t, "post", 2, 2)
	s := synapses.New("p", pre, post)
	s.Connect = &synapses.Pool2D{KernelSize: 2}
	require.NoError(t, s.Init(1, seed))
	// Pixels (0,1) and (1,0) in window (0,0); (3,3) in window (1,1).
	xs := steps(s, 2, map[int][]int32{0: {1, 4, 15}}, false)
	spiked := make([]bool, 4)
	for j, x := range xs[1] {
		spiked[j] = x != 0 // the Input model's rule
	}
	assert.Equal(t, []bool{true, false, false, true}, spiked)
}

func TestPool2DErrors(t *testing.T) {
	for _, tc := range []struct {
		name    string
		in, out []int
		pool    synapses.Pool2D
		bounds  [2]float64
		want    string
	}{
		{"channels", []int{4, 4, 2}, []int{2, 2, 3}, synapses.Pool2D{KernelSize: 2}, [2]float64{0, 1}, "pooling keeps the channels"},
		{"size", []int{4, 4}, []int{3, 3}, synapses.Pool2D{KernelSize: 2}, [2]float64{0, 1}, "input 4x4x1 with kernel 2, stride 2, padding 0 gives 2x2"},
		{"kind", []int{4, 4}, []int{2, 2}, synapses.Pool2D{Pool: "min", KernelSize: 2}, [2]float64{0, 1}, `pool "min"`},
		{"bounds", []int{4, 4}, []int{2, 2}, synapses.Pool2D{KernelSize: 2}, [2]float64{0, 0.5}, "weight 1 lies outside the bounds [0, 0.5]"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			pool := tc.pool
			s := synapses.New("p", shaped(t, "a", tc.in...), shaped(t, "b", tc.out...))
			s.Connect, s.WMin, s.WMax = &pool, tc.bounds[0], tc.bounds[1]
			assert.ErrorContains(t, s.Init(1, seed), tc.want)
		})
	}
}

// TestLocal2D checks that a locally connected edge has the topology of
// the convolution with the same geometry, and unshared weights.
func TestLocal2D(t *testing.T) {
	conv := synapses.New("c", shaped(t, "a", 7, 6, 2), shaped(t, "b", 4, 3, 3))
	conv.Connect = &synapses.Conv2D{KernelSize: 3, Stride: 2, Padding: 1}
	require.NoError(t, conv.Init(1, seed))
	local := synapses.New("l", shaped(t, "a", 7, 6, 2), shaped(t, "b", 4, 3, 3))
	local.Connect = &synapses.Local2D{KernelSize: 3, Stride: 2, Padding: 1}
	require.NoError(t, local.Init(1, seed))
	assert.Equal(t, pairs(conv), pairs(local))
	distinct := make(map[float64]bool)
	for _, w := range local.Weights() {
		distinct[w] = true
	}
	assert.Equal(t, local.Len(), len(distinct), "every synapse has its own weight")
	assert.Equal(t, "local2d(kernel 3, stride 2, padding 1, dilation 1)", local.Connect.String())

	bad := synapses.New("l", shaped(t, "a", 7, 6, 2), shaped(t, "b", 3, 3, 3))
	bad.Connect = &synapses.Local2D{KernelSize: 3, Stride: 2, Padding: 1}
	assert.ErrorContains(t, bad.Init(1, seed), "local2d: input 7x6x2 with kernel 3, stride 2, padding 1 gives 4x3")
}
