package synapses

import "fmt"

// EdgeValue is the value of an edge's weight or delay attribute, offered
// to a connector that implements ValueTaker before the edge uses it.
type EdgeValue struct {
	// Attr is "weight" or "delay".
	Attr string
	// Shape is nil for a single number, [n] for a list of n numbers, or
	// the array's shape for a value read from a file.
	Shape []int
	// Data holds the numbers in row-major order.
	Data []float64
	// File is the file the value was read from ("" for a literal).
	File string
}

// ValueTaker is implemented by connectors that take an edge's weight or
// delay attribute themselves, in some forms: List takes lists (one value
// per synapse), Pool2D a number (the pooling weight), Conv2D a 4-D array
// read from a .npy file (the initial kernels). TakeValue reports whether
// it took v (the edge then ignores the attribute), or why v is invalid.
type ValueTaker interface {
	TakeValue(v EdgeValue) (bool, error)
}

// TakeValue takes lists of weights or delays, one per synapse.
func (l *List) TakeValue(v EdgeValue) (bool, error) {
	if v.File != "" || v.Shape == nil {
		return false, nil
	}
	if v.Attr == "weight" {
		l.Weight = v.Data
	} else {
		l.Delay = v.Data
	}
	return true, nil
}

// TakeValue takes a number as the pooling weight.
func (p *Pool2D) TakeValue(v EdgeValue) (bool, error) {
	if v.Attr != "weight" || v.File != "" || v.Shape != nil {
		return false, nil
	}
	if w := v.Data[0]; !(w > 0) {
		return true, fmt.Errorf("a pooling weight must be positive, not %g", w)
	}
	p.Weight = v.Data[0]
	return true, nil
}

// TakeValue takes a 4-D array read from a file as the initial kernels
// (kernel_size, kernel_size, c_in, c_out).
func (c *Conv2D) TakeValue(v EdgeValue) (bool, error) {
	if v.Attr != "weight" || v.File == "" || len(v.Shape) != 4 {
		return false, nil
	}
	c.Kernels = v.Data
	return true, nil
}

// asList returns c as a List, whether it is a List or a *List.
func asList(c Connector) (List, bool) {
	switch l := c.(type) {
	case List:
		return l, true
	case *List:
		return *l, l != nil
	}
	return List{}, false
}
