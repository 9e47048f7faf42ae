package cli

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"

	"github.com/synapticflow/synapticflow-go/dsl"
	"github.com/synapticflow/synapticflow-go/graph"
	"github.com/synapticflow/synapticflow-go/internal/atomicfs"
)

// checkpointFile and resumeFile are the files of a run's output
// directory that -resume reads: the whole state of the simulation
// (graph.Sim.Checkpoint) and how the run was started.
const (
	checkpointFile = "checkpoint.sfck"
	resumeFile     = "resume.json"
)

// ckptFlags are the checkpoint flags of run.
type ckptFlags struct {
	every    float64 // -checkpoint-every, ms (0: none)
	resume   string  // -resume DIR
	cont     bool    // -continue
	everySet bool
}

func (c *ckptFlags) register(fs *flag.FlagSet) {
	fs.Float64Var(&c.every, "checkpoint-every", 0, "write a checkpoint every `T` ms of simulated time, and at the end, into the output directory (see -resume)")
	fs.StringVar(&c.resume, "resume", "", "continue the run in `DIR` from its checkpoint, up to -duration ms in total (default: the file's duration)")
	fs.BoolVar(&c.cont, "continue", false, "if the output directory holds a checkpoint of a run of FILE, continue from it (as -resume does, with this command's flags); else start: one command line for a job's first start and its requeues")
}

// check returns what is wrong with the checkpoint flags, or "".
func (c *ckptFlags) check() string {
	if c.everySet && (!(c.every > 0) || math.IsInf(c.every, 0)) {
		return fmt.Sprintf("-checkpoint-every %g: want a finite number of ms > 0", c.every)
	}
	return ""
}

// resumeInfo is resume.json: what -resume needs to start the run again
// as it was started.
type resumeInfo struct {
	// Version is the version of this file's layout.
	Version int `json:"version"`
	// Network is the absolute path of the run's FILE|DIR, and Sources
	// its files as they were, to refuse a resume after they changed.
	Network string       `json:"network"`
	Sources []sourceInfo `json:"sources"`
	// The flags of the first run.
	Vars            map[string]string `json:"vars,omitempty"`
	VarFiles        []string          `json:"var_files,omitempty"`
	Seed            *uint64           `json:"seed,omitempty"`
	Workers         *int              `json:"workers,omitempty"`
	Format          string            `json:"format"`
	NoFigures       bool              `json:"no_figures,omitempty"`
	Eval            bool              `json:"eval,omitempty"`
	SaveWeights     bool              `json:"save_weights,omitempty"`
	Strict          bool              `json:"strict,omitempty"`
	MaxMemory       int64             `json:"max_memory,omitempty"`
	CheckpointEvery float64           `json:"checkpoint_every_ms,omitempty"`
	// Checkpoint describes checkpoint.sfck when it was written.
	Checkpoint checkpointInfo `json:"checkpoint"`
}

// sourceInfo is one source file of the network: its path and content.
type sourceInfo struct {
	Path    string `json:"path"`
	SHA256  string `json:"sha256"`
	Content string `json:"content"`
}

// checkpointInfo describes the checkpoint beside resume.json.
type checkpointInfo struct {
	Steps  int     `json:"steps"`
	TimeMs float64 `json:"time_ms"`
}

// resumable lists the flags a resumed run may give: the others are those
// of the first run.
var resumable = []string{"resume", "duration", "workers", "quiet", "checkpoint-every", "no-figures", "json", "no-color"}

