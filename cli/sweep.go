package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"

	"github.com/hashicorp/hcl/v2"

	"github.com/synapticflow/synapticflow-go/sweep"
)

const sweepHelp = `
Sweep runs the network in FILE many times: over a grid of values of its
variables (the variable blocks; -grid, repeatable, makes the cartesian
product, the first -grid outermost), explicit settings (-point,
repeatable) and seeds (-seeds), or as its sweep block says:

  sweep {
    grid {
      g  = [3, 4, 5, 6]
      nu = [1, 2, 4]
    }
    points = [{ g = 8, nu = 1 }]  # settings after the grid's
    seeds  = range(1, 6)          # or [1, 2, 3]
    seed   = 7                    # master seed of derived seeds
  }

Flags replace the block's parts: -grid and -point its grid and points,
-seeds its seeds, -seed its master seed. Every setting runs with every
seed; without seeds, each setting runs once with a seed derived from the
master seed (-seed, the block's seed, or the file's constant
simulation.seed) and the setting alone (a hash), so that a run's results
never depend on the other runs of the sweep.

  netrun sweep -grid g=3,4,5,6 -grid nu=1,2,4 -seeds 1-5 -out DIR FILE

makes 60 runs, each in its own directory DIR/INDEX_g=G_nu=NU_seed=S
(netrun run's outputs); DIR/sweep.json is the plan (the runs, their
settings, seeds and flags), DIR/logs/NAME.log each run's messages.

Runs go -j at a time (default: cores / -workers). A run whose complete
outputs exist (summary.json and every file of its manifest) is skipped,
so running the same sweep again finishes a half-done one; a run that
fails is reported and the others go on. 'netrun sweep -out DIR' without
FILE continues the sweep planned in DIR/sweep.json. Exit code: 0 if every
run succeeded, else the largest exit code of a failed run (3 also if the
sweep was interrupted).

-run-index I runs run I only (an array task); -emit slurm writes
DIR/sweep.sbatch, a Slurm job array with one task per run, and -emit k8s
DIR/sweep.k8s.yaml, a Kubernetes Indexed Job (see docs/netrun.md).
'netrun collect DIR' gathers the runs' summaries into DIR/runs.csv.`

// sweepFlags are the flags of the sweep command.
type sweepFlags struct {
	netFlags
	grid            []sweep.Axis
	points          [][]sweep.Setting
	seeds           []uint64
	seed            uint64
	seedSet         bool
	out             string
	plan            string
	jobs            int
	workers         int
	duration        string
	format          string
	noFigures       bool
	eval            bool
	saveAll         bool
	runIndex        []int
	emit            string
	list            bool
	checkpointEvery string
	slurm           sweep.SlurmOptions
	k8s             sweep.K8sOptions
}

