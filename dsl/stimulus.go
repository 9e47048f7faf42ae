package dsl

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/hashicorp/hcl/v2"

	"github.com/synapticflow/synapticflow-go/component"
	"github.com/synapticflow/synapticflow-go/graph"
	"github.com/synapticflow/synapticflow-go/monitors"
	"github.com/synapticflow/synapticflow-go/neurons"
	"github.com/synapticflow/synapticflow-go/synapses"
)

// blockSchema returns the schema of a stimulus or monitor block: target,
// the parameters of every component of the kind, and the meta-arguments.
func (l *loader) blockSchema(kind component.Kind, targetRequired bool) *hcl.BodySchema {
	s := &hcl.BodySchema{Attributes: []hcl.AttributeSchema{{Name: "target", Required: targetRequired}}}
	for _, n := range l.reg.Params(kind) {
		s.Attributes = append(s.Attributes, hcl.AttributeSchema{Name: n})
	}
	s.Attributes = append(s.Attributes, metaAttrs...)
	return s
}

// loadStimulus decodes a stimulus block: the stimulus kind whose required
// parameters it gives (current, or steps), built by the registry's
// component.
func (l *loader) loadStimulus(b *hcl.Block) hcl.Diagnostics {
	return l.eachInstance(b, l.blockSchema(component.Stimulus, true), func(attrs hcl.Attributes, in instance) hcl.Diagnostics {
		return l.buildStimulus(b, attrs, in)
	})
}

func (l *loader) buildStimulus(b *hcl.Block, attrs hcl.Attributes, in instance) hcl.Diagnostics {
	p, diags := l.resolvePop(attrs["target"], in.ctx)
	if diags.HasErrors() || p == nil {
		return diags
	}
	// The kind is the one whose required parameters are all given.
	var match, kinds []string
	for _, name := range l.reg.Names(component.Stimulus) {
		x, _ := l.reg.New(component.Stimulus, name)
		params, _ := component.Describe(x)
		req := component.Required(params)
		all := len(req) > 0
		for _, n := range req {
			_, has := attrs[n]
			all = all && has
		}
		if all {
			match = append(match, name)
		}
		what := fmt.Sprintf("%q (%s", name, strings.Join(req, ", "))
		if len(params) > 0 && params[0].Doc != "" {
			what += ": " + params[0].Doc
		}
		kinds = append(kinds, what+")")
	}
	if len(match) != 1 {
		return append(diags, errAt(b.DefRange, "Invalid stimulus",
			fmt.Sprintf("A stimulus needs the parameters of exactly one kind: %s.", strings.Join(kinds, "; "))))
	}
	values, d := evalAttrs(attrs, in.ctx, "target", "count", "for_each")
	if diags = append(diags, d...); d.HasErrors() {
		return diags
	}
	x, _ := l.reg.New(component.Stimulus, match[0])
	params, _ := component.Describe(x)
	used := make(map[string]bool)
	diags = append(diags, decodeParams(x, params, attrs, values, p.Len(), used)...)
	for _, n := range l.reg.Params(component.Stimulus) {
		if _, given := values[n]; given && !used[n] {
			diags = append(diags, &hcl.Diagnostic{
				Severity: hcl.DiagWarning,
				Summary:  fmt.Sprintf("Unused argument %q", n),
				Detail:   fmt.Sprintf("%q has no effect on a %q stimulus.", n, match[0]),
				Subject:  attrs[n].NameRange.Ptr(),
			})
		}
	}
	if diags.HasErrors() {
		return diags
	}
	if v, ok := x.(component.Validator); ok {
		if err := v.Validate(); err != nil {
			return append(diags, componentErr(err, attrs, b.DefRange, component.Stimulus))
		}
	}
	stim, err := x.(component.StimulusBuilder).Build(p)
	if err != nil {
		return append(diags, componentErr(err, attrs, b.DefRange, component.Stimulus))
	}
	if rs, ok := stim.(graph.RandomStimulus); ok {
		rs.SetName(b.Labels[0] + in.suffix)
	}
	l.net.Graph.AddStimulus(stim)
	l.net.addStimulusBlock(len(l.net.Graph.Stimuli())-1, b.Labels[0]+in.suffix, match[0])
	return diags
}

