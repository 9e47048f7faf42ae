package dsl

import (
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"

	"github.com/synapticflow/synapticflow-go/graph"
	"github.com/synapticflow/synapticflow-go/monitors"
	"github.com/synapticflow/synapticflow-go/neurons"
)

var stimulusSchema = &hcl.BodySchema{Attributes: append([]hcl.AttributeSchema{
	{Name: "target", Required: true},
	{Name: "current"},
	{Name: "steps"},
}, metaAttrs...)}

// loadStimulus decodes a stimulus block: a constant current (one value or
// one per neuron) or a list of current steps.
func (l *loader) loadStimulus(b *hcl.Block) hcl.Diagnostics {
	content, diags := b.Body.Content(stimulusSchema)
	if diags.HasErrors() {
		return diags
	}
	attrs := content.Attributes
	insts, d := l.instances(b, attrs)
	diags = append(diags, d...)
	for _, in := range insts {
		diags = append(diags, l.buildStimulus(b, attrs, in)...)
	}
	return diags
}

func (l *loader) buildStimulus(b *hcl.Block, attrs hcl.Attributes, in instance) hcl.Diagnostics {
	p, diags := l.resolvePop(attrs["target"], in.ctx)
	if diags.HasErrors() || p == nil {
		return diags
	}
	cur, hasCur := attrs["current"]
	steps, hasSteps := attrs["steps"]
	if hasCur == hasSteps {
		return append(diags, errAt(b.DefRange, "Invalid stimulus",
			"A stimulus needs exactly one of \"current\" (a constant current, one value or one per neuron) and \"steps\" (a list of {start, stop, amplitude} in ms)."))
	}
	if hasCur {
		v, d := cur.Expr.Value(in.ctx)
		if d.HasErrors() {
			return append(diags, d...)
		}
		fs, err := toFloats(v)
		if err == nil && len(fs) != 1 && len(fs) != p.Len() {
			err = fmt.Errorf("the current has %d values for %d neurons: give one value, or one per neuron", len(fs), p.Len())
		}
		if err != nil {
			return append(diags, attrErr(cur, err.Error()))
		}
		l.net.Stimuli = append(l.net.Stimuli, &graph.Current{Pop: p, Amp: neurons.Param(fs)})
		return diags
	}
	v, d := steps.Expr.Value(in.ctx)
	if d.HasErrors() {
		return append(diags, d...)
	}
	pulses, err := toPulses(v)
	if err != nil {
		return append(diags, attrErr(steps, err.Error()))
	}
	l.net.Stimuli = append(l.net.Stimuli, &graph.Pulses{Pop: p, Pulses: pulses})
	return diags
}

// toPulses reads [{start = 50, stop = 100, amplitude = 1.2}, ...].
func toPulses(v cty.Value) ([]graph.Pulse, error) {
	t := v.Type()
	if v.IsNull() || !(t.IsListType() || t.IsTupleType()) {
		return nil, fmt.Errorf("steps must be a list of objects {start, stop, amplitude}")
	}
	var out []graph.Pulse
	for it := v.ElementIterator(); it.Next(); {
		i, e := it.Element()
		et := e.Type()
		if e.IsNull() || !(et.IsObjectType() || et.IsMapType()) {
			return nil, fmt.Errorf("step %s must be an object {start, stop, amplitude}", i.AsBigFloat().String())
		}
		var q [3]float64
		for k, name := range []string{"start", "stop", "amplitude"} {
			if et.IsObjectType() && !et.HasAttribute(name) {
				return nil, fmt.Errorf("step %s has no %q", i.AsBigFloat().String(), name)
			}
			f, err := toFloat(e.GetAttr(name))
			if err != nil {
				return nil, fmt.Errorf("%s of step %s: %v", name, i.AsBigFloat().String(), err)
			}
			q[k] = f
		}
		if q[0] < 0 || q[1] < q[0] {
			return nil, fmt.Errorf("step %s: want 0 <= start <= stop, have start %g, stop %g", i.AsBigFloat().String(), q[0], q[1])
		}
		out = append(out, graph.Pulse{Start: q[0], Stop: q[1], Amplitude: q[2]})
	}
	return out, nil
}