func (sf *sweepFlags) register(fs *flag.FlagSet) {
	sf.netFlags.register(fs)
	sf.netFlags.registerStrict(fs)
	fs.Func("grid", "sweep a variable: `NAME=V1,V2,...` (values as -var reads them); repeatable: the cartesian product", func(s string) error {
		ax, err := sweep.ParseGrid(s)
		sf.grid = append(sf.grid, ax)
		return err
	})
	fs.Func("point", "one setting of several variables: `NAME=V,NAME=V`; repeatable, after the grid's settings", func(s string) error {
		pt, err := sweep.ParsePoint(s)
		sf.points = append(sf.points, pt)
		return err
	})
	fs.Func("seeds", "run every setting with each seed of `LIST`: 1-5, 1,2,7, 1-3,10", func(s string) error {
		var err error
		sf.seeds, err = sweep.ParseSeeds(s)
		return err
	})
	fs.Func("seed", "master `seed` of the derived seeds (without -seeds)", func(s string) error {
		x, err := strconv.ParseUint(s, 0, 64)
		if err != nil {
			return errors.New("a seed is an integer from 0 to 2^64-1")
		}
		sf.seed, sf.seedSet = x, true
		return nil
	})
	fs.StringVar(&sf.out, "out", "", "sweep `directory` (default ./out/NAME-sweep)")
	fs.StringVar(&sf.plan, "plan", "", "run the sweep planned in `FILE` (a sweep.json) instead of planning one from a network")
	fs.IntVar(&sf.jobs, "j", 0, "runs at a time (default: cores / workers)")
	fs.IntVar(&sf.workers, "workers", 1, "worker goroutines of each run, 0 for all cores")
	fs.StringVar(&sf.duration, "duration", "", "simulated time of each run in `ms` (overrides simulation.duration)")
	fs.StringVar(&sf.format, "format", "csv", "data file format of the runs: csv, npy or both")
	fs.BoolVar(&sf.noFigures, "no-figures", false, "runs write no PNG figures")
	fs.BoolVar(&sf.eval, "eval", false, "evaluation runs: learning rules change no weight")
	fs.BoolVar(&sf.saveAll, "save-weights", false, "runs write the weights of every synapse with a learning rule")
	fs.Func("run-index", "run only the runs of `LIST` (0,3,5 or 2-4): a job array's task", func(s string) error {
		seeds, err := sweep.ParseSeeds(s) // the same syntax
		if err != nil {
			return errors.New("want run indices as 3, 0,2,5 or 2-4")
		}
		for _, x := range seeds {
			if x > 1<<31 {
				return fmt.Errorf("run index %d is too large", x)
			}
			sf.runIndex = append(sf.runIndex, int(x))
		}
		return nil
	})
	fs.StringVar(&sf.emit, "emit", "", "write a scheduler's job instead of running: slurm (DIR/sweep.sbatch) or k8s (DIR/sweep.k8s.yaml)")
	fs.BoolVar(&sf.list, "list", false, "print the runs (index, name, seed) and exit")
	fs.StringVar(&sf.checkpointEvery, "checkpoint-every", "", "runs checkpoint every `T` ms of simulated time, and a run that left a checkpoint resumes from it (netrun run -checkpoint-every, -resume)")
	fs.IntVar(&sf.slurm.ArrayLimit, "max-parallel", 0, "with -emit: runs at a time on the cluster (Slurm --array=0-N%M, Kubernetes parallelism; default: all)")
	fs.StringVar(&sf.slurm.Time, "time", "", "with -emit slurm: time limit of each task (sbatch --time, as 30:00 or 1-00:00:00)")
	fs.StringVar(&sf.slurm.Mem, "mem", "", "with -emit: memory of each task (sbatch --mem 4G; Kubernetes 4Gi)")
	fs.StringVar(&sf.slurm.Partition, "partition", "", "with -emit slurm: partition (sbatch --partition)")
	fs.StringVar(&sf.slurm.Account, "account", "", "with -emit slurm: account (sbatch --account)")
	fs.Func("sbatch", "with -emit slurm: one more `option` for the #SBATCH lines (as --qos=short); repeatable", func(s string) error {
		sf.slurm.Extra = append(sf.slurm.Extra, s)
		return nil
	})
	fs.StringVar(&sf.slurm.Netrun, "netrun", "", "with -emit slurm: the netrun `path` the tasks run (default: this netrun); with -emit k8s: in the image (default netrun)")
	fs.StringVar(&sf.k8s.Image, "image", "", "with -emit k8s: the container `image` holding netrun (required)")
	fs.StringVar(&sf.k8s.Claim, "pvc", "netrun-results", "with -emit k8s: the PersistentVolumeClaim the results go to")
	fs.StringVar(&sf.k8s.Namespace, "namespace", "", "with -emit k8s: the namespace of the Job and ConfigMap")
}

// runArgs are the flags of netrun run that every run of the sweep gets.
func (sf *sweepFlags) runArgs(fixed []string) ([]string, error) {
	args := []string{"-workers", strconv.Itoa(sf.workers), "-format", sf.format}
	if sf.duration != "" {
		args = append(args, "-duration", sf.duration)
	}
	for _, b := range []struct {
		on   bool
		name string
	}{{sf.noFigures, "-no-figures"}, {sf.eval, "-eval"}, {sf.saveAll, "-save-weights"}, {sf.strict, "-strict"}} {
		if b.on {
			args = append(args, b.name)
		}
	}
	switch {
	case sf.maxMemory < 0:
		args = append(args, "-max-memory", "none")
	case sf.maxMemory > 0:
		args = append(args, "-max-memory", strconv.FormatInt(sf.maxMemory, 10))
	}
	for _, name := range fixed {
		args = append(args, "-var", name+"="+sf.vars[name])
	}
	for _, f := range sf.varFiles {
		abs, err := filepath.Abs(f)
		if err != nil {
			return nil, err
		}
		args = append(args, "-var-file", abs)
	}
	return args, nil
}