// runPath returns the network path of the run: FILE|DIR, or with -resume
// the one in DIR's resume.json, whose flags it then applies to rf (those
// given again on the command line win, for the flags that may change).
func (rf *runFlags) runPath(e *env, fs *flag.FlagSet, pos []string) (string, int, bool) {
	fs.Visit(func(f *flag.Flag) {
		if f.Name == "checkpoint-every" {
			rf.everySet = true
		}
	})
	if rf.resume == "" {
		path, ok := e.onePath(fs, pos)
		if ok && rf.cont {
			code, ok := rf.continueRun(e, path)
			return path, code, ok
		}
		return path, ExitUsage, ok
	}
	if rf.cont {
		fmt.Fprintf(e.stderr, "%s: -continue and -resume: give one (-continue takes FILE and -out, -resume DIR)\nRun '%s -h' for usage.\n", fs.Name(), fs.Name())
		return "", ExitUsage, false
	}
	var bad []string
	fs.Visit(func(f *flag.Flag) {
		if !slices.Contains(resumable, f.Name) {
			bad = append(bad, "-"+f.Name)
		}
	})
	if len(pos) > 0 || len(bad) > 0 {
		what := fmt.Sprintf("%s takes the network from DIR", "-resume")
		if len(bad) > 0 {
			what = fmt.Sprintf("%s is the run's own: a resumed run keeps the flags it was started with (it may change %s)", bad[0], "-duration, -workers, -checkpoint-every, -quiet, -no-figures, -json and -no-color")
		}
		fmt.Fprintf(e.stderr, "%s: %s\nRun '%s -h' for usage.\n", fs.Name(), what, fs.Name())
		return "", ExitUsage, false
	}
	info, err := readResume(rf.resume)
	if err != nil {
		fmt.Fprintf(e.stderr, "%s run: %v\n", e.name, err)
		return "", ExitConfig, false
	}
	for _, s := range info.Sources {
		b, err := os.ReadFile(s.Path)
		if err != nil {
			fmt.Fprintf(e.stderr, "%s run: -resume %s: the network file %s: %v\n", e.name, rf.resume, s.Path, err)
			return "", ExitConfig, false
		}
		if sum := sha256.Sum256(b); hex.EncodeToString(sum[:]) != s.SHA256 {
			fmt.Fprintf(e.stderr, "%s run: -resume %s: the network file %s changed since the checkpoint was written (its copy is in %s); restore it to resume, or start a new run\n",
				e.name, rf.resume, s.Path, filepath.Join(rf.resume, resumeFile))
			return "", ExitConfig, false
		}
	}
	for k, v := range info.Vars {
		rf.vars[k] = v
	}
	rf.varFiles = info.VarFiles
	if info.Seed != nil {
		rf.seed, rf.seedSet = *info.Seed, true
	}
	if info.Workers != nil && !visited(fs, "workers") {
		rf.workers, rf.workersSet = *info.Workers, true
	}
	rf.format, rf.eval, rf.saveAll, rf.strict, rf.maxMemory = info.Format, info.Eval, info.SaveWeights, info.Strict, info.MaxMemory
	if !visited(fs, "no-figures") {
		rf.noFigures = info.NoFigures
	}
	if !rf.everySet {
		rf.every = info.CheckpointEvery
	}
	rf.out = rf.resume
	return info.Network, ExitOK, true
}

// continueRun sets up -continue: if the output directory holds a
// checkpoint of a run of path, the run resumes from it with the flags of
// this command line; otherwise it starts afresh.
func (rf *runFlags) continueRun(e *env, path string) (int, bool) {
	out := rf.out
	if out == "" {
		out = filepath.Join("out", runName(path))
	}
	info, err := readResume(out)
	if err != nil {
		return ExitOK, true // nothing to continue: a new run
	}
	abs, _ := filepath.Abs(path)
	if info.Network != abs {
		fmt.Fprintf(e.stderr, "%s run: -continue: %s holds a checkpoint of %s, not of %s; remove it or choose another -out\n", e.name, out, info.Network, abs)
		return ExitConfig, false
	}
	if _, err := os.Stat(filepath.Join(out, checkpointFile)); err != nil {
		return ExitOK, true
	}
	rf.resume, rf.out = out, out
	fmt.Fprintf(e.stderr, "%s run: continuing from the checkpoint in %s (t = %s ms)\n", e.name, out, num(info.Checkpoint.TimeMs))
	return ExitOK, true
}

