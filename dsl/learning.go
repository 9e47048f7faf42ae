package dsl

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"

	"github.com/synapticflow/synapticflow-go/component"
	"github.com/synapticflow/synapticflow-go/encoding"
	"github.com/synapticflow/synapticflow-go/graph"
	"github.com/synapticflow/synapticflow-go/learning"
	"github.com/synapticflow/synapticflow-go/neurons"
	"github.com/synapticflow/synapticflow-go/npy"
)

// buildRule decodes a learning "KIND" { ... } block of a synapse: the
// rule comes from the rule registry and its parameters from the rule
// itself, as for neuron models. synapse is the name of the synapse
// instance: the ranges of the block and its attributes are recorded as
// synapse/NAME/learning[/ATTR], for engine errors.
func (l *loader) buildRule(synapse string, b *hcl.Block, ctx *hcl.EvalContext) (learning.Rule, hcl.Diagnostics) {
	kind := b.Labels[0]
	l.net.ranges["synapse/"+synapse+"/learning"] = b.DefRange
	rule, ok := l.rules.New(kind)
	if !ok {
		return nil, hcl.Diagnostics{errAt(b.LabelRanges[0], "Unknown learning rule",
			fmt.Sprintf("There is no learning rule %q.%s The rules are: %s.", kind, suggest(kind, l.rules.Kinds()), strings.Join(l.rules.Kinds(), ", ")))}
	}
	params, err := component.Describe(rule)
	if err == nil {
		err = component.Check(component.Rule, rule)
	}
	if err != nil {
		return nil, hcl.Diagnostics{errAt(b.LabelRanges[0], "Invalid learning rule",
			fmt.Sprintf("Learning rule %q cannot be used: %s. Fix its Go type.", kind, err))}
	}
	content, diags := decodeBody(b.Body, &hcl.BodySchema{Attributes: paramSchema(params)})
	l.net.recordAttrs("synapse/"+synapse+"/learning", content.Attributes)
	values, d := evalAttrs(content.Attributes, ctx)
	diags = append(diags, d...)
	diags = append(diags, decodeParams(rule, params, content.Attributes, values, 0, nil)...)
	return rule, diags
}

// readMatrix reads a 2-D array of numbers from a .npy file, a CSV file
// (comma-separated rows; a first row that is not numeric is a header), or
// the sparse weights of an .npz file (readSparseNPZ).
func readMatrix(path string) (rows, cols int, data []float64, err error) {
	if strings.EqualFold(filepath.Ext(path), ".npz") {
		return readSparseNPZ(path)
	}
	if strings.EqualFold(filepath.Ext(path), ".npy") {
		shape, data, err := npy.ReadFile(path)
		if err != nil {
			return 0, 0, nil, err
		}
		switch len(shape) {
		case 1:
			return 1, shape[0], data, nil
		case 2:
			return shape[0], shape[1], data, nil
		}
		return 0, 0, nil, fmt.Errorf("%s holds a %d-dimensional array, want a matrix", path, len(shape))
	}
	return encoding.ReadCSV(path)
}

var rewardSchema = &hcl.BodySchema{Attributes: append([]hcl.AttributeSchema{
	{Name: "schedule"},
	{Name: "a"}, {Name: "b"}, {Name: "cue_a"}, {Name: "cue_b"},
	{Name: "window"}, {Name: "amount"},
}, metaAttrs...)}

// loadReward decodes a reward block: a schedule
// (schedule = [{time = 100, amount = 1}, ...]) or a contest between two
// populations cued by two others (a, b, cue_a, cue_b, window, amount).
func (l *loader) loadReward(b *hcl.Block) hcl.Diagnostics {
	return l.eachInstance(b, rewardSchema, func(attrs hcl.Attributes, in instance) hcl.Diagnostics {
		return l.buildReward(b, attrs, in)
	})
}

// buildReward builds one instance of a reward block.
func (l *loader) buildReward(b *hcl.Block, attrs hcl.Attributes, in instance) hcl.Diagnostics {
	var diags hcl.Diagnostics
	if sched, ok := attrs["schedule"]; ok {
		v, d := sched.Expr.Value(in.ctx)
		diags = append(diags, d...)
		if d.HasErrors() {
			return diags
		}
		times, amounts, err := toSchedule(v)
		if err != nil {
			diags = append(diags, attrErr(sched, err.Error()))
			return diags
		}
		l.net.Graph.AddReward(&graph.Schedule{Times: times, Amounts: amounts})
		return diags
	}
	c := &graph.Contest{Amount: 1}
	ok := true
	for _, ref := range []struct {
		name string
		dst  **neurons.Population
	}{{"a", &c.A}, {"b", &c.B}, {"cue_a", &c.CueA}, {"cue_b", &c.CueB}} {
		a, has := attrs[ref.name]
		if !has {
			diags = append(diags, errAt(b.DefRange, "Invalid reward",
				"A reward needs either \"schedule\" or the contest populations \"a\", \"b\", \"cue_a\" and \"cue_b\" with a \"window\" (ms)."))
			ok = false
			break
		}
		p, d := l.resolvePop(a, in.ctx)
		diags = append(diags, d...)
		if p == nil {
			ok = false
		}
		*ref.dst = p
	}
	for _, n := range []string{"window", "amount"} {
		a, has := attrs[n]
		if !has {
			if n == "window" && ok {
				diags = append(diags, errAt(b.DefRange, "Missing \"window\"", "A contest reward needs the window (ms) over which spikes are counted."))
				ok = false
			}
			continue
		}
		v, d := a.Expr.Value(in.ctx)
		diags = append(diags, d...)
		if d.HasErrors() {
			ok = false
			continue
		}
		f, err := toFloat(v)
		if err == nil && n == "window" && f <= 0 {
			err = fmt.Errorf("the window must be positive, not %g ms", f)
		}
		if err != nil {
			diags = append(diags, attrErr(a, err.Error()))
			ok = false
			continue
		}
		if n == "window" {
			c.Window = f
		} else {
			c.Amount = f
		}
	}
	if ok {
		l.net.Graph.AddReward(c)
	}
	return diags
}

// toSchedule reads [{time = 100, amount = 1}, ...].
func toSchedule(v cty.Value) (times, amounts []float64, err error) {
	t := v.Type()
	if v.IsNull() || !(t.IsListType() || t.IsTupleType()) {
		return nil, nil, fmt.Errorf("schedule must be a list of {time, amount} objects")
	}
	for it := v.ElementIterator(); it.Next(); {
		_, e := it.Element()
		et := e.Type()
		if e.IsNull() || !et.IsObjectType() || !et.HasAttribute("time") || !et.HasAttribute("amount") {
			return nil, nil, fmt.Errorf("each schedule entry must be an object {time = MS, amount = X}")
		}
		tm, err := toFloat(e.GetAttr("time"))
		if err == nil && tm < 0 {
			err = fmt.Errorf("reward time %g ms is negative", tm)
		}
		if err != nil {
			return nil, nil, err
		}
		am, err := toFloat(e.GetAttr("amount"))
		if err != nil {
			return nil, nil, err
		}
		times, amounts = append(times, tm), append(amounts, am)
	}
	return times, amounts, nil
}
