package learning

import (
	"github.com/synapticflow/synapticflow-go/paramerr"
	"math"
	"slices"
	"strings"
)

// TripletParams is one parameter set of the triplet rule: the four
// amplitudes, the four time constants (ms) and the spike interaction.
type TripletParams struct {
	A2Plus, A3Plus, A2Minus, A3Minus float64
	TauPlus, TauMinus, TauX, TauY    float64
	Interaction                      string
}

// TripletPresets are the parameter sets fitted by Pfister and Gerstner
// (2006, J. Neurosci. 26(38):9673-9682): Table 3 fits the visual-cortex
// pairing data of Sjöström et al. (2001), Table 4 the hippocampal-culture
// data of Wang et al. (2005); each for all-to-all and nearest-spike
// interaction, as a full model and as a minimal one (two amplitudes set
// to zero). tau_plus = 16.8 ms and tau_minus = 33.7 ms (Bi and Poo 2001)
// are fixed in every row. Where a row leaves tau_x or tau_y blank (its A3
// amplitude is zero, so the trace is unused) it is 0 here. The plain names
// are the full models, "_minimal" the minimal ones.
//
// The values were transcribed from the published tables as quoted by
// independent public implementations; the visual-cortex nearest-spike
// full row's amplitudes and the hippocampal nearest-spike minimal row
// should be checked against the article (PMC6674434) before publication.
func TripletPresets() map[string]TripletParams {
	const tp, tm = 16.8, 33.7
	a2a, nn := "all_to_all", "nearest"
	return map[string]TripletParams{
		// Table 3, visual cortex (Sjöström et al. 2001).
		"visual_cortex_all_to_all":         {5e-10, 6.2e-3, 7e-3, 2.3e-4, tp, tm, 101, 125, a2a},
		"visual_cortex_all_to_all_minimal": {0, 6.5e-3, 7.1e-3, 0, tp, tm, 0, 114, a2a},
		"visual_cortex_nearest":            {8.8e-11, 5.3e-2, 6.6e-3, 3.1e-3, tp, tm, 714, 40, nn},
		"visual_cortex_nearest_minimal":    {0, 5e-2, 8e-3, 0, tp, tm, 0, 40, nn},
		// Table 4, hippocampal culture (Wang et al. 2005).
		"hippocampal_all_to_all":         {6.1e-3, 6.7e-3, 1.6e-3, 1.4e-3, tp, tm, 946, 27, a2a},
		"hippocampal_all_to_all_minimal": {5.3e-3, 8e-3, 3.5e-3, 0, tp, tm, 0, 40, a2a},
		"hippocampal_nearest":            {4.6e-3, 9.1e-3, 3e-3, 7.5e-9, tp, tm, 575, 47, nn},
		"hippocampal_nearest_minimal":    {4.6e-3, 9.1e-3, 3e-3, 0, tp, tm, 0, 48, nn},
	}
}