func visited(fs *flag.FlagSet, name string) bool {
	seen := false
	fs.Visit(func(f *flag.Flag) { seen = seen || f.Name == name })
	return seen
}

func readResume(dir string) (*resumeInfo, error) {
	b, err := os.ReadFile(filepath.Join(dir, resumeFile))
	if errors.Is(err, os.ErrNotExist) {
		if _, serr := os.Stat(dir); serr != nil {
			return nil, fmt.Errorf("-resume %s: %w", dir, serr)
		}
		return nil, fmt.Errorf("-resume %s: no %s: the directory holds no checkpoint of a run (run with -checkpoint-every, or interrupt a run, to make one)", dir, resumeFile)
	}
	if err != nil {
		return nil, fmt.Errorf("-resume %s: %w", dir, err)
	}
	var info resumeInfo
	if err := json.Unmarshal(b, &info); err != nil {
		return nil, fmt.Errorf("-resume %s: %s: %v", dir, resumeFile, err)
	}
	if info.Version != 1 || info.Network == "" {
		return nil, fmt.Errorf("-resume %s: %s: version %d, want 1", dir, resumeFile, info.Version)
	}
	return &info, nil
}

// checkpointer writes a run's checkpoints: every -checkpoint-every ms into
// the output directory itself (so that a run killed outright leaves its
// last checkpoint there), and at the end, or when interrupted, into the
// staging directory that becomes the output directory.
type checkpointer struct {
	e        *env
	rf       *runFlags
	info     *resumeInfo
	dir      *outputDir
	every    int   // steps between checkpoints (0: none)
	noInfo   error // why the network's files could not be recorded
	warnings int
}

// newCheckpointer prepares the checkpoints of a run of path and, with
// -resume, restores the simulation from the checkpoint in the output
// directory. It must be called after the monitors got their spools.
func (rf *runFlags) newCheckpointer(e *env, sim *graph.Sim, net *dsl.Network, path string, dir *outputDir) (*checkpointer, bool) {
	c := &checkpointer{e: e, rf: rf, dir: dir}
	if rf.every > 0 {
		c.every = max(1, int(math.Round(rf.every/sim.Dt())))
	}
	abs, err := filepath.Abs(path)
	if err == nil {
		c.info, err = sourcesOf(abs, rf.recursive())
	}
	if err != nil {
		if c.every > 0 || rf.resume != "" {
			fmt.Fprintf(e.stderr, "%s run: checkpoints: %v\n", e.name, err)
			return nil, false
		}
		// Without checkpoints asked for, only an interrupt would write
		// one: it will say why it cannot.
		c.info, c.noInfo = &resumeInfo{Version: 1, Network: abs}, err
	}
	ri := c.info
	ri.Vars, ri.Format, ri.NoFigures, ri.Eval, ri.SaveWeights, ri.Strict, ri.MaxMemory, ri.CheckpointEvery =
		map[string]string(rf.vars), rf.format, rf.noFigures, rf.eval, rf.saveAll, rf.strict, rf.maxMemory, rf.every
	for _, f := range rf.varFiles {
		if a, err := filepath.Abs(f); err == nil {
			f = a
		}
		ri.VarFiles = append(ri.VarFiles, f)
	}
	if rf.seedSet {
		ri.Seed = &rf.seed
	}
	if rf.workersSet {
		ri.Workers = &rf.workers
	}
	if rf.resume != "" {
		f, err := os.Open(filepath.Join(rf.resume, checkpointFile))
		if err == nil {
			err = sim.Restore(f)
			f.Close()
		}
		if err != nil {
			fmt.Fprintf(e.stderr, "%s run: -resume %s: %v\n", e.name, rf.resume, err)
			return nil, false
		}
		total := int(math.Round(net.Simulation.Duration / sim.Dt()))
		if sim.Steps() > total {
			fmt.Fprintf(e.stderr, "%s run: -resume %s: the checkpoint is at %s ms, past the duration of %s ms; give a longer -duration\n",
				e.name, rf.resume, num(sim.Time()), num(net.Simulation.Duration))
			return nil, false
		}
	}
	return c, true
}

