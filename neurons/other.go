package neurons

import (
	"math"
	"math/rand/v2"
	"slices"

	"github.com/synapticflow/synapticflow-go/dist"
	"github.com/synapticflow/synapticflow-go/paramerr"
)

// SRM0 is the simplified spike-response model with escape noise (Gerstner
// & Kistler 2002, as in BindsNET's SRM0Nodes):
//
//	v <- rest_pot + (v - rest_pot)*exp(-dt/tau_m) + eps_0*R*x
//	rho = rho_0 * exp((v - threshold)/d_thresh)        (1/ms)
//	P(spike in this step) = 1 - exp(-rho*dt)
//
// The seed divided by the (negative) threshold instead of d_thresh, which
// inverted the escape noise, and let refractory neurons spike; here
// refractory neurons hold v at reset_pot and cannot spike. Spikes are drawn
// from the chunk's seeded stream. Defaults are the seed's: tau_m 10 ms (the
// seed's tau_decay), eps_0 1, rho_0 1/ms, d_thresh 5 mV, threshold -52,
// rest_pot = reset_pot = -62 mV, R 20.
type SRM0 struct {
	Membrane
	Trace
	Eps0    Param `param:"eps_0" doc:"scale of the input kernel"`
	Rho0    Param `param:"rho_0" unit:"1/ms" doc:"escape rate at threshold"`
	DThresh Param `param:"d_thresh" unit:"mV" doc:"width of the escape-noise soft threshold"`

	dec, gain, rho0, dth []float64
	dt                   float64
}

// NewSRM0 returns an SRM0 model with the seed's defaults.
func NewSRM0() *SRM0 {
	return &SRM0{Membrane: membrane(-52, -62, -62, 10, 20), Trace: defaultTrace(10), Eps0: Param{1}, Rho0: Param{1}, DThresh: Param{5}}
}

// Kind returns "srm0".
func (m *SRM0) Kind() string { return "srm0" }

// Init implements Model.
func (m *SRM0) Init(n int, dt float64, r *rand.Rand) error {
	var e errs
	tau := m.initFrom(n, dt, r, m.RestPot, "rest_pot", &e)
	eps := e.expand(m.Eps0, "eps_0", n)
	m.rho0 = e.nonNegative(m.Rho0, "rho_0", n)
	m.dth = e.positive(m.DThresh, "d_thresh", n)
	if e.err != nil {
		return e.err
	}
	m.dt = dt
	m.dec, m.gain = make([]float64, n), make([]float64, n)
	for i := range tau {
		m.dec[i] = math.Exp(-dt / tau[i])
		m.gain[i] = eps[i] * m.r[i]
	}
	return nil
}

// Step implements Model.
func (m *SRM0) Step(c Chunk, x []float64, s []bool) {
	for i := c.Lo; i < c.Hi; i++ {
		if m.refractory(i) {
			s[i] = false
			continue
		}
		v := m.rest[i] + (m.V[i]-m.rest[i])*m.dec[i] + m.gain[i]*x[i]
		if m.dvJump != nil {
			v += m.dvJump[i]
		}
		rho := m.rho0[i] * math.Exp((v-m.th[i])/m.dth[i])
		spiked := c.Rand.Float64() < -math.Expm1(-rho*m.dt)
		if spiked {
			v = m.reset[i]
			m.Refrac[i] = m.refSteps[i]
		}
		if m.lb != nil && v < m.lb[i] {
			v = m.lb[i]
		}
		m.V[i], s[i] = v, spiked
	}
}

// Vars implements Model.
func (m *SRM0) Vars() []string { return membraneVars }