var monitorSchema = &hcl.BodySchema{Attributes: append([]hcl.AttributeSchema{
	{Name: "target", Required: true},
	{Name: "variables"},
	{Name: "every"},
	{Name: "indices"},
}, metaAttrs...)}

// loadMonitor decodes a monitor block.
func (l *loader) loadMonitor(b *hcl.Block) hcl.Diagnostics {
	content, diags := b.Body.Content(monitorSchema)
	if diags.HasErrors() {
		return diags
	}
	attrs := content.Attributes
	insts, d := l.instances(b, attrs)
	diags = append(diags, d...)
	for _, in := range insts {
		diags = append(diags, l.buildMonitor(b.Labels[0]+in.suffix, b, attrs, in.ctx)...)
	}
	return diags
}

func (l *loader) buildMonitor(name string, b *hcl.Block, attrs hcl.Attributes, ctx *hcl.EvalContext) hcl.Diagnostics {
	l.net.ranges["monitor/"+name] = b.DefRange
	p, diags := l.resolvePop(attrs["target"], ctx)
	m := &Monitor{Name: name, Target: p, Variables: []string{"s"}, Every: 1, Range: b.DefRange}
	if a, ok := attrs["every"]; ok {
		v, d := a.Expr.Value(ctx)
		diags = append(diags, d...)
		if !d.HasErrors() {
			every, err := toInt(v)
			if err == nil && every < 1 {
				err = fmt.Errorf("every is a number of steps and must be >= 1, not %d", every)
			}
			if err != nil {
				diags = append(diags, attrErr(a, err.Error()))
			}
			m.Every = every
		}
	}
	if diags.HasErrors() || p == nil {
		return diags
	}
	if a, ok := attrs["variables"]; ok {
		v, d := a.Expr.Value(ctx)
		diags = append(diags, d...)
		if d.HasErrors() {
			return diags
		}
		vars, err := toStrings(v)
		if err == nil && len(vars) == 0 {
			err = fmt.Errorf("list at least one variable: \"s\" for spikes, or a state variable")
		}
		if err != nil {
			return append(diags, attrErr(a, err.Error()))
		}
		valid := append([]string{"s"}, p.Model.Vars()...)
		if p.Model.TraceParams().SpikeTrace {
			valid = append(valid, "traces")
		}
		if p.SumInput {
			valid = append(valid, "summed")
		}
		for _, name := range vars {
			if !slices.Contains(valid, name) {
				diags = append(diags, &hcl.Diagnostic{
					Severity: hcl.DiagError,
					Summary:  "Unknown variable",
					Detail: fmt.Sprintf("Population %q (%s) has no variable %q.%s It has: %s.",
						p.Name, p.Model.Kind(), name, suggest(name, valid), strings.Join(valid, ", ")),
					Subject: a.Expr.Range().Ptr(),
					Context: a.Range.Ptr(),
				})
			}
		}
		m.Variables = vars
	}
	var indices []int
	if a, ok := attrs["indices"]; ok {
		v, d := a.Expr.Value(ctx)
		diags = append(diags, d...)
		if !d.HasErrors() {
			var err error
			indices, err = toInts(v)
			for _, i := range indices {
				if err == nil && (i < 0 || i >= p.Len()) {
					err = fmt.Errorf("index %d is out of range for population %q of %d neurons", i, p.Name, p.Len())
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
	for _, v := range m.Variables {
		if v == "s" {
			m.Spikes = monitors.NewSpikeMonitor(name, p)
			m.Spikes.Indices = indices
			m.Rate = monitors.NewRateMonitor(name+".rate", p)
		} else {
			state = append(state, v)
		}
	}
	if len(state) > 0 {
		m.State = monitors.NewStateMonitor(name+".state", p, state...)
		m.State.Every = m.Every
		m.State.Indices = indices
	}
	l.net.Monitors = append(l.net.Monitors, m)
	return diags
}
