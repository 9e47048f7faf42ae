package cli

import (
	"cmp"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/synapticflow/synapticflow-go/dsl"
	"github.com/synapticflow/synapticflow-go/encoding"
	"github.com/synapticflow/synapticflow-go/graph"
	"github.com/synapticflow/synapticflow-go/neurons"
)

// runFlags are the flags of the run command.
type runFlags struct {
	netFlags
	ckptFlags
	out        string
	seed       uint64
	workers    int
	duration   float64
	format     string
	quiet      bool
	noFigures  bool
	eval       bool
	saveAll    bool
	seedSet    bool
	workersSet bool
	durSet     bool
}

const runHelp = `
Run loads the network in FILE, or in the .hcl files of DIR, simulates it
and writes into the output directory (default ./out/NAME, NAME being the
file or directory name without .hcl):

  summary.json            run statistics: steps, dt_ms, duration_ms, seed,
                          workers, wall_seconds, sim_seconds (wall
                          time of the simulation loop), sim_cpu_seconds
                          (CPU time of the process during the loop: all
                          workers, the garbage collector and the progress
                          display included; -1 where unknown),
                          build_seconds and build_cpu_seconds (wall and
                          CPU time from the start of the command to the
                          loop's: loading, connecting, compiling),
                          outputs_seconds, figures_seconds,
                          neuron_updates_per_second, synaptic_events,
                          synaptic_events_per_second, interrupted, eval,
                          populations.NAME.{n, spikes, rate_hz,
                          statistics: rate mean and std, silent fraction,
                          ISI CV, Fano factor, synchrony chi},
                          synapses.NAME.{synapses, events} and, for a
                          synapse with a learning rule, weights.{mean,
                          min, max} at the end; files: every other file
                          of the directory with its size and sha256
  POP.counts.csv          spike count of each neuron: neuron,count (for a
                          population a spike monitor records)
  MON.spikes.csv          one row per spike: time_ms,neuron
  MON.rate.csv            population rate per step: time_ms,rate_hz
  MON.VAR.csv             one row per record: time_ms,0,1,... (one column
                          per recorded neuron, or synapse for a monitor of
                          a synapse: MON.w.csv holds its weights, and
                          MON.synapses.csv the synapse,pre,post of each
                          column)
  MON.dopamine.csv        network signals (variables "dopamine",
  MON.reward.csv          "reward"): time_ms,VALUE
  MON.*.npy               the same as NumPy arrays, with -format npy|both;
                          MON.spikes.npz: arrays i (int neuron), t (ms);
                          MON.indices.npy: the recorded index of each
                          column of MON.VAR.npy
  MON.raster.png          spike raster of the recorded neurons (a rate
                          heat map when too dense for dots)
  raster.png, rate.png    all recorded populations in one raster, and
                          their rates in one figure
  MON.rate.png            population rate, gaussian-smoothed (sigma 2 ms)
  MON.isi.png             histogram of the inter-spike intervals
  MON.rates.png           distribution of the neurons' firing rates
  MON.VAR.png             each state variable of up to 10 neurons; for v
                          the threshold, and the injected current below
  MON.w.png               weights of up to 10 recorded synapses over time
  MON.matrix.png          the synapse's weight matrix at the end
  MON.hist.png            the histogram of all its weights at the end
  MON.signals.png         dopamine (line) and every non-zero reward (point)
  SYN.weights.npy         the weights of synapse SYN at the end, as a
                          matrix of source x target neurons (0 where there
                          is no synapse) that weight = load(...) reads
                          back: for synapses with save_weights = true and,
                          with -save-weights, every synapse with a
                          learning rule
  SYN.weights.npz         the same synapses, sparse: arrays i, j (source
                          and target neuron), w, delay (ms), one entry
                          per synapse, and shape; load(...) reads it too

With -eval, learning rules change no weight. Flags override the simulation
block.

The output directory always holds one whole run: the outputs are written
into a staging directory beside it (.NAME.staging-*) and swapped with it
in one step at the end, so a kill, crash or full disk leaves the previous
run complete (the next run removes the leftovers). A run replaces the
whole directory, so it refuses one that holds anything but output files
(a subdirectory, or files other than .csv, .npy, .npz, .png and .json without a
summary.json); it also refuses one another run is writing (lock file
.NAME.lock beside it). Both exit with 1.

Ctrl-C (or SIGTERM) stops the run after a whole step and writes the
outputs of what was simulated, weights included (summary.json says
"interrupted": true); a state variable that becomes NaN or infinite stops
it the same way. Both exit with 3. Ctrl-C while the outputs are written
lets the writing finish; a second Ctrl-C abandons them (the directory
keeps the previous run), says what is lost and exits with 3. A bug caught
as a panic exits with 4.

Checkpoints: -checkpoint-every T writes checkpoint.sfck (the whole state
of the simulation and every monitor's records so far) and resume.json
(the network's path and files, and the flags) into the output directory
every T ms of simulated time, and at the end; an interrupted run (Ctrl-C,
SIGTERM) writes them too. -resume DIR continues the run in DIR from its
checkpoint up to -duration ms in total (default: the file's duration),
with the flags it was started with (it may change -duration, -workers,
-checkpoint-every, -quiet and -no-figures), and leaves in DIR the files
an uninterrupted run would have written, byte for byte. -continue
resumes from -out's checkpoint of FILE if there is one, else starts: the
same command line for a batch job and its requeues. A checkpoint of
another network (a changed file, seed or parameter), or a damaged one, is
refused with exit code 1.`

