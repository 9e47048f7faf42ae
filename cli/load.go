package cli

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
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

// loadCompiled loads and compiles the network at path, printing the
// diagnostics of both; it reports false if there were errors.
func (e *env) loadCompiled(path string, nf *netFlags) (*dsl.Network, *graph.Sim, bool) {
	net, ok := e.load(path, nf)
	if !ok {
		return nil, nil, false
	}
	sim, ok := e.compile(net)
	return net, sim, ok
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

// diagnostics writes diagnostics to stderr: with -json as JSON lines
// (jsonDiagnostic), else compiler-style, in colour on a terminal unless
// -no-color or NO_COLOR says otherwise.
func (e *env) diagnostics(diags hcl.Diagnostics, files map[string]*hcl.File) {
	if len(diags) == 0 {
		return
	}
	var err error
	if e.jsonDiags {
		err = writeJSONDiagnostics(e.stderr, diags)
	} else {
		err = dsl.WriteDiagnostics(e.stderr, diags, files, e.color(e.stderr))
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "%s: writing diagnostics: %v\n", e.name, err)
	}
}

// registerOutputFlags adds -json (diagnostics as JSON) and -no-color.
func (e *env) registerOutputFlags(fs *flag.FlagSet) {
	fs.BoolVar(&e.jsonDiags, "json", false, "write diagnostics to stderr as JSON, one object a line (severity, summary, detail, range), for editors and CI")
	fs.BoolVar(&e.noColor, "no-color", false, "no colour in diagnostics (as the NO_COLOR environment variable)")
}

// color reports whether to colour what goes to w: w is a terminal, and
// neither -no-color nor a non-empty NO_COLOR (https://no-color.org) says
// no.
func (e *env) color(w io.Writer) bool {
	terminal := isTerminal
	if e.isTerm != nil {
		terminal = e.isTerm
	}
	return !e.noColor && e.getenv("NO_COLOR") == "" && terminal(w)
}

// jsonDiagnostic is one diagnostic of -json, in the shape of terraform
// validate -json's.
type jsonDiagnostic struct {
	Severity string     `json:"severity"` // "error" or "warning"
	Summary  string     `json:"summary"`
	Detail   string     `json:"detail,omitempty"`
	Range    *jsonRange `json:"range,omitempty"` // absent for a diagnostic without a source location
}

type jsonRange struct {
	Filename string  `json:"filename"`
	Start    jsonPos `json:"start"`
	End      jsonPos `json:"end"`
}

// jsonPos is a source position: line and column from 1 (columns count
// characters), byte offset from 0.
type jsonPos struct {
	Line   int `json:"line"`
	Column int `json:"column"`
	Byte   int `json:"byte"`
}

// writeJSONDiagnostics writes diags to w, one JSON object a line.
func writeJSONDiagnostics(w io.Writer, diags hcl.Diagnostics) error {
	enc := json.NewEncoder(w)
	for _, d := range diags {
		jd := jsonDiagnostic{Severity: "error", Summary: d.Summary, Detail: d.Detail}
		if d.Severity == hcl.DiagWarning {
			jd.Severity = "warning"
		}
		if r := d.Subject; r != nil {
			jd.Range = &jsonRange{
				Filename: r.Filename,
				Start:    jsonPos{r.Start.Line, r.Start.Column, r.Start.Byte},
				End:      jsonPos{r.End.Line, r.End.Column, r.End.Byte},
			}
		}
		if err := enc.Encode(jd); err != nil {
			return err
		}
	}
	return nil
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
