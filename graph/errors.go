package graph

import (
	"errors"
	"strings"

	"github.com/synapticflow/synapticflow-go/paramerr"
)

// Error is one problem found while compiling a network, naming the node
// (population, synapse, stimulus, monitor or network) it concerns.
type Error struct {
	// Kind is "population", "synapse", "stimulus", "monitor" or "network".
	Kind string
	// Name is the node's name (empty for the network).
	Name string
	// Nodes lists further nodes involved, e.g. every synapse of a
	// zero-delay loop.
	Nodes []string
	// Attr is the parameter the problem concerns, as written in a network
	// file, when the component reported one (a *paramerr.Error in Err's
	// chain): "rate", "k", or "learning/lr" for a parameter of a nested
	// block (see paramerr.Error.Attr). "" for the node as a whole.
	Attr string
	// Neuron is the index of the neuron the problem concerns, or -1.
	Neuron int
	// Index is, for a node without a name (a stimulus, decision or
	// reward), its position among the network's nodes of its kind in the
	// order they were added; -1 for a named node.
	Index int
	// Err is the problem.
	Err error
}

func (e *Error) Error() string {
	msg := e.Err.Error()
	if e.Kind == "network" {
		return "network: " + msg
	}
	prefix := e.Kind + " " + quote(e.Name)
	if strings.HasPrefix(msg, prefix) {
		return msg
	}
	return prefix + ": " + msg
}

// Unwrap returns the underlying error.
func (e *Error) Unwrap() error { return e.Err }

func quote(s string) string { return "\"" + s + "\"" }

// Errors is every problem found while compiling a network.
type Errors []*Error

func (es Errors) Error() string {
	msgs := make([]string, len(es))
	for i, e := range es {
		msgs[i] = e.Error()
	}
	return strings.Join(msgs, "\n")
}

// Unwrap returns the errors, for errors.Is and errors.As.
func (es Errors) Unwrap() []error {
	out := make([]error, len(es))
	for i, e := range es {
		out[i] = e
	}
	return out
}

func (es *Errors) add(kind, name string, err error) {
	*es = append(*es, newError(kind, name, -1, err))
}

// addAt adds an error of the unnamed node index of its kind.
func (es *Errors) addAt(kind, name string, index int, err error) {
	*es = append(*es, newError(kind, name, index, err))
}

// newError makes an Error, taking its address (Attr, Neuron) from the
// first *paramerr.Error in err's chain.
func newError(kind, name string, index int, err error) *Error {
	e := &Error{Kind: kind, Name: name, Neuron: -1, Index: index, Err: err}
	if pe, ok := paramerr.As(err); ok {
		e.Attr, e.Neuron = pe.Attr(), pe.Neuron
	}
	return e
}

func (es Errors) err() error {
	if len(es) == 0 {
		return nil
	}
	return es
}

// ErrFailed is returned by a Sim that stopped on a fault until it is Reset.
var ErrFailed = errors.New("simulation stopped on an earlier fault; call Reset")
