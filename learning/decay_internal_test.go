package learning

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestDecayTableLongTau: a time constant far beyond the table's bound
// (the fuzzer's tau_pre = 63e108 ms panicked in makeslice, 1e7 ms needed
// 33 GB) gives a bounded table with the exact decay beyond it.
func TestDecayTableLongTau(t *testing.T) {
	for _, tau := range []float64{1e7, 63e108} {
		d := newDecayTable(tau, 0.1)
		require.Len(t, d.t, maxDecayTable)
		for _, lag := range []int{0, 1, maxDecayTable - 1, maxDecayTable, 10 * maxDecayTable} {
			assert.Equal(t, math.Exp(-float64(lag)*0.1/tau), d.at(lag), "tau %g, lag %d", tau, lag)
		}
	}
	short := newDecayTable(20, 0.1)
	assert.Len(t, short.t, int(math.Ceil(-math.Log(1e-18)*20/0.1))+1)
	assert.Zero(t, short.at(len(short.t)), "past the table of a short tau: 0")
}