// signalNames are the network signals a monitor may record without a
// target.
var signalNames = []string{"dopamine", "reward"}

// loadMonitor decodes a monitor block.
func (l *loader) loadMonitor(b *hcl.Block) hcl.Diagnostics {
	return l.eachInstance(b, l.blockSchema(component.Monitor, false), func(attrs hcl.Attributes, in instance) hcl.Diagnostics {
		return l.buildMonitor(b.Labels[0]+in.suffix, b, attrs, in.ctx)
	})
}

// monitorTarget resolves a monitor's target: a population or a synapse.
func (l *loader) monitorTarget(a *hcl.Attribute, ctx *hcl.EvalContext) (*neurons.Population, *synapses.Synapse, bool, hcl.Diagnostics) {
	for _, t := range a.Expr.Variables() {
		if t.RootName() == "synapse" {
			s, d := resolveRef(l.syns, "synapse", a, ctx)
			return nil, s, s != nil, d
		}
	}
	p, d := l.resolvePop(a, ctx)
	if d.HasErrors() && len(a.Expr.Variables()) > 0 && a.Expr.Variables()[0].RootName() != "population" {
		d[0].Detail = fmt.Sprintf("%q must refer to a population (population.NAME) or a synapse (synapse.NAME).", a.Name)
	}
	return p, nil, p != nil, d
}

