package sweep

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"
)

// SummaryFile is the summary a complete run leaves in its directory.
const SummaryFile = "summary.json"

// runSummary is what Complete reads of a run's summary.json.
type runSummary struct {
	Seed          uint64 `json:"seed"`
	Interrupted   bool   `json:"interrupted"`
	Fault         string `json:"fault"`
	InternalError string `json:"internal_error"`
	Files         []struct {
		Name string `json:"name"`
		Size int64  `json:"size"`
	} `json:"files"`
}

// Complete reports whether dir holds the complete outputs of a run with
// the given seed, and if not, why: summary.json is there and says the run
// was neither interrupted nor stopped by a fault or a bug, and every file
// its manifest lists is there with its size.
func Complete(dir string, seed uint64) (bool, string) {
	b, err := os.ReadFile(filepath.Join(dir, SummaryFile))
	if errors.Is(err, fs.ErrNotExist) {
		return false, "no " + SummaryFile
	}
	if err != nil {
		return false, err.Error()
	}
	var s runSummary
	if err := json.Unmarshal(b, &s); err != nil {
		return false, SummaryFile + ": " + err.Error()
	}
	switch {
	case s.Interrupted:
		return false, "the run was interrupted"
	case s.Fault != "":
		return false, "the run stopped with a fault: " + s.Fault
	case s.InternalError != "":
		return false, "the run hit an internal error: " + s.InternalError
	case s.Seed != seed:
		return false, fmt.Sprintf("the run has seed %d, the sweep gives it %d", s.Seed, seed)
	case s.Files == nil:
		return false, SummaryFile + " has no manifest"
	}
	for _, f := range s.Files {
		if strings.ContainsAny(f.Name, `/\`) {
			return false, "the manifest names " + f.Name
		}
		fi, err := os.Stat(filepath.Join(dir, f.Name))
		if err != nil {
			return false, f.Name + " is missing"
		}
		if fi.Size() != f.Size {
			return false, fmt.Sprintf("%s has %d bytes, the manifest says %d", f.Name, fi.Size(), f.Size)
		}
	}
	return true, ""
}

// Runner runs one run: netrun run with args (flags, then the network
// path), writing its messages to log, and returns its exit code (0 for
// success).
type Runner func(ctx context.Context, args []string, log io.Writer) int

// Options configure Execute.
type Options struct {
	// Jobs is the number of runs at a time (at least 1).
	Jobs int
	// Indices, if not nil, are the runs to run (a Slurm or Kubernetes
	// task runs one); nil runs all.
	Indices []int
	// Run runs a run (required).
	Run Runner
	// Progress, if not nil, gets a line per run that ends.
	Progress io.Writer
	// CheckpointEvery, if not "", is given to every run as
	// -checkpoint-every, and a run that left a checkpoint (HasCheckpoint)
	// without completing is resumed from it with -resume.
	CheckpointEvery string
	// HasCheckpoint reports whether a run's directory holds a checkpoint
	// to resume from (nil: never).
	HasCheckpoint func(dir string) bool
	// Now, if not nil, replaces time.Now (tests).
	Now func() time.Time
}

// Status is what became of a run.
type Status int

// The statuses of a run.
const (
	// NotRun is a run that did not start (the sweep was interrupted).
	NotRun Status = iota
	// Skipped is a run whose complete outputs existed.
	Skipped
	// OK is a run that succeeded.
	OK
	// Failed is a run that failed: its exit code says how.
	Failed
)

func (s Status) String() string {
	return [...]string{"not run", "skipped", "ok", "FAILED"}[s]
}

// Outcome is what became of one run.
type Outcome struct {
	Run    *Run
	Status Status
	// Code is the run's exit code.
	Code int
	// Seconds is its wall time.
	Seconds float64
	// Log is the path of its log; Last its last line, for a failure.
	Log, Last string
	// Resumed reports a run resumed from a checkpoint.
	Resumed bool
}

// Report is what Execute did.
type Report struct {
	// Outcomes are those of the runs asked for, in index order.
	Outcomes []Outcome
	// Counts by status.
	OK, Skipped, Failed, NotRun int
}

// Execute runs the runs of p whose complete outputs (Complete) are not in
// dir/NAME, opts.Jobs at a time, each with its log in dir/logs/NAME.log.
// A failed run is reported and the others go on. Cancelling ctx stops
// starting runs (those under way get the cancellation too).
func Execute(ctx context.Context, p *Plan, dir string, opts Options) (*Report, error) {
	if opts.Run == nil {
		return nil, errors.New("sweep: Options.Run is nil")
	}
	now := opts.Now
	if now == nil {
		now = time.Now
	}
	indices := opts.Indices
	if indices == nil {
		for i := range p.Runs {
			indices = append(indices, i)
		}
	}
	for _, i := range indices {
		if i < 0 || i >= len(p.Runs) {
			return nil, fmt.Errorf("run index %d: the sweep has runs 0 to %d", i, len(p.Runs)-1)
		}
	}
	if err := os.MkdirAll(filepath.Join(dir, LogDir), 0o755); err != nil {
		return nil, err
	}
	rep := &Report{Outcomes: make([]Outcome, len(indices))}
	var todo []int // positions in indices
	for k, i := range indices {
		r := &p.Runs[i]
		rep.Outcomes[k] = Outcome{Run: r, Log: filepath.Join(dir, LogDir, r.Name+".log")}
		if ok, _ := Complete(filepath.Join(dir, r.Name), r.Seed); ok {
			rep.Outcomes[k].Status = Skipped
			continue
		}
		todo = append(todo, k)
	}
	var mu sync.Mutex
	done := len(indices) - len(todo)
	if opts.Progress != nil && done > 0 {
		fmt.Fprintf(opts.Progress, "%d of %d runs complete already: skipped\n", done, len(indices))
	}
	skipped := done
	begin := now()
	jobs := max(1, opts.Jobs)
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(jobs, max(1, len(todo))) {
		wg.Go(func() {
			for k := range next {
				o := &rep.Outcomes[k]
				start := now()
				execOne(ctx, p, dir, o, opts)
				o.Seconds = now().Sub(start).Seconds()
				mu.Lock()
				done++
				if opts.Progress != nil {
					line := fmt.Sprintf("[%*d/%d] %-7s %s  %.3g s", len(fmt.Sprint(len(indices))), done, len(indices), o.Status, o.Run.Name, o.Seconds)
					if o.Resumed {
						line += " (resumed from its checkpoint)"
					}
					if o.Status == Failed {
						line += fmt.Sprintf(": exit %d", o.Code)
						if o.Last != "" {
							line += ": " + o.Last
						}
						line += " (log: " + o.Log + ")"
					}
					if left := len(indices) - done; left > 0 {
						// The runs so far, at the same pace.
						eta := now().Sub(begin) * time.Duration(left) / time.Duration(done-skipped)
						line += fmt.Sprintf("; %d left", left)
						if eta >= time.Second {
							line += fmt.Sprintf(", about %s more", eta.Round(time.Second))
						}
					}
					fmt.Fprintln(opts.Progress, line)
				}
				mu.Unlock()
			}
		})
	}
feed:
	for _, k := range todo {
		select {
		case next <- k:
		case <-ctx.Done():
			break feed
		}
	}
	close(next)
	wg.Wait()
	for _, o := range rep.Outcomes {
		switch o.Status {
		case OK:
			rep.OK++
		case Skipped:
			rep.Skipped++
		case Failed:
			rep.Failed++
		case NotRun:
			rep.NotRun++
		}
	}
	return rep, nil
}

// execOne runs one run, setting o's Status, Code and Last.
func execOne(ctx context.Context, p *Plan, dir string, o *Outcome, opts Options) {
	r := o.Run
	out := filepath.Join(dir, r.Name)
	args := p.Args(r, out)
	if opts.CheckpointEvery != "" {
		if opts.HasCheckpoint != nil && opts.HasCheckpoint(out) {
			args = []string{"-resume", out}
			if d, ok := flagValue(p.RunArgs, "duration"); ok {
				args = append(args, "-duration", d)
			}
			o.Resumed = true
		}
		args = append(args, "-checkpoint-every", opts.CheckpointEvery)
	}
	if !o.Resumed {
		args = append(args, p.Network)
	}
	f, err := os.Create(o.Log)
	if err != nil {
		o.Status, o.Code, o.Last = Failed, 1, "log: "+err.Error()
		return
	}
	var tail tailWriter
	fmt.Fprintf(f, "netrun run %s\n", strings.Join(quoteAll(args), " "))
	o.Code = opts.Run(ctx, args, io.MultiWriter(f, &tail))
	if err := f.Close(); err != nil && o.Code == 0 {
		o.Code = 1
		tail.last = "log: " + err.Error()
	}
	o.Status = OK
	if o.Code != 0 {
		o.Status, o.Last = Failed, tail.line()
	}
}

// flagValue returns the value of -name in args (the last one).
func flagValue(args []string, name string) (string, bool) {
	val, ok := "", false
	for i := 0; i < len(args); i++ {
		a := strings.TrimLeft(args[i], "-")
		if a == name && i+1 < len(args) && strings.HasPrefix(args[i], "-") {
			val, ok = args[i+1], true
			i++
		} else if v, found := strings.CutPrefix(a, name+"="); found {
			val, ok = v, true
		}
	}
	return val, ok
}

// quoteAll quotes the arguments that a shell would split.
func quoteAll(args []string) []string {
	out := make([]string, len(args))
	for i, a := range args {
		out[i] = ShellQuote(a)
	}
	return out
}

// ShellQuote quotes s for a POSIX shell if it needs it.
func ShellQuote(s string) string {
	if s != "" && strings.IndexFunc(s, func(c rune) bool {
		return !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.ContainsRune("-_./=:,+@%", c))
	}) < 0 {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// tailWriter keeps the last non-empty line written to it.
type tailWriter struct {
	mu   sync.Mutex
	buf  []byte
	last string
}

func (t *tailWriter) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.buf = append(t.buf, p...)
	for {
		i := bytes.IndexByte(t.buf, '\n')
		if i < 0 {
			break
		}
		if l := strings.TrimSpace(string(t.buf[:i])); l != "" && !strings.HasPrefix(l, "Run '") {
			t.last = l
		}
		t.buf = t.buf[i+1:]
	}
	if len(t.buf) > 4096 {
		t.buf = t.buf[len(t.buf)-4096:]
	}
	return len(p), nil
}

func (t *tailWriter) line() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	l := t.last
	if rest := strings.TrimSpace(string(t.buf)); rest != "" {
		l = rest
	}
	if len(l) > 300 {
		l = l[:300] + "..."
	}
	return l
}

// Summarize is the last line of a sweep: the counts, and the failed runs.
func (rep *Report) Summarize() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d ok, %d skipped (complete already), %d failed", rep.OK, rep.Skipped, rep.Failed)
	if rep.NotRun > 0 {
		fmt.Fprintf(&b, ", %d not run (interrupted)", rep.NotRun)
	}
	var failed []string
	for _, o := range rep.Outcomes {
		if o.Status == Failed {
			failed = append(failed, o.Run.Name)
		}
	}
	if len(failed) > 0 {
		if len(failed) > 10 {
			failed = append(failed[:10], "...")
		}
		fmt.Fprintf(&b, ": %s", strings.Join(failed, ", "))
	}
	return b.String()
}
