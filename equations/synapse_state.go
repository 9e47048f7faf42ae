package equations

import (
	"maps"
	"slices"

	"github.com/synapticflow/synapticflow-go/checkpoint"
	"github.com/synapticflow/synapticflow-go/dist"
)

// SaveState implements checkpoint.State: the per-synapse variables but w
// (the edge's weights, which the edge saves), the step of each
// synapse's last event (event-driven variables), the target spikes
// waiting for on_post (post_delay), the state of the rand() stream and
// the summed values of the last step. The compiled programs, the
// parameters and the bindings to the populations are not state (the
// network's fingerprint covers them; see AddFingerprint), nor is the
// scratch space the statements run in.
func (r *SynapseRule) SaveState(e *checkpoint.Encoder) error {
	e.Int(len(r.X))
	for i, x := range r.X {
		if i != r.wIdx {
			e.Floats(x)
		}
	}
	e.Bool(r.tlast != nil)
	if r.tlast != nil {
		e.Ints(r.tlast)
	}
	e.Int(len(r.postHist))
	for _, h := range r.postHist {
		e.Int32s(h)
	}
	e.Ints(r.postStep)
	e.Floats(r.sums)
	e.Bool(r.rng != nil)
	if r.rng != nil {
		st, err := dist.StreamState(r.rng)
		if err != nil {
			return err
		}
		e.Raw(st)
	}
	return nil
}

// LoadState implements checkpoint.State: it restores what SaveState
// wrote into a rule initialised like the one saved.
func (r *SynapseRule) LoadState(d *checkpoint.Decoder) error {
	name := r.def.Name
	if n := d.Int(); d.Err() == nil && n != len(r.X) {
		return d.Fail("synapse model %s has %d per-synapse variables, the checkpoint %d", name, len(r.X), n)
	}
	for i, x := range r.X {
		if i != r.wIdx {
			d.FloatsExact(x, "synapse model "+name+"'s variable "+r.def.Vars[i])
		}
	}
	if has := d.Bool(); d.Err() == nil && has != (r.tlast != nil) {
		return d.Fail("synapse model %s: last-event steps in one of the network and the checkpoint only", name)
	}
	if r.tlast != nil {
		if t := d.Ints(r.tlast); d.Err() == nil && len(t) != len(r.tlast) {
			return d.Fail("synapse model %s has %d synapses, the checkpoint's last-event steps %d", name, len(r.tlast), len(t))
		}
	}
	if n := d.Int(); d.Err() == nil && n != len(r.postHist) {
		return d.Fail("synapse model %s keeps %d steps of target spikes for on_post, the checkpoint %d", name, len(r.postHist), n)
	}
	for i := range r.postHist {
		r.postHist[i] = d.Int32s(r.postHist[i])
	}
	if s := d.Ints(r.postStep); d.Err() == nil && len(s) != len(r.postStep) {
		return d.Fail("synapse model %s keeps %d steps of target spikes for on_post, the checkpoint %d", name, len(r.postStep), len(s))
	}
	d.FloatsExact(r.sums, "synapse model "+name+"'s summed values")
	if has := d.Bool(); d.Err() == nil && has != (r.rng != nil) {
		return d.Fail("synapse model %s: a random stream in one of the network and the checkpoint only", name)
	}
	if r.rng != nil {
		st := d.Raw()
		if d.Err() != nil {
			return d.Err()
		}
		if err := dist.SetStreamState(r.rng, st); err != nil {
			return d.Fail("synapse model %s: %v", name, err)
		}
	}
	return d.Err()
}

// AddFingerprint implements checkpoint.Fingerprinter: the model's text
// (equations, statements, post_delay, method), the parameters' values
// and the initial values as the rule resolved them, in a fixed order
// (by name), the seed and the edge's name. The per-synapse variables,
// which change as the network runs, are not part of it.
func (r *SynapseRule) AddFingerprint(f *checkpoint.Fingerprint) {
	f.String("equations.SynapseRule")
	f.Uint64(r.Seed)
	f.String(r.Name)
	sd := r.def
	if sd == nil {
		f.String("<nil>")
		return
	}
	sp := sd.spec
	for _, s := range []string{sd.Name, sp.Equations, sp.OnPre, sp.OnPost, sp.OnStep, sp.PostDelay, sp.Method, sp.PostInput} {
		f.String(s)
	}
	for _, side := range []map[string]Dim{sp.PreVars, sp.PostVars} {
		f.Uint64(uint64(len(side)))
		for _, v := range slices.Sorted(maps.Keys(side)) {
			f.String(v)
		}
	}
	f.Uint64(uint64(len(r.params)))
	for _, p := range slices.Sorted(maps.Keys(r.params)) {
		f.String(p)
		f.Float64(r.params[p])
	}
	f.Uint64(uint64(len(sd.Inits)))
	for _, v := range slices.Sorted(maps.Keys(sd.Inits)) {
		f.String(v)
		f.Float64(sd.Inits[v])
	}
	f.Uint64(uint64(len(r.inits)))
	for _, v := range slices.Sorted(maps.Keys(r.inits)) {
		f.String(v)
		f.Params(r.inits[v])
	}
}

var (
	_ checkpoint.State         = (*SynapseRule)(nil)
	_ checkpoint.Fingerprinter = (*SynapseRule)(nil)
)
