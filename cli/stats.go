package cli

import (
	"fmt"
	"math"
	"path/filepath"
	"strconv"

	"gonum.org/v1/gonum/stat"

	"github.com/synapticflow/synapticflow-go/monitors"
)

// fanoWindow is the width (ms) of the windows whose spike counts give the
// Fano factor.
const fanoWindow = 100.0

// chiBin is the width (ms) of the bins of Golomb's synchrony measure (at
// least one step).
const chiBin = 1.0

// maxChiBins bounds the bins of the synchrony measure (8 bytes each): a
// run longer than maxChiBins ms gets wider bins.
const maxChiBins = 1 << 22

// spikeStats are the statistics of a population's spike trains over the
// simulated time T, computed from a spike monitor's records: of the
// recorded neurons (all, or the monitor's indices). A statistic that is
// undefined (no neuron with two ISIs, fewer than two windows, ...) is
// absent.
type spikeStats struct {
	// Monitor is the spike monitor the statistics come from.
	Monitor string `json:"monitor"`
	// Neurons is the number of neurons they describe.
	Neurons int `json:"neurons"`
	// RateMeanHz and RateStdHz are the mean and standard deviation
	// (population form, over the neurons) of count/T.
	RateMeanHz float64 `json:"rate_mean_hz"`
	RateStdHz  float64 `json:"rate_std_hz"`
	// SilentFraction is the fraction of the neurons without a spike.
	SilentFraction float64 `json:"silent_fraction"`
	// ISICV is the mean, over the neurons with at least 3 spikes, of the
	// coefficient of variation of their inter-spike intervals
	// (std/mean, population std); ISICVNeurons is how many they are.
	ISICV        *float64 `json:"isi_cv,omitempty"`
	ISICVNeurons int      `json:"isi_cv_neurons"`
	// Fano is the mean, over the neurons with a spike in a whole window,
	// of the Fano factor (variance/mean, population variance) of their
	// spike counts in consecutive windows of FanoWindowMs (whole windows
	// only; at least two).
	Fano         *float64 `json:"fano_factor,omitempty"`
	FanoWindowMs float64  `json:"fano_window_ms"`
	// Chi is Golomb's synchrony measure: chi^2 = Var_t(V) / mean_i
	// Var_t(V_i), V_i the spike count of neuron i in bins of ChiBinMs
	// (chiBin, at least a step; wider for runs of more than maxChiBins
	// bins) and V their mean over the neurons; 1 for full synchrony,
	// about 1/sqrt(N) for independent neurons.
	Chi      *float64 `json:"synchrony_chi,omitempty"`
	ChiBinMs float64  `json:"chi_bin_ms"`

	counts []int // per recorded neuron, for POP.counts.csv
	ids    []int // the recorded neurons
}

// neuronAcc accumulates one neuron's statistics from its spikes in time
// order.
type neuronAcc struct {
	count                 int
	last                  float64
	isiSum, isiSum2       float64
	win, winCount         int
	winSum, winSum2       float64
	bin, binCount         int
	binSum2               float64
	started, inWin, inBin bool
}

