package graph

import (
	"context"
	"fmt"
	"math"
	"runtime/debug"
	"sync/atomic"

	"golang.org/x/sync/errgroup"

	"github.com/synapticflow/synapticflow-go/learning"
	"github.com/synapticflow/synapticflow-go/monitors"
	"github.com/synapticflow/synapticflow-go/neurons"
	"github.com/synapticflow/synapticflow-go/synapses"
)

// Sim is a compiled network, ready to run. Each step it:
//
//  1. for each stage (populations linked by zero-delay synapses come in
//     later stages), advances the stage's populations chunk by chunk in
//     parallel: input x = sum of every incoming synapse's delivery for the
//     step plus injected stimuli, the voltage jumps of jump stimuli
//     (JumpStimulus), then the neuron model's step; then emits
//     the spikes of the stage's populations into the delay buffers of
//     their outgoing synapses;
//  2. applies learning rules (train mode only);
//  3. records monitors.
//
// Every worker writes only its own chunk's state or its own edge's
// buffers, and every sum is taken in a fixed order, so results are
// bit-identical for any number of workers. A Sim is not safe for
// concurrent use.
type Sim struct {
	// Progress, if set, is called after every step with the number of
	// steps done and the total of the current Run.
	Progress func(done, total int)

	dt       float64
	workers  int
	k        int
	train    bool
	dopamine float64
	reward   float64
	daDecay  float64
	rewards  []Reward
	failed   error
	pops     []*popRun
	stages   [][]*popRun
	syns     []*synapses.Synapse
	mons     []monitors.Monitor
	byName   map[string]*neurons.Population
	synName  map[string]*synapses.Synapse
	// advance[i] and emit[i] are the tasks of stage i; learn the learning
	// tasks. They read the step number from k. parallel[i] reports whether
	// stage i has enough work to be worth spreading over workers.
	advance, emit [][]func() error
	learn         []func() error
	// parallelLearn reports whether the plastic edges are large enough
	// for their rules to be spread over workers.
	parallelLearn bool
	parallel      []bool
}

// minParallelWork is the least work, in neuron passes (each neuron of a
// stage counts once for its model and once per incoming synapse edge and
// stimulus), for which a stage is spread over several workers. Below it
// the cost of starting and joining goroutines exceeds what they save, and
// the stage runs on the calling goroutine.
const minParallelWork = 32 * 1024

// minParallelSynapses is the least number of synapses on plastic edges for
// which learning rules run in parallel. Most rules are event-driven and
// cost far less than a pass over their synapses, so the threshold is high.
const minParallelSynapses = 1 << 20

type popRun struct {
	p     *neurons.Population
	in    []*synapses.Synapse
	out   []*synapses.Synapse
	stims []Stimulus
	x     []float64
	// jumps are the stimuli that move v directly, dv the target's jump
	// buffer (nil without such stimuli).
	jumps []JumpStimulus
	dv    []float64
	// decisions act on the population's spikes after it advanced.
	decisions []Decision
}

func newSim(n *Network, workers int, stages [][]int) *Sim {
	s := &Sim{dt: n.Dt, workers: workers, train: true, mons: n.mons, syns: n.syns,
		byName: make(map[string]*neurons.Population), synName: make(map[string]*synapses.Synapse)}
	tauD := n.TauD
	if tauD == 0 {
		tauD = 200
	}
	s.daDecay, s.rewards = math.Exp(-n.Dt/tauD), n.rewards
	idx := make(map[*neurons.Population]*popRun)
	for _, p := range n.pops {
		r := &popRun{p: p, x: make([]float64, p.Len())}
		s.pops = append(s.pops, r)
		idx[p] = r
		s.byName[p.Name] = p
	}
	for _, e := range n.syns {
		idx[e.Post].in = append(idx[e.Post].in, e)
		idx[e.Pre].out = append(idx[e.Pre].out, e)
		s.synName[e.Name] = e
	}
	for _, d := range n.decisions {
		r := idx[d.Target()]
		r.decisions = append(r.decisions, d)
	}
	for _, st := range n.stims {
		r := idx[st.Target()]
		r.stims = append(r.stims, st)
		if js, ok := st.(JumpStimulus); ok {
			r.jumps = append(r.jumps, js)
			r.dv, _ = r.p.Jumps() // Init checked the model
		}
	}
	for _, stage := range stages {
		var rs []*popRun
		var adv, emit []func() error
		work := 0
		for _, i := range stage {
			r := s.pops[i]
			work += r.p.Len() * (modelPasses(r.p.Model) + len(r.in) + len(r.stims))
		}
		for _, i := range stage {
			r := s.pops[i]
			rs = append(rs, r)
			for c := range r.p.NumChunks() {
				ch := r.p.Chunk(c, 0)
				step := ch.Hi - ch.Lo
				if work >= minParallelWork && splittable(r) {
					step = partNeurons // see RangeStepper
				}
				for lo := ch.Lo; lo < ch.Hi; lo += step {
					adv = append(adv, s.advanceTask(r, c, lo, min(lo+step, ch.Hi)))
				}
			}
			emit = append(emit, func() error {
				for _, d := range r.decisions {
					d.Decide(s.k, r.x)
				}
				r.p.Collect()
				for _, e := range r.out {
					e.Emit(s.k, r.p.Fired)
				}
				return nil
			})
		}
		s.stages = append(s.stages, rs)
		s.advance, s.emit = append(s.advance, adv), append(s.emit, emit)
		s.parallel = append(s.parallel, work >= minParallelWork)
	}
	plastic := 0
	for _, e := range s.syns {
		if e.Rule == nil {
			continue
		}
		plastic += e.Len()
		s.learn = append(s.learn, func() error {
			if !e.Post.Learning {
				return nil
			}
			c := &learning.Context{Step: s.k, Dt: s.dt, PreSpikes: e.Pre.S, PostSpikes: e.Post.S,
				PostFired: e.Post.Fired, PreTrace: e.Pre.Traces, PostTrace: e.Post.Traces,
				Dopamine: s.dopamine, Reward: s.reward}
			e.Rule.Update(e, c)
			e.ApplyMask()
			e.Tie()
			return nil
		})
	}
	s.parallelLearn = plastic >= minParallelSynapses
	return s
}