// Izhikevich is the simple model of Izhikevich (2003):
//
//	dv/dt = 0.04*v^2 + 5*v + 140 - u + R*x
//	du/dt = a*(b*v - u)
//	if v >= threshold (30 mV): v <- c, u <- u + d
//
// Not in the seed (its "Izhikevich" class was AQLIF). Defaults are the
// paper's regular-spiking cell: a 0.02, b 0.2, c -65, d 8, threshold 30,
// R 1, no refractory period, v starting at c and u at b*v.
type Izhikevich struct {
	Trace
	A            Param     `param:"a" unit:"1/ms" doc:"recovery time scale"`
	B            Param     `param:"b" doc:"sensitivity of u to v"`
	C            Param     `param:"c" unit:"mV" doc:"reset potential"`
	D            Param     `param:"d" unit:"mV/ms" doc:"spike-triggered increment of u"`
	Threshold    Param     `param:"threshold" unit:"mV" doc:"spike peak: a neuron spikes when v >= threshold"`
	R            Param     `param:"R" doc:"input gain: the input x enters as R*x"`
	RefracLength Param     `param:"refrac_length" unit:"ms" doc:"refractory period (v held at c)"`
	VInit        dist.Dist `param:"v_init" unit:"mV" doc:"initial membrane potential; unset for c"`

	// V is the membrane potential, "v"; U the recovery variable, "u".
	V, U   []float64
	Refrac []float64

	a, b, c, d, th, r, ref []float64
	dt                     float64
	dvJump                 []float64
}

// SetJumps implements Jumper: dv[i] (mV) is added to v after the step's
// integration, before the threshold test.
func (m *Izhikevich) SetJumps(dv []float64) { m.dvJump = dv }

// NewIzhikevich returns a regular-spiking Izhikevich model.
func NewIzhikevich() *Izhikevich {
	return &Izhikevich{
		Trace: defaultTrace(10),
		A:     Param{0.02}, B: Param{0.2}, C: Param{-65}, D: Param{8},
		Threshold: Param{30}, R: Param{1}, RefracLength: Param{0},
	}
}

// Kind returns "izhikevich".
func (m *Izhikevich) Kind() string { return "izhikevich" }

// Init implements Model.
func (m *Izhikevich) Init(n int, dt float64, r *rand.Rand) error {
	var e errs
	m.a = e.expand(m.A, "a", n)
	m.b = e.expand(m.B, "b", n)
	m.c = e.expand(m.C, "c", n)
	m.d = e.expand(m.D, "d", n)
	m.th = e.expand(m.Threshold, "threshold", n)
	m.r = e.expand(m.R, "R", n)
	ref := e.nonNegative(m.RefracLength, "refrac_length", n)
	if e.err != nil {
		return e.err
	}
	m.V = initState(m.VInit, "v_init", n, r, m.c, &e)
	m.U, m.Refrac, m.ref = make([]float64, n), make([]float64, n), make([]float64, n)
	for i := range m.U {
		m.U[i] = m.b[i] * m.V[i]
		m.ref[i] = math.Round(ref[i] / dt)
	}
	m.dt = dt
	return e.err
}

// Step implements Model.
func (m *Izhikevich) Step(c Chunk, x []float64, s []bool) {
	dt := m.dt
	for i := c.Lo; i < c.Hi; i++ {
		v, u := m.V[i], m.U[i]
		m.U[i] = u + dt*m.a[i]*(m.b[i]*v-u)
		if m.Refrac[i] > 0 {
			m.Refrac[i]--
			s[i] = false
			continue
		}
		v += dt * (0.04*v*v + 5*v + 140 - u + m.r[i]*x[i])
		if m.dvJump != nil {
			v += m.dvJump[i]
		}
		if s[i] = v >= m.th[i]; s[i] {
			v = m.c[i]
			m.U[i] += m.d[i]
			m.Refrac[i] = m.ref[i]
		}
		m.V[i] = v
	}
}

// Vars implements Model.
func (m *Izhikevich) Vars() []string { return []string{"v", "u", "refrac_count"} }