// recursive reports whether the network's directory is read recursively
// (netrun run reads a DIR's .hcl files, not its subdirectories).
func (rf *runFlags) recursive() bool { return false }

// sourcesOf records the source files of the network at path.
func sourcesOf(path string, recursive bool) (*resumeInfo, error) {
	files, err := dsl.SourceFiles(path, recursive)
	if err != nil {
		return nil, err
	}
	info := &resumeInfo{Version: 1, Network: path}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		sum := sha256.Sum256(b)
		info.Sources = append(info.Sources, sourceInfo{Path: f, SHA256: hex.EncodeToString(sum[:]), Content: string(b)})
	}
	return info, nil
}

// run runs sim up to duration ms in total (from where it is: step 0, or
// the checkpoint's step), writing a checkpoint into the output directory
// every c.every steps.
func (c *checkpointer) run(ctx context.Context, sim *graph.Sim, duration float64) error {
	if duration/sim.Dt() > graph.MaxSteps || !(duration >= 0) {
		return sim.Run(ctx, duration) // its error
	}
	total := int(math.Round(duration / sim.Dt()))
	start := sim.Steps()
	progress := sim.Progress
	defer func() { sim.Progress = progress }()
	for sim.Steps() < total {
		next := total
		if c.every > 0 {
			next = min(total, (sim.Steps()/c.every+1)*c.every)
		}
		base := sim.Steps() - start
		if progress != nil {
			sim.Progress = func(done, _ int) { progress(base+done, total-start) }
		}
		if err := sim.RunSteps(ctx, next-sim.Steps()); err != nil {
			return err
		}
		if c.every > 0 && next < total {
			if err := os.MkdirAll(c.dir.path, 0o755); err != nil {
				c.warn(err)
				continue
			}
			if err := c.write(c.dir.path, sim); err != nil {
				c.warn(err)
			}
		}
	}
	return nil
}

// warn reports a checkpoint that could not be written; the run goes on.
func (c *checkpointer) warn(err error) {
	c.warnings++
	fmt.Fprintf(c.e.stderr, "%s run: warning: checkpoint not written: %v\n", c.e.name, err)
}

// write writes the checkpoint of sim and resume.json into dir, each
// atomically: a kill at any moment leaves the previous checkpoint whole.
// The checkpoint goes first, resume.json (which describes it) after.
func (c *checkpointer) write(dir string, sim *graph.Sim) error {
	if err := atomicfs.WriteFile(filepath.Join(dir, checkpointFile), 0o644, sim.Checkpoint); err != nil {
		return err
	}
	c.info.Checkpoint = checkpointInfo{Steps: sim.Steps(), TimeMs: round(sim.Time())}
	return atomicfs.WriteFile(filepath.Join(dir, resumeFile), 0o644, func(w io.Writer) error {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(c.info)
	})
}

// final writes the checkpoint at the end of the run into the staging
// directory, when the run checkpoints (-checkpoint-every or -resume) or
// was interrupted (so that it can be resumed), before the outputs are
// written (the monitors' spools are still open). A run stopped by a
// fault has no state worth resuming and writes none. It reports false
// if the checkpoint could not be written.
func (c *checkpointer) final(sim *graph.Sim, interrupted bool, runErr error) bool {
	if c.every == 0 && c.rf.resume == "" && !interrupted {
		return true
	}
	if runErr != nil && !interrupted {
		return true
	}
	if c.noInfo != nil {
		fmt.Fprintf(c.e.stderr, "%s run: no checkpoint written: %v\n", c.e.name, c.noInfo)
		return true
	}
	if err := c.write(c.dir.stage.Dir, sim); err != nil {
		fmt.Fprintf(c.e.stderr, "%s run: the checkpoint at %s ms could not be written: %v\n", c.e.name, num(sim.Time()), err)
		return false
	}
	return true
}
