package learning

import (
	"github.com/synapticflow/synapticflow-go/paramerr"
	"math"
)

// Base holds the settings every built-in rule shares: learning rates,
// weight bounds, weight decay, normalisation and the rule's learning
// switch. Embed it in a rule (your own too): call Setup from Init, change
// weights with Change, read the rates with Rates, and call Finish at the
// end of Update.
type Base struct {
	// LR are the learning rates [ltd, ltp] in the seed's order: LR[0]
	// scales depression, LR[1] potentiation. One value sets both.
	LR []float64 `param:"lr" doc:"learning rates [ltd, ltp] (the seed's order); one value sets both"`
	// Bound is "hard" (clip to [w_min, w_max], default) or "soft"
	// (multiplicative: potentiation scaled by (w_max - w)/(w_max - w_min),
	// depression by (w - w_min)/(w_max - w_min)).
	Bound string `param:"bound" doc:"\"hard\" (clip) or \"soft\" (weight-dependent, multiplicative)"`
	// WMin and WMax override the edge's weight bounds (nil: the edge's).
	WMin []float64 `param:"w_min" doc:"lower weight bound; unset for the synapse's w_min"`
	WMax []float64 `param:"w_max" doc:"upper weight bound; unset for the synapse's w_max"`
	// WeightDecay is a decay rate per ms: every weight decays as
	// w <- w*exp(-weight_decay*dt), the same per ms for any dt.
	WeightDecay float64 `param:"weight_decay" unit:"1/ms" doc:"weight decay rate: w decays as exp(-weight_decay*t)"`
	// Norm and NormEvery: every NormEvery ms, scale the weights so that
	// the weights into each target neuron sum to Norm (0: never).
	Norm      float64 `param:"norm" doc:"sum of each target neuron's incoming weights after normalisation"`
	NormEvery float64 `param:"norm_every" unit:"ms" doc:"normalise the weights every norm_every ms (0: never)"`
	// Learning switches the rule on (default) or off.
	Learning bool `param:"learning" doc:"the rule's own learning switch"`

	ltd, ltp   float64
	wmin, wmax float64
	soft       bool
	decay      float64
	normSteps  int
	dt         float64
}

// DefaultBase returns the defaults: learning rates [0, 0] (set them),
// hard bounds from the edge, no decay, no normalisation, learning on.
func DefaultBase() Base { return Base{Bound: "hard", Learning: true} }

// Setup checks the settings against the edge and prepares them for time
// step dt (ms). A rule embedding Base calls it from its Init.
func (b *Base) Setup(e Edge, dt float64) error {
	switch len(b.LR) {
	case 0:
		b.ltd, b.ltp = 0, 0
	case 1:
		b.ltd, b.ltp = b.LR[0], b.LR[0]
	case 2:
		b.ltd, b.ltp = b.LR[0], b.LR[1]
	default:
		return paramerr.Errorf("lr", -1, "lr has %d values, want [ltd, ltp]", len(b.LR))
	}
	if !finite(b.ltd) || !finite(b.ltp) {
		return paramerr.Errorf("lr", -1, "lr must be finite")
	}
	b.wmin, b.wmax = e.Bounds()
	if len(b.WMin) > 0 {
		b.wmin = b.WMin[0]
	}
	if len(b.WMax) > 0 {
		b.wmax = b.WMax[0]
	}
	if math.IsNaN(b.wmin) || math.IsNaN(b.wmax) || b.wmin > b.wmax {
		return paramerr.Errorf(b.boundParam(), -1, "weight bounds [%g, %g] are empty", b.wmin, b.wmax)
	}
	switch b.Bound {
	case "", "hard":
		b.soft = false
	case "soft":
		if math.IsInf(b.wmin, 0) || math.IsInf(b.wmax, 0) || b.wmin == b.wmax {
			return paramerr.Errorf("bound", -1, "soft bounds need finite w_min < w_max, have [%g, %g]", b.wmin, b.wmax)
		}
		b.soft = true
	default:
		return paramerr.Errorf("bound", -1, "bound %q: want \"hard\" or \"soft\"", b.Bound)
	}
	if !(b.WeightDecay >= 0) || math.IsInf(b.WeightDecay, 0) {
		return paramerr.Errorf("weight_decay", -1, "weight_decay %g per ms: want a finite rate >= 0", b.WeightDecay)
	}
	b.decay = math.Exp(-b.WeightDecay * dt)
	if !(b.NormEvery >= 0) || !(b.Norm >= 0) || math.IsInf(b.Norm, 0) {
		return paramerr.Errorf("norm", -1, "norm %g and norm_every %g ms must be >= 0", b.Norm, b.NormEvery)
	}
	b.normSteps = 0
	if b.NormEvery > 0 {
		if b.Norm == 0 {
			return paramerr.Errorf("norm_every", -1, "norm_every needs norm, the sum to normalise to")
		}
		b.normSteps = max(1, int(math.Round(b.NormEvery/dt)))
	}
	b.dt = dt
	return nil
}

