package cli

import (
	"fmt"
	"io"
	"math"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/synapticflow/synapticflow-go/dsl"
	"github.com/synapticflow/synapticflow-go/figures"
	"github.com/synapticflow/synapticflow-go/graph"
	"github.com/synapticflow/synapticflow-go/monitors"
	"github.com/synapticflow/synapticflow-go/neurons"
)

// networkRaster is the file of the combined raster of every population a
// spike monitor records, for networks of several (a monitor's files are
// MON.KIND.ext, so no monitor writes it).
const networkRaster = "raster.png"

// networkRates is the file of the population rates of those populations
// in one figure.
const networkRates = "rate.png"

// isiFineBins is the number of bins over [0, duration] into which the
// inter-spike intervals are counted before the ISI histogram picks its
// range.
const isiFineBins = 4096

// figQueue draws figures on up to GOMAXPROCS goroutines while the
// outputs are written: each figure's data is read (from memory or a
// spool) by the writer, and only the drawing and encoding, which read
// nothing else, run concurrently. A figure skipped for taking too long is
// a warning (see figure); a panic while drawing is a *caught error.
type figQueue struct {
	g    errgroup.Group
	mu   sync.Mutex // serialises the warnings
	warn io.Writer
}

func newFigQueue(warn io.Writer) *figQueue {
	q := &figQueue{warn: warn}
	q.g.SetLimit(runtime.GOMAXPROCS(0))
	return q
}

// wait waits for every figure queued and returns the first error.
func (q *figQueue) wait() error { return q.g.Wait() }

// draw queues the drawing of a figure (blocking while every goroutine
// is busy); its error comes from r.figs.wait. It returns nil, for use
// as the last step of a figure function.
func (r *result) draw(f func() error) error {
	q := r.figs
	q.g.Go(func() error {
		return protect(func() error {
			err := f()
			q.mu.Lock()
			defer q.mu.Unlock()
			return figure(err, q.warn)
		})
	})
	return nil
}

// timed runs f, which reads a figure's data and queues its drawing,
// adding its time to r.figSeconds (which writeMonitors completes with
// the time it waits for the drawings).
func (r *result) timed(f func() error) error {
	start := time.Now()
	err := f()
	r.figSeconds += time.Since(start).Seconds()
	return err
}

// rasterGroup describes the neurons monitor m records, for a raster.
func rasterGroup(m *dsl.Monitor) figures.RasterGroup {
	return figures.RasterGroup{Name: m.Target.Name, N: m.Target.Len(), Indices: m.Spikes.Indices}
}

// spikeTitle is the title of a spike monitor's figures: the monitor, the
// model and the neurons recorded.
func spikeTitle(m *dsl.Monitor) string {
	p := m.Target
	if ids := m.Spikes.Indices; ids != nil {
		return fmt.Sprintf("%s: %s, %d of %d neurons", m.Name, p.Model.Kind(), len(ids), p.Len())
	}
	return fmt.Sprintf("%s: %s, %d neurons", m.Name, p.Model.Kind(), p.Len())
}

// spikeDistributions draws the ISI histogram (base.isi.png: the
// intervals between consecutive spikes of each recorded neuron, pooled)
// and the distribution of the recorded neurons' firing rates
// (base.rates.png) of a spike monitor, in one pass over its spikes with
// memory for one count and one time per neuron.
func (r *result) spikeDistributions(m *dsl.Monitor, base, title string, warn io.Writer) error {
	sp, n := m.Spikes, m.Target.Len()
	dur := r.sim.Time()
	counts, isi, width, intervals, err := isiHistogram(sp.Each, n, math.Max(dur, r.sim.Dt()))
	if err != nil {
		return err
	}
	isiTitle := fmt.Sprintf("%s, ISI (%d intervals)", title, intervals)
	if err := r.draw(func() error {
		return figures.HistogramCounts(base+".isi.png", isiTitle, "inter-spike interval (ms)", "intervals", 0, width, isi)
	}); err != nil {
		return err
	}
	ids := sp.Indices
	if ids == nil {
		ids = make([]int, n)
		for i := range ids {
			ids[i] = i
		}
	}
	lo, rw, bins := rateHistogram(counts, ids, dur)
	rateTitle := fmt.Sprintf("%s, firing rates", title)
	return r.draw(func() error {
		return figures.HistogramCounts(base+".rates.png", rateTitle, "firing rate (Hz)", "neurons", lo, rw, bins)
	})
}