func (l *loader) buildMonitor(name string, b *hcl.Block, attrs hcl.Attributes, ctx *hcl.EvalContext) hcl.Diagnostics {
	l.net.ranges["monitor/"+name] = b.DefRange
	l.net.recordAttrs("monitor/"+name, attrs)
	var diags hcl.Diagnostics
	m := &Monitor{Name: name, Variables: []string{"s"}, Every: 1, Range: b.DefRange}
	var (
		p      *neurons.Population
		syn    *synapses.Synapse
		target = true // resolved (or absent)
	)
	if a, ok := attrs["target"]; ok {
		var d hcl.Diagnostics
		p, syn, target, d = l.monitorTarget(a, ctx)
		diags = append(diags, d...)
		if syn != nil {
			m.Variables = []string{"w"}
		}
	}
	if a, ok := attrs["variables"]; ok {
		v, d := a.Expr.Value(ctx)
		diags = append(diags, d...)
		if !d.HasErrors() {
			vars, err := toStrings(v)
			if err == nil && len(vars) == 0 {
				err = fmt.Errorf("list at least one variable: \"s\" for spikes, or a state variable")
			}
			if err != nil {
				diags = append(diags, attrErr(a, err.Error()))
			} else {
				m.Variables = vars
			}
		}
	}
	every, everyMs := attrs["every"], attrs["every_ms"]
	switch {
	case every != nil && everyMs != nil:
		diags = append(diags, errAt(everyMs.NameRange, "Conflicting recording period", "Give \"every\" (steps) or \"every_ms\" (ms), not both."))
	case every != nil:
		v, d := every.Expr.Value(ctx)
		diags = append(diags, d...)
		if !d.HasErrors() {
			n, err := toInt(v)
			if err == nil && n < 1 {
				err = fmt.Errorf("every is a number of steps and must be >= 1, not %d", n)
			}
			if err != nil {
				diags = append(diags, attrErr(every, err.Error()))
			}
			m.Every = n
		}
	case everyMs != nil:
		v, d := everyMs.Expr.Value(ctx)
		diags = append(diags, d...)
		if !d.HasErrors() {
			ms, err := toFloat(v)
			steps := int(math.Round(ms / l.net.Simulation.Dt))
			if err == nil && steps < 1 {
				err = fmt.Errorf("every_ms must be at least one step (%g ms), not %g", l.net.Simulation.Dt, ms)
			}
			if err != nil {
				diags = append(diags, attrErr(everyMs, err.Error()))
			}
			m.Every = steps
		}
	}
	if a, ok := attrs["stream"]; ok {
		v, d := a.Expr.Value(ctx)
		diags = append(diags, d...)
		if !d.HasErrors() {
			b, err := toBool(v)
			if err != nil {
				diags = append(diags, attrErr(a, err.Error()))
			}
			m.Stream = b
		}
	}
	recordInitial := false
	if a, ok := attrs["record_initial"]; ok {
		v, d := a.Expr.Value(ctx)
		diags = append(diags, d...)
		if !d.HasErrors() {
			b, err := toBool(v)
			if err != nil {
				diags = append(diags, attrErr(a, err.Error()))
			}
			recordInitial = b
		}
	}
	if diags.HasErrors() || !target {
		return diags
	}
	var signals, others []string
	for _, v := range m.Variables {
		if slices.Contains(signalNames, v) {
			signals = append(signals, v)
		} else {
			others = append(others, v)
		}
	}
	if len(others) > 0 && p == nil && syn == nil {
		return append(diags, errAt(b.DefRange, "Missing monitor target",
			fmt.Sprintf("Recording %q needs a target: target = population.NAME or synapse.NAME. Only %s can be recorded without one.", others[0], strings.Join(signalNames, " and "))))
	}
	// Check the variables against the target.
	var valid []string
	switch {
	case p != nil:
		valid = append([]string{"s"}, p.Model.Vars()...)
		if p.Model.TraceParams().SpikeTrace {
			valid = append(valid, "traces")
		}
		if p.SumInput {
			valid = append(valid, "summed")
		}
		m.Target = p
	case syn != nil:
		valid = []string{"w", "i", "g"}
		m.Synapse = syn
	}
	valid = append(valid, signalNames...)
	for _, v := range m.Variables {
		if slices.Contains(valid, v) {
			continue
		}
		a := attrs["variables"]
		detail := fmt.Sprintf("There is no variable %q to record.%s Valid: %s.", v, suggest(v, valid), strings.Join(valid, ", "))
		if p != nil {
			detail = fmt.Sprintf("Population %q (%s) has no variable %q.%s It has: %s.", p.Name, p.Model.Kind(), v, suggest(v, valid), strings.Join(valid, ", "))
		}
		diags = append(diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Unknown variable", Detail: detail,
			Subject: a.Expr.Range().Ptr(), Context: a.Range.Ptr()})
	}
	var indices []int
	if a, ok := attrs["indices"]; ok {
		v, d := a.Expr.Value(ctx)
		diags = append(diags, d...)
		if !d.HasErrors() {
			var err error
			indices, err = toInts(v)
			n := 0
			if p != nil {
				n = p.Len()
			} else if syn != nil {
				n = -1 // checked by the monitor once the synapses exist
			}
			for _, i := range indices {
				if err == nil && (i < 0 || (n >= 0 && i >= n)) {
					err = fmt.Errorf("index %d is out of range (%d neurons)", i, n)
				}
			}
			if err != nil {
				diags = append(diags, attrErr(a, err.Error()))
			}
		}
	}
	if diags.HasErrors() {
		return diags
	}
	var state []string
	for _, v := range others {
		if v == "s" {
			m.Spikes = monitors.NewSpikeMonitor(name, p)
			m.Spikes.Indices = indices
			m.Rate = monitors.NewRateMonitor(name+".rate", p)
		} else {
			state = append(state, v)
		}
	}
	if recordInitial && len(state) == 0 {
		a := attrs["record_initial"]
		return append(diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Nothing to record initially",
			Detail:  "record_initial records the initial value of state variables; this monitor records none (add one to variables, e.g. \"v\").",
			Subject: a.NameRange.Ptr(), Context: a.Range.Ptr()})
	}
	if len(state) > 0 {
		if p != nil {
			m.State = monitors.NewStateMonitor(name+".state", p, state...)
		} else {
			m.State = monitors.NewSynapseMonitor(name+".state", syn, state...)
		}
		m.State.Every = m.Every
		m.State.Indices = indices
		m.State.RecordInitial = recordInitial
	}
	if len(signals) > 0 {
		m.Signals = make(map[string]*monitors.SignalMonitor)
		for _, sig := range signals {
			sm := monitors.NewSignalMonitor(name+"."+sig, nil)
			sm.Every = m.Every
			m.Signals[sig] = sm
		}
	}
	l.net.Monitors = append(l.net.Monitors, m)
	if m.Spikes != nil {
		l.net.Graph.AddMonitor(m.Spikes, m.Rate)
	}
	if m.State != nil {
		l.net.Graph.AddMonitor(m.State)
	}
	for _, name := range sortedKeys(m.Signals) {
		l.net.Graph.AddMonitor(m.Signals[name])
	}
	return diags
}
