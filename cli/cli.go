// Package cli is the netrun command line: it runs, checks, formats and
// draws networks written in the network language (package dsl), and lists
// the neuron models it knows.
//
// The whole program is Main, which takes its arguments, output streams and
// a Config; it keeps no global state. A custom build registers its own
// components (neuron models, learning rules, connectors, kernels, ...) in
// a registry that starts from the default one, and passes it in Config:
//
//	reg := component.Default()
//	reg.RegisterModel("my model", func() neurons.Model { return NewMyModel() })
//	reg.RegisterKernel("my kernel", func() synapses.Kernel { return NewMyKernel() })
//	cfg := cli.Config{Registry: reg}
//	os.Exit(cli.Main(ctx, os.Args[1:], os.Stdout, os.Stderr, cfg))
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	"golang.org/x/term"

	"github.com/synapticflow/synapticflow-go/component"
	"github.com/synapticflow/synapticflow-go/internal/suggest"
	"github.com/synapticflow/synapticflow-go/learning"
	"github.com/synapticflow/synapticflow-go/neurons"
)

// Exit codes of Main.
const (
	// ExitOK means success.
	ExitOK = 0
	// ExitConfig means the network or an input file is wrong (a
	// diagnostic was printed), or an output could not be written.
	ExitConfig = 1
	// ExitUsage means the command line is wrong: an unknown command or
	// flag, a bad flag value, a missing FILE.
	ExitUsage = 2
	// ExitFault means the simulation stopped early: a state variable
	// became NaN or infinite, or the run was interrupted. The outputs hold
	// what was simulated (unless a second interrupt abandoned them).
	ExitFault = 3
	// ExitInternal means a bug: a panic was caught. It is reported as an
	// internal error with its stack on stderr; a run still writes what it
	// can.
	ExitInternal = 4
)

// Config configures Main.
type Config struct {
	// Registry holds the components networks may use (nil for
	// component.Default(): the built-ins with the data model of package
	// encoding).
	Registry *component.Registry
	// Models, if set, replaces the Registry's neuron models.
	//
	// Deprecated: register models in Registry (Registry.RegisterModel).
	Models *neurons.Registry
	// Rules, if set, replaces the Registry's learning rules.
	//
	// Deprecated: register rules in Registry (Registry.RegisterRule).
	Rules *learning.Registry
	// Name is the program name in messages and usage (default "netrun").
	Name string
	// Abort, if not nil, is closed to abandon a command at once: the
	// second interrupt of the process (the first one cancels the context
	// given to Main). A run that is writing its outputs abandons them
	// (the output directory keeps its previous content) and says what is
	// lost; Main then returns ExitFault without waiting for the command to
	// stop, and the caller should exit.
	Abort <-chan struct{}
	// Getenv, if not nil, replaces os.Getenv for the environment variables
	// netrun reads (NO_COLOR).
	Getenv func(string) string
}

// env is what every command gets: the streams and the configuration.
type env struct {
	stdout, stderr io.Writer
	reg            *component.Registry
	name           string
	abort          <-chan struct{}
	getenv         func(string) string
	isTerm         func(io.Writer) bool // nil: isTerminal (tests replace it)
	// textEvery, if > 0, replaces the least wall time between two lines
	// of text progress (10 s; tests shorten it).
	textEvery time.Duration

	// jsonDiags and noColor are the -json and -no-color flags of the
	// command that prints diagnostics.
	jsonDiags, noColor bool

	mu sync.Mutex
	// onAbort, if set, handles Config.Abort for the command under way: it
	// returns the exit code and true to return at once, or false to wait
	// for the command.
	onAbort func() (int, bool)
}

// setOnAbort sets the handler of Config.Abort (nil for the default: stop
// at once).
func (e *env) setOnAbort(f func() (int, bool)) {
	e.mu.Lock()
	e.onAbort = f
	e.mu.Unlock()
}

// syncWriter serialises the writes of the command and of the abort
// handler, which run on different goroutines.
type syncWriter struct {
	mu *sync.Mutex
	w  io.Writer
}

func (w syncWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.w.Write(p)
}

