package monitors

import (
	"encoding/binary"

	"github.com/synapticflow/synapticflow-go/checkpoint"
)

// Checkpoints hold a monitor's records so far, whether it keeps them in
// memory or in a spool, as the records of a spool (a step and the
// values), so that a run resumed from a checkpoint writes the same files
// as a run that was never stopped, and a monitor kept in memory in one
// run may be spooled in the other. Records streamed to W are the
// writer's: a checkpoint keeps only their count, and a restored monitor
// goes on writing after them.

// saveRecords writes the records of a monitor: their size in bytes,
// their number and their bytes, from the spool or from each (which
// appends every record in memory to the buffer it is given).
func saveRecords(e *checkpoint.Encoder, sp *Spool, size int, each func(buf []byte) []byte) error {
	var recs []byte
	if sp != nil {
		if sp.size != 0 {
			size = sp.size
		}
		recs = make([]byte, 0, sp.Bytes())
		if err := sp.scan(func(rec []byte) bool {
			recs = append(recs, rec...)
			return true
		}); err != nil {
			return err
		}
	} else {
		recs = each(nil)
	}
	e.Int(size)
	e.Raw(recs)
	return nil
}

// loadRecords reads the records saveRecords wrote and hands each to the
// spool, or to add.
func loadRecords(d *checkpoint.Decoder, sp *Spool, size int, add func(rec []byte)) error {
	saved := d.Int()
	recs := d.Raw()
	if d.Err() != nil {
		return d.Err()
	}
	if len(recs) > 0 && saved != size {
		return d.Fail("records of %d bytes in the checkpoint, %d in the network's monitor", saved, size)
	}
	if size > 0 && len(recs)%size != 0 {
		return d.Fail("%d bytes of records of %d bytes", len(recs), size)
	}
	for at := 0; at+size <= len(recs) && size > 0; at += size {
		rec := recs[at : at+size]
		if sp != nil {
			if err := sp.write(rec); err != nil {
				return err
			}
			continue
		}
		add(rec)
	}
	return d.Err()
}

// SaveState implements checkpoint.State: the spike counts and every
// recorded spike.
func (m *SpikeMonitor) SaveState(e *checkpoint.Encoder) error {
	e.Ints(m.count)
	e.Int(m.total)
	return saveRecords(e, m.Spool, 12, func(b []byte) []byte {
		for j, k := range m.steps {
			b = binary.LittleEndian.AppendUint32(putStep(b, k), uint32(m.neuron[j]))
		}
		return b
	})
}

// LoadState implements checkpoint.State.
func (m *SpikeMonitor) LoadState(d *checkpoint.Decoder) error {
	m.Reset()
	n := len(m.count)
	m.count = d.Ints(m.count)
	if d.Err() == nil && len(m.count) != n {
		return d.Fail("spike monitor %q counts %d neurons, the checkpoint %d", m.name, n, len(m.count))
	}
	m.total = d.Int()
	return loadRecords(d, m.Spool, 12, func(rec []byte) {
		m.steps = append(m.steps, getStep(rec))
		m.neuron = append(m.neuron, int32(binary.LittleEndian.Uint32(rec[8:])))
	})
}

// recordSize is the size of a state monitor's spool record.
func (m *StateMonitor) recordSize() int {
	size := 8
	for _, sv := range m.vars {
		size += 8 * sv.width
	}
	return size
}

// SaveState implements checkpoint.State: the number of records made and
// every record kept.
func (m *StateMonitor) SaveState(e *checkpoint.Encoder) error {
	e.Int(m.n)
	return saveRecords(e, m.Spool, m.recordSize(), func(b []byte) []byte {
		at := make([]int, len(m.vars)) // values read of each variable
		blk := make([]int, len(m.vars))
		for _, k := range m.steps {
			b = putStep(b, k)
			for i, sv := range m.vars {
				if sv.width == 0 {
					continue
				}
				if at[i]+sv.width > len(sv.blocks[blk[i]]) {
					blk[i], at[i] = blk[i]+1, 0
				}
				for _, x := range sv.blocks[blk[i]][at[i] : at[i]+sv.width] {
					b = putFloat(b, x)
				}
				at[i] += sv.width
			}
		}
		return b
	})
}

// LoadState implements checkpoint.State.
func (m *StateMonitor) LoadState(d *checkpoint.Decoder) error {
	m.Reset()
	m.n = d.Int()
	return loadRecords(d, m.Spool, m.recordSize(), func(rec []byte) {
		m.steps = append(m.steps, getStep(rec))
		off := 8
		for _, sv := range m.vars {
			r := sv.row()
			for c := range r {
				r[c] = getFloat(rec[off+8*c:])
			}
			off += 8 * sv.width
		}
	})
}

// SaveState implements checkpoint.State: the number and sum of the
// rates recorded, and every rate kept.
func (m *RateMonitor) SaveState(e *checkpoint.Encoder) error {
	e.Int(m.n)
	e.Float64(m.sum)
	return saveRecords(e, m.Spool, 16, func(b []byte) []byte {
		for j, k := range m.steps {
			b = putFloat(putStep(b, k), m.rates[j])
		}
		return b
	})
}

// LoadState implements checkpoint.State.
func (m *RateMonitor) LoadState(d *checkpoint.Decoder) error {
	m.Reset()
	m.n = d.Int()
	m.sum = d.Float64()
	return loadRecords(d, m.Spool, 16, func(rec []byte) {
		m.steps = append(m.steps, getStep(rec))
		m.rates = append(m.rates, getFloat(rec[8:]))
	})
}

// SaveState implements checkpoint.State: every value recorded.
func (m *SignalMonitor) SaveState(e *checkpoint.Encoder) error {
	return saveRecords(e, m.Spool, 16, func(b []byte) []byte {
		for j, k := range m.steps {
			b = putFloat(putStep(b, k), m.values[j])
		}
		return b
	})
}

// LoadState implements checkpoint.State.
func (m *SignalMonitor) LoadState(d *checkpoint.Decoder) error {
	m.Reset()
	return loadRecords(d, m.Spool, 16, func(rec []byte) {
		m.steps = append(m.steps, getStep(rec))
		m.values = append(m.values, getFloat(rec[8:]))
	})
}

// AddFingerprint implements checkpoint.Fingerprinter: the recorded
// neurons.
func (m *SpikeMonitor) AddFingerprint(f *checkpoint.Fingerprint) { f.Ints(m.Indices) }

// AddFingerprint implements checkpoint.Fingerprinter: the variables, the
// recorded neurons or synapses and the period.
func (m *StateMonitor) AddFingerprint(f *checkpoint.Fingerprint) {
	for _, v := range m.Vars {
		f.String(v)
	}
	f.Ints(m.Indices)
	f.Uint64(uint64(m.every))
}

// AddFingerprint implements checkpoint.Fingerprinter: the period.
func (m *SignalMonitor) AddFingerprint(f *checkpoint.Fingerprint) { f.Uint64(uint64(m.Every)) }
