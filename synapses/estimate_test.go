package synapses_test

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/synapticflow/synapticflow-go/dist"
	"github.com/synapticflow/synapticflow-go/neurons"
	"github.com/synapticflow/synapticflow-go/synapses"
)

// TestEstimateSynapses checks each connector's estimate against the edge
// it builds: equal where the estimate says it is exact, close for random
// topologies.
func TestEstimateSynapses(t *testing.T) {
	a, b := inputPop(t, "a", 300, 0.1), inputPop(t, "b", 200, 0.1)
	img := func(name string, shape ...int) *neurons.Population {
		p := neurons.NewShaped(name, shape, neurons.NewInput())
		require.NoError(t, p.Init(0.1, seed, 0))
		return p
	}
	in, conv, pool := img("in", 12, 12, 2), img("conv", 10, 10, 4), img("pool", 6, 6, 2)
	padded := img("padded", 12, 12, 4)
	tests := []struct {
		name      string
		pre, post *neurons.Population
		c         synapses.Connector
		exact     bool
	}{
		{"dense", a, b, synapses.Dense{}, true},
		{"random p 0.1", a, b, synapses.Random{P: 0.1}, false},
		{"random p 1 without autapses", a, a, synapses.Random{P: 1}, true},
		{"random p 0", a, b, synapses.Random{P: 0}, true},
		{"fixed_indegree", a, b, synapses.FixedInDegree{K: 7}, true},
		{"one_to_one", a, a, synapses.OneToOne{}, true},
		{"list", a, b, synapses.List{Pre: []int{0, 1, 2}, Post: []int{5, 5, 5}}, true},
		{"conv2d", in, conv, &synapses.Conv2D{KernelSize: 3}, true},
		{"conv2d padded (an upper bound)", in, padded, &synapses.Conv2D{KernelSize: 3, Padding: 1}, false},
		{"local2d", in, conv, &synapses.Local2D{KernelSize: 3}, true},
		{"pool2d", in, pool, &synapses.Pool2D{KernelSize: 2}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := synapses.New("e", tt.pre, tt.post)
			s.Connect = tt.c
			m := s.EstimateMemory(0.1)
			assert.Equal(t, tt.exact, m.Exact)
			require.NoError(t, s.Init(0.1, seed))
			got := int64(s.Len())
			switch {
			case tt.exact:
				assert.Equal(t, got, m.Synapses)
			case tt.name == "conv2d padded (an upper bound)":
				assert.GreaterOrEqual(t, m.Synapses, got)
				assert.Less(t, float64(m.Synapses), 1.5*float64(got))
			default:
				assert.InDelta(t, float64(got), float64(m.Synapses), 4*math.Sqrt(float64(got)))
			}
			assert.GreaterOrEqual(t, m.Peak, m.Kept)
		})
	}
}

// TestEstimateSaturates checks that counts beyond int64 saturate instead
// of overflowing, and that nothing is built to estimate.
func TestEstimateSaturates(t *testing.T) {
	n, exact := synapses.Dense{}.EstimateSynapses(math.MaxInt32, math.MaxInt32, false)
	assert.True(t, exact)
	assert.Equal(t, int64(math.MaxInt32)*math.MaxInt32, n)
	n, _ = synapses.FixedInDegree{K: math.MaxInt}.EstimateSynapses(10, math.MaxInt32, false)
	assert.Equal(t, int64(math.MaxInt64), n)
	big := neurons.New("big", 1000000, neurons.NewLIF()) // not initialised: nothing allocated
	s := synapses.New("ee", big, big)
	s.Connect = synapses.Random{P: 1}
	m := s.EstimateMemory(0.1)
	assert.Equal(t, int64(1e12-1e6), m.Synapses)
	assert.Equal(t, int64(1e12-1e6)*synapses.BytesPerSynapse+8*(1e6+1)+2*8*1e6, m.Kept)
}

// TestEstimateMatchesMemory checks the bytes per synapse the estimates
// use against what building an edge of 10^5 synapses keeps (see
// initMeasured): the estimate may be a little high, never low by much.
func TestEstimateMatchesMemory(t *testing.T) {
	for _, delay := range []dist.Dist{nil, dist.Uniform{Min: 1, Max: 3}} {
		pre, post := inputPop(t, "pre", 400, 0.1), inputPop(t, "post", 500, 0.1)
		s := synapses.New("e", pre, post)
		s.Connect = synapses.Random{P: 0.5}
		s.Delay = delay
		m := s.EstimateMemory(0.1)
		kept, allocated := initMeasured(t, s, 0.1)
		assert.InDelta(t, 1, float64(m.Kept)/float64(kept), 0.15, "delay %v: estimate %d, kept %d", delay, m.Kept, kept)
		assert.GreaterOrEqual(t, float64(allocated), 0.5*float64(m.Peak), "delay %v: the build peak is not overestimated wildly", delay)
	}
}

// sparse is a connector without an estimate.
type sparse struct{}

func (sparse) Connect(nPre, nPost int, _ bool, _ *rand.Rand, add func(int, int)) error {
	add(0, 0)
	return nil
}

func (sparse) String() string { return "sparse" }

// TestEstimateUnknownConnector checks that a connector without an
// estimate is not counted as dense.
func TestEstimateUnknownConnector(t *testing.T) {
	big := neurons.New("big", 100000, neurons.NewLIF())
	s := synapses.New("e", big, big)
	s.Connect = sparse{}
	m := s.EstimateMemory(0.1)
	assert.Zero(t, m.Synapses)
	assert.False(t, m.Exact)
	assert.Less(t, m.Kept, int64(10<<20))
}
