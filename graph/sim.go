package graph

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"runtime"
	"runtime/debug"
	"slices"
	"sync/atomic"

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
//     their outgoing synapses, in parallel over parts of each edge's
//     target neurons (each worker adds into its own targets' buffer
//     entries, walking the spikes in the same order);
//  2. applies learning rules (train mode only; a learning.Transmitter,
//     such as a synapse model written as equations, runs in eval mode too,
//     without changing weights, and then the rules run on one goroutine);
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
	// learn are the learning tasks. Tasks read the step number from k.
	// parallel[i] reports whether stage i has enough work to be worth
	// spreading over workers.
	learn []func() error
	// parallelLearn reports whether the plastic edges are large enough
	// for their rules to be spread over workers. learnParted are the
	// learning tasks of the edges whose rule spreads its own update over
	// the workers (learning.PartedRule); they run one after the other.
	parallelLearn bool
	learnParted   []func() error
	parallel      []bool
	// transmit reports whether an edge's rule is a learning.Transmitter,
	// which runs in eval mode too.
	transmit bool
	// unfused turns the fused step off (tests; see fused.go).
	unfused bool
	// tasks[i] are the tasks of stage i in order (each worker runs the
	// ones it owns in this order, jobs[i].mine): the pieces of its
	// populations (advance, a piece per chunk and segment), then for each
	// population the task that collects its spikes if it has decisions
	// (after its pieces) and the scatter tasks that add them into the
	// delay buffers of its outgoing edges, one per edge and part of the
	// edge's targets (after the collection, or the pieces if there is
	// none).
	tasks [][]func() error
	// order[i] are the populations of stage i in the order of tasks[i].
	order [][]*popRun
	// jobs[i] runs tasks[i] and learnJob runs learn on the pool (nil
	// with one worker), whose helpers take part in every parallel run
	// (pool.go).
	jobs     []*job
	learnJob *job
	pool     *pool
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

