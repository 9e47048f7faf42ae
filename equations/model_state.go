package equations

import (
	"maps"
	"slices"

	"github.com/synapticflow/synapticflow-go/checkpoint"
)

// AddFingerprint implements checkpoint.Fingerprinter: the model's text
// (equations, threshold, reset, refractoriness, method, input) and its
// parameters' values and initial values as set, in a fixed order (by
// name). The fields tagged `param` (the spike trace's) are in the
// population's fingerprint already; the state variables are not part of
// it.
func (m *Model) AddFingerprint(f *checkpoint.Fingerprint) {
	f.String("equations.Model")
	if m.def == nil {
		f.String("<nil>")
		return
	}
	sp := m.def.spec
	for _, s := range []string{m.def.Name, sp.Equations, sp.Threshold, sp.Reset, sp.Refractory, sp.Method, sp.Input, m.def.Method} {
		f.String(s)
	}
	f.Uint64(uint64(len(m.params)))
	for _, p := range slices.Sorted(maps.Keys(m.params)) {
		f.String(p)
		f.Floats(m.params[p])
	}
	f.Uint64(uint64(len(m.def.Inits)))
	for _, v := range slices.Sorted(maps.Keys(m.def.Inits)) {
		f.String(v)
		f.Float64(m.def.Inits[v])
	}
	f.Uint64(uint64(len(m.inits)))
	for _, v := range slices.Sorted(maps.Keys(m.inits)) {
		f.String(v)
		f.Params(m.inits[v])
	}
}

var _ checkpoint.Fingerprinter = (*Model)(nil)
