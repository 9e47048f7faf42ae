// Package checkpoint is the file format and the codec of simulation
// checkpoints (graph.Sim.Checkpoint and Restore).
//
// # Format
//
// A checkpoint is a header (signature, format Version, the fingerprint of
// the compiled network, the number of sections, a CRC-32C of the header)
// followed by one section per component of the network ("sim",
// "population/NAME", "stimulus/POP/I", "decision/POP/I", "synapse/NAME",
// "reward/I", "monitor/NAME"), each with its name, its payload in
// length-prefixed chunks and a CRC-32C of name and payload (see Writer).
// Writer streams: a section is never held in memory whole, and large
// slices go to the file straight from their memory. Read checks every
// checksum and names the damaged section (errors wrap ErrCorrupt); graph
// refuses a checkpoint whose fingerprint is not the network's
// (ErrMismatch).
//
// # Components
//
// A component saves its state through State (SaveState and LoadState
// with an Encoder and a Decoder), or, if it does not implement State,
// Save walks its struct: every field but those tagged `param` (the
// parameters, which the fingerprint covers) and strings, through nested
// structs, arrays and slices; pointers, interfaces, maps and functions
// are skipped (Fields lists them, and a test of package graph fails when
// a registered component gains one). Load fills slices of the saved
// length in place, so that slices sharing their storage stay shared.
//
// Fingerprint hashes what identifies a network: parameters (the fields
// tagged `param`, or the exported plain fields of an untagged type),
// topology, delays, seeds and the engine version.
package checkpoint