// isiHistogram counts the spikes of each of n neurons and the intervals
// between consecutive spikes of each neuron (pooled) that each yields, in
// one pass: it returns the counts, the ISI histogram (bins of width ms
// from 0: to the 99th percentile of the intervals and a tenth more, in
// about 50 bins; a few long intervals would squeeze the others into a bin
// or two) and the number of intervals. The intervals are first counted in
// isiFineBins bins over [0, span] (ms), so memory is one count and one
// time per neuron whatever the number of spikes.
func isiHistogram(each func(func(monitors.Spike) bool) error, n int, span float64) (counts []int, isi []float64, width float64, intervals int, err error) {
	counts, last := make([]int, n), make([]float64, n)
	for i := range last {
		last[i] = math.NaN()
	}
	fine := make([]float64, isiFineBins)
	fineW := span / isiFineBins
	err = each(func(s monitors.Spike) bool {
		i := s.Neuron
		if i < 0 || i >= n {
			return true
		}
		counts[i]++
		if !math.IsNaN(last[i]) {
			b := min(int((s.Time-last[i])/fineW), isiFineBins-1)
			fine[max(b, 0)]++
			intervals++
		}
		last[i] = s.Time
		return true
	})
	if err != nil {
		return nil, nil, 0, 0, err
	}
	top := isiFineBins
	if intervals > 0 {
		seen := 0.0
		for b, c := range fine {
			if seen += c; seen >= 0.99*float64(intervals) {
				top = b + 1
				break
			}
		}
	}
	// A tenth more on the right, so that the last intervals (all of
	// them, for a regular train) are not drawn against the axis's end.
	top = min(isiFineBins, top+top/10+1)
	group := max(1, (top+49)/50)
	for b := 0; b < top; b += group {
		c := 0.0
		for _, x := range fine[b:min(b+group, isiFineBins)] {
			c += x
		}
		isi = append(isi, c)
	}
	return counts, isi, float64(group) * fineW, intervals, nil
}

// rateHistogram bins the firing rates (count / dur) of the neurons ids:
// a rate is a multiple of 1/dur, so the bins are whole multiples of it
// (about histBins of them), bin b holding the rates from b*width, drawn
// from lo + b*width with lo half a multiple below 0; so that no bin is
// empty for want of a possible rate.
func rateHistogram(counts, ids []int, dur float64) (lo, width float64, bins []float64) {
	quantum := 1.0
	if dur > 0 {
		quantum = 1000 / dur
	}
	hi := 0.0
	for _, i := range ids {
		hi = math.Max(hi, float64(counts[i])*quantum)
	}
	k := math.Max(1, math.Ceil(hi/histBins/quantum))
	width = quantum * k
	bins = make([]float64, int(math.Floor(hi/width+1e-9))+1)
	for _, i := range ids {
		// count/k multiples of the bin width, in whole numbers
		bins[min(counts[i]/int(k), len(bins)-1)]++
	}
	return -quantum / 2, width, bins
}

// writeNetworkRaster draws raster.png: the spikes of every population a
// spike monitor records (the first monitor of each), stacked in one
// raster, a colour per population, when there are several; and
// rate.png, their population rates.
func (r *result) writeNetworkRaster(warn io.Writer) error {
	var mons []*dsl.Monitor
	seen := make(map[*neurons.Population]bool)
	total := 0
	for _, m := range r.net.Monitors {
		if m.Spikes == nil || m.Target == nil || seen[m.Target] {
			continue
		}
		seen[m.Target] = true
		mons = append(mons, m)
		total += m.Spikes.NumSpikes()
	}
	if len(mons) < 2 {
		return nil
	}
	groups := make([]figures.RasterGroup, len(mons))
	names := make([]string, len(mons))
	for g, m := range mons {
		groups[g] = rasterGroup(m)
		names[g] = m.Target.Name
	}
	title := "spikes of " + strings.Join(names, ", ")
	raster, err := figures.NewRasterGroups(title, groups, r.sim.Time(), total)
	if err != nil {
		return err
	}
	for g, m := range mons {
		if err := m.Spikes.Each(func(s monitors.Spike) bool { raster.AddTo(g, s.Time, s.Neuron); return true }); err != nil {
			return err
		}
	}
	if err := r.draw(func() error { return raster.Save(filepath.Join(r.out, networkRaster)) }); err != nil {
		return err
	}
	// The population rates in one figure, named in a legend.
	steps := 0
	for _, m := range mons {
		if m.Rate != nil {
			steps = max(steps, m.Rate.Len())
		}
	}
	rates := figures.NewLineFigure(len(mons), steps)
	for g, m := range mons {
		if m.Rate == nil {
			continue
		}
		if err := m.Rate.EachSmoothedGaussian(rateSigma, func(t, hz float64) bool { rates.AddTo(g, t, hz); return true }); err != nil {
			return err
		}
	}
	rateTitle := fmt.Sprintf("population rates of %s (gaussian, sigma %g ms)", strings.Join(names, ", "), rateSigma)
	return r.draw(func() error { return rates.Rates(filepath.Join(r.out, networkRates), rateTitle, names) })
}

// stimulusCurrent returns, for population p, a function giving the
// current that its stimuli inject into neuron j in step k, and the names
// of what it leaves out; ok is false if p has no current stimulus whose
// current can be recomputed (constant, steps, timed, sine and ramp
// currents are functions of the step; an OU current is random and a
// poisson_input jumps v rather than injecting a current).
func (r *result) stimulusCurrent(p *neurons.Population) (current func(k, j int) float64, ok bool) {
	var stims []graph.Stimulus
	for _, st := range r.net.Stimuli() {
		if st.Target() != p {
			continue
		}
		switch st.(type) {
		case *graph.Current, *graph.Pulses, *graph.TimedCurrent, *graph.SineCurrent, *graph.RampCurrent:
			stims = append(stims, st)
		}
	}
	if len(stims) == 0 {
		return nil, false
	}
	x := make([]float64, p.Len())
	return func(k, j int) float64 {
		x[j] = 0
		for _, st := range stims {
			st.Add(k, x, j, j+1)
		}
		return x[j]
	}, true
}
