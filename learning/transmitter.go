package learning

// Transmitter is a rule that is also its synapse's transmission, as a
// synapse model written as equations is (its on_pre statements move the
// target's variables, ge_post += w). The network calls Update in train
// mode while the target population learns, as for every rule, and
// Transmit, the same step without any change to the weights, in every
// other step (eval mode, or the target's learning off), so that spikes
// are still transmitted. Transmitters may write the variables of the
// neurons they connect, so the network runs them one after another, in
// the order of the edges, never in parallel.
type Transmitter interface {
	Rule
	// Transmit runs step c without changing the weights.
	Transmit(e Edge, c *Context)
}
