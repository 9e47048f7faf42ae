// Package paramerr defines the typed error a component (a neuron model, a
// connector, a synapse kernel, a learning rule, a monitor) returns when one
// of its parameters is invalid. It names the parameter as it is written in
// a network file and, for per-neuron parameters, the neuron, so that the
// network language can point at the exact attribute without reading the
// message text.
//
// The package imports nothing of the module, so that neurons, synapses,
// learning, encoding, monitors and graph can all use it.
package paramerr

import (
	"errors"
	"fmt"
)

// Error is a problem with one parameter of a component.
type Error struct {
	// Block is the nested block the parameter belongs to, relative to the
	// component's own block ("" for the component itself, "learning" for
	// the learning rule of a synapse). Nested blocks are joined with "/".
	Block string
	// Param is the parameter's name as written in a network file
	// ("rate", "k", "lr"); "" when the problem concerns Block as a whole.
	Param string
	// Neuron is the index of the neuron whose value is wrong, or -1.
	Neuron int
	// Err is the problem. Its message is the Error's message: it names
	// the parameter itself.
	Err error
}

// Error returns the message of Err.
func (e *Error) Error() string { return e.Err.Error() }

// Unwrap returns Err.
func (e *Error) Unwrap() error { return e.Err }

// Attr returns the parameter's path relative to the component's block:
// Param, "Block/Param", or Block when Param is "".
func (e *Error) Attr() string {
	switch {
	case e.Block == "":
		return e.Param
	case e.Param == "":
		return e.Block
	}
	return e.Block + "/" + e.Param
}

// New returns an Error for parameter param (neuron -1 for none).
func New(param string, neuron int, err error) *Error {
	return &Error{Param: param, Neuron: neuron, Err: err}
}

// Errorf returns an Error for parameter param (neuron -1 for none) with
// the message fmt.Sprintf(format, args...) (which may wrap with %w).
func Errorf(param string, neuron int, format string, args ...any) error {
	return &Error{Param: param, Neuron: neuron, Err: fmt.Errorf(format, args...)}
}

// In places err inside the nested block named block: the address of the
// parameter error err holds, if any, gets block prepended; otherwise err
// is addressed to the block as a whole. The message is err's.
func In(block string, err error) error {
	if err == nil {
		return nil
	}
	out := &Error{Block: block, Neuron: -1, Err: err}
	if pe, ok := As(err); ok {
		out.Param, out.Neuron = pe.Param, pe.Neuron
		if pe.Block != "" {
			out.Block = block + "/" + pe.Block
		}
	}
	return out
}

// As returns the first Error in err's chain.
func As(err error) (*Error, bool) {
	var pe *Error
	if errors.As(err, &pe) {
		return pe, true
	}
	return nil, false
}