// Var implements Model.
func (m *Izhikevich) Var(name string) []float64 {
	switch name {
	case "v":
		return m.V
	case "u":
		return m.U
	case "refrac_count":
		return m.Refrac
	}
	return nil
}

// inputTrace is the trace setting of the seed's InputPopulation: additive,
// tau_s 10 ms.
func inputTrace() Trace {
	return Trace{SpikeTrace: true, AdditiveSpikeTrace: true, TauS: Param{10}, TraceScale: Param{1}}
}

// Input is a population whose spikes are given from outside: neuron i
// spikes in a step exactly when its input x[i] is non-zero (the seed's
// InputPopulation, s = x). Drive it with a stimulus, or with synapses.
// Its trace is additive with tau_s 10 ms, as in the seed.
type Input struct {
	Trace
}

// NewInput returns an Input model.
func NewInput() *Input { return &Input{Trace: inputTrace()} }

// Kind returns "input".
func (m *Input) Kind() string { return "input" }

// Init implements Model.
func (m *Input) Init(int, float64, *rand.Rand) error { return nil }

// Step implements Model.
func (m *Input) Step(c Chunk, x []float64, s []bool) {
	for i := c.Lo; i < c.Hi; i++ {
		s[i] = x[i] != 0
	}
}

// Vars implements Model.
func (m *Input) Vars() []string { return nil }

// Var implements Model.
func (m *Input) Var(string) []float64 { return nil }

// Poisson is a population of independent Poisson spike sources: neuron i
// spikes in each step with probability rate_i*dt/1000 (rate in Hz, dt in
// ms), drawn from the chunk's seeded stream (one number per neuron per
// step, whatever the rate). The input x is ignored.
//
// The rate may follow a schedule: RateSchedule lists [time_ms, rate_Hz]
// entries, or [time_ms, rate_Hz_0, rate_Hz_1, ...] with one rate per
// neuron. From step round(time/dt) on, until the next entry, the neurons
// fire at the entry's rate; before the first entry they fire at Rate. For
// example, 40 Hz during [0, 100) ms and silence during [100, 150) ms,
// three times over:
//
//	RateSchedule: [][]float64{{0, 40}, {100, 0}, {150, 40}, {250, 0}, {300, 40}, {400, 0}}
type Poisson struct {
	Trace
	Rate Param `param:"rate" unit:"Hz" doc:"firing rate, one value or one per neuron (before the first rate_schedule time)"`
	// RateSchedule is a list of entries [time_ms, rate_Hz] or
	// [time_ms, rate_Hz_0, ..., rate_Hz_n-1]: from time (rounded to a
	// whole step) on, the neurons fire at the entry's rate, one value for
	// all or one per neuron. Times are >= 0 and strictly increasing, in
	// distinct steps; nil means a constant Rate.
	RateSchedule [][]float64 `param:"rate_schedule" unit:"ms, Hz" doc:"list of [time_ms, rate_Hz] or [time_ms, rate_Hz per neuron...]: from each time on (rounded to a step; times increasing) the neurons fire at that rate, before the first at rate"`

	// RateTimed, if set, gives the rate per time bin instead (Brian2's
	// PoissonGroup with rates from a TimedArray): bin b holds the rates
	// from b*Dt to (b+1)*Dt ms, step k takes bin floor(k*dt/Dt), and after
	// the last bin the last rates hold.
	RateTimed *RateTimed `param:"rate_timed" doc:"rates per time bin: {dt, values} (one rate per bin, or one row per bin with one rate per neuron)"`
	// RateSine, if set, modulates Rate sinusoidally: the rate in step k is
	// rate + amplitude*sin(2*pi*frequency*k*dt/1000 + phase).
	RateSine *RateSine `param:"rate_sine" doc:"sinusoidal modulation of rate: {amplitude, frequency, phase}"`

	p     []float64   // spike probability per step before the schedule, per neuron
	from  []int       // first step of each schedule entry, increasing
	sched [][]float64 // spike probability per step of each entry: one value, or one per neuron
	// timed is the spike probability per step of each RateTimed bin
	// (nil without); binW its width in steps (float).
	timed [][]float64
	binW  float64
	// sine: the amplitude's probability per step and the phase advance
	// per step.
	sineQ, sineW, sinePhi float64
}

