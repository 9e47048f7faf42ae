// Package dsl reads networks written in the network language, an HCL
// dialect, and builds the engine objects they describe.
//
// Load decodes in stages, as Terraform does: parse every file (a
// directory's .hcl files form one network), check the top-level blocks
// (duplicate names, invalid labels), evaluate variables (-var, -var-file,
// defaults) and locals (in dependency order), then each population (first
// its model, then its other attributes against a schema made from that
// model's parameters, so that a model added in Go is in the language with
// no change here), then synapses, stimuli and monitors, whose references
// to populations (population.NAME, population.NAME[KEY]) are resolved
// statically from the syntax. Connectors, kernels and stimuli come from
// the component registry (Options.Registry, component.Default() when
// nil) like models and rules: a block's attributes are decoded into the
// selected component's tagged parameters by one codec, with their ranges
// checked, so a connector or kernel added in Go needs no change here
// either. Every problem is an hcl.Diagnostic with the
// exact source range, and Load reports all of them in one pass.
// Network.Compile builds and schedules the graph, turning engine errors
// (a bad parameter value, a zero-delay cycle) into diagnostics that point
// at the offending attribute or at every synapse of the loop.
//
// WriteDiagnostics renders diagnostics compiler-style
// (file:line:col: error: summary, the source line, a caret and the
// detail); Format formats source canonically.
//
// The language is documented in docs/language.md.
package dsl
