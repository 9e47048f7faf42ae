package synapses

import (
	"fmt"
	"math"

	"github.com/synapticflow/synapticflow-go/dist"
	"github.com/synapticflow/synapticflow-go/neurons"
	"github.com/synapticflow/synapticflow-go/paramerr"
)

// Positions of the neurons of a Distance connector.
const (
	// GridPositions puts each neuron at the centre of its cell of its
	// population's grid (the default, also for "").
	GridPositions = "grid"
	// RandomPositions draws each neuron's position uniformly in the box
	// (NEST's spatial.free(nest.random.uniform()) layers, PyNN's
	// RandomStructure).
	RandomPositions = "random"
)

// seeder is a connector whose layout draws random numbers: Init gives it
// the network seed before calling Layout.
type seeder interface {
	setSeed(seed uint64)
}

var _ seeder = (*Distance)(nil)

func (c *Distance) setSeed(seed uint64) { c.seed = seed }

// Coordinates returns the positions Layout gave the neurons: pre[d][i] is
// coordinate d of source neuron i, post[d][j] that of target neuron j,
// in the units of the extent (nil before Layout). The slices are the
// connector's: callers must not modify them.
func (c *Distance) Coordinates() (pre, post [][]float64) { return c.pre, c.post }

// layoutRandom places the neurons of both populations uniformly at random
// in the box of side lengths extent. A population's positions come from
// its own stream, "population/NAME/positions" of the network seed, as
// fractions of the box scaled by the extent: every edge from or to a
// population sees the same arrangement, and a recurrent edge the same
// positions at both ends. The dimensions are the extent's when it has
// more than one length, else the target's shape's; the populations' own
// shapes do not matter.
func (c *Distance) layoutRandom(pre, post *neurons.Population) error {
	dims := len(post.Shape)
	if len(c.Extent) > 1 {
		dims = len(c.Extent)
	}
	ext := make([]float64, dims)
	switch len(c.Extent) {
	case 0:
		if len(pre.Shape) != len(post.Shape) {
			return fmt.Errorf("distance: source shape %v and target shape %v have different numbers of dimensions; give extent to set the space", pre.Shape, post.Shape)
		}
		for d, n := range post.Shape {
			ext[d] = float64(n)
		}
	case 1:
		for d := range ext {
			ext[d] = c.Extent[0]
		}
	default:
		copy(ext, c.Extent)
	}
	for _, e := range ext {
		if !(e > 0) || math.IsInf(e, 0) {
			return paramerr.Errorf("extent", -1, "distance: extent %v, want positive finite lengths", c.Extent)
		}
	}
	c.ext = ext
	c.pre = randomPositions(pre, ext, c.seed)
	if pre == post {
		c.post = c.pre
	} else {
		c.post = randomPositions(post, ext, c.seed)
	}
	return nil
}

// randomPositions draws the positions of p's neurons uniformly in the box
// of side lengths ext, neuron by neuron, coordinate by coordinate, from
// p's positions stream.
func randomPositions(p *neurons.Population, ext []float64, seed uint64) [][]float64 {
	n := p.Len()
	r := dist.Stream(seed, "population/"+p.Name+"/positions", 0)
	pos := make([][]float64, len(ext))
	for d := range pos {
		pos[d] = make([]float64, n)
	}
	for i := range n {
		for d, e := range ext {
			pos[d][i] = r.Float64() * e
		}
	}
	return pos
}

// checkPositions checks the positions parameter.
func (c *Distance) checkPositions() error {
	switch c.Positions {
	case "", GridPositions, RandomPositions:
		return nil
	}
	return paramerr.Errorf("positions", -1, "distance: positions %q, want %q or %q", c.Positions, GridPositions, RandomPositions)
}