// RateTimed is a Poisson population's rate per time bin.
type RateTimed struct {
	Dt     float64     `param:"dt" unit:"ms" gt:"0" required:"true" doc:"width of a time bin"`
	Values [][]float64 `param:"values" unit:"Hz" required:"true" doc:"one rate per bin (shared), or one row per bin with one rate per neuron; load(path) gives the rows"`
}

// RateSine is a sinusoidal modulation of a Poisson population's rate.
type RateSine struct {
	Amplitude float64 `param:"amplitude" unit:"Hz" min:"0" required:"true" doc:"amplitude of the modulation (at most rate: rates stay >= 0)"`
	Frequency float64 `param:"frequency" unit:"Hz" min:"0" required:"true" doc:"frequency of the modulation"`
	Phase     float64 `param:"phase" unit:"rad" doc:"phase at t = 0"`
}

// NewPoisson returns a Poisson model with the given rate in Hz.
func NewPoisson(rate float64) *Poisson { return &Poisson{Trace: inputTrace(), Rate: Param{rate}} }

// Kind returns "poisson".
func (m *Poisson) Kind() string { return "poisson" }

// Init implements Model.
func (m *Poisson) Init(n int, dt float64, _ *rand.Rand) error {
	rate, err := m.Rate.nonNegative("rate", n)
	if err != nil {
		return err
	}
	m.p = make([]float64, n)
	for i, r := range rate {
		m.p[i] = r * dt / 1000
		if m.p[i] > 1 {
			return paramerr.Errorf("rate", i, "rate %g Hz of neuron %d exceeds one spike per step of %g ms", r, i, dt)
		}
	}
	var given []string
	for name, set := range map[string]bool{"rate_schedule": m.RateSchedule != nil, "rate_timed": m.RateTimed != nil, "rate_sine": m.RateSine != nil} {
		if set {
			given = append(given, name)
		}
	}
	if len(given) > 1 {
		slices.Sort(given)
		return paramerr.Errorf(given[1], -1, "%s and %s: give at most one of rate_schedule, rate_timed and rate_sine", given[0], given[1])
	}
	if err := m.initTimed(n, dt); err != nil {
		return err
	}
	if err := m.initSine(rate, dt); err != nil {
		return err
	}
	m.from, m.sched = make([]int, len(m.RateSchedule)), make([][]float64, len(m.RateSchedule))
	for j, e := range m.RateSchedule {
		if len(e) != 2 && len(e) != n+1 {
			return paramerr.Errorf("rate_schedule", -1, "rate_schedule entry %d has %d rates for %d neurons: want [time_ms, rate_Hz] or [time_ms, one rate per neuron]", j, max(len(e)-1, 0), n)
		}
		t := e[0]
		if !(t >= 0) || math.IsInf(t, 0) {
			return paramerr.Errorf("rate_schedule", -1, "rate_schedule entry %d: time %g ms, want a finite time >= 0", j, t)
		}
		m.from[j] = int(math.Round(t / dt))
		if j > 0 && m.from[j] <= m.from[j-1] {
			prev := m.RateSchedule[j-1][0]
			if t <= prev {
				return paramerr.Errorf("rate_schedule", -1, "rate_schedule entry %d: time %g ms does not follow %g ms of entry %d: times must increase", j, t, prev, j-1)
			}
			return paramerr.Errorf("rate_schedule", -1, "rate_schedule entries %d and %d: times %g and %g ms fall in the same step of %g ms", j-1, j, prev, t, dt)
		}
		m.sched[j] = make([]float64, len(e)-1)
		for i, r := range e[1:] {
			if !(r >= 0) || math.IsInf(r, 0) {
				return paramerr.Errorf("rate_schedule", i, "rate_schedule entry %d (%g ms): rate %g Hz of neuron %d, want a finite rate >= 0", j, t, r, i)
			}
			m.sched[j][i] = r * dt / 1000
			if m.sched[j][i] > 1 {
				return paramerr.Errorf("rate_schedule", i, "rate_schedule entry %d (%g ms): rate %g Hz of neuron %d exceeds one spike per step of %g ms", j, t, r, i, dt)
			}
		}
	}
	return nil
}