func runCmd(ctx context.Context, e *env, args []string) int {
	wallStart, cpuAtStart := time.Now(), processCPUSeconds()
	fs := e.newFlagSet("run", "FILE|DIR [flags]", runHelp)
	var rf runFlags
	rf.register(fs)
	e.registerOutputFlags(fs)
	pos, code, ok := e.parseFlags(fs, args)
	if !ok {
		return code
	}
	path, code, ok := rf.runPath(e, fs, pos) // FILE|DIR, or -resume DIR's
	if !ok {
		return code
	}
	fs.Visit(func(f *flag.Flag) {
		switch f.Name {
		case "seed":
			rf.seedSet = true
		case "workers":
			rf.workersSet = true
		case "duration":
			rf.durSet = true
		}
	})
	if msg := cmp.Or(rf.check(), rf.ckptFlags.check()); msg != "" {
		fmt.Fprintf(e.stderr, "%s: %s\nRun '%s -h' for usage.\n", fs.Name(), msg, fs.Name())
		return ExitUsage
	}

	if rf.seedSet {
		rf.overrides.Seed = &rf.seed
	}
	if rf.workersSet {
		rf.overrides.Workers = &rf.workers
	}
	if rf.durSet {
		rf.overrides.Duration = &rf.duration
	}
	net, ok := e.load(path, &rf.netFlags)
	if !ok {
		return ExitConfig
	}
	sim, ok := e.compile(net)
	if !ok {
		return ExitConfig
	}
	sim.SetTrain(!rf.eval)
	out := rf.out
	if out == "" {
		out = filepath.Join("out", runName(path))
	}
	// The output directory is locked and staged before the simulation, so
	// that a directory in use or not writable is known at once.
	dir, err := openOutputDir(out)
	if err != nil {
		fmt.Fprintf(e.stderr, "%s run: %v\n", e.name, err)
		return ExitConfig
	}
	unlock := true // until the writing goroutine owns the lock
	defer func() {
		if unlock {
			dir.stage.Abort()
			dir.lock.Unlock()
		}
	}()
	e.setOnAbort(func() (int, bool) {
		if !dir.stage.Abort() {
			return 0, false // committed: the run is finishing
		}
		fmt.Fprintf(e.stderr, "%s run: interrupted again: stopping at once. Lost: every output of this run (data, figures, weights and summary.json); %s\n",
			e.name, dir.unchanged())
		return ExitFault, true
	})
	defer e.setOnAbort(nil)
	// Monitors that stream write into the staging directory during the
	// run; their spools are closed (and removed) before the manifest.
	closeSpools, err := streamMonitors(net, dir.stage.Dir, net.Simulation.Duration)
	if err != nil {
		fmt.Fprintf(e.stderr, "%s run: %v\n", e.name, err)
		return ExitConfig
	}
	defer closeSpools()
	ck, ok := rf.newCheckpointer(e, sim, net, path, dir) // -resume restores sim
	if !ok {
		return ExitConfig
	}

	var bar *progress
	if !rf.quiet {
		terminal := isTerminal
		if e.isTerm != nil {
			terminal = e.isTerm
		}
		if terminal(e.stderr) {
			bar = newProgress(e.stderr, sim.Dt())
		} else {
			bar = newTextProgress(e.stderr, sim.Dt())
			if e.textEvery > 0 {
				bar.textInterval = e.textEvery
			}
		}
		sim.Progress = bar.update
		for _, p := range net.Populations() {
			if d, ok := p.Model.(*encoding.Data); ok {
				bar.status = d.Status // the data sample being presented
				break
			}
		}
	}
	simStart, cpuStart := time.Now(), processCPUSeconds()
	runErr := protect(func() error { return ck.run(ctx, sim, net.Simulation.Duration) })
	if pe := (*graph.PanicError)(nil); errors.As(runErr, &pe) {
		runErr = &caught{value: pe.Value, stack: pe.Stack} // a worker's panic
	}
	simSeconds, simCPU := time.Since(simStart).Seconds(), cpuSince(cpuStart)
	if bar != nil {
		bar.finish()
	}

	res := &result{net: net, sim: sim, out: out, requested: net.Simulation.Duration, simSeconds: simSeconds, simCPUSeconds: simCPU, eval: rf.eval,
		warn: e.stderr, closeSpools: closeSpools,
		buildSeconds: simStart.Sub(wallStart).Seconds(), buildCPUSeconds: cpuDiff(cpuStart, cpuAtStart)}
	again := ""
	if e.abort != nil {
		again = " (interrupt again to abandon them)"
	}
	exit := ExitOK
	var fault *neurons.FaultError
	var bug *caught
	switch {
	case runErr == nil:
	case errors.As(runErr, &bug):
		res.fault = fmt.Sprintf("%v (t = %s ms)", bug, num(sim.Time()))
		exit = ExitInternal
		e.internalError(bug.value, bug.stack)
		fmt.Fprintf(e.stderr, "%s run: writing the outputs of the %s ms simulated before it\n", e.name, num(sim.Time()))
	case errors.Is(runErr, context.Canceled) || errors.Is(runErr, context.DeadlineExceeded):
		res.interrupted = true
		exit = ExitFault
		fmt.Fprintf(e.stderr, "%s run: interrupted after %s of %s ms; writing the outputs of what was simulated%s\n",
			e.name, num(sim.Time()), num(res.requested), again)
	case errors.As(runErr, &fault):
		res.fault = fmt.Sprintf("%v (t = %s ms)", fault, num(float64(fault.Step)*sim.Dt()))
		exit = ExitFault
		fmt.Fprintf(e.stderr, "%s run: runtime fault: %s; writing the outputs of the %s ms simulated before it\n",
			e.name, res.fault, num(sim.Time()))
	default:
		res.fault = runErr.Error()
		exit = ExitFault
		fmt.Fprintf(e.stderr, "%s run: %v\n", e.name, runErr)
	}

	if !ck.final(sim, res.interrupted, runErr) && exit == ExitOK {
		exit = ExitConfig
	}

	// The outputs are written on their own goroutine, which owns the lock
	// from now on: a second interrupt (Config.Abort) abandons them at once
	// without waiting for it, and the first interrupt, if it comes now,
	// changes nothing.
	type written struct {
		sum *summary
		err error
	}
	done := make(chan written, 1)
	unlock = false
	go func() {
		var w written
		w.err = protect(func() error {
			var err error
			w.sum, err = res.writeOutputs(dir, &rf, func() float64 { return time.Since(wallStart).Seconds() })
			return err
		})
		if w.err != nil && w.sum == nil {
			dir.stage.Abort()
		}
		dir.lock.Unlock() // before Main returns: the next run may start at once
		done <- w
	}()
	interrupt := ctx.Done()
	if res.interrupted {
		interrupt = nil
	}
	var w written
wait:
	for {
		select {
		case w = <-done:
			break wait
		case <-interrupt:
			interrupt = nil
			fmt.Fprintf(e.stderr, "%s run: interrupt: finishing writing the outputs%s\n", e.name, again)
		}
	}
	res.out = out
	if errors.As(w.err, &bug) {
		e.internalError(bug.value, bug.stack)
		if w.sum == nil {
			fmt.Fprintf(e.stderr, "%s run: the outputs of this run are lost; %s\n", e.name, dir.unchanged())
			return ExitInternal
		}
		fmt.Fprintf(e.stderr, "%s run: wrote the outputs that could be written (%d files, listed in %s)\n",
			e.name, len(w.sum.Files), filepath.Join(out, summaryFile))
		return ExitInternal
	}
	if w.err != nil {
		fmt.Fprintf(e.stderr, "%s run: writing outputs: %v; the outputs of this run are lost, %s\n", e.name, w.err, dir.unchanged())
		return max(exit, ExitConfig)
	}
	if !rf.quiet {
		fmt.Fprintln(e.stdout, w.sum.paragraph(res))
	}
	return exit
}

