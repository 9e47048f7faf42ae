package graph

import (
	"fmt"
	"io"
	"maps"
	"reflect"
	"slices"

	"github.com/synapticflow/synapticflow-go/checkpoint"
	"github.com/synapticflow/synapticflow-go/dist"
)

// EngineVersion names the engine's step semantics in checkpoint
// fingerprints: a change to what a step computes must change it, so
// that checkpoints of the old engine are refused.
const EngineVersion = "synapticflow-go engine 1"

// component is one section of a checkpoint: its name and the value
// saved with checkpoint.Save.
type component struct {
	name string
	v    any
}

// components lists the Sim's parts in a fixed order: the populations
// (each with its stimuli and decisions), the synapse edges, the rewards
// and the monitors.
func (s *Sim) components() []component {
	var cs []component
	for _, r := range s.pops {
		cs = append(cs, component{"population/" + r.p.Name, r.p})
		for j, st := range r.stims {
			cs = append(cs, component{fmt.Sprintf("stimulus/%s/%d", r.p.Name, j), st})
		}
		for j, d := range r.decisions {
			cs = append(cs, component{fmt.Sprintf("decision/%s/%d", r.p.Name, j), d})
		}
	}
	for _, e := range s.syns {
		cs = append(cs, component{"synapse/" + e.Name, e})
	}
	for i, r := range s.rewards {
		cs = append(cs, component{fmt.Sprintf("reward/%d", i), r})
	}
	for _, m := range s.mons {
		cs = append(cs, component{"monitor/" + m.Name(), m})
	}
	return cs
}

// Fingerprint identifies the compiled network: the engine version, dt,
// the seed and chunk sizes, every population's size, model and
// parameters, every edge's ends, topology, delays, kernel and rule with
// their parameters, and the kinds and settings of stimuli, decisions,
// rewards and monitors. The number of workers is not part of it (results
// do not depend on it). A checkpoint restores only into a Sim of the same
// fingerprint.
func (s *Sim) Fingerprint() [32]byte {
	f := checkpoint.NewFingerprint()
	f.String(EngineVersion)
	f.Float64(s.dt)
	f.Float64(s.daDecay)
	for _, r := range s.pops {
		p := r.p
		f.String("population")
		f.String(p.Name)
		f.Ints(p.Shape)
		f.Uint64(uint64(p.NumChunks()))
		f.Float64(boolf(p.IsInhibitory))
		f.Float64(boolf(p.Learning))
		f.Float64(boolf(p.SumInput))
		f.String(p.Model.Kind())
		f.Params(p.Model)
		for _, name := range sortedKeys(p.ParamDists) {
			f.String(name)
			f.Params(p.ParamDists[name])
		}
		p.AddFingerprint(f) // seed, dt, chunk size
		for _, st := range r.stims {
			f.Params(st)
		}
		for _, d := range r.decisions {
			f.Params(d)
		}
	}
	for _, e := range s.syns {
		f.String("synapse")
		e.AddFingerprint(f)
	}
	for _, r := range s.rewards {
		f.Params(r)
	}
	for _, m := range s.mons {
		f.String("monitor")
		f.String(m.Name())
		f.String(reflect.TypeOf(m).String())
		if fp, ok := m.(checkpoint.Fingerprinter); ok {
			fp.AddFingerprint(f)
		}
	}
	return f.Sum()
}

