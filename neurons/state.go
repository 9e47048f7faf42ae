package neurons

import (
	"fmt"

	"github.com/synapticflow/synapticflow-go/checkpoint"
	"github.com/synapticflow/synapticflow-go/dist"
)

// SaveState implements checkpoint.State: the population's spikes of the
// last step, traces, input sums, spike count, the state of every chunk's
// random stream, then the model's state (checkpoint.Save: its own
// SaveState, or every field but its parameters). Clamps are settings,
// not state: they are not saved.
func (p *Population) SaveState(e *checkpoint.Encoder) error {
	e.Int(p.n)
	e.Bools(p.S)
	e.Floats(p.Traces)
	e.Floats(p.Summed)
	e.Int32s(p.Fired)
	e.Uint64(uint64(p.Spikes))
	e.Int(len(p.streams))
	for c, r := range p.streams {
		st, err := dist.StreamState(r)
		if err != nil {
			return fmt.Errorf("population %q, stream of chunk %d: %w", p.Name, c, err)
		}
		e.Raw(st)
	}
	if err := checkpoint.Save(e, p.Model); err != nil {
		return fmt.Errorf("population %q (%s): %w", p.Name, p.Model.Kind(), err)
	}
	return nil
}

// LoadState implements checkpoint.State: it restores what SaveState
// wrote into a population initialised like the one saved.
func (p *Population) LoadState(d *checkpoint.Decoder) error {
	if n := d.Int(); d.Err() == nil && n != p.n {
		return d.Fail("population %q has %d neurons, the checkpoint %d", p.Name, p.n, n)
	}
	p.S = d.Bools(p.S)
	p.Traces = d.Floats(p.Traces)
	p.Summed = d.Floats(p.Summed)
	p.Fired = d.Int32s(p.Fired)
	p.Spikes = int64(d.Uint64())
	if nc := d.Int(); d.Err() == nil && nc != len(p.streams) {
		return d.Fail("population %q has %d chunks, the checkpoint %d", p.Name, len(p.streams), nc)
	}
	for c, r := range p.streams {
		st := d.Raw()
		if d.Err() != nil {
			return d.Err()
		}
		if err := dist.SetStreamState(r, st); err != nil {
			return d.Fail("population %q, stream of chunk %d: %v", p.Name, c, err)
		}
	}
	if d.Err() != nil {
		return d.Err()
	}
	return checkpoint.Load(d, p.Model)
}

// AddFingerprint implements checkpoint.Fingerprinter: what Init was given
// (the network seed, dt and the chunk size) and the model's own
// fingerprint, if it has one.
func (p *Population) AddFingerprint(f *checkpoint.Fingerprint) {
	f.Uint64(p.seed)
	f.Float64(p.dt)
	f.Uint64(uint64(p.chunkSize))
	if fp, ok := p.Model.(checkpoint.Fingerprinter); ok {
		fp.AddFingerprint(f)
	}
}
