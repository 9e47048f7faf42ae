package cli

import (
	"fmt"
	"io"
	"maps"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/synapticflow/synapticflow-go/dsl"
	"github.com/synapticflow/synapticflow-go/figures"
	"github.com/synapticflow/synapticflow-go/neurons"
	"github.com/synapticflow/synapticflow-go/npy"
	"github.com/synapticflow/synapticflow-go/synapses"
)

// maxTraces is the number of neurons whose potential, or synapses whose
// weight, a figure shows.
const maxTraces = 10

// histBins is the number of bins of a weight histogram.
const histBins = 50

// rateSigma is the standard deviation (ms) of the gaussian window that
// smooths the population rate of the rate figure.
const rateSigma = 2.0

// writeMonitors writes the data files of every monitor, in the given
// format (csv, npy or both), and its figures if figs is set.
func (r *result) writeMonitors(format string, figs bool) error {
	csv, npy := format != "npy", format != "csv"
	for _, m := range r.net.Monitors {
		base := filepath.Join(r.out, fileName(m.Name))
		if m.Spikes != nil {
			if err := r.writeSpikes(m, base, csv, npy, figs); err != nil {
				return err
			}
		}
		if m.State != nil {
			if err := r.writeState(m, base, csv, npy, figs); err != nil {
				return err
			}
		}
		if len(m.Signals) > 0 {
			if err := r.writeSignals(m, base, csv, npy, figs); err != nil {
				return err
			}
		}
	}
	return nil
}

// writeWeights writes SYN.weights.npy, the NumPre x NumPost weight matrix,
// for every edge with save_weights = true and, if all is set, every edge
// with a learning rule; it records the file names in r.saved.
func (r *result) writeWeights(all bool) error {
	save := make(map[*synapses.Synapse]bool)
	for _, e := range r.net.SaveWeights {
		save[e] = true
	}
	for _, e := range r.net.Synapses {
		if !save[e] && !(all && e.Rule != nil) {
			continue
		}
		name := fileName(e.Name) + ".weights.npy"
		if err := writeNPYFile(filepath.Join(r.out, name), []int{e.NumPre(), e.NumPost()}, e.Dense()); err != nil {
			return err
		}
		r.saved = append(r.saved, name)
	}
	return nil
}

// writeSignals writes the network signals a monitor recorded (dopamine,
// reward) and their figure.
func (r *result) writeSignals(m *dsl.Monitor, base string, csv, npy, figs bool) error {
	var times []float64
	values := make(map[string][]float64)
	for _, name := range slices.Sorted(maps.Keys(m.Signals)) {
		sm := m.Signals[name]
		times, values[name] = sm.Times(), sm.Values()
		file := base + "." + fileName(name)
		if csv {
			if err := writeColumns(file+".csv", "time_ms,"+name, times, [][]float64{values[name]}); err != nil {
				return err
			}
		}
		if npy {
			if err := writeNPYFile(file+".npy", []int{len(times), 2}, interleave(times, values[name])); err != nil {
				return err
			}
		}
	}
	if !figs {
		return nil
	}
	return figures.Signals(base+".signals.png", m.Name+": dopamine and reward", times, values["dopamine"], values["reward"])
}

func (r *result) writeSpikes(m *dsl.Monitor, base string, csv, npy, figs bool) error {
	times, ids := m.Spikes.Times(), m.Spikes.Neurons()
	fids := make([]float64, len(ids))
	for j, i := range ids {
		fids[j] = float64(i)
	}
	if csv {
		if err := writeColumns(base+".spikes.csv", "time_ms,neuron", times, [][]float64{fids}); err != nil {
			return err
		}
	}
	if npy {
		if err := writeNPYFile(base+".spikes.npy", []int{len(times), 2}, interleave(times, fids)); err != nil {
			return err
		}
	}
	var rt, rate []float64
	if m.Rate != nil {
		rt, rate = m.Rate.Times(), m.Rate.Rate()
		if csv {
			if err := writeColumns(base+".rate.csv", "time_ms,rate_hz", rt, [][]float64{rate}); err != nil {
				return err
			}
		}
		if npy {
			if err := writeNPYFile(base+".rate.npy", []int{len(rt), 2}, interleave(rt, rate)); err != nil {
				return err
			}
		}
	}
	if !figs {
		return nil
	}
	p := m.Target
	title := fmt.Sprintf("%s: %s, %d neurons", m.Name, p.Model.Kind(), p.Len())
	if err := figures.Raster(base+".raster.png", title, times, ids, p.Len(), r.sim.Time()); err != nil {
		return err
	}
	if m.Rate != nil {
		if err := figures.Rate(base+".rate.png", title+", population rate", rt, m.Rate.SmoothedGaussian(rateSigma)); err != nil {
			return err
		}
	}
	return nil
}

