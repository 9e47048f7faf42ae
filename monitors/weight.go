package monitors

import (
	"gonum.org/v1/gonum/mat"

	"github.com/synapticflow/synapticflow-go/synapses"
)

// NewWeightMonitor returns a monitor named name that records the weights
// of edge e every every steps (0 for every step): a StateMonitor of the
// edge's variable "w". indices selects synapses by their position in CSR
// order (e.W); nil records every weight. Get("w") returns the records, one
// row per record; Matrix gives a weight matrix by neuron pairs instead.
func NewWeightMonitor(name string, e *synapses.Synapse, every int, indices []int) *StateMonitor {
	return &StateMonitor{name: name, Edge: e, Vars: []string{"w"}, Every: every, Indices: indices}
}

// Matrix returns a snapshot of the weights of the initialised edge e as a
// NumPre x NumPost matrix: element (i, j) is the weight from source neuron
// i to target neuron j, zero where there is no synapse (parallel synapses
// add). The matrix is a copy.
func Matrix(e *synapses.Synapse) *mat.Dense {
	return mat.NewDense(e.NumPre(), e.NumPost(), e.Dense())
}
