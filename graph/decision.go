package graph

import (
	"cmp"
	"fmt"
	"math"
	"slices"

	"github.com/synapticflow/synapticflow-go/neurons"
)

// Decision acts on a population's spikes after the population has
// advanced in a step and before its spikes are emitted, e.g. to let only
// the strongest neurons fire.
type Decision interface {
	// Target is the population the decision acts on.
	Target() *neurons.Population
	// Init checks the decision for a run with time step dt (ms).
	Init(dt float64) error
	// Decide may clear spikes of the target's S in step k; x holds the
	// input currents the population received in the step.
	Decide(k int, x []float64)
	// Reset forgets the decision's state.
	Reset()
}

// KWTA is k-winners-take-all over a population (the seed's
// WinnerTakeAllDecision, never implemented there). With Window 0, at most
// K neurons spike in each step: when more do, the K with the largest input
// current in the step win (ties to the lower index). With Window > 0 (ms),
// at most K neurons spike in each window of that length: the first K to
// spike win and every later spike in the window is suppressed. A losing
// neuron's spike is removed; its membrane has already been reset, which
// acts as the inhibition the winners exert.
type KWTA struct {
	Pop    *neurons.Population
	K      int
	Window float64

	steps int
	won   int
	order []int
}

// Target implements Decision.
func (d *KWTA) Target() *neurons.Population { return d.Pop }

// Init implements Decision.
func (d *KWTA) Init(dt float64) error {
	if d.K < 1 {
		return fmt.Errorf("k-winners-take-all needs k >= 1, have %d", d.K)
	}
	if !(d.Window >= 0) || math.IsInf(d.Window, 0) {
		return fmt.Errorf("k-winners-take-all window %g ms, want >= 0", d.Window)
	}
	d.steps = int(math.Round(d.Window / dt))
	d.won = 0
	return nil
}

// Decide implements Decision.
func (d *KWTA) Decide(k int, x []float64) {
	s := d.Pop.S
	if d.steps > 0 && k%d.steps == 0 {
		d.won = 0
	}
	d.order = d.order[:0]
	for i, on := range s {
		if on {
			d.order = append(d.order, i)
		}
	}
	room := d.K
	if d.steps > 0 {
		room = max(0, d.K-d.won)
	}
	if len(d.order) <= room {
		d.won += len(d.order)
		return
	}
	slices.SortStableFunc(d.order, func(a, b int) int { return cmp.Compare(x[b], x[a]) })
	for _, i := range d.order[room:] {
		s[i] = false
	}
	d.won += room
}

// Reset implements Decision.
func (d *KWTA) Reset() { d.won = 0 }
