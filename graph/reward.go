package graph

import (
	"fmt"
	"math"

	"github.com/synapticflow/synapticflow-go/neurons"
)

// Reward delivers reward into the network's dopamine signal. In every step,
// after the populations have advanced and before learning, the network
// computes
//
//	reward   = sum of every Reward's value for the step
//	dopamine = dopamine*exp(-dt/tau_d) + reward
//
// and learning rules see both (learning.Context). Rewards are evaluated in
// the order they were added, on one goroutine.
type Reward interface {
	// Init checks the reward for a run with time step dt (ms).
	Init(dt float64) error
	// Reward returns the reward delivered in step k. It may read the
	// spikes of step k (Population.S, Fired).
	Reward(k int) float64
	// Reset forgets the reward's state.
	Reset()
}

// Schedule delivers given amounts of reward at given times (ms): amount
// Amounts[i] in step round(Times[i]/dt).
type Schedule struct {
	Times, Amounts []float64

	at map[int]float64
}

// Init implements Reward.
func (r *Schedule) Init(dt float64) error {
	if len(r.Times) != len(r.Amounts) {
		return fmt.Errorf("reward schedule has %d times and %d amounts", len(r.Times), len(r.Amounts))
	}
	r.at = make(map[int]float64)
	for i, t := range r.Times {
		if !(t >= 0) || math.IsInf(t, 0) || math.IsNaN(r.Amounts[i]) || math.IsInf(r.Amounts[i], 0) {
			return fmt.Errorf("reward %d: time %g ms and amount %g must be finite, time >= 0", i, t, r.Amounts[i])
		}
		r.at[int(math.Round(t/dt))] += r.Amounts[i]
	}
	return nil
}

// Reward implements Reward.
func (r *Schedule) Reward(k int) float64 { return r.at[k] }

// Reset implements Reward.
func (r *Schedule) Reset() {}

// Contest rewards the right population for out-firing the other (the
// seed's phase-7 task). At the end of every window of Window ms, it counts
// the spikes of A and B and of the cue populations CueA and CueB in the
// window. The cue says A when CueA fired more than CueB, B when CueB fired
// more (no cue on a tie). The reward is +Amount when the cued population
// fired more than the other, -Amount when the other fired more, and 0 on a
// tie or without a cue.
type Contest struct {
	A, B, CueA, CueB *neurons.Population
	Window           float64 // ms
	Amount           float64 // default 1

	steps  int
	counts [4]int64
}

// Init implements Reward.
func (r *Contest) Init(dt float64) error {
	for _, p := range []*neurons.Population{r.A, r.B, r.CueA, r.CueB} {
		if p == nil {
			return fmt.Errorf("contest reward needs populations a, b, cue_a and cue_b")
		}
	}
	if !(r.Window > 0) || math.IsInf(r.Window, 0) {
		return fmt.Errorf("contest window %g ms must be positive", r.Window)
	}
	if r.Amount == 0 {
		r.Amount = 1
	}
	r.steps = max(1, int(math.Round(r.Window/dt)))
	r.counts = [4]int64{}
	return nil
}

// Reward implements Reward.
func (r *Contest) Reward(k int) float64 {
	for i, p := range []*neurons.Population{r.A, r.B, r.CueA, r.CueB} {
		r.counts[i] += int64(len(p.Fired))
	}
	if (k+1)%r.steps != 0 {
		return 0
	}
	a, b, ca, cb := r.counts[0], r.counts[1], r.counts[2], r.counts[3]
	r.counts = [4]int64{}
	var cue int64 // +1: A cued, -1: B cued
	switch {
	case ca > cb:
		cue = 1
	case cb > ca:
		cue = -1
	}
	switch d := a - b; {
	case cue == 0 || d == 0:
		return 0
	case (d > 0) == (cue > 0):
		return r.Amount
	default:
		return -r.Amount
	}
}

// Reset implements Reward.
func (r *Contest) Reset() { r.counts = [4]int64{} }
