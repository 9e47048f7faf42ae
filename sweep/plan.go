package sweep

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/hashicorp/hcl/v2/hclwrite"
	"github.com/zclconf/go-cty/cty"
	ctyjson "github.com/zclconf/go-cty/cty/json"

	"github.com/synapticflow/synapticflow-go/internal/atomicfs"
)

// maxRuns bounds the runs of a sweep.
const maxRuns = 100_000

// maxName bounds the length of a run's directory name (file systems
// allow 255 bytes; the lock and staging files beside it add some).
const maxName = 200

// PlanFile is the name of the plan in a sweep directory.
const PlanFile = "sweep.json"

// LogDir is the directory of the runs' logs in a sweep directory.
const LogDir = "logs"

// planVersion is the version of the plan's format.
const planVersion = 1

// Plan is the numbered list of a sweep's runs, as written to sweep.json.
type Plan struct {
	Version int `json:"version"`
	// Network is the network's path as given.
	Network string `json:"network"`
	// MasterSeed is the seed the derived seeds come from.
	MasterSeed uint64 `json:"master_seed"`
	// SeedsListed reports seeds that the sweep lists (else derived).
	SeedsListed bool `json:"seeds_listed"`
	// Variables are the swept variables, in order of first appearance.
	Variables []string `json:"variables"`
	// RunArgs are the flags every run gets (-duration, -var of fixed
	// variables, ...), before its own.
	RunArgs []string `json:"run_args"`
	// Settings and Seeds count the distinct settings and seeds.
	Settings int   `json:"settings"`
	Seeds    int   `json:"seeds"`
	Runs     []Run `json:"runs"`
}

// Run is one run of a sweep.
type Run struct {
	// Index is the run's number from 0, its array task index.
	Index int `json:"index"`
	// Name is the name of its output directory: the index, the settings
	// and, with listed seeds, the seed.
	Name string `json:"name"`
	// Settings are the values of the swept variables, as JSON.
	Settings map[string]json.RawMessage `json:"settings"`
	// Vars are the -var NAME=VALUE arguments the run gets.
	Vars []string `json:"vars"`
	// Text is the canonical text of each setting: a string as it is, any
	// other value as HCL (3, 2.5, [1, 2]).
	Text map[string]string `json:"text"`
	// Seed is the run's master seed (its -seed).
	Seed uint64 `json:"seed"`
}

// Args returns the arguments of netrun run for r with its output
// directory out (before the network path): the plan's RunArgs, then the
// run's -seed, -var and -out.
func (p *Plan) Args(r *Run, out string) []string {
	args := slices.Clone(p.RunArgs)
	args = append(args, "-seed", strconv.FormatUint(r.Seed, 10))
	for _, v := range r.Vars {
		args = append(args, "-var", v)
	}
	return append(args, "-out", out)
}