// command is one subcommand.
type command struct {
	name, args, summary string
	run                 func(ctx context.Context, e *env, args []string) int
}

func commands() []command {
	return []command{
		{"run", "FILE|DIR [flags]", "simulate a network and write its data, figures and summary", runCmd},
		{"sweep", "[FILE|DIR] [flags]", "run a network over a grid of variable values and seeds, locally or on Slurm or Kubernetes", sweepCmd},
		{"collect", "DIR [flags]", "gather the runs of a sweep into one table (runs.csv, runs.json) and figures", collectCmd},
		{"validate", "FILE|DIR [flags]", "check a network and print every problem found", validateCmd},
		{"fmt", "[-check] [-diff] [-recursive] [FILE|DIR]...", "rewrite network files in the canonical format", fmtCmd},
		{"graph", "FILE|DIR [flags]", "print the compiled network as a Graphviz DOT graph", graphCmd},
		{"models", "[-json] [NAME]", "list the components (models, rules, connectors, ...) with their parameters", modelsCmd},
		{"version", "[-json]", "print the version and the commit netrun was built from", versionCmd},
	}
}

// Main runs the netrun command line with args (without the program name)
// and returns the exit code: ExitOK, ExitConfig, ExitUsage, ExitFault or
// ExitInternal. Normal output goes to stdout, progress and diagnostics to
// stderr. Cancelling ctx stops a simulation after a whole step; the
// outputs of what was simulated are still written. A panic in a command
// is reported as an internal error and returns ExitInternal.
func Main(ctx context.Context, args []string, stdout, stderr io.Writer, cfg Config) int {
	var mu sync.Mutex
	e := &env{
		stdout: syncWriter{&mu, stdout}, stderr: syncWriter{&mu, stderr},
		reg: cfg.Registry, name: cfg.Name, abort: cfg.Abort, getenv: cfg.Getenv,
	}
	if e.getenv == nil {
		e.getenv = os.Getenv
	}
	if e.reg == nil {
		e.reg = component.Default()
	}
	e.reg = e.reg.WithRegistries(cfg.Models, cfg.Rules)
	if e.name == "" {
		e.name = "netrun"
	}
	if len(args) == 0 {
		fmt.Fprintf(e.stderr, "%s: missing command\nRun '%s -h' for usage.\n", e.name, e.name)
		return ExitUsage
	}
	cmd := args[0]
	switch cmd {
	case "-h", "-help", "--help", "help":
		if len(args) > 1 && cmd == "help" {
			// "help run" is "run -h".
			return e.dispatch(ctx, args[1], []string{"-h"})
		}
		e.usage(e.stdout)
		return ExitOK
	}
	return e.dispatch(ctx, cmd, args[1:])
}

func (e *env) dispatch(ctx context.Context, name string, args []string) int {
	for _, c := range commands() {
		if c.name == name {
			return e.runCommand(ctx, c, args)
		}
	}
	var names []string
	for _, c := range commands() {
		names = append(names, c.name)
	}
	fmt.Fprintf(e.stderr, "%s: unknown command %q%s\nRun '%s -h' for usage.\n", e.name, name, didYouMean(name, names), e.name)
	return ExitUsage
}

// runCommand runs c on its own goroutine, so that a panic in it is caught
// (an internal error, ExitInternal) and Config.Abort can end it at once.
func (e *env) runCommand(ctx context.Context, c command, args []string) int {
	done := make(chan int, 1)
	go func() {
		defer func() {
			if v := recover(); v != nil {
				e.internalError(v, debug.Stack())
				done <- ExitInternal
			}
		}()
		done <- c.run(ctx, e, args)
	}()
	abort := e.abort
	for {
		select {
		case code := <-done:
			return code
		case <-abort:
			abort = nil
			e.mu.Lock()
			f := e.onAbort
			e.mu.Unlock()
			if f == nil {
				fmt.Fprintf(e.stderr, "%s %s: interrupted again: stopping at once\n", e.name, c.name)
				return ExitFault
			}
			if code, now := f(); now {
				return code
			}
		}
	}
}