// Dt returns the time step in ms.
func (s *Sim) Dt() float64 { return s.dt }

// Steps returns the number of steps taken since the start or the last Reset.
func (s *Sim) Steps() int { return s.k }

// Time returns the simulated time in ms (Steps()*Dt()).
func (s *Sim) Time() float64 { return float64(s.k) * s.dt }

// Workers returns the number of workers the Sim uses.
func (s *Sim) Workers() int { return s.workers }

// Stages returns the names of the populations of each stage.
func (s *Sim) Stages() [][]string {
	out := make([][]string, len(s.stages))
	for i, st := range s.stages {
		for _, r := range st {
			out[i] = append(out[i], r.p.Name)
		}
	}
	return out
}

// Population returns the population with the given name, or nil.
func (s *Sim) Population(name string) *neurons.Population { return s.byName[name] }

// Synapse returns the synapse edge with the given name, or nil.
func (s *Sim) Synapse(name string) *synapses.Synapse { return s.synName[name] }

// SetTrain switches learning on (train mode, the default) or off (eval).
func (s *Sim) SetTrain(on bool) { s.train = on }

// Train reports whether the Sim is in train mode.
func (s *Sim) Train() bool { return s.train }

// SetDopamine sets the dopamine level; it decays from there with tau_d.
func (s *Sim) SetDopamine(da float64) { s.dopamine = da }

// Dopamine returns the dopamine level of the last step.
func (s *Sim) Dopamine() float64 { return s.dopamine }

// Reward returns the reward delivered in the last step.
func (s *Sim) Reward() float64 { return s.reward }

// neuromodulate computes the reward of step k and updates dopamine.
func (s *Sim) neuromodulate(k int) {
	s.reward = 0
	for _, r := range s.rewards {
		s.reward += r.Reward(k)
	}
	s.dopamine = s.dopamine*s.daDecay + s.reward
}

// Run advances the network by duration ms (rounded to whole steps). See
// RunSteps.
func (s *Sim) Run(ctx context.Context, duration float64) error {
	if !(duration >= 0) || math.IsInf(duration, 0) {
		return fmt.Errorf("run duration %g ms, want a finite duration >= 0", duration)
	}
	if steps := duration / s.dt; steps > MaxSteps {
		return fmt.Errorf("run duration %g ms is %s steps of %g ms, more than the limit of 2^53", duration, FormatCount(steps), s.dt)
	}
	return s.RunSteps(ctx, int(math.Round(duration/s.dt)))
}

// RunSteps advances the network by n steps, continuing from where the last
// run stopped. It stops early, with the context's error, when ctx is
// cancelled (after a whole step, so the state stays consistent), and with
// a *neurons.FaultError when a state variable becomes NaN or infinite;
// after a fault the Sim refuses to run until Reset.
func (s *Sim) RunSteps(ctx context.Context, n int) error {
	if s.failed != nil {
		return fmt.Errorf("%w: %v", ErrFailed, s.failed)
	}
	var err error
	for done := 0; done < n; done++ {
		if err = ctx.Err(); err != nil {
			break
		}
		if err = s.step(); err != nil {
			s.failed = err
			break
		}
		if s.Progress != nil {
			s.Progress(done+1, n)
		}
	}
	for _, m := range s.mons {
		if f, ok := m.(monitors.Flusher); ok {
			if ferr := f.Flush(); ferr != nil && err == nil {
				err = fmt.Errorf("monitor %q: %w", m.Name(), ferr)
			}
		}
	}
	return err
}