func (r *result) writeState(m *dsl.Monitor, base string, csv, npy, figs bool) error {
	times := m.State.Times()
	if npy {
		if err := writeNPYFile(base+".times.npy", []int{len(times)}, times); err != nil {
			return err
		}
	}
	for _, name := range m.State.Vars {
		d := m.State.Get(name)
		if d == nil {
			return fmt.Errorf("monitor %q recorded no variable %q", m.Name, name)
		}
		rows, cols := d.Dims()
		if rows == 0 {
			cols = len(m.State.Indices)
			if m.State.Indices == nil {
				cols = len(stateVar(m, name))
			}
		}
		ids := m.State.Indices
		if ids == nil {
			ids = make([]int, cols)
			for i := range ids {
				ids[i] = i
			}
		}
		series := make([][]float64, cols)
		for c := range series {
			series[c] = make([]float64, rows)
			for k := range rows {
				series[c][k] = d.At(k, c)
			}
		}
		file := base + "." + fileName(name)
		if csv {
			header := make([]string, 1, cols+1)
			header[0] = "time_ms"
			for _, i := range ids {
				header = append(header, strconv.Itoa(i))
			}
			if err := writeColumns(file+".csv", strings.Join(header, ","), times, series); err != nil {
				return err
			}
		}
		if npy {
			data := make([]float64, 0, rows*cols)
			for k := range rows {
				for c := range cols {
					data = append(data, d.At(k, c))
				}
			}
			if err := writeNPYFile(file+".npy", []int{rows, cols}, data); err != nil {
				return err
			}
		}
		if figs && m.Synapse != nil && name == "w" {
			if err := r.weightFigures(m, base, times, series, ids); err != nil {
				return err
			}
		}
		if figs && m.Target != nil && name == "v" {
			n := min(cols, maxTraces)
			labels := make([]string, n)
			for c := range labels {
				labels[c] = "neuron " + strconv.Itoa(ids[c])
			}
			title := fmt.Sprintf("%s: membrane potential (%s)", m.Name, m.Target.Model.Kind())
			if err := figures.Traces(file+".png", title, times, series[:n], labels, threshold(m.Target)); err != nil {
				return err
			}
		}
	}
	return nil
}

// stateVar returns the current values of a monitored state variable.
func stateVar(m *dsl.Monitor, name string) []float64 {
	if m.Synapse != nil {
		return m.Synapse.Var(name)
	}
	return m.Target.Var(name)
}

// weightFigures draws the figures of a synapse monitor: the recorded
// weights over time (base.w.png, up to maxTraces of them), and the edge's
// weight matrix (base.matrix.png) and weight histogram (base.hist.png) at
// the end of the run.
func (r *result) weightFigures(m *dsl.Monitor, base string, times []float64, series [][]float64, ids []int) error {
	e := m.Synapse
	n := min(len(series), maxTraces)
	labels := make([]string, n)
	for c := range labels {
		labels[c] = fmt.Sprintf("synapse %d (%d→%d)", ids[c], e.Source(ids[c]), e.Target(ids[c]))
	}
	title := fmt.Sprintf("%s: weights of %s", m.Name, e.Name)
	if err := figures.Lines(base+".w.png", title, "weight", times, series[:n], labels); err != nil {
		return err
	}
	at := fmt.Sprintf(" at %s ms", num(r.sim.Time()))
	if err := figures.WeightMatrix(base+".matrix.png", title+at, e.NumPre(), e.NumPost(), e.Dense()); err != nil {
		return err
	}
	lo, hi := e.Bounds()
	title = fmt.Sprintf("%s: weights of %s%s (%d synapses)", m.Name, e.Name, at, e.Len())
	return figures.Histogram(base+".hist.png", title, "weight", e.W, lo, hi, histBins)
}

// threshold returns a population's spike threshold in mV: the model's
// "threshold" parameter, when it has one shared by every neuron.
func threshold(p *neurons.Population) *float64 {
	for _, info := range neurons.Describe(p.Model) {
		if info.Name != "threshold" {
			continue
		}
		if th, err := strconv.ParseFloat(info.Default, 64); err == nil {
			return &th
		}
	}
	return nil
}

// writeColumns writes a CSV file with the given header, one row per time:
// the time, then series[c][k] for each column c.
func writeColumns(path, header string, times []float64, series [][]float64) error {
	return writeFileAtomic(path, 0o644, func(w io.Writer) error {
		buf := append([]byte(header), '\n')
		for k, t := range times {
			buf = strconv.AppendFloat(buf, t, 'g', -1, 64)
			for _, s := range series {
				buf = append(buf, ',')
				buf = strconv.AppendFloat(buf, s[k], 'g', -1, 64)
			}
			buf = append(buf, '\n')
			if len(buf) > 1<<15 {
				if _, err := w.Write(buf); err != nil {
					return err
				}
				buf = buf[:0]
			}
		}
		_, err := w.Write(buf)
		return err
	})
}

// writeNPYFile writes data as an .npy file of the given shape, atomically.
func writeNPYFile(path string, shape []int, data []float64) error {
	return writeFileAtomic(path, 0o644, func(w io.Writer) error { return npy.Write(w, shape, data) })
}

// interleave returns a, b as the rows of an (n, 2) array.
func interleave(a, b []float64) []float64 {
	out := make([]float64, 0, 2*len(a))
	for i := range a {
		out = append(out, a[i], b[i])
	}
	return out
}

// fileName turns a block name into a file name: instance keys such as
// exc[0] or exc["a"] become exc_0 and exc_a, and anything but letters,
// digits, '-', '_' and '.' becomes '_'.
func fileName(name string) string {
	name = strings.NewReplacer("[", "_", "]", "", `"`, "").Replace(name)
	return strings.Map(func(c rune) rune {
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9', c == '-', c == '_', c == '.':
			return c
		}
		return '_'
	}, name)
}
