package encoding

import "github.com/synapticflow/synapticflow-go/checkpoint"

// SaveState implements checkpoint.State. A data population's position
// in its data set (sample, epoch, shuffled order) is a function of the
// step, which the network saves, and its random draws come from the
// population's chunk streams, which the population saves: what is left
// is the "sample" and "label" variables of the last step. The samples
// themselves are not saved (the network's fingerprint covers their
// source and parameters).
func (m *Data) SaveState(e *checkpoint.Encoder) error {
	e.Floats(m.sampleVar)
	e.Floats(m.labelVar)
	return nil
}

// LoadState implements checkpoint.State.
func (m *Data) LoadState(d *checkpoint.Decoder) error {
	d.FloatsExact(m.sampleVar, "the data population's sample variable")
	d.FloatsExact(m.labelVar, "the data population's label variable")
	return d.Err()
}

// AddFingerprint implements checkpoint.Fingerprinter: the samples as
// prepared (after filters and normalisation) and their labels, so that a
// changed data file refuses a resume.
func (m *Data) AddFingerprint(f *checkpoint.Fingerprint) {
	f.Uint64(uint64(len(m.vals)))
	for _, v := range m.vals {
		f.Floats(v)
	}
	f.Ints(m.labels)
	f.Ints(m.shape)
	f.Params(m.enc)
}