// minPartedSynapses is the least number of synapses of an edge for which
// a learning.PartedRule spreads its update over the workers.
const minPartedSynapses = 1 << 18

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
	// segs are the ranges of neurons that each worker owns (owners.go).
	segs []seg
	// tasks is the number of advance tasks of a step: a task per chunk
	// and segment.
	tasks int
	// chunksLeft counts the advance tasks not yet done in the step, and
	// collected is held until the spikes are collected (by the collect
	// task, if r is not direct); the tasks that need them wait on them.
	chunksLeft, collected latch
	// faulted reports that a chunk of the step failed: the population
	// then collects and emits nothing.
	faulted atomic.Bool
	// direct reports that r has no decisions: its advance tasks collect
	// their own spikes into fired (one list per task, in neuron order),
	// its scatter tasks wait for its advance tasks alone and read those
	// lists, and collectDirect sets Fired after the stage. There is no
	// collect task to wait for between advance and scatter.
	direct bool
	fired  [][]int32
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
	// Each worker owns segments of the populations of a parallel stage
	// (owners.go): the segments of every population are planned first,
	// since a stage's scatter tasks are split by the targets' segments.
	orders := make([][]*popRun, len(stages))
	for i, stage := range stages {
		var rs []*popRun
		for _, k := range stage {
			rs = append(rs, s.pops[k])
		}
		// The tasks take the smaller populations first, so that their
		// spikes are emitted while the larger ones still advance.
		order := slices.Clone(rs)
		slices.SortStableFunc(order, func(a, b *popRun) int { return cmp.Compare(a.p.Len(), b.p.Len()) })
		orders[i] = order
		work := 0
		for _, r := range order {
			work += r.p.Len() * passes(r)
		}
		parallel := work >= minParallelWork
		w := 1
		if parallel {
			w = workers
		}
		load := make([]int, w)
		for _, r := range order {
			r.segs = planSegments(r, w, load)
		}
		s.stages, s.order = append(s.stages, rs), append(s.order, order)
		s.parallel = append(s.parallel, parallel)
	}
	for _, order := range orders {
		var tasks, emit []func() error
		var owners, emitOwners []int
		for _, r := range order {
			r.direct = len(r.decisions) == 0
			// A piece per chunk and segment: whole chunks for the
			// populations that must advance them whole (their segments
			// are whole chunks).
			for c := range r.p.NumChunks() {
				ch := r.p.Chunk(c, 0)
				for _, sg := range r.segs {
					lo, hi := max(ch.Lo, sg.lo), min(ch.Hi, sg.hi)
					if lo < hi {
						tasks = append(tasks, s.advanceTask(r, c, lo, hi, r.tasks))
						owners = append(owners, sg.owner)
						r.tasks++
					}
				}
			}
			r.fired = make([][]int32, r.tasks)
			collector := owners[len(owners)-1]
			if !r.direct {
				emit = append(emit, s.collectTask(r))
				emitOwners = append(emitOwners, collector)
			}
			for _, e := range r.out {
				t := idx[e.Post]
				parts := s.scatterTasks(r, e, cuts(t.segs))
				for p := range parts {
					owner := collector // an edge that cannot be split
					if len(parts) == len(t.segs) {
						owner = t.segs[p].owner
					}
					emitOwners = append(emitOwners, owner)
				}
				emit = append(emit, parts...)
			}
		}
		j := newJob(append(tasks, emit...))
		j.mine = make([][]int, workers)
		for t, w := range append(owners, emitOwners...) {
			j.mine[w] = append(j.mine[w], t)
		}
		s.tasks, s.jobs = append(s.tasks, j.tasks), append(s.jobs, j)
	}
	plastic := 0
	for _, e := range s.syns {
		if e.Rule == nil {
			continue
		}
		tr, isTr := e.Rule.(learning.Transmitter)
		s.transmit = s.transmit || isTr
		pr, parted := e.Rule.(learning.PartedRule)
		parted = parted && !isTr && s.workers > 1 && e.Len() >= minPartedSynapses && pr.Parted(e)
		task := func() error {
			learn := s.train && e.Post.Learning
			if !learn && !isTr {
				return nil
			}
			c := &learning.Context{Step: s.k, Dt: s.dt, PreSpikes: e.Pre.S, PostSpikes: e.Post.S,
				PostFired: e.Post.Fired, PreTrace: e.Pre.Traces, PostTrace: e.Post.Traces,
				Dopamine: s.dopamine, Reward: s.reward}
			if !learn {
				tr.Transmit(e, c)
				return nil
			}
			if parted {
				pr.UpdateParted(e, c, s.runPhase)
			} else {
				e.Rule.Update(e, c)
			}
			e.ApplyMask()
			e.Tie()
			return nil
		}
		if parted {
			s.learnParted = append(s.learnParted, task)
			continue
		}
		plastic += e.Len()
		s.learn = append(s.learn, task)
	}
	// Transmitters write neuron variables: they run in order, on one goroutine.
	s.parallelLearn = plastic >= minParallelSynapses && !s.transmit
	s.learnJob = newJob(s.learn)
	if workers > 1 {
		// The helpers refer to the pool only, so s is collected when
		// nobody refers to it, and the cleanup then stops them.
		s.pool = newPool(workers - 1)
		runtime.AddCleanup(s, (*pool).close, s.pool)
	}
	return s
}

