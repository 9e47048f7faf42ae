package encoding

import (
	"fmt"
	"math"

	"github.com/synapticflow/synapticflow-go/neurons"
)

// Current is a stimulus (a graph.Stimulus) that injects the samples of a
// Data population as currents into another population of the same size,
// following the Data's schedule: in step k neuron j receives
//
//	x_j += Scale * v_j(k)
//
// where v_j(k) is the intensity Data.Intensity(k, j) (0 during rests).
// This is the seed's RepeatEncoder in its literal form (a constant
// current per sample); the data population itself need not be connected
// to anything.
type Current struct {
	// Data is the population whose model is a *Data.
	Data *neurons.Population
	// Pop is the driven population.
	Pop *neurons.Population
	// Scale converts intensity to current (default 1 when 0).
	Scale float64

	model *Data
}

// Target implements graph.Stimulus.
func (c *Current) Target() *neurons.Population { return c.Pop }

// Init implements graph.Stimulus.
func (c *Current) Init(float64) error {
	if c.Data == nil || c.Pop == nil {
		return fmt.Errorf("data current needs a data population and a target")
	}
	d, ok := c.Data.Model.(*Data)
	if !ok {
		return fmt.Errorf("data current: population %q is not a data population (model %s)", c.Data.Name, c.Data.Model.Kind())
	}
	if c.Data.Len() != c.Pop.Len() {
		return fmt.Errorf("data current: population %q has %d neurons, data %q has %d", c.Pop.Name, c.Pop.Len(), c.Data.Name, c.Data.Len())
	}
	if math.IsNaN(c.Scale) || math.IsInf(c.Scale, 0) {
		return fmt.Errorf("data current: scale %g, want a finite number", c.Scale)
	}
	if c.Scale == 0 {
		c.Scale = 1
	}
	c.model = d
	return nil
}

// Add implements graph.Stimulus.
func (c *Current) Add(k int, x []float64, lo, hi int) {
	for j := lo; j < hi; j++ {
		x[j] += c.Scale * c.model.Intensity(k, j)
	}
}
