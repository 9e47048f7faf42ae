package dsl

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclparse"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"

	"github.com/synapticflow/synapticflow-go/component"
	"github.com/synapticflow/synapticflow-go/graph"
	"github.com/synapticflow/synapticflow-go/learning"
	"github.com/synapticflow/synapticflow-go/neurons"
	"github.com/synapticflow/synapticflow-go/synapses"
)

// rootSchema is the top level of a network file.
var rootSchema = &hcl.BodySchema{
	Blocks: []hcl.BlockHeaderSchema{
		{Type: "simulation"},
		{Type: "variable", LabelNames: []string{"name"}},
		{Type: "locals"},
		{Type: "population", LabelNames: []string{"name"}},
		{Type: "synapse", LabelNames: []string{"name"}},
		{Type: "stimulus", LabelNames: []string{"name"}},
		{Type: "monitor", LabelNames: []string{"name"}},
		{Type: "reward", LabelNames: []string{"name"}},
		{Type: "neuron_model", LabelNames: []string{"name"}},
		{Type: "synapse_model", LabelNames: []string{"name"}},
		// A sweep block declares the runs of netrun sweep (package
		// sweep reads it); a run ignores it.
		{Type: "sweep"},
	},
}

// loader holds the state of one Load.
type loader struct {
	opts Options
	reg  *component.Registry
	// synSchema is the schema of synapse blocks (from reg), once made.
	synSchema *hcl.BodySchema
	models    *neurons.Registry
	rules     *learning.Registry
	// synModels are the synapse_model blocks.
	synModels synapseModelSet
	syns      map[string]*entry[*synapses.Synapse]
	parser    *hclparse.Parser
	net       *Network
	vars      map[string]cty.Value
	locals    map[string]cty.Value
	pops      map[string]*popEntry
	popsV     map[string]cty.Value
	// failed holds the values that failed to load ("var.x", "local.y",
	// "simulation.dt"): blocks that read them are skipped (readsFailed).
	failed map[string]bool
	// baseDir is the directory relative file names (load("w.npy")) are
	// resolved in: the network file's directory.
	baseDir string
	// stamped counts the instances count and for_each made (see
	// MaxInstances).
	stamped int

	// simV is what expressions see as simulation.NAME.
	simV map[string]cty.Value
}

// Load reads the network described by path, a .hcl file or a directory
// whose .hcl files together form one network, and builds its engine
// objects. It returns every problem it finds as HCL diagnostics with
// source ranges, each once. If there are errors, the Network holds only
// Files; its Compile then checks what did load (the valid populations,
// synapses, ...) with the engine, and returns the further problems it
// finds, so that loading and compiling report all they can at once.
func Load(path string, opts Options) (*Network, hcl.Diagnostics) {
	l := newLoader(opts)
	diags := finishDiagnostics(l.load(path))
	l.net.Files = l.parser.Files()
	if diags.HasErrors() {
		// The partial network holds what loaded; Check checks it.
		out := &Network{Files: l.net.Files, loadDiags: diags}
		if l.net.Graph != nil {
			out.partial = l.net
		}
		return out, diags
	}
	return l.net, diags
}

// newLoader returns a loader for opts with its registries resolved: those
// of opts.Registry (or the default one) with opts.Models and opts.Rules.
func newLoader(opts Options) *loader {
	l := &loader{
		opts:   opts,
		reg:    opts.Registry,
		parser: hclparse.NewParser(),
		net:    &Network{ranges: make(map[string]hcl.Range), MaxMemory: opts.MaxMemory},
		pops:   make(map[string]*popEntry),
		syns:   make(map[string]*entry[*synapses.Synapse]),
		popsV:  make(map[string]cty.Value),
		failed: make(map[string]bool),
	}
	if l.reg == nil {
		l.reg = component.Default()
	}
	l.reg = l.reg.WithRegistries(opts.Models, opts.Rules)
	l.models, l.rules = l.reg.Models(), l.reg.Rules()
	return l
}