// internalError reports a caught panic v with its stack.
func (e *env) internalError(v any, stack []byte) {
	fmt.Fprintf(e.stderr, "%s: internal error: %v (please report)\n%s", e.name, v, stack)
}

func (e *env) usage(w io.Writer) {
	fmt.Fprintf(w, `%[1]s runs spiking neural networks described in HCL files.

Usage:
  %[1]s <command> [arguments]

Commands:
`, e.name)
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-9s %s\n", c.name, c.summary)
	}
	fmt.Fprintf(w, `
Run '%[1]s <command> -h' for the flags of a command.

Exit codes: 0 ok, 1 configuration error (also: output directory in use
or not writable), 2 usage error, 3 runtime fault (NaN) or interrupted,
4 internal error (a bug: please report it).
`, e.name)
}

// newFlagSet returns a flag set for a command whose usage text is the
// command line, the description and the flags.
func (e *env) newFlagSet(c, argsUsage, description string) *flag.FlagSet {
	fs := flag.NewFlagSet(e.name+" "+c, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		w := fs.Output()
		fmt.Fprintf(w, "Usage: %s %s %s\n\n%s\n", e.name, c, argsUsage, strings.TrimSpace(description))
		n := 0
		fs.VisitAll(func(*flag.Flag) { n++ })
		if n > 0 {
			fmt.Fprintln(w, "\nFlags:")
			fs.PrintDefaults()
		}
	}
	return fs
}

// parseFlags parses args with fs, allowing flags after the positional
// arguments ("run net.hcl -quiet"), and returns the positional arguments.
// On -h it prints the usage and returns ExitOK as the code; on a
// bad flag it prints one line saying why and a hint to -h, and returns
// ExitUsage.
func (e *env) parseFlags(fs *flag.FlagSet, args []string) (pos []string, code int, ok bool) {
	// The flag package prints the whole usage after a bad flag; a usage
	// error gets one line and a hint to -h instead.
	fs.SetOutput(io.Discard)
	defer fs.SetOutput(e.stderr)
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				fs.SetOutput(e.stderr)
				fs.Usage()
				return nil, ExitOK, false
			}
			fmt.Fprintf(e.stderr, "%s: %v\nRun '%s -h' for usage.\n", fs.Name(), err, fs.Name())
			return nil, ExitUsage, false
		}
		if fs.NArg() == 0 {
			return pos, 0, true
		}
		pos = append(pos, fs.Arg(0))
		args = fs.Args()[1:]
	}
}

// onePath checks that exactly one FILE|DIR was given.
// parsePath parses the flags of a command that takes one FILE|DIR and
// returns it; on a usage error it returns the exit code and false.
func (e *env) parsePath(fs *flag.FlagSet, args []string) (path string, code int, ok bool) {
	pos, code, ok := e.parseFlags(fs, args)
	if !ok {
		return "", code, false
	}
	if path, ok = e.onePath(fs, pos); !ok {
		return "", ExitUsage, false
	}
	return path, ExitOK, true
}

func (e *env) onePath(fs *flag.FlagSet, pos []string) (string, bool) {
	if len(pos) != 1 {
		if len(pos) == 0 {
			fmt.Fprintf(e.stderr, "%s: missing FILE|DIR\n", fs.Name())
		} else {
			fmt.Fprintf(e.stderr, "%s: want one FILE|DIR, have %d arguments: %s\n", fs.Name(), len(pos), strings.Join(pos, " "))
		}
		fmt.Fprintf(e.stderr, "Run '%s -h' for usage.\n", fs.Name())
		return "", false
	}
	return pos[0], true
}

// isTerminal reports whether w is a terminal (golang.org/x/term: a
// character device that answers the terminal ioctl, so not /dev/null).
func isTerminal(w io.Writer) bool {
	if sw, ok := w.(syncWriter); ok {
		w = sw.w
	}
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// didYouMean returns " (did you mean "x"?)" for the candidate closest to
// given, if one is close (package internal/suggest), else "".
func didYouMean(given string, candidates []string) string {
	if best := suggest.Closest(given, candidates); best != "" {
		return fmt.Sprintf(" (did you mean %q?)", best)
	}
	return ""
}