func newJob(tasks []func() error) *job {
	return &job{tasks: tasks, errs: make([]error, len(tasks))}
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
	for i, stage := range s.stages {
		for _, r := range stage {
			r.chunksLeft.add(r.tasks)
			if !r.direct {
				r.collected.add(1)
			}
			r.faulted.Store(false)
		}
		err := s.run(s.jobs[i], s.parallel[i])
		for _, r := range stage {
			s.collectDirect(r)
		}
		if err != nil {
			return err
		}
	}
	s.neuromodulate(s.k)
	if s.train || s.transmit {
		if err := s.run(s.learnJob, s.parallelLearn); err != nil {
			return err
		}
		for _, t := range s.learnParted {
			if err := caught(t); err != nil {
				return err
			}
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

// drawsNothing reports whether advancing r draws no random number that
// depends on the order of the neurons it advances (its model is a
// built-in one that draws none, and its random stimuli, if any, find
// each neuron's draw by its place in the stream: a poisson_input below
// mean 10), so that a chunk may be advanced in pieces by several workers
// without changing a bit: every other operation of a step is neuron by
// neuron. Chunks of other populations are advanced whole, each with its
// random stream.
func drawsNothing(r *popRun) bool {
	switch r.p.Model.(type) {
	case *neurons.LIF, *neurons.IF, *neurons.CLIF, *neurons.ALIF, *neurons.ELIF, *neurons.AELIF,
		*neurons.QLIF, *neurons.AQLIF, *neurons.Izhikevich, *neurons.Input:
	default:
		return false
	}
	for _, st := range r.stims {
		if _, random := st.(RandomStimulus); random {
			if pw, ok := st.(interface{ piecewise() bool }); !ok || !pw.piecewise() {
				return false
			}
		}
	}
	return true
}

// advanceTask returns advance task q of r: it computes the input of
// neurons [lo, hi) of chunk c of r and advances them, and if r is
// direct, collects their spikes into r.fired[q].
func (s *Sim) advanceTask(r *popRun, c, lo, hi, q int) func() error {
	fused := s.fusedStep(r) // nil unless r can take the fused step (fused.go)
	return func() (err error) {
		ok := false // not set when the step panics
		defer func() {
			if !ok {
				r.faulted.Store(true)
			} else if r.direct {
				r.fired[q] = r.p.AppendFired(r.fired[q][:0], lo, hi)
			}
			r.chunksLeft.done()
		}()
		ch := r.p.Chunk(c, s.k)
		ch.Lo, ch.Hi = lo, hi
		if fused != nil {
			if done, err := fused(ch); done {
				ok = err == nil
				return err
			}
		}
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
		err = r.p.Step(ch, x)
		ok = err == nil
		return err
	}
}

// collectTask returns the task that, once every chunk of r has
// advanced, applies r's decisions, collects its spikes and does the part
// of their emission that is not split by target (synapses.EmitStart).
// Nothing is collected or emitted after a fault in r, so that the state
// after a fault is the same for any number of workers.
func (s *Sim) collectTask(r *popRun) func() error {
	return func() error {
		defer r.collected.done()
		r.chunksLeft.wait()
		if r.faulted.Load() {
			return nil
		}
		for _, d := range r.decisions {
			d.Decide(s.k, r.x)
		}
		r.p.Collect()
		for _, e := range r.out {
			e.EmitStart(s.k, r.p.Fired)
		}
		return nil
	}
}

// collectDirect sets the spikes of a direct r from the lists its advance
// tasks collected, and does the part of their emission that is not split
// by target (synapses.EmitStart). Like collectTask, it collects and
// emits nothing after a fault in r.
func (s *Sim) collectDirect(r *popRun) {
	if !r.direct || r.faulted.Load() {
		return
	}
	f := r.p.Fired[:0]
	for _, part := range r.fired {
		f = append(f, part...)
	}
	r.p.Fired = f
	r.p.Spikes += int64(len(f))
	for _, e := range r.out {
		e.EmitStart(s.k, f)
	}
}

// scatterTasks returns the tasks that add the spikes of r into the delay
// buffers of its outgoing edge e: one per part of the targets cut at
// bounds (the segments of the target population, each owned by a
// worker, so that each task writes its owner's buffer entries), when the
// edge can be split, else one. Every target's sum is taken in the same
// order whatever the parts (see synapses.Synapse.EmitRange), so the parts
// change no bit.
func (s *Sim) scatterTasks(r *popRun, e *synapses.Synapse, bounds []int) []func() error {
	e.SplitTargetsAt(bounds)
	tasks := make([]func() error, e.Parts())
	for p := range tasks {
		tasks[p] = func() error {
			if r.direct {
				r.chunksLeft.wait()
				if !r.faulted.Load() {
					for _, fired := range r.fired {
						e.EmitPart(s.k, fired, p)
					}
				}
				return nil
			}
			r.collected.wait()
			if !r.faulted.Load() {
				e.EmitPart(s.k, r.p.Fired, p)
			}
			return nil
		}
	}
	return tasks
}

// runPhase runs the tasks of a phase of a learning.PartedRule on the
// workers and returns when all are done; a panic in one is raised again.
func (s *Sim) runPhase(tasks []func()) {
	ts := make([]func() error, len(tasks))
	for i, t := range tasks {
		ts[i] = func() error { t(); return nil }
	}
	if err := s.run(newJob(ts), true); err != nil {
		if pe, ok := err.(*PanicError); ok {
			panic(pe.Value)
		}
		panic(err)
	}
}

// run runs the tasks of j and returns the error of the first one (in
// task order) that failed; every task runs, whatever the errors (a task
// that depends on a failed one sees it and does nothing), so that the
// state after an error is the same for any number of workers. If
// parallel is set and there are workers to spare, the calling goroutine
// and the pool's helpers each run the tasks they own (j.mine), or else
// each take the next task not yet taken; each task writes only its own
// slots. A task may wait for tasks before it in the list (each worker
// runs its tasks in list order, so the wait ends).
func (s *Sim) run(j *job, parallel bool) error {
	if !parallel || s.pool == nil || len(j.tasks) <= 1 {
		var first error
		for _, t := range j.tasks {
			if err := caught(t); err != nil && first == nil {
				first = err
			}
		}
		return first
	}
	s.pool.do(j)
	var first error
	for i, err := range j.errs {
		if err != nil && first == nil {
			first = err
		}
		j.errs[i] = nil
	}
	return first
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