// TripletSTDP is the triplet STDP rule of Pfister and Gerstner (2006),
// which adds to pair STDP the dependence on the rate that Sjöström et al.
// (2001) measured: repeated pre-post pairs depress at low frequency and
// potentiate at 40-50 Hz whatever their order, which no pair rule does.
// Four traces decay exponentially and jump at spikes:
//
//	r1, r2 (per synapse, at presynaptic arrivals):   tau_plus, tau_x
//	o1, o2 (per target neuron, at postsynaptic spikes): tau_minus, tau_y
//
// each by +1 (all_to_all) or set to 1 (nearest). At a presynaptic arrival
// and at a postsynaptic spike:
//
//	pre:   w -= lr[0] * o1 * (a2_minus + a3_minus * r2),  then r1, r2 jump
//	post:  w += lr[1] * r1 * (a2_plus  + a3_plus  * o2),  then o1, o2 jump
//
// r2 and o2 are read before their own spike's jump. A single pair, post
// Δ ms after the arrival, changes w by lr[1]*a2_plus*exp(-Δ/tau_plus);
// pre arriving Δ after post, by -lr[0]*a2_minus*exp(-Δ/tau_minus). As in
// every rule here, a pre arrival and a post spike in the same step count
// as pre-before-post, and traces are decayed lazily and exactly.
//
// preset names a parameter set of TripletPresets (default
// "visual_cortex_all_to_all"; "" for none). At Init the preset fills
// every parameter left at zero (interaction: left empty); a non-zero value
// wins over the preset. So an amplitude cannot be set to zero over a
// preset that has it: use a "_minimal" preset, or preset = "" and set
// every parameter. Without a preset, interaction defaults to all_to_all,
// and a time constant may stay zero only if its trace is unused (a3_minus
// = 0 for tau_x, a3_plus = 0 for tau_y, all amplitudes of one side zero
// for tau_plus or tau_minus). The constructor sets tau_plus = 16.8 ms and
// tau_minus = 33.7 ms, the value of every preset, and lr = 1, so the
// amplitudes are the paper's weight changes. The seed's TRIPLET_STDP
// applied the formula to trace vectors every step, ungated by spikes, and
// could not run.
type TripletSTDP struct {
	Base
	A2Plus      float64 `param:"a2_plus" doc:"pair potentiation amplitude A2+ (0: the preset's)"`
	A3Plus      float64 `param:"a3_plus" doc:"triplet potentiation amplitude A3+ (0: the preset's)"`
	A2Minus     float64 `param:"a2_minus" doc:"pair depression amplitude A2- (0: the preset's)"`
	A3Minus     float64 `param:"a3_minus" doc:"triplet depression amplitude A3- (0: the preset's)"`
	TauPlus     float64 `param:"tau_plus" unit:"ms" doc:"time constant of the presynaptic trace r1"`
	TauMinus    float64 `param:"tau_minus" unit:"ms" doc:"time constant of the postsynaptic trace o1"`
	TauX        float64 `param:"tau_x" unit:"ms" doc:"time constant of the slow presynaptic trace r2 (0: the preset's)"`
	TauY        float64 `param:"tau_y" unit:"ms" doc:"time constant of the slow postsynaptic trace o2 (0: the preset's)"`
	Interaction string  `param:"interaction" doc:"\"all_to_all\" (traces add up) or \"nearest\" (traces reset to 1); empty: the preset's"`
	Preset      string  `param:"preset" doc:"parameter set of Pfister and Gerstner (2006), e.g. \"visual_cortex_all_to_all\", \"hippocampal_nearest\"; \"\" for none"`

	p              TripletParams // the parameters in force after Init
	nearest        bool
	r1, r2, o1, o2 lazyTrace
}

// NewTripletSTDP returns a triplet STDP rule with the defaults.
func NewTripletSTDP() *TripletSTDP {
	r := &TripletSTDP{Base: DefaultBase(), TauPlus: 16.8, TauMinus: 33.7, Preset: "visual_cortex_all_to_all"}
	r.LR = []float64{1}
	return r
}

// Kind returns "triplet_stdp".
func (r *TripletSTDP) Kind() string { return "triplet_stdp" }

// Params returns the parameters in force after Init: the user's, filled
// from the preset.
func (r *TripletSTDP) Params() TripletParams { return r.p }