func (l *loader) load(path string) hcl.Diagnostics {
	paths, err := SourceFiles(path, false)
	if err == nil {
		l.baseDir = filepath.Dir(paths[0])
	}
	if err != nil {
		return hcl.Diagnostics{{Severity: hcl.DiagError, Summary: "Cannot read network", Detail: err.Error()}}
	}
	var diags hcl.Diagnostics
	var files []*hcl.File
	for _, p := range paths {
		// Limits first: a file too large, or nested too deep for the
		// parser's stack, is refused before it is parsed.
		src, d := readSource(p)
		if d == nil {
			d = checkSyntaxLimits(p, src)
		}
		if d != nil {
			diags = append(diags, d)
			continue
		}
		f, ds := l.parser.ParseHCL(src, p)
		diags = append(diags, ds...)
		if f != nil {
			guardOperators(f.Body)
			files = append(files, f)
		}
	}
	if diags.HasErrors() {
		return diags
	}
	content, d := hcl.MergeFiles(files).Content(rootSchema)
	var bodies []*hclsyntax.Body
	for _, f := range files {
		if sb, ok := f.Body.(*hclsyntax.Body); ok {
			bodies = append(bodies, sb)
		}
	}
	resuggest(d, rootSchema, bodies...)
	diags = append(diags, d...)
	byType := make(map[string][]*hcl.Block)
	for _, b := range content.Blocks {
		byType[b.Type] = append(byType[b.Type], b)
	}
	diags = append(diags, checkDuplicates(content.Blocks)...)
	l.net.extents = make(map[hcl.Range]hcl.Range, len(content.Blocks))
	for _, b := range content.Blocks {
		ext := b.DefRange
		if body, ok := b.Body.(*hclsyntax.Body); ok {
			ext = hcl.RangeBetween(b.DefRange, body.SrcRange)
		}
		l.net.extents[b.DefRange] = ext
	}
	diags = append(diags, l.checkOverrides()...)
	// Every stage runs, whatever the stages before it found, so that one
	// Load reports all it can. A value that fails is unknown, and a block
	// that reads an unknown value (a variable, a local, a simulation
	// setting, population.NAME.n of a population that failed) is skipped:
	// its problem is already reported. References to a block that failed
	// resolve silently to nothing (see entry.failed). The simulation's
	// settings are optional: those that fail keep their defaults.
	diags = append(diags, l.loadVariables(byType["variable"])...)
	l.markFailed(byType["variable"], "var", l.vars)
	localDiags, simDiags := l.loadLocals(byType["locals"], byType["simulation"])
	diags = append(diags, localDiags...)
	diags = append(diags, simDiags...)
	l.markFailedLocals(byType["locals"])
	l.recordSimulation(byType["simulation"])
	// The graph takes the blocks as they load: it is the network's one
	// list of them.
	sim := l.net.Simulation
	l.net.Graph = graph.New(sim.Seed)
	l.net.Graph.Dt, l.net.Graph.Workers, l.net.Graph.TauD = sim.Dt, sim.Workers, sim.TauD
	diags = append(diags, l.loadNeuronModels(byType["neuron_model"])...)
	diags = append(diags, l.loadSynapseModels(byType["synapse_model"])...)
	for _, b := range byType["population"] {
		if skip(l, b, l.pops) {
			continue
		}
		before := len(l.net.Decisions())
		d := l.loadPopulation(b)
		diags = append(diags, d...)
		markEntry(l.pops, b, d)
		l.net.recordUnnamed("decision", before, len(l.net.Decisions()), b, "k_winners")
	}
	// Synapses, stimuli and monitors may refer to populations, and their
	// expressions may read population.NAME.n.
	for _, b := range byType["synapse"] {
		if skip(l, b, l.syns) {
			continue
		}
		d := l.loadSynapse(b)
		diags = append(diags, d...)
		markEntry(l.syns, b, d)
	}
	for _, b := range byType["stimulus"] {
		if !l.readsFailed(b) {
			before := len(l.net.Stimuli())
			diags = append(diags, l.loadStimulus(b)...)
			l.net.recordUnnamed("stimulus", before, len(l.net.Stimuli()), b, "")
		}
	}
	for _, b := range byType["reward"] {
		if !l.readsFailed(b) {
			before := len(l.net.Rewards())
			diags = append(diags, l.loadReward(b)...)
			l.net.recordUnnamed("reward", before, len(l.net.Rewards()), b, "")
		}
	}
	for _, b := range byType["monitor"] {
		if !l.readsFailed(b) {
			diags = append(diags, l.loadMonitor(b)...)
		}
	}
	diags = append(diags, checkOutputNames(l.net.Monitors)...)
	if !diags.HasErrors() { // a file with mistakes is not "empty" as well
		diags = append(diags, checkEmpty(paths, byType["population"])...)
	}
	diags = append(diags, l.warnings()...)
	return diags
}

