package synapses

import (
	"fmt"

	"github.com/synapticflow/synapticflow-go/checkpoint"
)

// SaveState implements checkpoint.State: the weights, the delay buffers
// with the spikes in flight, the event count, the spike history of
// learning rules, then the shared weights of a Shared connector (conv2d's
// kernels), the kernel's state (synaptic currents and conductances) and
// the learning rule's state (traces, eligibility, last-update steps),
// each with checkpoint.Save. The topology and delays
// are not saved: the network's fingerprint covers them.
func (s *Synapse) SaveState(e *checkpoint.Encoder) error {
	e.Floats(s.W)
	e.Int(len(s.ring))
	for _, slot := range s.ring {
		e.Floats(slot)
	}
	e.Uint64(uint64(s.events))
	e.Int(len(s.hist))
	for _, h := range s.hist {
		e.Int32s(h)
	}
	if sh, ok := s.Connect.(Shared); ok {
		// The shared weights (conv2d's kernels) change with learning.
		if err := checkpoint.Save(e, sh); err != nil {
			return fmt.Errorf("synapse %q, connector %v: %w", s.Name, s.Connect, err)
		}
	}
	if err := checkpoint.Save(e, s.Kernel); err != nil {
		return fmt.Errorf("synapse %q, kernel %s: %w", s.Name, s.Kernel.Kind(), err)
	}
	e.Bool(s.Rule != nil)
	if s.Rule != nil {
		if err := checkpoint.Save(e, s.Rule); err != nil {
			return fmt.Errorf("synapse %q, learning rule %s: %w", s.Name, s.Rule.Kind(), err)
		}
	}
	return nil
}

// LoadState implements checkpoint.State: it restores what SaveState
// wrote into an edge initialised like the one saved.
func (s *Synapse) LoadState(d *checkpoint.Decoder) error {
	d.FloatsExact(s.W, fmt.Sprintf("synapse %q's weights", s.Name))
	if n := d.Int(); d.Err() == nil && n != len(s.ring) {
		return d.Fail("synapse %q has a delay buffer of %d steps, the checkpoint %d", s.Name, len(s.ring), n)
	}
	for _, slot := range s.ring {
		d.FloatsExact(slot, fmt.Sprintf("synapse %q's delay buffer", s.Name))
	}
	s.events = int64(d.Uint64())
	if n := d.Int(); d.Err() == nil && n != len(s.hist) {
		return d.Fail("synapse %q keeps a spike history of %d steps, the checkpoint %d", s.Name, len(s.hist), n)
	}
	for i := range s.hist {
		s.hist[i] = d.Int32s(s.hist[i])
	}
	if d.Err() != nil {
		return d.Err()
	}
	if sh, ok := s.Connect.(Shared); ok {
		if err := checkpoint.Load(d, sh); err != nil {
			return err
		}
	}
	if err := checkpoint.Load(d, s.Kernel); err != nil {
		return err
	}
	if has := d.Bool(); d.Err() == nil && has != (s.Rule != nil) {
		return d.Fail("synapse %q: a learning rule in one of the network and the checkpoint only", s.Name)
	}
	if s.Rule != nil {
		return checkpoint.Load(d, s.Rule)
	}
	return d.Err()
}

// AddFingerprint implements checkpoint.Fingerprinter: the edge's ends,
// topology, delays, bounds, sign, masked synapses, normalisation and
// connector, kernel and rule with their parameters.
func (s *Synapse) AddFingerprint(f *checkpoint.Fingerprint) {
	f.String(s.Name)
	f.String(s.Pre.Name)
	f.String(s.Post.Name)
	f.Ints(s.RowPtr)
	f.Int32s(s.PostIdx)
	f.Int32s(s.D)
	f.Uint64(uint64(s.DelaySteps))
	f.Float64(s.WMin)
	f.Float64(s.WMax)
	f.Float64(s.Norm)
	f.Float64(s.sign)
	f.Ints(s.masked)
	f.Params(s.Connect)
	f.String(s.Kernel.Kind())
	f.Params(s.Kernel)
	if s.Rule != nil {
		f.String(s.Rule.Kind())
		if fp, ok := s.Rule.(checkpoint.Fingerprinter); ok {
			// A rule whose exported fields are state (an equation-defined
			// synapse model's variables) says what identifies it.
			fp.AddFingerprint(f)
		} else {
			f.Params(s.Rule)
		}
	}
}