// unchanged says what the output directory holds after the new outputs
// were abandoned.
func (d *outputDir) unchanged() string {
	if d.existed {
		return d.path + " still holds the previous run"
	}
	return d.path + " was not written"
}

func (rf *runFlags) register(fs *flag.FlagSet) {
	rf.netFlags.register(fs)
	rf.netFlags.registerStrict(fs)
	fs.StringVar(&rf.out, "out", "", "output `directory` (default ./out/NAME)")
	fs.Func("seed", "master `seed`, an integer from 0 to 2^64-1 (overrides simulation.seed)", func(v string) error {
		x, err := strconv.ParseUint(v, 0, 64)
		if err != nil {
			return errors.New("a seed is an integer from 0 to 2^64-1 (18446744073709551615)")
		}
		rf.seed = x
		return nil
	})
	fs.IntVar(&rf.workers, "workers", 0, "worker goroutines, 0 for all cores (overrides simulation.workers)")
	fs.Float64Var(&rf.duration, "duration", 0, "simulated time in `ms` (overrides simulation.duration)")
	fs.StringVar(&rf.format, "format", "csv", "data file format: csv, npy or both")
	fs.BoolVar(&rf.quiet, "quiet", false, "print neither the progress bar nor the summary")
	fs.BoolVar(&rf.noFigures, "no-figures", false, "write no PNG figures")
	fs.BoolVar(&rf.eval, "eval", false, "evaluation run: learning rules change no weight")
	fs.BoolVar(&rf.saveAll, "save-weights", false, "write SYN.weights.npy for every synapse with a learning rule, as save_weights = true does")
	rf.ckptFlags.register(fs)
}