// checkDuplicates reports blocks whose type and name repeat, and labels
// that are not valid identifiers.
func checkDuplicates(blocks hcl.Blocks) hcl.Diagnostics {
	var diags hcl.Diagnostics
	seen := make(map[string]*hcl.Block)
	for _, b := range blocks {
		if len(b.Labels) == 0 {
			if b.Type == "simulation" {
				if prev, dup := seen[b.Type]; dup {
					diags = append(diags, &hcl.Diagnostic{
						Severity: hcl.DiagError,
						Summary:  "Duplicate simulation block",
						Detail:   fmt.Sprintf("A network has one simulation block; the first is at %s.", rangeString(prev.DefRange)),
						Subject:  b.DefRange.Ptr(),
					})
				}
				seen[b.Type] = b
			}
			continue
		}
		if !hclsyntax.ValidIdentifier(b.Labels[0]) {
			diags = append(diags, &hcl.Diagnostic{
				Severity: hcl.DiagError,
				Summary:  "Invalid " + b.Type + " name",
				Detail:   "A name must start with a letter or underscore and may contain only letters, digits, underscores, and dashes.",
				Subject:  b.LabelRanges[0].Ptr(),
			})
			continue
		}
		key := b.Type + "." + b.Labels[0]
		if prev, dup := seen[key]; dup {
			diags = append(diags, &hcl.Diagnostic{
				Severity: hcl.DiagError,
				Summary:  "Duplicate " + b.Type,
				Detail:   fmt.Sprintf("A %s named %q was already declared at %s. Names must be unique within their block type.", b.Type, b.Labels[0], rangeString(prev.DefRange)),
				Subject:  b.LabelRanges[0].Ptr(),
			})
			continue
		}
		seen[key] = b
	}
	return diags
}

func rangeString(r hcl.Range) string {
	return fmt.Sprintf("%s:%d,%d", r.Filename, r.Start.Line, r.Start.Column)
}

// evalContext returns the context block expressions are evaluated in:
// var, local, simulation and, once populations are loaded, population.
func (l *loader) evalContext() *hcl.EvalContext {
	vars := map[string]cty.Value{
		"var":   cty.ObjectVal(l.vars),
		"local": cty.ObjectVal(l.locals),
	}
	if l.simV != nil {
		vars["simulation"] = cty.ObjectVal(l.simV)
	}
	if len(l.popsV) > 0 {
		vars["population"] = cty.ObjectVal(l.popsV)
	}
	return &hcl.EvalContext{Variables: vars, Functions: functions(l.baseDir)}
}

// errAt makes an error diagnostic with the given summary and detail at r.
func errAt(r hcl.Range, summary, detail string) *hcl.Diagnostic {
	return &hcl.Diagnostic{Severity: hcl.DiagError, Summary: summary, Detail: detail, Subject: r.Ptr()}
}

// attrErr makes an "Invalid value" diagnostic for attribute a.
func attrErr(a *hcl.Attribute, detail string) *hcl.Diagnostic {
	return &hcl.Diagnostic{
		Severity: hcl.DiagError,
		Summary:  fmt.Sprintf("Invalid value for %q", a.Name),
		Detail:   upperFirst(detail) + ".",
		Subject:  a.Expr.Range().Ptr(),
		Context:  a.Range.Ptr(),
	}
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + strings.TrimSuffix(s[1:], ".")
}