// spikeStatistics computes the statistics of the spikes that each yields
// in time order (a spike monitor's Each), recorded from the neurons
// indices (nil: all) of a population of n neurons over duration ms with
// step dt.
func spikeStatistics(name string, each func(func(monitors.Spike) bool) error, indices []int, n int, duration, dt float64) (*spikeStats, error) {
	ids := indices
	if ids == nil {
		ids = make([]int, n)
		for i := range ids {
			ids[i] = i
		}
	}
	slot := make([]int, n)
	for i := range slot {
		slot[i] = -1
	}
	for k, i := range ids {
		slot[i] = k
	}
	binSteps := math.Max(1, math.Round(chiBin/dt))
	if steps := math.Ceil(duration/dt - 1e-9); steps/binSteps > maxChiBins {
		binSteps = math.Ceil(steps / maxChiBins) // a long run: wider bins
	}
	binMs := binSteps * dt
	nBins := int(math.Ceil(duration/binMs - 1e-9))
	nWin := int(math.Floor(duration/fanoWindow + 1e-9))
	acc := make([]neuronAcc, len(ids))
	pop := make([]float64, nBins) // spikes of all neurons per bin
	// flush closes the open window and bin of a neuron.
	flushWin := func(a *neuronAcc) {
		if a.inWin {
			c := float64(a.winCount)
			a.winSum += c
			a.winSum2 += c * c
			a.inWin = false
		}
	}
	flushBin := func(a *neuronAcc) {
		if a.inBin {
			c := float64(a.binCount)
			a.binSum2 += c * c
			a.inBin = false
		}
	}
	err := each(func(s monitors.Spike) bool {
		if s.Neuron < 0 || s.Neuron >= n || slot[s.Neuron] < 0 {
			return true
		}
		a := &acc[slot[s.Neuron]]
		if a.started {
			isi := s.Time - a.last
			a.isiSum += isi
			a.isiSum2 += isi * isi
		}
		a.started, a.last = true, s.Time
		a.count++
		if w := int(math.Floor(s.Time/fanoWindow + 1e-9)); w < nWin {
			if !a.inWin || w != a.win {
				flushWin(a)
				a.win, a.winCount, a.inWin = w, 0, true
			}
			a.winCount++
		}
		b := min(int(math.Floor(s.Time/binMs+1e-9)), nBins-1)
		if b >= 0 {
			if !a.inBin || b != a.bin {
				flushBin(a)
				a.bin, a.binCount, a.inBin = b, 0, true
			}
			a.binCount++
			pop[b]++
		}
		return true
	})
	if err != nil {
		return nil, err
	}
	st := &spikeStats{Monitor: name, Neurons: len(ids), FanoWindowMs: fanoWindow, ChiBinMs: binMs, ids: ids, counts: make([]int, len(ids))}
	if len(ids) == 0 || duration <= 0 {
		return st, nil
	}
	rates := make([]float64, len(ids))
	var cvs, fanos []float64
	var neuronVar float64
	silent := 0
	for k := range acc {
		a := &acc[k]
		flushWin(a)
		flushBin(a)
		st.counts[k] = a.count
		rates[k] = float64(a.count) / (duration / 1000)
		if a.count == 0 {
			silent++
		}
		if m := a.count - 1; m >= 2 {
			mean := a.isiSum / float64(m)
			if v := a.isiSum2/float64(m) - mean*mean; mean > 0 {
				cvs = append(cvs, math.Sqrt(math.Max(v, 0))/mean)
			}
		}
		if nWin >= 2 && a.winSum > 0 {
			mean := a.winSum / float64(nWin)
			fanos = append(fanos, math.Max(a.winSum2/float64(nWin)-mean*mean, 0)/mean)
		}
		if nBins > 0 {
			mean := float64(a.count) / float64(nBins)
			neuronVar += math.Max(a.binSum2/float64(nBins)-mean*mean, 0)
		}
	}
	st.RateMeanHz, st.RateStdHz = stat.PopMeanStdDev(rates, nil)
	st.SilentFraction = float64(silent) / float64(len(ids))
	st.ISICVNeurons = len(cvs)
	if len(cvs) > 0 {
		st.ISICV = ptr(stat.Mean(cvs, nil))
	}
	if len(fanos) > 0 {
		st.Fano = ptr(stat.Mean(fanos, nil))
	}
	neuronVar /= float64(len(ids))
	if nBins >= 2 && neuronVar > 0 {
		for b := range pop {
			pop[b] /= float64(len(ids))
		}
		_, popVar := stat.PopMeanVariance(pop, nil)
		st.Chi = ptr(math.Sqrt(popVar / neuronVar))
	}
	return st, nil
}

func ptr(x float64) *float64 { return &x }

// computeStats computes the spike statistics of every population from
// its first spike monitor that records all its neurons, or else its
// first spike monitor, and writes POP.counts.csv (neuron,count) for each.
// It must run before the monitors' spools are closed.
func (r *result) computeStats() error {
	r.stats = make(map[string]*spikeStats)
	for _, m := range r.net.Monitors {
		if m.Spikes == nil || m.Target == nil {
			continue
		}
		p := m.Target
		if prev, ok := r.stats[p.Name]; ok && (prev.Neurons == p.Len() || m.Spikes.Indices != nil) {
			continue
		}
		st, err := spikeStatistics(m.Name, m.Spikes.Each, m.Spikes.Indices, p.Len(), r.sim.Time(), r.sim.Dt())
		if err != nil {
			return err
		}
		r.stats[p.Name] = st
	}
	for _, p := range r.net.Populations() {
		st, ok := r.stats[p.Name]
		if !ok {
			continue
		}
		k := 0
		err := writeCSV(filepath.Join(r.out, fileName(p.Name)+".counts.csv"), []string{"neuron", "count"},
			func(row func(t float64, v []float64) bool) error {
				var one [1]float64
				for ; k < len(st.ids); k++ {
					one[0] = float64(st.counts[k])
					if !row(float64(st.ids[k]), one[:]) {
						break
					}
				}
				return nil
			})
		if err != nil {
			return err
		}
	}
	return nil
}

// statsLine is the printed summary of a population's statistics.
func (st *spikeStats) statsLine() string {
	s := fmt.Sprintf("rate %.3g ± %.3g Hz over %s, %.0f%% silent", st.RateMeanHz, st.RateStdHz, plural(st.Neurons, "neuron"), 100*st.SilentFraction)
	if st.ISICV != nil {
		s += fmt.Sprintf(", ISI CV %.3g", *st.ISICV)
	}
	if st.Fano != nil {
		s += fmt.Sprintf(", Fano %.3g (%s ms windows)", *st.Fano, strconv.FormatFloat(st.FanoWindowMs, 'g', -1, 64))
	}
	if st.Chi != nil {
		s += fmt.Sprintf(", synchrony chi %.3g", *st.Chi)
	}
	return s
}