// resolve merges the user's parameters with the preset's.
func (r *TripletSTDP) resolve() (TripletParams, error) {
	p := TripletParams{r.A2Plus, r.A3Plus, r.A2Minus, r.A3Minus, r.TauPlus, r.TauMinus, r.TauX, r.TauY, r.Interaction}
	if r.Preset != "" {
		presets := TripletPresets()
		q, ok := presets[r.Preset]
		if !ok {
			names := make([]string, 0, len(presets))
			for n := range presets {
				names = append(names, n)
			}
			slices.Sort(names)
			return p, paramerr.Errorf("preset", -1, "preset %q: want one of %s, or \"\"", r.Preset, strings.Join(names, ", "))
		}
		for _, f := range []struct{ v, preset *float64 }{
			{&p.A2Plus, &q.A2Plus}, {&p.A3Plus, &q.A3Plus}, {&p.A2Minus, &q.A2Minus}, {&p.A3Minus, &q.A3Minus},
			{&p.TauPlus, &q.TauPlus}, {&p.TauMinus, &q.TauMinus}, {&p.TauX, &q.TauX}, {&p.TauY, &q.TauY},
		} {
			if *f.v == 0 {
				*f.v = *f.preset
			}
		}
		if p.Interaction == "" {
			p.Interaction = q.Interaction
		}
	}
	if p.Interaction == "" {
		p.Interaction = "all_to_all"
	}
	if p.Interaction != "all_to_all" && p.Interaction != "nearest" {
		return p, paramerr.Errorf("interaction", -1, "interaction %q: want \"all_to_all\" or \"nearest\"", p.Interaction)
	}
	for _, a := range []struct {
		name string
		v    float64
	}{{"a2_plus", p.A2Plus}, {"a3_plus", p.A3Plus}, {"a2_minus", p.A2Minus}, {"a3_minus", p.A3Minus}} {
		if !(a.v >= 0) || math.IsInf(a.v, 0) {
			return p, paramerr.Errorf(a.name, -1, "%s = %g: want a finite amplitude >= 0", a.name, a.v)
		}
	}
	for _, t := range []struct {
		name string
		tau  float64
		used bool
	}{
		{"tau_plus", p.TauPlus, p.A2Plus != 0 || p.A3Plus != 0},
		{"tau_minus", p.TauMinus, p.A2Minus != 0 || p.A3Minus != 0},
		{"tau_x", p.TauX, p.A3Minus != 0},
		{"tau_y", p.TauY, p.A3Plus != 0},
	} {
		if t.used || t.tau != 0 {
			if err := checkTau(t.name, t.tau); err != nil {
				return p, err
			}
		}
	}
	return p, nil
}

// Init implements Rule.
func (r *TripletSTDP) Init(e Edge, dt float64) error {
	if err := r.Setup(e, dt); err != nil {
		return err
	}
	p, err := r.resolve()
	if err != nil {
		return err
	}
	r.p, r.nearest = p, p.Interaction == "nearest"
	// An unused trace (its amplitudes zero) is left empty and never read.
	r.r1, r.r2, r.o1, r.o2 = lazyTrace{}, lazyTrace{}, lazyTrace{}, lazyTrace{}
	if p.A2Plus != 0 || p.A3Plus != 0 {
		r.r1 = newLazyTrace(e.Len(), p.TauPlus, dt)
	}
	if p.A3Minus != 0 {
		r.r2 = newLazyTrace(e.Len(), p.TauX, dt)
	}
	if p.A2Minus != 0 || p.A3Minus != 0 {
		r.o1 = newLazyTrace(e.NumPost(), p.TauMinus, dt)
	}
	if p.A3Plus != 0 {
		r.o2 = newLazyTrace(e.NumPost(), p.TauY, dt)
	}
	return nil
}

// Update implements Rule.
func (r *TripletSTDP) Update(e Edge, c *Context) {
	if !r.Learning {
		return
	}
	k, p, w := c.Step, &r.p, e.Weights()
	depress := r.o1.v != nil && r.ltd != 0
	potentiate := r.r1.v != nil && r.ltp != 0
	e.Arrivals(k, func(s int) {
		if depress {
			if o1 := r.o1.at(e.Target(s), k); o1 != 0 {
				a := p.A2Minus
				if r.r2.v != nil {
					a += p.A3Minus * r.r2.at(s, k)
				}
				r.Change(w, s, -r.ltd*o1*a)
			}
		}
		if r.r1.v != nil {
			r.r1.spike(s, k, r.nearest)
		}
		if r.r2.v != nil {
			r.r2.spike(s, k, r.nearest)
		}
	})
	for _, j := range c.PostFired {
		if potentiate {
			a := p.A2Plus
			if r.o2.v != nil {
				a += p.A3Plus * r.o2.at(int(j), k)
			}
			for _, s := range e.Incoming(int(j)) {
				if r1 := r.r1.at(int(s), k); r1 != 0 {
					r.Change(w, int(s), r.ltp*r1*a)
				}
			}
		}
		if r.o1.v != nil {
			r.o1.spike(int(j), k, r.nearest)
		}
		if r.o2.v != nil {
			r.o2.spike(int(j), k, r.nearest)
		}
	}
	r.Finish(e, c.Step)
}

// Reset implements Rule.
func (r *TripletSTDP) Reset() {
	for _, x := range []*lazyTrace{&r.r1, &r.r2, &r.o1, &r.o2} {
		x.reset()
	}
}