// initTimed checks RateTimed and converts its rates to probabilities.
func (m *Poisson) initTimed(n int, dt float64) error {
	m.timed = nil
	t := m.RateTimed
	if t == nil {
		return nil
	}
	if !(t.Dt > 0) || math.IsInf(t.Dt, 0) {
		return paramerr.Errorf("rate_timed", -1, "rate_timed: dt = %g ms, want a positive bin width", t.Dt)
	}
	if len(t.Values) == 0 {
		return paramerr.Errorf("rate_timed", -1, "rate_timed: values has no time bins")
	}
	m.binW = t.Dt / dt
	m.timed = make([][]float64, len(t.Values))
	for b, row := range t.Values {
		if len(row) != 1 && len(row) != n || len(row) != len(t.Values[0]) {
			return paramerr.Errorf("rate_timed", -1, "rate_timed: bin %d has %d rates for %d neurons: give one rate per bin, or one per neuron in every bin", b, len(row), n)
		}
		m.timed[b] = make([]float64, len(row))
		for i, r := range row {
			if !(r >= 0) || math.IsInf(r, 0) {
				return paramerr.Errorf("rate_timed", -1, "rate_timed: rate %g Hz in bin %d, want a finite rate >= 0", r, b)
			}
			if m.timed[b][i] = r * dt / 1000; m.timed[b][i] > 1 {
				return paramerr.Errorf("rate_timed", -1, "rate_timed: rate %g Hz in bin %d exceeds one spike per step of %g ms", r, b, dt)
			}
		}
	}
	return nil
}

// initSine checks RateSine against the rates it modulates.
func (m *Poisson) initSine(rate []float64, dt float64) error {
	m.sineQ = 0
	q := m.RateSine
	if q == nil {
		return nil
	}
	for _, v := range []float64{q.Amplitude, q.Frequency, q.Phase} {
		if math.IsNaN(v) || math.IsInf(v, 0) || q.Amplitude < 0 || q.Frequency < 0 {
			return paramerr.Errorf("rate_sine", -1, "rate_sine: amplitude %g Hz, frequency %g Hz, phase %g: want finite values, amplitude and frequency >= 0", q.Amplitude, q.Frequency, q.Phase)
		}
	}
	for i, r := range rate {
		if q.Amplitude > r {
			return paramerr.Errorf("rate_sine", -1, "rate_sine: amplitude %g Hz exceeds the rate %g Hz of neuron %d: the rate would become negative", q.Amplitude, r, i)
		}
		if (r+q.Amplitude)*dt/1000 > 1 {
			return paramerr.Errorf("rate_sine", -1, "rate_sine: peak rate %g Hz of neuron %d exceeds one spike per step of %g ms", r+q.Amplitude, i, dt)
		}
	}
	m.sineQ, m.sineW, m.sinePhi = q.Amplitude*dt/1000, 2*math.Pi*q.Frequency*dt/1000, q.Phase
	return nil
}