func sweepCmd(ctx context.Context, e *env, args []string) int {
	fs := e.newFlagSet("sweep", "[FILE|DIR] [flags]", sweepHelp)
	var sf sweepFlags
	sf.register(fs)
	e.registerOutputFlags(fs)
	pos, code, ok := e.parseFlags(fs, args)
	if !ok {
		return code
	}
	usage := func(format string, a ...any) int {
		fmt.Fprintf(e.stderr, "%s: %s\nRun '%s -h' for usage.\n", fs.Name(), fmt.Sprintf(format, a...), fs.Name())
		return ExitUsage
	}
	switch {
	case len(pos) > 1:
		return usage("want one FILE|DIR, have %d arguments: %s", len(pos), strings.Join(pos, " "))
	case sf.format != "csv" && sf.format != "npy" && sf.format != "both":
		return usage("-format %q: want csv, npy or both", sf.format)
	case sf.workers < 0:
		return usage("-workers %d: want 0 (all cores) or more", sf.workers)
	case sf.jobs < 0:
		return usage("-j %d: want 1 or more (0: cores / workers)", sf.jobs)
	case sf.emit != "" && sf.emit != "slurm" && sf.emit != "k8s":
		return usage("-emit %q: want slurm or k8s", sf.emit)
	case sf.emit != "" && sf.runIndex != nil:
		return usage("-emit writes the job of every run: it takes no -run-index")
	case sf.slurm.ArrayLimit < 0:
		return usage("-max-parallel %d: want 1 or more (0: all)", sf.slurm.ArrayLimit)
	}
	if sf.duration != "" {
		if d, err := strconv.ParseFloat(sf.duration, 64); err != nil || !(d >= 0) || d > 1e300 {
			return usage("-duration %s: want a finite number of ms >= 0", sf.duration)
		}
	}
	if sf.checkpointEvery != "" {
		if t, err := strconv.ParseFloat(sf.checkpointEvery, 64); err != nil || !(t > 0) || t > 1e300 {
			return usage("-checkpoint-every %s: want a number of ms > 0", sf.checkpointEvery)
		}
	}
	planning := len(pos) == 1
	if !planning {
		// The plan holds these: they cannot change a planned sweep.
		var given []string
		fs.Visit(func(f *flag.Flag) {
			if slices.Contains(planFlags, f.Name) {
				given = append(given, "-"+f.Name)
			}
		})
		if len(given) > 0 {
			return usage("%s plan a sweep of a network: give its FILE|DIR (a planned sweep runs with the flags of its plan)", strings.Join(given, ", "))
		}
	}
	out := sf.out
	var plan *sweep.Plan
	switch {
	case planning:
		if out == "" {
			out = filepath.Join("out", runName(pos[0])+"-sweep")
		}
		if sf.plan != "" {
			return usage("-plan runs a planned sweep: give no FILE|DIR")
		}
		var ok bool
		if plan, ok = e.planSweep(pos[0], &sf); !ok {
			return ExitConfig
		}
	case sf.plan != "" || out != "":
		from := sf.plan
		if from == "" {
			from = filepath.Join(out, sweep.PlanFile)
		}
		if out == "" {
			out = filepath.Dir(from)
		}
		var err error
		if plan, err = sweep.ReadPlan(from); err != nil {
			fmt.Fprintf(e.stderr, "%s sweep: %v\n", e.name, err)
			return ExitConfig
		}
	default:
		return usage("missing FILE|DIR (or -out DIR of a planned sweep)")
	}
	if sf.list {
		for _, r := range plan.Runs {
			fmt.Fprintf(e.stdout, "%d\t%s\t%d\n", r.Index, r.Name, r.Seed)
		}
		return ExitOK
	}
	switch sf.emit {
	case "slurm":
		return e.emitSlurm(plan, out, &sf)
	case "k8s":
		return e.emitK8s(plan, out, &sf)
	}
	if err := sweep.WritePlan(out, plan); err != nil {
		fmt.Fprintf(e.stderr, "%s sweep: %v\n", e.name, err)
		return ExitConfig
	}
	workers := sf.workers
	if w, ok := flagArg(plan.RunArgs, "workers"); ok {
		workers, _ = strconv.Atoi(w)
	}
	jobs := sf.jobs
	if jobs == 0 {
		jobs = 1
		if workers > 0 {
			jobs = max(1, runtime.NumCPU()/workers)
		}
	}
	if sf.runIndex == nil {
		fmt.Fprintf(e.stderr, "%s sweep: %s (%s x %s), %d at a time, into %s\n", e.name, plural(len(plan.Runs), "run"),
			plural(plan.Settings, "setting"), seedsText(plan), jobs, out)
	}
	rep, err := sweep.Execute(ctx, plan, out, sweep.Options{
		Jobs: jobs, Indices: sf.runIndex, Progress: e.stderr, Run: e.sweepRunner(),
		CheckpointEvery: sf.checkpointEvery, HasCheckpoint: hasCheckpoint,
	})
	if err != nil {
		fmt.Fprintf(e.stderr, "%s sweep: %v\n", e.name, err)
		return ExitUsage
	}
	fmt.Fprintf(e.stderr, "%s sweep: %s\n", e.name, rep.Summarize())
	if sf.runIndex == nil && rep.OK > 0 {
		fmt.Fprintf(e.stderr, "Gather the results with: %s collect %s\n", e.name, sweep.ShellQuote(out))
	}
	exit := ExitOK
	for _, o := range rep.Outcomes {
		if o.Status == sweep.Failed {
			exit = max(exit, o.Code)
		}
	}
	if rep.NotRun > 0 || ctx.Err() != nil {
		exit = max(exit, ExitFault)
	}
	return exit
}

