package graph_test

import (
	"reflect"
	"slices"
	"testing"

	"github.com/synapticflow/synapticflow-go/checkpoint"
	"github.com/synapticflow/synapticflow-go/component"
	"github.com/synapticflow/synapticflow-go/synapses"
)

// noState are the fields of the registered neuron models, learning rules
// and kernels that checkpoint.Save skips (pointers, interfaces, maps,
// functions: it cannot walk them) and that hold no state that changes
// while the network runs: compiled programs, bindings to other
// components, scratch space. Parameters (fields tagged `param`) are not
// listed: the fingerprint covers them.
var noState = map[string][]string{
	// "kind/name": {"Type.field", ...}.
	// The edge the pair traces read their sources from (a binding set by
	// Init; the traces themselves, per source or per synapse, are saved).
	"rule/stdp":  {"STDP.pairTraces.src"},
	"rule/rstdp": {"RSTDP.pairTraces.src"},
}

// TestCheckpointSkipsNoState fails when a registered component gains a
// field that checkpoint.Save cannot save (a pointer, an interface, a
// map): a merge that adds state there must make the type implement
// checkpoint.State, or list the field in noState if it holds none.
func TestCheckpointSkipsNoState(t *testing.T) {
	reg := component.Default()
	checked := 0
	for _, kind := range []component.Kind{component.Neuron, component.Rule, component.Kernel, component.Encoder, component.Connector} {
		for _, name := range reg.Names(kind) {
			v, ok := reg.New(kind, name)
			if !ok {
				t.Fatalf("%s %s: not constructible", kind, name)
			}
			if _, shared := v.(synapses.Shared); kind == component.Connector && !shared {
				continue // only shared connectors (conv2d) hold state
			}
			checked++
			for _, f := range checkpoint.Fields(v) {
				if !slices.Contains(noState[string(kind)+"/"+name], f) {
					t.Errorf("%s %q (%T): field %s cannot be saved by checkpoint.Save (a pointer, interface, map or function): "+
						"if it holds state that changes during a run, implement checkpoint.State for the type; if not, add it to noState",
						kind, name, v, f)
				}
			}
		}
	}
	if checked < 30 {
		t.Errorf("checked %d components, want every registered model, rule, kernel, encoder and shared connector", checked)
	}
}

// noStateByType are the skipped fields, known to hold no state, of the
// components of testdata/ckpt.hcl that are not registered by name.
var noStateByType = map[string][]string{
	// The definition, the parameters and initial values as given, the
	// compiled programs and propagators (constants) and a pool of
	// scratch space: the state is X and Refrac, which are saved.
	"*equations.Model": {"Model.def", "Model.params", "Model.inits", "Model.integ", "Model.thr", "Model.cond",
		"Model.resets[]", "Model.fastThr", "Model.exact", "Model.fast", "Model.pool"},
	// The amounts by step, built by Init from Times and Amounts.
	"*graph.Schedule": {"Schedule.at"},
	// The target population, saved on its own.
	"*graph.KWTA": {"KWTA.Pop"},
	// The edge the pair traces read their sources from (see noState).
	"*learning.STDP":  {"STDP.pairTraces.src"},
	"*learning.RSTDP": {"RSTDP.pairTraces.src"},
}

// TestCheckpointFixtureSkipsNoState is TestCheckpointSkipsNoState for
// the components of the bit-identical test's network, equation models
// included.
func TestCheckpointFixtureSkipsNoState(t *testing.T) {
	net, _ := loadCkpt(t, 1, nil)
	var parts []any
	for _, p := range net.Populations() {
		parts = append(parts, p.Model)
	}
	for _, s := range net.Synapses() {
		parts = append(parts, s.Kernel, s.Rule)
	}
	for _, s := range net.Stimuli() {
		parts = append(parts, s)
	}
	for _, r := range net.Rewards() {
		parts = append(parts, r)
	}
	for _, d := range net.Decisions() {
		parts = append(parts, d)
	}
	for _, v := range parts {
		if v == nil || reflect.ValueOf(v).IsNil() {
			continue
		}
		typ := reflect.TypeOf(v).String()
		if got, want := checkpoint.Fields(v), noStateByType[typ]; !slices.Equal(got, want) {
			t.Errorf("%s: checkpoint.Save skips %q, known to hold no state: %q; a new skipped field needs checkpoint.State on the type, or a place in noStateByType if it holds no state", typ, got, want)
		}
	}
}
