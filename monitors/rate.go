package monitors

import (
	"errors"
	"fmt"
	"io"
	"math"

	"github.com/synapticflow/synapticflow-go/neurons"
)

// RateMonitor records the population rate of a population in every step
// (Brian2's PopulationRateMonitor): the fraction of its neurons that
// spiked in the step divided by the step length,
//
//	rate_k = spikes in step k / (n * dt/1000)  Hz,
//
// stamped t_k = k*dt. It holds a step number and a float64 per step
// (16 bytes) in memory. If W is set, the rates are streamed to it as CSV
// instead ("time_ms,rate_hz", one row per step, buffered; the network
// flushes the buffer at the end of every run); if Spool is set, they are
// kept in the spool's file and Each and EachSmoothedGaussian read them
// back. Len and Mean count every mode; Times, Rate, Smoothed and
// SmoothedGaussian return what is held in memory.
type RateMonitor struct {
	// Pop is the recorded population.
	Pop *neurons.Population
	// W, if set, receives the rates as CSV rows instead of memory.
	W io.Writer
	// Spool, if set, holds the rates instead of memory; set W or Spool,
	// not both.
	Spool *Spool

	name  string
	clk   clock
	scale float64 // 1/(n*dt/1000)
	steps []int
	rates []float64
	n     int     // steps recorded, in every mode
	sum   float64 // sum of the recorded rates, in order
	out   *CSVWriter
	rec   []byte
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
	if m.W != nil && m.Spool != nil {
		return errors.New("rate monitor streams to W and to a spool; set one")
	}
	m.clk = newClock(dt)
	m.scale = 1000 / (float64(n) * dt)
	m.out = nil
	if m.W != nil {
		m.out = NewCSVWriter(m.W, []string{"time_ms", "rate_hz"})
	}
	m.Reset()
	return nil
}

// Record implements Monitor: it records the rate of step k.
func (m *RateMonitor) Record(k int) error {
	r := float64(len(m.Pop.Fired)) * m.scale
	m.n++
	m.sum += r
	switch {
	case m.out != nil:
		m.out.Start(m.clk.at(k))
		m.out.Float(r)
		return m.out.End()
	case m.Spool != nil:
		m.rec = putFloat(putStep(m.rec[:0], k), r)
		return m.Spool.write(m.rec)
	}
	m.steps = append(m.steps, k)
	m.rates = append(m.rates, r)
	return nil
}

// Reset implements Monitor: it discards the recorded rates. A stream (W)
// is flushed but not rewound; a spool is emptied.
func (m *RateMonitor) Reset() {
	m.steps, m.rates = m.steps[:0], m.rates[:0]
	m.n, m.sum = 0, 0
	_ = m.out.Flush() // a write error is sticky: the next Flush reports it
	if m.Spool != nil {
		m.Spool.reset()
	}
}

// Flush implements Flusher: it writes the buffered rows to W or to the
// spool's file.
func (m *RateMonitor) Flush() error {
	if m.Spool != nil {
		return m.Spool.flush()
	}
	return m.out.Flush()
}

// Each calls yield with the time stamp (ms) and the rate (Hz) of every
// recorded step, in order, from memory or from the spool, until yield
// returns false. It returns an error if the spool cannot be read. Rates
// streamed to W are not read back.
func (m *RateMonitor) Each(yield func(t, hz float64) bool) error {
	if m.Spool != nil {
		return m.Spool.scan(func(rec []byte) bool {
			return yield(m.clk.at(getStep(rec)), getFloat(rec[8:]))
		})
	}
	for j, k := range m.steps {
		if !yield(m.clk.at(k), m.rates[j]) {
			break
		}
	}
	return nil
}

// Len returns the number of recorded steps (streamed ones included).
func (m *RateMonitor) Len() int { return m.n }

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