func boolf(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

func sortedKeys[V any](m map[string]V) []string { return slices.Sorted(maps.Keys(m)) }

// stateless reports whether a stimulus keeps no state between steps.
func stateless(st Stimulus) bool {
	switch st.(type) {
	case *Current, *Pulses, *Drive, *TimedCurrent, *SineCurrent, *RampCurrent:
		return true
	}
	return false
}

// Checkpoint writes the whole state of the Sim to w: the step, train
// mode, dopamine and reward, and, one section each with its checksum,
// every population (spikes, traces, the model's state variables and
// refractory counters, the state of every random stream), stimulus
// (random streams, Ornstein-Uhlenbeck currents), decision, synapse edge
// (weights, delay buffers with the spikes in flight, kernel currents,
// the learning rule's traces and eligibility), reward and monitor (the
// records so far), under the network's Fingerprint. Restore reads it
// back into a Sim compiled from the same network. A Sim stopped by a
// fault cannot be checkpointed.
func (s *Sim) Checkpoint(w io.Writer) error {
	if s.failed != nil {
		return fmt.Errorf("checkpoint: %w: %v", ErrFailed, s.failed)
	}
	for _, m := range s.mons {
		if _, ok := m.(checkpoint.State); !ok {
			// A monitor's records are what a resumed run writes out: a
			// walk of its fields could miss them.
			return fmt.Errorf("checkpoint: monitor %q (%T) does not implement checkpoint.State, so its records cannot be saved", m.Name(), m)
		}
	}
	cs := s.components()
	cw, err := checkpoint.NewWriter(w, s.Fingerprint(), 1+len(cs))
	if err != nil {
		return err
	}
	err = cw.Section("sim", func(e *checkpoint.Encoder) error {
		e.Int(s.k)
		e.Bool(s.train)
		e.Float64(s.dopamine)
		e.Float64(s.reward)
		return nil
	})
	for _, c := range cs {
		if err != nil {
			break
		}
		err = cw.Section(c.name, func(e *checkpoint.Encoder) error {
			if st, ok := c.v.(Stimulus); ok && stateless(st) {
				return nil
			}
			if err := checkpoint.Save(e, c.v); err != nil {
				return fmt.Errorf("checkpoint of %s: %w", c.name, err)
			}
			return nil
		})
	}
	if err != nil {
		return err
	}
	return cw.Close()
}

// Restore reads a checkpoint written by Checkpoint into s, which must be
// compiled from the same network (the same Fingerprint; the number of
// workers may differ). Running on continues exactly as the Sim that was
// saved would have: the same spikes, states and weights, bit for bit.
// A damaged checkpoint (errors wrapping checkpoint.ErrCorrupt name the
// section) or one of another network (checkpoint.ErrMismatch) is refused
// before anything is changed; if a section does not fit its component
// after that, the Sim refuses to run (ErrFailed) until Reset.
func (s *Sim) Restore(r io.Reader) error {
	f, err := checkpoint.Read(r)
	if err != nil {
		return err
	}
	if fp := s.Fingerprint(); fp != f.Fingerprint {
		return fmt.Errorf("%w: the checkpoint's network fingerprint is %.16s..., this network's %.16s...: the network file, its parameters, its seed or its connectivity changed (or the engine version did)",
			checkpoint.ErrMismatch, checkpoint.Hex(f.Fingerprint), checkpoint.Hex(fp))
	}
	cs := s.components()
	want := append([]string{"sim"}, names(cs)...)
	if len(f.Sections) != len(want) {
		return fmt.Errorf("%w: %d sections, the network has %d components", checkpoint.ErrMismatch, len(f.Sections), len(want))
	}
	for i, sec := range f.Sections {
		if sec.Name != want[i] {
			return fmt.Errorf("%w: section %d is %q, the network's component %d is %q", checkpoint.ErrMismatch, i, sec.Name, i, want[i])
		}
	}
	d := checkpoint.NewDecoder("sim", f.Sections[0].Data)
	k, train, da, rw := d.Int(), d.Bool(), d.Float64(), d.Float64()
	if err := d.Done(); err != nil {
		return err
	}
	if k < 0 {
		return fmt.Errorf("%w: section \"sim\": step %d", checkpoint.ErrCorrupt, k)
	}
	fail := func(err error) error {
		s.failed = fmt.Errorf("restore failed: %w", err)
		return err
	}
	for i, c := range cs {
		d := checkpoint.NewDecoder(c.name, f.Sections[i+1].Data)
		if st, ok := c.v.(Stimulus); ok && stateless(st) {
			// nothing saved
		} else if err := checkpoint.Load(d, c.v); err != nil {
			return fail(err)
		}
		if err := d.Done(); err != nil {
			return fail(err)
		}
	}
	s.k, s.train, s.dopamine, s.reward, s.failed = k, train, da, rw, nil
	return nil
}

func names(cs []component) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = c.name
	}
	return out
}

// SaveState implements checkpoint.State: the state of the stream of
// every chunk.
func (c *chunkStreams) SaveState(e *checkpoint.Encoder) error {
	e.Int(len(c.rs))
	for _, r := range c.rs {
		st, err := dist.StreamState(r)
		if err != nil {
			return err
		}
		e.Raw(st)
	}
	return nil
}

// LoadState implements checkpoint.State.
func (c *chunkStreams) LoadState(d *checkpoint.Decoder) error {
	if n := d.Int(); d.Err() == nil && n != len(c.rs) {
		return d.Fail("%d random streams in the checkpoint, %d in the network", n, len(c.rs))
	}
	for _, r := range c.rs {
		st := d.Raw()
		if d.Err() != nil {
			return d.Err()
		}
		if err := dist.SetStreamState(r, st); err != nil {
			return d.Fail("%v", err)
		}
	}
	return d.Err()
}

// SaveState implements checkpoint.State: the random streams.
func (p *PoissonInput) SaveState(e *checkpoint.Encoder) error { return p.str.SaveState(e) }

// LoadState implements checkpoint.State.
func (p *PoissonInput) LoadState(d *checkpoint.Decoder) error { return p.str.LoadState(d) }

// SaveState implements checkpoint.State: the currents and the random
// streams.
func (o *OUCurrent) SaveState(e *checkpoint.Encoder) error {
	e.Floats(o.i)
	return o.str.SaveState(e)
}

// LoadState implements checkpoint.State.
func (o *OUCurrent) LoadState(d *checkpoint.Decoder) error {
	d.FloatsExact(o.i, "the ou currents")
	if d.Err() != nil {
		return d.Err()
	}
	return o.str.LoadState(d)
}
