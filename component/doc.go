// Package component is the registry of everything a network file names:
// neuron models, learning rules, connectors, synapse kernels, encoders,
// stimuli and monitors. Each is one Go type whose parameters are tagged
// struct fields, registered by (kind, name) in one Registry type shared
// by every kind. The network language (package dsl) decodes a block's
// attributes into these fields, netrun models lists them, and netrun
// graph labels edges with them, so adding a kernel or a connector is one
// file plus one registry line, with no change to dsl or cli.
//
// # Parameters
//
// A parameter is an exported field tagged `param:"name"`, with optional
// tags unit, doc, min and max (inclusive bounds), gt and lt (exclusive
// bounds), enum ("a|b", the allowed strings) and required:"true"; the
// default is the value the component's constructor leaves in the field.
// Describe lists them (Param), with their language Type; it refuses
// fields of a Go type the language cannot set, so every listed parameter
// can be set, and Param.Set checks the bounds and allowed values. The
// field types are float32/float64 (and *float64, unset by default), every
// int and uint kind, bool, string kinds (neurons.Method included),
// neurons.Param and []float64, []int, []string, dist.Dist, [][]float64,
// and slices of structs whose fields are tagged parameters (a list of
// objects, such as the steps of a stimulus).
//
// # Kinds
//
//   - Neuron: a neurons.Model (population { model = NAME }); its
//     parameters may not be named like a population attribute (Reserved).
//   - Rule: a learning.Rule (learning NAME { ... } in a synapse block).
//   - Connector: a synapses.Connector (connect = NAME, or
//     connect NAME { ... }); it may implement synapses.ValueTaker to take
//     the edge's weight or delay attribute in some forms.
//   - Kernel: a synapses.Kernel (kernel = NAME, or kernel NAME { ... }).
//   - Encoder: an encoding.Encoder of the data model (encoder = NAME, or
//     encoder NAME { ... }, in a population with model = "data"); its
//     parameters may not be named like an attribute of a data population.
//   - Stimulus: a StimulusBuilder (a stimulus block giving its required
//     parameters).
//   - Monitor: what a monitor block records, for listings and the block's
//     schema (package dsl builds the monitors).
//
// The blocks that hold stimuli and monitors accept the union of their
// kinds' parameters: a new attribute of monitor blocks is a tagged field
// of the monitor kinds it concerns (package dsl then reads it), and a new
// stimulus kind is one StimulusBuilder with its required parameters,
// registered with Add.
//
// A component may implement Validator to check its parameters as a whole
// once decoded; a ParamError names the parameter at fault.
//
// # Registries
//
// Default returns the built-ins with the data model of package encoding;
// dsl.Load and netrun use it when given none, and a custom build starts
// from it and adds its own with RegisterModel, RegisterRule,
// RegisterConnector, RegisterKernel, RegisterEncoder or Add. Neuron models and learning
// rules live in a neurons.Registry and a learning.Registry inside the
// Registry (Models, Rules), so code written against those keeps working.
package component
