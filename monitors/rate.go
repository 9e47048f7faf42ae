package monitors

import (
	"errors"
	"fmt"
	"math"

	"github.com/synapticflow/synapticflow-go/neurons"
)

// RateMonitor records the population rate of a population in every step
// (Brian2's PopulationRateMonitor): the fraction of its neurons that
// spiked in the step divided by the step length,
//
//	rate_k = spikes in step k / (n * dt/1000)  Hz,
//
// stamped t_k = k*dt. It holds one float64 per step.
type RateMonitor struct {
	// Pop is the recorded population.
	Pop *neurons.Population

	name  string
	clk   clock
	scale float64 // 1/(n*dt/1000)
	steps []int
	rates []float64
}

// NewRateMonitor returns a monitor named name that records the population
// rate of p.
func NewRateMonitor(name string, p *neurons.Population) *RateMonitor {
	return &RateMonitor{name: name, Pop: p}
}

// Name implements Monitor.
func (m *RateMonitor) Name() string { return m.name }

// Init implements Monitor: it checks the population and discards anything
// recorded before.
func (m *RateMonitor) Init(dt float64) error {
	if m.Pop == nil {
		return errors.New("rate monitor has no population")
	}
	n := m.Pop.Len()
	if n <= 0 {
		return fmt.Errorf("population %q has no neurons", m.Pop.Name)
	}
	m.clk = newClock(dt)
	m.scale = 1000 / (float64(n) * dt)
	m.Reset()
	return nil
}

// Record implements Monitor: it records the rate of step k.
func (m *RateMonitor) Record(k int) error {
	m.steps = append(m.steps, k)
	m.rates = append(m.rates, float64(len(m.Pop.Fired))*m.scale)
	return nil
}

// Reset implements Monitor: it discards the recorded rates.
func (m *RateMonitor) Reset() {
	m.steps, m.rates = m.steps[:0], m.rates[:0]
}

// Len returns the number of recorded steps.
func (m *RateMonitor) Len() int { return len(m.rates) }

// Times returns the time stamps (ms) of the recorded steps.
func (m *RateMonitor) Times() []float64 {
	out := make([]float64, len(m.steps))
	for j, k := range m.steps {
		out[j] = m.clk.at(k)
	}
	return out
}

// Rate returns the population rate (Hz) of every recorded step, unsmoothed.
func (m *RateMonitor) Rate() []float64 { return append([]float64(nil), m.rates...) }

// Mean returns the mean rate (Hz) over the recorded steps (0 if none).
func (m *RateMonitor) Mean() float64 {
	if len(m.rates) == 0 {
		return 0
	}
	s := 0.0
	for _, r := range m.rates {
		s += r
	}
	return s / float64(len(m.rates))
}

// Smoothed returns the rate averaged over a flat (boxcar) window of width
// widthMs centred on each step: the mean of the 2h+1 steps k-h..k+h with
// h = floor(widthMs/(2*dt)), as in Brian2's smooth_rate(window="flat"), so
// the window is widthMs rounded up to an odd number of steps. Near the
// ends of the record the window is cut to the steps that exist, so a
// constant rate stays constant up to the edges and the mean is preserved
// up to edge effects of order widthMs/duration (Brian2 instead pads with
// zeros, which pulls the edges down). A width below 2*dt (h = 0) returns
// the raw rate. It panics if widthMs is negative, NaN or infinite.
func (m *RateMonitor) Smoothed(widthMs float64) []float64 {
	checkWidth("width", widthMs)
	if len(m.rates) == 0 {
		return nil
	}
	// The tolerance keeps 1/(2*0.1) = 4.999999999999999 at 5 steps.
	h := int(min(math.Floor(widthMs/(2*m.clk.dt)+1e-9), float64(len(m.rates))))
	// Window means from prefix sums: sum[i] is the sum of rates[:i].
	sum := make([]float64, len(m.rates)+1)
	for i, r := range m.rates {
		sum[i+1] = sum[i] + r
	}
	out := make([]float64, len(m.rates))
	for i := range out {
		lo, hi := max(0, i-h), min(len(m.rates), i+h+1)
		out[i] = (sum[hi] - sum[lo]) / float64(hi-lo)
	}
	return out
}

// SmoothedGaussian returns the rate convolved with a gaussian window of
// standard deviation sigmaMs, truncated at 4 standard deviations; like
// Smoothed, it renormalises the window where it overhangs the ends of the
// record. sigmaMs = 0 returns the raw rate. It panics if sigmaMs is
// negative, NaN or infinite.
func (m *RateMonitor) SmoothedGaussian(sigmaMs float64) []float64 {
	checkWidth("sigma", sigmaMs)
	if sigmaMs == 0 || len(m.rates) == 0 {
		return m.Rate()
	}
	// The tolerance keeps 4*sigma/dt = 4.000000000000001 at 4 steps.
	h := int(min(math.Ceil(4*sigmaMs/m.clk.dt-1e-9), float64(len(m.rates))))
	w := make([]float64, 2*h+1)
	for j := range w {
		t := float64(j-h) * m.clk.dt
		w[j] = math.Exp(-t * t / (2 * sigmaMs * sigmaMs))
	}
	return smooth(m.rates, w)
}

func checkWidth(what string, x float64) {
	if !(x >= 0) || math.IsInf(x, 0) {
		panic(fmt.Sprintf("monitors: smoothing %s %g ms, want a finite number >= 0", what, x))
	}
}

// smooth returns the weighted moving average of x with the odd-length,
// centred window w (at most 2*len(x)+1 long): out[i] = sum_j w[j]*x[i+j-h] / sum_j w[j], both sums
// over the j for which x[i+j-h] exists.
func smooth(x, w []float64) []float64 {
	h := len(w) / 2
	out := make([]float64, len(x))
	for i := range x {
		lo, hi := max(0, i-h), min(len(x), i+h+1)
		var s, norm float64
		for j := lo; j < hi; j++ {
			wj := w[j-i+h]
			s += wj * x[j]
			norm += wj
		}
		out[i] = s / norm
	}
	return out
}