// check returns what is wrong with the flag values, or "".
func (rf *runFlags) check() string {
	switch rf.format {
	case "csv", "npy", "both":
	default:
		return fmt.Sprintf("-format %q: want csv, npy or both", rf.format)
	}
	if rf.workersSet && rf.workers < 0 {
		return fmt.Sprintf("-workers %d: want 0 (all cores) or more", rf.workers)
	}
	if rf.durSet && (!(rf.duration >= 0) || math.IsInf(rf.duration, 0)) {
		return fmt.Sprintf("-duration %g: want a finite number of ms >= 0", rf.duration)
	}
	return ""
}

// runName is the default output name of a network path: its base name
// without .hcl.
func runName(path string) string {
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	name := strings.TrimSuffix(filepath.Base(path), ".hcl")
	if name == "" || name == "." || name == string(filepath.Separator) {
		return "network"
	}
	return name
}

// result is what a run produced.
type result struct {
	net         *dsl.Network
	sim         *graph.Sim
	out         string
	requested   float64
	simSeconds  float64
	interrupted bool
	fault       string
	eval        bool
	saved       []string               // weight files written, in network order
	warn        io.Writer              // where figure warnings go (stderr)
	closeSpools func() error           // closes and removes the streamed monitors' spools
	stats       map[string]*spikeStats // per population with a spike monitor (computeStats)
	outSeconds  float64                // writing the outputs (data files, figures, weights)
	figSeconds  float64                // drawing the figures, part of outSeconds
	figs        *figQueue              // the figures being drawn (writeMonitors)

	// simCPUSeconds is the process's CPU time during the loop (-1 if
	// unknown); buildSeconds and buildCPUSeconds the wall and CPU time
	// from the start of the command to the loop's.
	simCPUSeconds, buildSeconds, buildCPUSeconds float64
}