func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }

// boundParam names the parameter that set the weight bounds: w_max or
// w_min if the rule sets them, else "" (the edge's bounds).
func (b *Base) boundParam() string {
	switch {
	case len(b.WMax) > 0:
		return "w_max"
	case len(b.WMin) > 0:
		return "w_min"
	}
	return ""
}

// Rates returns the learning rates (ltd, ltp) that Setup resolved.
func (b *Base) Rates() (ltd, ltp float64) { return b.ltd, b.ltp }

// Change adds dw to weight w[s] within the bounds: hard bounds clip the
// result; soft bounds first scale potentiation by (w_max - w)/(w_max -
// w_min) and depression by (w - w_min)/(w_max - w_min).
func (b *Base) Change(w []float64, s int, dw float64) {
	// The builtin min and max are math.Min and math.Max, inlined, except
	// for a NaN against an infinite bound on the side that cannot bind
	// (wmin = +Inf, wmax = -Inf), left to math with soft bounds in
	// change.
	if b.soft || b.wmin == math.Inf(1) || b.wmax == math.Inf(-1) {
		b.change(w, s, dw)
		return
	}
	w[s] = min(max(w[s]+dw, b.wmin), b.wmax)
}

// change is Change with soft bounds or an infinite bound.
func (b *Base) change(w []float64, s int, dw float64) {
	v := w[s]
	if b.soft {
		if dw > 0 {
			dw *= (b.wmax - v) / (b.wmax - b.wmin)
		} else {
			dw *= (v - b.wmin) / (b.wmax - b.wmin)
		}
	}
	w[s] = math.Min(math.Max(v+dw, b.wmin), b.wmax)
}

// Finish applies weight decay and the periodic normalisation of step k. A
// rule embedding Base calls it at the end of its Update.
func (b *Base) Finish(e Edge, k int) {
	if b.decay != 1 {
		w := e.Weights()
		for s := range w {
			w[s] = math.Min(math.Max(w[s]*b.decay, b.wmin), b.wmax)
		}
	}
	if b.normSteps > 0 && (k+1)%b.normSteps == 0 {
		e.NormalizeTo(b.Norm)
	}
}

// decayTable holds exp(-lag*dt/tau) for lags of whole steps, so that
// event-driven rules can decay traces lazily without calling exp. The
// table stops at maxDecayTable entries: for a longer time constant
// (tau > about 1.5e5 steps) later lags are computed with exp, the same
// function the table holds.
type decayTable struct {
	t       []float64
	dt, tau float64
	full    bool // t reaches the lag where the decay falls below 1e-18
}

// maxDecayTable bounds a decay table (512 KiB), whatever tau a user gives.
const maxDecayTable = 1 << 16

// newDecayTable tabulates the decay up to the lag where it falls below
// 1e-18 (far below float64 resolution relative to 1; later lags give 0),
// or up to maxDecayTable lags.
func newDecayTable(tau, dt float64) decayTable {
	n := -math.Log(1e-18)*tau/dt + 1
	d := decayTable{dt: dt, tau: tau, full: n <= maxDecayTable}
	d.t = make([]float64, int(math.Min(math.Ceil(n), maxDecayTable)))
	for i := range d.t {
		d.t[i] = math.Exp(-float64(i) * dt / tau)
	}
	return d
}

// at returns exp(-lag*dt/tau).
func (d *decayTable) at(lag int) float64 {
	if lag < len(d.t) {
		return d.t[lag]
	}
	return d.far(lag)
}

// far is at beyond the table.
func (d *decayTable) far(lag int) float64 {
	if d.full {
		return 0
	}
	return math.Exp(-float64(lag) * d.dt / d.tau)
}

// Noop is the rule that changes weights only through decay and
// normalisation (the seed's NoOp, which also skipped clamping).
type Noop struct {
	Base
}

// NewNoop returns a Noop rule with the defaults.
func NewNoop() *Noop { return &Noop{Base: DefaultBase()} }

// Kind returns "noop".
func (r *Noop) Kind() string { return "noop" }

// Init implements Rule.
func (r *Noop) Init(e Edge, dt float64) error { return r.Setup(e, dt) }

// Update implements Rule.
func (r *Noop) Update(e Edge, c *Context) {
	if r.Learning {
		r.Finish(e, c.Step)
	}
}

// Reset implements Rule.
func (r *Noop) Reset() {}