// Mean returns the mean rate (Hz) over the recorded steps, streamed ones
// included (0 if none).
func (m *RateMonitor) Mean() float64 {
	if m.n == 0 {
		return 0
	}
	return m.sum / float64(m.n)
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
	out := make([]float64, 0, len(m.rates))
	m.smoothEach(sigmaMs, len(m.rates), func(yield func(t, x float64) bool) error {
		for j, k := range m.steps {
			if !yield(m.clk.at(k), m.rates[j]) {
				break
			}
		}
		return nil
	}, func(_, r float64) bool { out = append(out, r); return true })
	return out
}

// EachSmoothedGaussian is SmoothedGaussian for every mode but W: it calls
// yield with the time stamp and the smoothed rate of every recorded step,
// in order, reading the rates from memory or from the spool, with memory
// for the window only. The values are those SmoothedGaussian returns, to
// the bit. It panics if sigmaMs is negative, NaN or infinite, and returns
// an error if the spool cannot be read.
func (m *RateMonitor) EachSmoothedGaussian(sigmaMs float64, yield func(t, hz float64) bool) error {
	checkWidth("sigma", sigmaMs)
	if sigmaMs == 0 {
		return m.Each(yield)
	}
	n := len(m.rates)
	if m.Spool != nil {
		n = int(m.Spool.n)
	}
	return m.smoothEach(sigmaMs, n, m.Each, yield)
}

// smoothEach convolves the n values each yields with the gaussian window
// of SmoothedGaussian, renormalised where it overhangs the ends, keeping
// the last 2h+1 values in a ring: out[i] = sum_j w[j]*x[i+j-h] / sum_j w[j],
// both sums over the j for which x[i+j-h] exists.
func (m *RateMonitor) smoothEach(sigmaMs float64, n int, each func(func(t, x float64) bool) error, yield func(t, x float64) bool) error {
	if n == 0 {
		return nil
	}
	// The tolerance keeps 4*sigma/dt = 4.000000000000001 at 4 steps.
	h := int(min(math.Ceil(4*sigmaMs/m.clk.dt-1e-9), float64(n)))
	w := make([]float64, 2*h+1)
	for j := range w {
		t := float64(j-h) * m.clk.dt
		w[j] = math.Exp(-t * t / (2 * sigmaMs * sigmaMs))
	}
	// The ring holds every value twice (at p and p+size), so that a window
	// is one contiguous slice; the interior window's norm is summed once,
	// in the same order as at the edges.
	size := 2*h + 1
	xs, ts := make([]float64, 2*size), make([]float64, size)
	var full float64
	for _, wj := range w {
		full += wj
	}
	emit := func(i int) bool {
		lo, hi := max(0, i-h), min(n, i+h+1)
		ws := w[lo-i+h : hi-i+h]
		start := lo % size
		win := xs[start : start+len(ws)]
		var s, norm float64
		if len(ws) == size {
			for k, wj := range ws {
				s += wj * win[k]
			}
			norm = full
		} else {
			for k, wj := range ws {
				s += wj * win[k]
				norm += wj
			}
		}
		return yield(ts[i%size], s/norm)
	}
	read, stopped := 0, false
	err := each(func(t, x float64) bool {
		if read == n {
			return false
		}
		p := read % size
		xs[p], xs[p+size], ts[p] = x, x, t
		read++
		if i := read - 1 - h; i >= 0 && !emit(i) {
			stopped = true
			return false
		}
		return true
	})
	if err != nil || stopped {
		return err
	}
	if read != n {
		return fmt.Errorf("monitors: rate monitor %q read %d of %d records", m.name, read, n)
	}
	for i := max(0, read-h); i < read; i++ {
		if !emit(i) {
			break
		}
	}
	return nil
}

func checkWidth(what string, x float64) {
	if !(x >= 0) || math.IsInf(x, 0) {
		panic(fmt.Sprintf("monitors: smoothing %s %g ms, want a finite number >= 0", what, x))
	}
}
