package encoding

import "github.com/synapticflow/synapticflow-go/neurons"

// Register adds the data model (kind "data") to r, so that networks may
// use it by name. The network language and netrun call it on their default
// registry; a program with its own registry calls it too.
func Register(r *neurons.Registry) error {
	return r.Register(func() neurons.Model { return NewData() })
}