// step takes step s.k.
func (s *Sim) step() error {
	for i := range s.stages {
		if err := s.run(s.advance[i], s.parallel[i]); err != nil {
			return err
		}
		if err := s.run(s.emit[i], s.parallel[i]); err != nil {
			return err
		}
	}
	s.neuromodulate(s.k)
	if s.train {
		if err := s.run(s.learn, s.parallelLearn); err != nil {
			return err
		}
	}
	for _, m := range s.mons {
		if err := m.Record(s.k); err != nil {
			return fmt.Errorf("monitor %q at step %d: %w", m.Name(), s.k, err)
		}
	}
	s.k++
	return nil
}

// advanceTask returns the task that computes the input of neurons
// [lo, hi) of chunk c of r (the whole chunk, or a part of it: see
// RangeStepper) and advances them.
func (s *Sim) advanceTask(r *popRun, c, lo, hi int) func() error {
	return func() error {
		ch := r.p.Chunk(c, s.k)
		ch.Lo, ch.Hi = lo, hi
		x := r.x
		synapses.DeliverAll(r.in, ch.Step, x, ch.Lo, ch.Hi)
		for _, st := range r.stims {
			st.Add(ch.Step, x, ch.Lo, ch.Hi)
		}
		if r.dv != nil {
			clear(r.dv[ch.Lo:ch.Hi])
			for _, js := range r.jumps {
				js.AddJumps(ch.Step, r.dv, ch.Lo, ch.Hi)
			}
		}
		return r.p.Step(ch, x)
	}
}

// run runs tasks and returns the error of the first one (in task order)
// that failed. If parallel is set and there are workers to spare, the
// tasks are spread over up to s.workers goroutines, the calling one
// included, each taking the next task not yet taken.
func (s *Sim) run(tasks []func() error, parallel bool) error {
	if !parallel || s.workers == 1 || len(tasks) <= 1 {
		for _, t := range tasks {
			if err := caught(t); err != nil {
				return err
			}
		}
		return nil
	}
	// The calling goroutine and up to s.workers-1 errgroup goroutines take
	// the next task not yet taken; each task writes only its own slots.
	errs := make([]error, len(tasks))
	var next atomic.Int64
	work := func() error {
		for i := next.Add(1) - 1; i < int64(len(tasks)); i = next.Add(1) - 1 {
			errs[i] = caught(tasks[i])
		}
		return nil
	}
	var g errgroup.Group
	for range min(s.workers, len(tasks)) - 1 {
		g.Go(work)
	}
	work()
	_ = g.Wait() // work never fails: task errors are in errs
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// PanicError is a panic (a bug) raised by a task of a step, on the
// calling goroutine or on one of the runner's workers. The runner catches
// it where it happens (on a worker nothing else could) and Run returns it
// with that goroutine's stack, whatever the number of workers.
type PanicError struct {
	// Value is the value passed to panic.
	Value any
	// Stack is the stack of the goroutine that panicked.
	Stack []byte
}

func (e *PanicError) Error() string { return fmt.Sprintf("panic in a simulation step: %v", e.Value) }

// caught runs task, turning a panic into a *PanicError.
func caught(task func() error) (err error) {
	defer func() {
		if v := recover(); v != nil {
			err = &PanicError{Value: v, Stack: debug.Stack()}
		}
	}()
	return task()
}

// Reset returns the network to its initial state: step 0, initial state
// variables (the same draws as the first time), empty delay buffers and
// synaptic currents, fresh random streams (those of random stimuli too),
// empty monitors. Weights and
// train mode are kept; so are clamps.
func (s *Sim) Reset() error {
	for _, r := range s.pops {
		if err := r.p.Reset(); err != nil {
			return err
		}
	}
	for _, e := range s.syns {
		e.Reset()
	}
	for _, m := range s.mons {
		m.Reset()
	}
	for _, r := range s.rewards {
		r.Reset()
	}
	for _, r := range s.pops {
		for _, st := range r.stims {
			if rs, ok := st.(RandomStimulus); ok {
				rs.Reset()
			}
		}
		for _, d := range r.decisions {
			d.Reset()
		}
	}
	s.k, s.failed, s.dopamine, s.reward = 0, nil, 0, 0
	return nil
}

// Stats are the counts of a Sim since its start or last Reset.
type Stats struct {
	// Steps is the number of steps taken.
	Steps int
	// NeuronUpdates is the number of neuron steps (neurons x steps).
	NeuronUpdates int64
	// Spikes counts spikes per population.
	Spikes map[string]int64
	// Events counts synaptic events (spike deliveries through one
	// synapse) per synapse edge.
	Events map[string]int64
	// TotalSpikes and TotalEvents add the maps up.
	TotalSpikes, TotalEvents int64
}

// Stats returns the Sim's counts.
func (s *Sim) Stats() Stats {
	st := Stats{Steps: s.k, Spikes: make(map[string]int64), Events: make(map[string]int64)}
	for _, r := range s.pops {
		st.NeuronUpdates += int64(r.p.Len()) * int64(s.k)
		st.Spikes[r.p.Name] = r.p.Spikes
		st.TotalSpikes += r.p.Spikes
	}
	for _, e := range s.syns {
		st.Events[e.Name] = e.Events()
		st.TotalEvents += e.Events()
	}
	return st
}
