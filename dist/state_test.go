package dist

import (
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestStreamStateRoundTrip(t *testing.T) {
	for _, r := range []*rand.Rand{Stream(7, "population/x", 3), rand.New(rand.NewChaCha8([32]byte{1}))} {
		for range 17 {
			r.NormFloat64()
		}
		st, err := StreamState(r)
		require.NoError(t, err)
		want := []float64{r.Float64(), r.NormFloat64(), float64(r.IntN(1000))}
		fresh := Stream(99, "other", 0)
		if _, ok := func() (any, bool) { s, _ := source(r); _, ok := s.(*rand.ChaCha8); return s, ok }(); ok {
			fresh = rand.New(rand.NewChaCha8([32]byte{}))
		}
		require.NoError(t, SetStreamState(fresh, st))
		require.Equal(t, want, []float64{fresh.Float64(), fresh.NormFloat64(), float64(fresh.IntN(1000))})
	}
}

func TestStreamStateRefusesOtherSources(t *testing.T) {
	r := rand.New(constSource(4))
	_, err := StreamState(r)
	require.Error(t, err)
}

type constSource uint64

func (c constSource) Uint64() uint64 { return uint64(c) }