// Expand makes the plan of spec for the network n: its runs are the
// settings of the grid's cartesian product (the first axis outermost),
// then the points, each with every listed seed (innermost) or with the
// seed DeriveSeed gives. fixed are the variables the runs get from
// -var (not to be swept); runArgs are the flags of every run.
func Expand(n *Network, spec *Spec, fixed []string, runArgs []string) (*Plan, error) {
	if spec == nil {
		spec = &Spec{}
	}
	var errs []error
	check := func(name, from string) {
		if _, ok := n.Vars[name]; !ok {
			var names []string
			for k := range n.Vars {
				names = append(names, k)
			}
			slices.Sort(names)
			have := "it declares none"
			if len(names) > 0 {
				have = "it declares " + strings.Join(names, ", ")
			}
			errs = append(errs, fmt.Errorf("%s: the network declares no variable %q (a sweep sets the network's variable blocks; %s)", from, name, have))
			return
		}
		if slices.Contains(fixed, name) {
			errs = append(errs, fmt.Errorf("%s: variable %q is both swept and set by -var", from, name))
		}
	}
	seen := make(map[string]string)
	for _, ax := range spec.Grid {
		if prev, dup := seen[ax.Name]; dup {
			errs = append(errs, fmt.Errorf("%s: variable %q is already in the grid (%s)", ax.From, ax.Name, prev))
			continue
		}
		seen[ax.Name] = ax.From
		check(ax.Name, ax.From)
	}
	for i, pt := range spec.Points {
		from := "-point"
		if i < len(spec.PointsFrom) {
			from = spec.PointsFrom[i]
		}
		for _, s := range pt {
			check(s.Name, from)
		}
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	// The settings: the grid's product, then the points.
	var settings [][]Setting
	if len(spec.Grid) > 0 {
		total := 1
		for _, ax := range spec.Grid {
			total *= len(ax.Values)
			if total > maxRuns {
				return nil, fmt.Errorf("the grid has more than %d settings", maxRuns)
			}
		}
		for k := range total {
			st := make([]Setting, len(spec.Grid))
			rem := k
			for a := len(spec.Grid) - 1; a >= 0; a-- {
				ax := spec.Grid[a]
				st[a] = Setting{Name: ax.Name, Value: ax.Values[rem%len(ax.Values)]}
				rem /= len(ax.Values)
			}
			settings = append(settings, st)
		}
	}
	settings = append(settings, spec.Points...)
	if len(settings) == 0 {
		settings = [][]Setting{nil} // a sweep of seeds only
	}
	seeds := spec.Seeds
	p := &Plan{Version: planVersion, Network: n.Path, SeedsListed: seeds != nil, RunArgs: slices.Clone(runArgs), Settings: len(settings)}
	if p.RunArgs == nil {
		p.RunArgs = []string{}
	}
	switch {
	case spec.MasterSeed != nil:
		p.MasterSeed = *spec.MasterSeed
	case n.Seed != nil:
		p.MasterSeed = *n.Seed
	}
	if seeds == nil {
		seeds = []uint64{0} // placeholder: derived below
		p.Seeds = 0
	} else {
		p.Seeds = len(seeds)
	}
	if len(settings)*len(seeds) > maxRuns {
		return nil, fmt.Errorf("the sweep has %d runs, more than %d", len(settings)*len(seeds), maxRuns)
	}
	total := len(settings) * len(seeds)
	width := max(3, len(strconv.Itoa(total-1)))
	p.Variables = []string{}
	for _, st := range settings {
		for _, s := range st {
			if !slices.Contains(p.Variables, s.Name) {
				p.Variables = append(p.Variables, s.Name)
			}
		}
		for _, seed := range seeds {
			r := Run{Index: len(p.Runs), Settings: make(map[string]json.RawMessage), Text: make(map[string]string), Vars: []string{}}
			if p.SeedsListed {
				r.Seed = seed
			} else {
				r.Seed = DeriveSeed(p.MasterSeed, st)
			}
			name := []string{fmt.Sprintf("%0*d", width, r.Index)}
			for _, s := range st {
				js, err := ctyjson.SimpleJSONValue{Value: s.Value}.MarshalJSON()
				if err != nil {
					return nil, fmt.Errorf("variable %s: %v", s.Name, err)
				}
				r.Settings[s.Name] = js
				text := Text(s.Value)
				r.Text[s.Name] = text
				arg := Canonical(s.Value)
				if n.Vars[s.Name].String && s.Value.Type().Equals(cty.String) {
					arg = s.Value.AsString() // taken literally by a string variable
				}
				r.Vars = append(r.Vars, s.Name+"="+arg)
				name = append(name, s.Name+"="+pathSafe(text))
			}
			if p.SeedsListed {
				name = append(name, "seed="+strconv.FormatUint(r.Seed, 10))
			}
			r.Name = strings.Join(name, "_")
			if len(r.Name) > maxName {
				// The index keeps it unique; the rest is a reminder.
				r.Name = strings.TrimRight(r.Name[:maxName], "_")
			}
			p.Runs = append(p.Runs, r)
		}
	}
	return p, nil
}

// Canonical is the canonical HCL text of a value: 3, 2.5, "x", [1, 2].
// Equal values have equal texts (4 and 4.0 are both 4).
func Canonical(v cty.Value) string {
	return string(bytes.TrimSpace(hclwrite.TokensForValue(v).Bytes()))
}

// Text is a value as a table shows it: a string as it is, any other value
// in its canonical HCL text.
func Text(v cty.Value) string {
	if v.Type().Equals(cty.String) {
		return v.AsString()
	}
	return Canonical(v)
}

// pathSafe makes a value's text fit in a directory name: letters, digits
// and . + - stay, anything else becomes _, and it is at most 40 bytes.
func pathSafe(s string) string {
	b := []byte(s)
	for i, c := range b {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '+' || c == '-') {
			b[i] = '_'
		}
	}
	if len(b) > 40 {
		b = b[:40]
	}
	if len(b) == 0 || b[0] == '.' {
		b = append([]byte{'_'}, b...)
	}
	return string(b)
}

