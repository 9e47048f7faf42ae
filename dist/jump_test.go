package dist_test

import (
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/synapticflow/synapticflow-go/dist"
)

// TestPCGAdvance checks the jump ahead against drawing: the state after
// n draws, and the draws that follow, for n across several bits.
func TestPCGAdvance(t *testing.T) {
	for _, n := range []uint64{0, 1, 2, 3, 7, 100, 1 << 15, 3<<15 + 5, 1000003} {
		p := rand.NewPCG(0x1234, 0xabcdef)
		hi, lo := dist.PCGState(p)
		for range n {
			p.Uint64()
		}
		wantHi, wantLo := dist.PCGState(p)
		gotHi, gotLo := dist.PCGAdvance(hi, lo, n)
		assert.Equal(t, [2]uint64{wantHi, wantLo}, [2]uint64{gotHi, gotLo}, "n = %d", n)
		q := rand.NewPCG(gotHi, gotLo)
		assert.Equal(t, p.Uint64(), q.Uint64(), "the draw after n = %d", n)
	}
}