// Step implements Model. The rate in force is found by binary search on
// the step number, so chunks share no cursor and a step costs
// O(log entries) plus one draw per neuron.
func (m *Poisson) Step(c Chunk, _ []float64, s []bool) {
	if m.timed != nil {
		b := min(int(math.Floor(float64(c.Step)/m.binW*(1+1e-12))), len(m.timed)-1)
		m.draw(c, m.timed[b], 0, s)
		return
	}
	if m.RateSine != nil {
		m.draw(c, m.p, m.sineQ*math.Sin(m.sineW*float64(c.Step)+m.sinePhi), s)
		return
	}
	p := m.p
	// j is the last entry that starts at or before this step.
	j, found := slices.BinarySearch(m.from, c.Step)
	if !found {
		j--
	}
	if j >= 0 {
		p = m.sched[j]
	}
	if len(p) == 1 {
		q := p[0]
		for i := c.Lo; i < c.Hi; i++ {
			s[i] = c.Rand.Float64() < q
		}
		return
	}
	for i := c.Lo; i < c.Hi; i++ {
		s[i] = c.Rand.Float64() < p[i]
	}
}

// draw spikes neuron i of c with probability p[i] + dq (p of one value:
// p[0] + dq for all).
func (m *Poisson) draw(c Chunk, p []float64, dq float64, s []bool) {
	if len(p) == 1 {
		q := p[0] + dq
		for i := c.Lo; i < c.Hi; i++ {
			s[i] = c.Rand.Float64() < q
		}
		return
	}
	for i := c.Lo; i < c.Hi; i++ {
		s[i] = c.Rand.Float64() < p[i]+dq
	}
}

// IgnoresInput returns true: the spikes follow the rates, not the input.
func (m *Poisson) IgnoresInput() bool { return true }

// Vars implements Model.
func (m *Poisson) Vars() []string { return nil }

// Var implements Model.
func (m *Poisson) Var(string) []float64 { return nil }

// SpikeGenerator emits spikes at given times: Times[i] lists neuron i's
// spike times in ms. A time t falls in step round(t/dt); several times in
// one step give one spike. The input x is ignored.
type SpikeGenerator struct {
	Trace
	Times [][]float64 `param:"spike_times" unit:"ms" doc:"spike times, one list per neuron"`

	steps [][]int
	next  []int
}

// NewSpikeGenerator returns a generator of the given spike times (ms).
func NewSpikeGenerator(times [][]float64) *SpikeGenerator {
	return &SpikeGenerator{Trace: inputTrace(), Times: times}
}

// Kind returns "spike_generator".
func (m *SpikeGenerator) Kind() string { return "spike_generator" }

// Init implements Model.
func (m *SpikeGenerator) Init(n int, dt float64, _ *rand.Rand) error {
	if len(m.Times) > n {
		return paramerr.Errorf("spike_times", -1, "parameter spike_times has %d lists for %d neurons", len(m.Times), n)
	}
	m.steps, m.next = make([][]int, n), make([]int, n)
	for i, ts := range m.Times {
		for _, t := range ts {
			if !(t >= 0) || math.IsInf(t, 0) {
				return paramerr.Errorf("spike_times", i, "spike time %g ms of neuron %d: want a finite time >= 0", t, i)
			}
			m.steps[i] = append(m.steps[i], int(math.Round(t/dt)))
		}
		slices.Sort(m.steps[i])
		m.steps[i] = slices.Compact(m.steps[i])
	}
	return nil
}

// Step implements Model.
func (m *SpikeGenerator) Step(c Chunk, _ []float64, s []bool) {
	for i := c.Lo; i < c.Hi; i++ {
		st, j := m.steps[i], m.next[i]
		for j < len(st) && st[j] < c.Step {
			j++
		}
		s[i] = j < len(st) && st[j] == c.Step
		if s[i] {
			j++
		}
		m.next[i] = j
	}
}

// IgnoresInput returns true: the spikes follow the spike times, not the
// input.
func (m *SpikeGenerator) IgnoresInput() bool { return true }

// Vars implements Model.
func (m *SpikeGenerator) Vars() []string { return nil }

// Var implements Model.
func (m *SpikeGenerator) Var(string) []float64 { return nil }