// DeriveSeed is the seed of a run with the given settings in a sweep with
// the master seed master: the first 8 bytes (little-endian) of the
// SHA-256 of the master seed and the settings in canonical form, sorted
// by name. It depends on nothing else: not on the other runs, the run's
// index or the machine.
func DeriveSeed(master uint64, settings []Setting) uint64 {
	st := slices.Clone(settings)
	slices.SortFunc(st, func(a, b Setting) int { return strings.Compare(a.Name, b.Name) })
	h := sha256.New()
	h.Write([]byte("synapticflow-go sweep seed v1\x00"))
	var m [8]byte
	binary.LittleEndian.PutUint64(m[:], master)
	h.Write(m[:])
	for _, s := range st {
		h.Write([]byte(s.Name))
		h.Write([]byte{0})
		h.Write([]byte(Canonical(s.Value)))
		h.Write([]byte{0})
	}
	return binary.LittleEndian.Uint64(h.Sum(nil)[:8])
}

// encode is the plan's JSON.
func (p *Plan) encode() ([]byte, error) {
	b, err := json.MarshalIndent(p, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}

// WritePlan writes p to dir/sweep.json, creating dir and dir/logs. If
// the directory holds the plan of another sweep it refuses to, so that
// the runs of two sweeps never mix; writing the same plan again (a
// restart, or the tasks of an array) is fine.
func WritePlan(dir string, p *Plan) error {
	b, err := p.encode()
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Join(dir, LogDir), 0o755); err != nil {
		return err
	}
	path := filepath.Join(dir, PlanFile)
	old, err := os.ReadFile(path)
	switch {
	case err == nil:
		if bytes.Equal(old, b) {
			return nil
		}
		return fmt.Errorf("%s holds the plan of another sweep (%s differs: other runs, settings, seeds or run flags); choose another -out, or remove it to start afresh", dir, path)
	case !errors.Is(err, fs.ErrNotExist):
		return err
	}
	return atomicfs.WriteFile(path, 0o644, func(w io.Writer) error {
		_, err := w.Write(b)
		return err
	})
}

// ReadPlan reads a plan (a sweep directory's sweep.json).
func ReadPlan(path string) (*Plan, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("%s is not a sweep directory: it has no %s", filepath.Dir(path), filepath.Base(path))
		}
		return nil, err
	}
	var p Plan
	if err := json.Unmarshal(b, &p); err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	if p.Version != planVersion {
		return nil, fmt.Errorf("%s: plan version %d, this netrun reads version %d", path, p.Version, planVersion)
	}
	for i, r := range p.Runs {
		if r.Index != i || r.Name == "" || strings.ContainsAny(r.Name, `/\`) || r.Name[0] == '.' {
			return nil, fmt.Errorf("%s: run %d is malformed", path, i)
		}
	}
	return &p, nil
}
