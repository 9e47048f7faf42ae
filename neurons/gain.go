package neurons

// InputGainer is implemented by the models whose membrane potential v
// advances, in one step, by g[i]*x[i] plus terms that do not depend on the
// input x (the step contract's integration, step 2): InputGain returns g,
// one value per neuron, set by Init for the network's dt. A synapse kernel
// that must move v by exactly w in its arrival step (synapses.Delta, the
// default "delta" kernel, as NEST's iaf_psc_delta and Brian2's
// on_pre='v += w') delivers the one-step input w/g[i]: the jump then lands
// after the integration of the step and before the threshold check
// (step 3), and a refractory neuron, which does not integrate v, ignores it
// (NEST's default). That input is part of x, so sum_input counts it and
// monitors of x see it. g is
//
//	if, lif, blif (euler)     R*dt/tau_m
//	lif, blif (exact)         R*(1 - exp(-dt/tau_m))
//	alif, elif, aelif, qlif,
//	aqlif                     R*dt/tau_m
//	srm0                      eps_0*R
//	izhikevich                R*dt
//
// CLIF (its input enters the synaptic current i, not v) and the sources
// Input, Poisson and SpikeGenerator have no input gain.
type InputGainer interface {
	InputGain() []float64
}

// InputGain implements InputGainer.
func (m *LIF) InputGain() []float64 { return m.c2 }

// InputGain implements InputGainer.
func (m *IF) InputGain() []float64 { return m.c2 }

// InputGain implements InputGainer.
func (m *ALIF) InputGain() []float64 { return mulGain(m.a, m.r) }

// InputGain implements InputGainer.
func (m *ELIF) InputGain() []float64 { return mulGain(m.a, m.r) }

// InputGain implements InputGainer.
func (m *AELIF) InputGain() []float64 { return mulGain(m.a, m.r) }

// InputGain implements InputGainer.
func (m *QLIF) InputGain() []float64 { return mulGain(m.a, m.r) }

// InputGain implements InputGainer.
func (m *AQLIF) InputGain() []float64 { return mulGain(m.a, m.r) }

// InputGain implements InputGainer.
func (m *SRM0) InputGain() []float64 { return m.gain }

// InputGain implements InputGainer.
func (m *Izhikevich) InputGain() []float64 {
	g := make([]float64, len(m.r))
	for i, r := range m.r {
		g[i] = m.dt * r
	}
	return g
}

// mulGain returns a[i]*r[i].
func mulGain(a, r []float64) []float64 {
	g := make([]float64, len(a))
	for i := range g {
		g[i] = a[i] * r[i]
	}
	return g
}
