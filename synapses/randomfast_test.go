package synapses

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestConnectRandomSameDraws checks that the block-parallel Bernoulli
// connector makes exactly the synapses of Random.Connect from the same
// stream (so the topology of a seed is the one of the serial connector),
// for any number of workers, with and without autapses, for sparse and
// dense p and for edges that end inside the first block or many blocks
// later.
func TestConnectRandomSameDraws(t *testing.T) {
	tests := []struct {
		nPre, nPost int
		p           float64
		same, aut   bool
	}{
		{50, 70, 0.1, false, false},
		{300, 300, 0.5, true, false},
		{300, 300, 0.5, true, true},
		{1000, 700, 0.02, false, false},
		{400, 500, 0.9, false, false},
		{10, 10, 1e-9, true, false},
		{1, 1, 0.5, true, true},
		{2000, 2000, 0.1, true, false},
	}
	for _, tc := range tests {
		t.Run(fmt.Sprintf("%dx%d p=%g same=%v autapses=%v", tc.nPre, tc.nPost, tc.p, tc.same, tc.aut), func(t *testing.T) {
			c := Random{P: tc.p, Autapses: tc.aut}
			var want [][2]int
			require.NoError(t, c.Connect(tc.nPre, tc.nPost, tc.same, rand.New(rand.NewPCG(9, 10)), func(i, j int) {
				want = append(want, [2]int{i, j})
			}))
			for _, workers := range []int{1, 2, 3} {
				b := csrBuilder{rowPtr: make([]int, tc.nPre+1)}
				connectRandom(c, tc.nPre, tc.nPost, tc.same, rand.NewPCG(9, 10), workers, &b)
				var got [][2]int
				at := 0
				for i := range tc.nPre {
					for range b.rowPtr[i+1] {
						got = append(got, [2]int{i, int(b.post[at])})
						at++
					}
				}
				require.Equal(t, len(want), len(got), "workers %d", workers)
				assert.Equal(t, want, got, "workers %d", workers)
			}
		})
	}
}