// summary is summary.json.
type summary struct {
	Steps                   int                   `json:"steps"`
	DtMs                    float64               `json:"dt_ms"`
	DurationMs              float64               `json:"duration_ms"`
	RequestedDurationMs     float64               `json:"requested_duration_ms"`
	Seed                    uint64                `json:"seed"`
	Workers                 int                   `json:"workers"`
	WallSeconds             float64               `json:"wall_seconds"`
	SimSeconds              float64               `json:"sim_seconds"`
	OutputsSeconds          float64               `json:"outputs_seconds"`
	FiguresSeconds          float64               `json:"figures_seconds"`
	SimCPUSeconds           float64               `json:"sim_cpu_seconds"`
	BuildSeconds            float64               `json:"build_seconds"`
	BuildCPUSeconds         float64               `json:"build_cpu_seconds"`
	NeuronUpdatesPerSecond  float64               `json:"neuron_updates_per_second"`
	SynapticEvents          int64                 `json:"synaptic_events"`
	SynapticEventsPerSecond float64               `json:"synaptic_events_per_second"`
	Interrupted             bool                  `json:"interrupted"`
	Eval                    bool                  `json:"eval"`
	Fault                   string                `json:"fault,omitempty"`
	Populations             map[string]popSummary `json:"populations"`
	Synapses                map[string]synSummary `json:"synapses"`
	InternalError           string                `json:"internal_error,omitempty"`
	Files                   []fileEntry           `json:"files"`
	order                   []string              // population names in network order
}

type popSummary struct {
	N      int     `json:"n"`
	Spikes int64   `json:"spikes"`
	RateHz float64 `json:"rate_hz"`
	// Statistics are those of the spike trains (nil without a spike
	// monitor of the population, which StatisticsNote then says).
	Statistics     *spikeStats `json:"statistics,omitempty"`
	StatisticsNote string      `json:"statistics_note,omitempty"`
}

type synSummary struct {
	Synapses int          `json:"synapses"`
	Events   int64        `json:"events"`
	Weights  *weightStats `json:"weights,omitempty"`
}

// weightStats summarise the weights of a plastic edge at the end of a run.
type weightStats struct {
	Mean float64 `json:"mean"`
	Min  float64 `json:"min"`
	Max  float64 `json:"max"`
}

// statsOf returns the mean, min and max of w, or nil if w is empty.
func statsOf(w []float64) *weightStats {
	if len(w) == 0 {
		return nil
	}
	st := &weightStats{Min: math.Inf(1), Max: math.Inf(-1)}
	for _, x := range w {
		st.Mean += x
		st.Min, st.Max = math.Min(st.Min, x), math.Max(st.Max, x)
	}
	st.Mean /= float64(len(w))
	return st
}

