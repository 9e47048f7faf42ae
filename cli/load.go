package cli

import (
	"flag"
	"fmt"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"

	"github.com/synapticflow/synapticflow-go/dsl"
	"github.com/synapticflow/synapticflow-go/graph"
)

// varsFlag collects repeated -var name=value flags.
type varsFlag map[string]string

func (v varsFlag) String() string {
	parts := make([]string, 0, len(v))
	for k, x := range v {
		parts = append(parts, k+"="+x)
	}
	sort.Strings(parts)
	return strings.Join(parts, " ")
}

func (v varsFlag) Set(s string) error {
	name, value, ok := strings.Cut(s, "=")
	if !ok || strings.TrimSpace(name) == "" {
		return fmt.Errorf("want name=value, have %q", s)
	}
	v[strings.TrimSpace(name)] = value
	return nil
}

// filesFlag collects repeated -var-file flags.
type filesFlag []string

func (f *filesFlag) String() string { return strings.Join(*f, " ") }

func (f *filesFlag) Set(s string) error {
	*f = append(*f, s)
	return nil
}

// netFlags are the flags of every command that loads a network.
type netFlags struct {
	vars     varsFlag
	varFiles filesFlag
	// overrides are the simulation settings of run's flags, applied
	// before the network's expressions are evaluated.
	overrides dsl.Overrides
	// strict makes warnings fail the load (-strict, for validate and run).
	strict    bool
	maxMemory int64 // 0: the memory available; < 0: no limit
}

func (n *netFlags) register(fs *flag.FlagSet) {
	n.vars = make(varsFlag)
	fs.Var(n.vars, "var", "set an input variable: `name=value` (value read as HCL: 10, [1, 2], \"x\"); repeatable")
	fs.Var(&n.varFiles, "var-file", "read input variables from a `file` of name = value lines; repeatable")
	fs.Func("max-memory", "refuse a network whose estimated memory exceeds `size` (4GB, 512MiB; 0 or unset: the memory available; \"none\": no limit)", func(s string) error {
		if s == "none" {
			n.maxMemory = -1
			return nil
		}
		b, err := graph.ParseBytes(s)
		n.maxMemory = b
		return err
	})
}

// registerStrict adds -strict.
func (n *netFlags) registerStrict(fs *flag.FlagSet) {
	fs.BoolVar(&n.strict, "strict", false, "treat warnings as errors: fail if there is any")
}

// load loads the network at path and prints its diagnostics; it reports
// false if there were errors.
func (e *env) load(path string, nf *netFlags) (*dsl.Network, bool) {
	net, diags := dsl.Load(path, dsl.Options{Vars: nf.vars, VarFiles: nf.varFiles, Overrides: nf.overrides, Registry: e.reg, MaxMemory: nf.maxMemory})
	if diags.HasErrors() && net != nil {
		// Check what did load too, to report every problem at once.
		diags = append(diags, net.Check()...)
	}
	var files map[string]*hcl.File
	if net != nil {
		files = net.Files
	}
	e.diagnostics(diags, files)
	if diags.HasErrors() || net == nil {
		return nil, false
	}
	if n := countWarnings(diags); n > 0 && nf.strict {
		// Fail, but report the compile's problems too.
		_, d := net.Compile()
		e.diagnostics(d, files)
		fmt.Fprintf(e.stderr, "%s: %s, and -strict makes warnings errors\n", e.name, plural(n, "warning"))
		return nil, false
	}
	return net, true
}

// compile compiles a loaded network and prints its diagnostics; it
// reports false if there were errors.
func (e *env) compile(net *dsl.Network) (*graph.Sim, bool) {
	sim, diags := net.Compile()
	e.diagnostics(diags, net.Files)
	if diags.HasErrors() || sim == nil {
		return nil, false
	}
	return sim, true
}

// diagnostics writes diagnostics to stderr, in color on a terminal.
func (e *env) diagnostics(diags hcl.Diagnostics, files map[string]*hcl.File) {
	if len(diags) == 0 {
		return
	}
	if err := dsl.WriteDiagnostics(e.stderr, diags, files, isTerminal(e.stderr)); err != nil {
		fmt.Fprintf(e.stderr, "%s: writing diagnostics: %v\n", e.name, err)
	}
}

// countWarnings returns the number of warnings among diags.
func countWarnings(diags hcl.Diagnostics) int {
	n := 0
	for _, d := range diags {
		if d.Severity == hcl.DiagWarning {
			n++
		}
	}
	return n
}
