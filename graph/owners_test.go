package graph

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/synapticflow/synapticflow-go/neurons"
)

// TestPlanSegments checks that the segments of a population cover its
// neurons exactly once, in order, that a population that may be cut is
// cut into one segment per worker of nearly equal size at multiples of
// segAlign, and that one advanced in whole chunks gets whole chunks,
// spread over the workers.
func TestPlanSegments(t *testing.T) {
	tests := []struct {
		n, chunk, workers int
		whole             bool // the model draws: whole chunks
		want              []seg
	}{
		{2000, 2500, 2, false, []seg{{0, 1024, 0}, {1024, 2000, 1}}},
		{2000, 2500, 1, false, []seg{{0, 2000, 0}}},
		{8000, 2500, 3, false, []seg{{0, 2688, 0}, {2688, 5312, 1}, {5312, 8000, 2}}},
		// a chunk's boundary near the cut (8192 for 8000) is taken
		{16000, 4096, 2, false, []seg{{0, 8192, 0}, {8192, 16000, 1}}},
		{100, 4096, 4, false, []seg{{0, 64, 1}, {64, 100, 3}}}, // cuts 0, 0, 64, 64, 100
		{10000, 2500, 2, true, []seg{{0, 5000, 0}, {5000, 10000, 1}}},
		{3000, 4096, 2, true, []seg{{0, 3000, 0}}},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("n%d_chunk%d_w%d_whole%v", tt.n, tt.chunk, tt.workers, tt.whole), func(t *testing.T) {
			var m neurons.Model = neurons.NewLIF()
			if tt.whole {
				m = neurons.NewPoisson(10)
			}
			p := neurons.New("p", tt.n, m)
			require.NoError(t, p.Init(0.1, 1, tt.chunk))
			r := &popRun{p: p}
			load := make([]int, tt.workers)
			segs := planSegments(r, tt.workers, load)
			assert.Equal(t, tt.want, segs)
			at := 0
			for _, sg := range segs {
				require.Equal(t, at, sg.lo, "segments must be contiguous")
				require.Less(t, sg.lo, sg.hi)
				at = sg.hi
			}
			require.Equal(t, tt.n, at, "segments must cover every neuron")
			sum := 0
			for _, l := range load {
				sum += l
			}
			assert.Equal(t, tt.n*passes(r), sum, "load counts every neuron once")
		})
	}
	// Every size, chunk size and number of workers: the segments cover
	// the neurons exactly once, in order.
	for _, n := range []int{1, 63, 200, 1000, 4097, 10000} {
		for _, chunk := range []int{64, 100, 1000, 4096} {
			for w := 1; w <= 8; w++ {
				p := neurons.New("p", n, neurons.NewLIF())
				require.NoError(t, p.Init(0.1, 1, chunk))
				at := 0
				for _, sg := range planSegments(&popRun{p: p}, w, make([]int, w)) {
					require.Equal(t, at, sg.lo, "n %d chunk %d workers %d", n, chunk, w)
					require.Less(t, sg.lo, sg.hi)
					require.Less(t, sg.owner, w)
					at = sg.hi
				}
				require.Equal(t, n, at, "n %d chunk %d workers %d", n, chunk, w)
			}
		}
	}
	// Two single-chunk populations that must be advanced whole go to
	// different workers.
	load := make([]int, 2)
	var owners []int
	for _, name := range []string{"a", "b"} {
		p := neurons.New(name, 1000, neurons.NewPoisson(10))
		require.NoError(t, p.Init(0.1, 1, 4096))
		owners = append(owners, planSegments(&popRun{p: p}, 2, load)[0].owner)
	}
	assert.Equal(t, []int{0, 1}, owners)
}