// planFlags are the flags that make a plan (not taken by a planned
// sweep).
var planFlags = []string{"grid", "point", "seeds", "seed", "var", "var-file", "max-memory", "strict",
	"workers", "duration", "format", "no-figures", "eval", "save-weights"}

// seedsText describes the seeds of a plan.
func seedsText(p *sweep.Plan) string {
	if p.SeedsListed {
		return plural(p.Seeds, "seed")
	}
	return fmt.Sprintf("1 derived seed from master seed %d", p.MasterSeed)
}

// flagArg returns the value of -name in args.
func flagArg(args []string, name string) (string, bool) {
	for i := len(args) - 2; i >= 0; i-- {
		if args[i] == "-"+name {
			return args[i+1], true
		}
	}
	return "", false
}

// planSweep reads the sweep of the network at path and the flags, and
// makes its plan; it prints the problems and reports false if there are.
func (e *env) planSweep(path string, sf *sweepFlags) (*sweep.Plan, bool) {
	n, diags := sweep.ReadNetwork(path)
	if diags.HasErrors() || n == nil {
		var files map[string]*hcl.File
		if n != nil {
			files = n.Files
		}
		e.diagnostics(diags, files)
		return nil, false
	}
	spec := sweep.Spec{}
	if n.Spec != nil {
		spec = *n.Spec
	}
	if sf.grid != nil || sf.points != nil {
		spec.Grid, spec.Points, spec.PointsFrom = sf.grid, sf.points, nil
	}
	if sf.seeds != nil {
		spec.Seeds = sf.seeds
	}
	if sf.seedSet {
		spec.MasterSeed = &sf.seed
	}
	fixed := make([]string, 0, len(sf.vars))
	for name := range sf.vars {
		fixed = append(fixed, name)
	}
	slices.Sort(fixed)
	runArgs, err := sf.runArgs(fixed)
	if err == nil {
		abs, aerr := filepath.Abs(path)
		if aerr == nil {
			n.Path = abs
		}
		err = aerr
	}
	var plan *sweep.Plan
	if err == nil {
		plan, err = sweep.Expand(n, &spec, fixed, runArgs)
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "%s sweep: %v\n", e.name, strings.ReplaceAll(err.Error(), "\n", "\n"+e.name+" sweep: "))
		return nil, false
	}
	return plan, true
}