func (r *result) summary(wall float64) *summary {
	st := r.sim.Stats()
	dur := r.sim.Time()
	s := &summary{
		Steps:               st.Steps,
		DtMs:                r.sim.Dt(),
		DurationMs:          round(dur),
		RequestedDurationMs: r.requested,
		Seed:                r.net.Graph.Seed,
		Workers:             r.sim.Workers(),
		WallSeconds:         wall,
		SimSeconds:          r.simSeconds,
		OutputsSeconds:      r.outSeconds,
		FiguresSeconds:      r.figSeconds,
		SimCPUSeconds:       r.simCPUSeconds,
		BuildSeconds:        r.buildSeconds,
		BuildCPUSeconds:     r.buildCPUSeconds,
		SynapticEvents:      st.TotalEvents,
		Interrupted:         r.interrupted,
		Eval:                r.eval,
		Fault:               r.fault,
		Populations:         make(map[string]popSummary),
		Synapses:            make(map[string]synSummary),
	}
	if r.simSeconds > 0 {
		s.NeuronUpdatesPerSecond = float64(st.NeuronUpdates) / r.simSeconds
		s.SynapticEventsPerSecond = float64(st.TotalEvents) / r.simSeconds
	}
	for _, p := range r.net.Populations() {
		ps := popSummary{N: p.Len(), Spikes: st.Spikes[p.Name], Statistics: r.stats[p.Name]}
		if dur > 0 {
			ps.RateHz = float64(ps.Spikes) / float64(ps.N) / (dur / 1000)
		}
		if ps.Statistics == nil {
			ps.StatisticsNote = "no spike monitor records this population: the statistics of its spike trains need the spike times (add a monitor of \"s\")"
		}
		s.Populations[p.Name] = ps
		s.order = append(s.order, p.Name)
	}
	for _, e := range r.net.Synapses() {
		ss := synSummary{Synapses: e.Len(), Events: st.Events[e.Name]}
		if e.Rule != nil {
			ss.Weights = statsOf(e.W)
		}
		s.Synapses[e.Name] = ss
	}
	return s
}

// round removes the float noise of k*dt (1000.0000000000001 ms).
func round(x float64) float64 { return math.Round(x*1e9) / 1e9 }

// paragraph is the summary printed on stdout.
func (s *summary) paragraph(r *result) string {
	var b strings.Builder
	if r.interrupted {
		fmt.Fprintf(&b, "Interrupted after %s of %s ms (%s of %s ms)", num(s.DurationMs), num(s.RequestedDurationMs), stepCount(s.Steps), num(s.DtMs))
	} else if r.fault != "" {
		fmt.Fprintf(&b, "Stopped by a fault after %s of %s ms (%s of %s ms)", num(s.DurationMs), num(s.RequestedDurationMs), stepCount(s.Steps), num(s.DtMs))
	} else {
		fmt.Fprintf(&b, "Simulated %s ms (%s of %s ms)", num(s.DurationMs), stepCount(s.Steps), num(s.DtMs))
	}
	fmt.Fprintf(&b, " in %.3g s", s.SimSeconds)
	if s.SimSeconds > 0 {
		fmt.Fprintf(&b, " (%.3g s of biological time per second", s.DurationMs/1000/s.SimSeconds)
		fmt.Fprintf(&b, ", %.3g neuron updates/s)", s.NeuronUpdatesPerSecond)
	}
	fmt.Fprintf(&b, " with %s, seed %d.", plural(s.Workers, "worker"), s.Seed)
	var rates []string
	for _, name := range s.order {
		p := s.Populations[name]
		rates = append(rates, fmt.Sprintf("%s %.3g Hz (%s, %s)", name, p.RateHz, plural(p.N, "neuron"), plural(int(p.Spikes), "spike")))
	}
	if len(rates) > 0 {
		fmt.Fprintf(&b, " Mean rates: %s.", strings.Join(rates, "; "))
	}
	var stats []string
	for _, name := range s.order {
		if st := s.Populations[name].Statistics; st != nil {
			stats = append(stats, name+": "+st.statsLine())
		}
	}
	if len(stats) > 0 {
		fmt.Fprintf(&b, " Spike statistics: %s.", strings.Join(stats, "; "))
	}
	fmt.Fprintf(&b, " %d synaptic events", s.SynapticEvents)
	if s.SimSeconds > 0 {
		fmt.Fprintf(&b, " (%.3g/s)", s.SynapticEventsPerSecond)
	}
	fmt.Fprint(&b, ".")
	if r.eval {
		fmt.Fprint(&b, " Learning off (-eval).")
	}
	if len(r.saved) > 0 {
		fmt.Fprintf(&b, " Weights saved to %s.", strings.Join(r.saved, ", "))
	}
	fmt.Fprintf(&b, " Wall time %.3g s, outputs %.3g s (figures %.3g s). Outputs in %s.", s.WallSeconds, s.OutputsSeconds, s.FiguresSeconds, r.out)
	return b.String()
}

// stepCount is n steps in words: "1 step", "0 steps", "20 steps".
func stepCount(n int) string { return plural(n, "step") }
