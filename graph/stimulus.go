package graph

import (
	"fmt"
	"math"

	"github.com/synapticflow/synapticflow-go/neurons"
)

// Stimulus injects current into a population: the "injected current" of
// step 1 of the step contract. Add must write only x[lo:hi] and must not
// keep state that depends on the order chunks are processed in.
type Stimulus interface {
	// Target is the population the stimulus drives.
	Target() *neurons.Population
	// Init checks the stimulus for a run with time step dt (ms).
	Init(dt float64) error
	// Add adds the current of step k to x[j] for neurons j in [lo, hi).
	Add(k int, x []float64, lo, hi int)
}

// Current injects a constant current into every neuron of Pop in every
// step: one value for all neurons or one per neuron.
type Current struct {
	Pop *neurons.Population
	Amp neurons.Param

	amp []float64
}

// Target implements Stimulus.
func (c *Current) Target() *neurons.Population { return c.Pop }

// Init implements Stimulus.
func (c *Current) Init(float64) error {
	n := c.Pop.Len()
	if len(c.Amp) != 1 && len(c.Amp) != n {
		return fmt.Errorf("current has %d values for %d neurons (want 1 or %d)", len(c.Amp), n, n)
	}
	c.amp = make([]float64, n)
	for i := range c.amp {
		c.amp[i] = c.Amp[0]
		if len(c.Amp) == n {
			c.amp[i] = c.Amp[i]
		}
		if math.IsNaN(c.amp[i]) || math.IsInf(c.amp[i], 0) {
			return fmt.Errorf("current of neuron %d is %g", i, c.amp[i])
		}
	}
	return nil
}

// Add implements Stimulus.
func (c *Current) Add(_ int, x []float64, lo, hi int) {
	for j := lo; j < hi; j++ {
		x[j] += c.amp[j]
	}
}

// Pulse is a current of Amplitude injected from Start to Stop (ms): in the
// steps k with Start <= k*dt < Stop (step boundaries rounded to whole
// steps).
type Pulse struct {
	Start, Stop, Amplitude float64
}

// Pulses injects a sequence of current pulses into every neuron of Pop.
// Overlapping pulses add.
type Pulses struct {
	Pop    *neurons.Population
	Pulses []Pulse

	steps [][2]int
}

// Target implements Stimulus.
func (p *Pulses) Target() *neurons.Population { return p.Pop }

// Init implements Stimulus.
func (p *Pulses) Init(dt float64) error {
	p.steps = p.steps[:0]
	for i, q := range p.Pulses {
		if !(q.Start >= 0) || !(q.Stop >= q.Start) || math.IsInf(q.Stop, 0) || math.IsNaN(q.Amplitude) || math.IsInf(q.Amplitude, 0) {
			return fmt.Errorf("pulse %d (start %g, stop %g, amplitude %g): want 0 <= start <= stop and finite values", i, q.Start, q.Stop, q.Amplitude)
		}
		p.steps = append(p.steps, [2]int{int(math.Round(q.Start / dt)), int(math.Round(q.Stop / dt))})
	}
	return nil
}

// Add implements Stimulus.
func (p *Pulses) Add(k int, x []float64, lo, hi int) {
	for i, st := range p.steps {
		if k >= st[0] && k < st[1] {
			a := p.Pulses[i].Amplitude
			for j := lo; j < hi; j++ {
				x[j] += a
			}
		}
	}
}

// Drive injects the current that a function gives: F(k, j) is the current
// into neuron j in step k. F is called concurrently for different neurons
// and must be a pure function of its arguments to keep runs reproducible.
type Drive struct {
	Pop *neurons.Population
	F   func(k, j int) float64
}

// Target implements Stimulus.
func (d *Drive) Target() *neurons.Population { return d.Pop }

// Init implements Stimulus.
func (d *Drive) Init(float64) error {
	if d.F == nil {
		return fmt.Errorf("drive has no function")
	}
	return nil
}

// Add implements Stimulus.
func (d *Drive) Add(k int, x []float64, lo, hi int) {
	for j := lo; j < hi; j++ {
		x[j] += d.F(k, j)
	}
}