// sweepRunner runs a run of a sweep with netrun run in this process, its
// messages into the run's log.
func (e *env) sweepRunner() sweep.Runner {
	cfg := Config{Registry: e.reg, Name: e.name, Abort: e.abort, Getenv: e.getenv}
	return func(ctx context.Context, args []string, log io.Writer) int {
		return Main(ctx, append([]string{"run", "-quiet"}, args...), io.Discard, log, cfg)
	}
}

// hasCheckpoint reports whether the run directory dir holds a checkpoint
// to resume from: the checkpoint netrun run -checkpoint-every (or a
// SIGTERM) writes and the resume.json that describes it (cli/resume.go).
func hasCheckpoint(dir string) bool {
	for _, name := range []string{checkpointFile, resumeFile} {
		if st, err := os.Stat(filepath.Join(dir, name)); err != nil || !st.Mode().IsRegular() {
			return false
		}
	}
	return true
}

// emitSlurm writes the plan and DIR/sweep.sbatch.
func (e *env) emitSlurm(plan *sweep.Plan, out string, sf *sweepFlags) int {
	o := sf.slurm
	o.CheckpointEvery = sf.checkpointEvery
	if o.Netrun == "" {
		exe, err := os.Executable()
		if err != nil {
			fmt.Fprintf(e.stderr, "%s sweep: the path of netrun: %v; give it with -netrun\n", e.name, err)
			return ExitConfig
		}
		o.Netrun = exe
	}
	o.CPUs = max(1, sf.workers)
	if w, ok := flagArg(plan.RunArgs, "workers"); ok {
		if n, _ := strconv.Atoi(w); n > 0 {
			o.CPUs = n
		}
	}
	abs, err := filepath.Abs(out)
	if err == nil {
		err = sweep.WritePlan(abs, plan)
	}
	var script string
	if err == nil {
		script = filepath.Join(abs, sweep.SlurmFile)
		err = writeFileAtomic(script, 0o755, func(w io.Writer) error { return sweep.EmitSlurm(w, plan, abs, o) })
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "%s sweep: %v\n", e.name, err)
		return ExitConfig
	}
	fmt.Fprintf(e.stdout, "Wrote %s: a job array of %s. Submit it with\n  sbatch %s\nthen gather the results with\n  %s collect %s\n",
		script, plural(len(plan.Runs), "run"), sweep.ShellQuote(script), e.name, sweep.ShellQuote(abs))
	return ExitOK
}

// emitK8s writes DIR/sweep.k8s.yaml.
func (e *env) emitK8s(plan *sweep.Plan, out string, sf *sweepFlags) int {
	o := sf.k8s
	o.Parallelism = sf.slurm.ArrayLimit
	o.Mem = sf.slurm.Mem
	o.Netrun = sf.slurm.Netrun
	o.CheckpointEvery = sf.checkpointEvery
	o.CPUs = max(1, sf.workers)
	if o.Image == "" {
		fmt.Fprintf(e.stderr, "%s sweep: -emit k8s needs -image, the container image holding netrun\nRun '%s sweep -h' for usage.\n", e.name, e.name)
		return ExitUsage
	}
	if len(sf.varFiles) > 0 {
		fmt.Fprintf(e.stderr, "%s sweep: -emit k8s does not ship -var-file files to the cluster: give the variables with -var\n", e.name)
		return ExitUsage
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		fmt.Fprintf(e.stderr, "%s sweep: %v\n", e.name, err)
		return ExitConfig
	}
	path := filepath.Join(out, sweep.K8sFile)
	err := writeFileAtomic(path, 0o644, func(w io.Writer) error { return sweep.EmitK8s(w, plan, o) })
	if err != nil {
		fmt.Fprintf(e.stderr, "%s sweep: %v\n", e.name, err)
		return ExitConfig
	}
	fmt.Fprintf(e.stdout, "Wrote %s: a Kubernetes Indexed Job of %s, results in the volume claim %s. Start it with\n  kubectl apply -f %s\n",
		path, plural(len(plan.Runs), "run"), o.Claim, sweep.ShellQuote(path))
	return ExitOK
}
