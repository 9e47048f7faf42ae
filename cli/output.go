package cli

import (
	"cmp"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"maps"
	"math"
	"path/filepath"
	"slices"
	"strconv"
	"time"

	"github.com/synapticflow/synapticflow-go/dsl"
	"github.com/synapticflow/synapticflow-go/figures"
	"github.com/synapticflow/synapticflow-go/monitors"
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
// format (csv, npy or both), and its figures if figs is set. The files are
// written from the records in memory or in the monitor's spool alike (one
// writer per format), so a streamed monitor writes the same bytes as one
// held in memory. A figure that cannot be drawn in time is skipped with a
// warning on warn.
func (r *result) writeMonitors(format string, figs bool, warn io.Writer) (err error) {
	csv, npy := format != "npy", format != "csv"
	r.figs = newFigQueue(warn)
	defer func() {
		start := time.Now()
		err = cmp.Or(err, r.figs.wait())
		r.figSeconds += time.Since(start).Seconds()
	}()
	for _, m := range r.net.Monitors {
		base := filepath.Join(r.out, fileName(m.Name))
		if m.Spikes != nil {
			if err := r.writeSpikes(m, base, csv, npy, figs, warn); err != nil {
				return err
			}
		}
		if m.State != nil {
			if err := r.writeState(m, base, csv, npy, figs, warn); err != nil {
				return err
			}
		}
		if len(m.Signals) > 0 {
			if err := r.writeSignals(m, base, csv, npy, figs, warn); err != nil {
				return err
			}
		}
	}
	if figs {
		return r.timed(func() error { return r.writeNetworkRaster(warn) })
	}
	return nil
}

// figure reports the error of drawing a figure: nil, a warning on warn
// for a figure skipped because drawing it took too long (the run's data
// files are what matter), or the error.
func figure(err error, warn io.Writer) error {
	if errors.Is(err, figures.ErrTimeout) {
		fmt.Fprintf(warn, "warning: %v\n", err)
		return nil
	}
	return err
}

// writeWeights writes SYN.weights.npy, the NumPre x NumPost weight matrix,
// for every edge with save_weights = true and, if all is set, every edge
// with a learning rule; it records the file names in r.saved.
func (r *result) writeWeights(all bool) error {
	save := make(map[*synapses.Synapse]bool)
	for _, e := range r.net.SaveWeights {
		save[e] = true
	}
	for _, e := range r.net.Synapses() {
		if !save[e] && !(all && e.Rule != nil) {
			continue
		}
		name := fileName(e.Name) + ".weights.npy"
		if err := writeNPYFile(filepath.Join(r.out, name), []int{e.NumPre(), e.NumPost()}, e.Dense()); err != nil {
			return err
		}
		r.saved = append(r.saved, name)
		sparse := fileName(e.Name) + ".weights.npz"
		if err := writeSparseWeights(filepath.Join(r.out, sparse), e, r.sim.Dt()); err != nil {
			return err
		}
		r.saved = append(r.saved, sparse)
	}
	return nil
}

// writeSynapsePairs writes, for a monitor of synapse edge e, which
// synapse each column of its arrays is, with its source (pre) and target
// (post) neuron: MON.synapses.csv (synapse,pre,post) and, for npy,
// MON.synapses.npz (int arrays synapse, pre, post). ids are the recorded
// synapses (nil: all cols of them).
func writeSynapsePairs(base string, e *synapses.Synapse, ids []int, cols int, csv, npy bool) error {
	if ids == nil {
		ids = make([]int, cols)
		for i := range ids {
			ids[i] = i
		}
	}
	pre, post := make([]int, len(ids)), make([]int, len(ids))
	for c, k := range ids {
		pre[c], post[c] = e.Source(k), e.Target(k)
	}
	if csv {
		err := writeFileAtomic(base+".synapses.csv", 0o644, func(w io.Writer) error {
			c := monitors.NewCSVWriter(w, []string{"synapse", "pre", "post"})
			for i, k := range ids {
				c.Start(float64(k))
				c.Int(pre[i])
				c.Int(post[i])
				if err := c.End(); err != nil {
					return err
				}
			}
			return c.Flush()
		})
		if err != nil {
			return err
		}
	}
	if npy {
		return writeNPZ(base+".synapses.npz", func(a *npzWriter) error {
			return cmp.Or(a.ints("synapse", ids), a.ints("pre", pre), a.ints("post", post))
		})
	}
	return nil
}

// writeSparseWeights writes the synapses of e as an .npz of arrays i
// (source neuron, int64), j (target neuron, int64), w (weight) and delay
// (ms), one entry per synapse in e's order, and shape = [NumPre, NumPost]
// (int64): every synapse, a zero weight included, and nothing else.
func writeSparseWeights(path string, e *synapses.Synapse, dt float64) error {
	n := e.Len()
	pre, post := make([]int, n), make([]int, n)
	delay := make([]float64, n)
	for k := range n {
		pre[k], post[k] = e.Source(k), e.Target(k)
		d := e.DelaySteps
		if e.D != nil {
			d = int(e.D[k])
		}
		delay[k] = float64(d) * dt
	}
	return writeNPZ(path, func(a *npzWriter) error {
		return cmp.Or(a.ints("i", pre), a.ints("j", post), a.floats("w", e.WeightValues()), a.floats("delay", delay),
			a.ints("shape", []int{e.NumPre(), e.NumPost()}))
	})
}

// writeSignals writes the network signals a monitor recorded (dopamine,
// reward) and their figure.
func (r *result) writeSignals(m *dsl.Monitor, base string, csv, npy, figs bool, warn io.Writer) error {
	names := slices.Sorted(maps.Keys(m.Signals))
	for _, name := range names {
		sm := m.Signals[name]
		file := base + "." + fileName(name)
		each := func(row func(t float64, v []float64) bool) error {
			var one [1]float64
			return sm.Each(func(t, v float64) bool { one[0] = v; return row(t, one[:]) })
		}
		if csv {
			if err := writeCSV(file+".csv", []string{"time_ms", name}, each); err != nil {
				return err
			}
		}
		if npy {
			if err := writeNPY(file+".npy", sm.Len(), 1, true, each); err != nil {
				return err
			}
		}
	}
	if !figs {
		return nil
	}
	return r.timed(func() error { return r.signalFigure(m, base, names, warn) })
}

// signalFigure draws the figure of a monitor's network signals.
func (r *result) signalFigure(m *dsl.Monitor, base string, names []string, warn io.Writer) error {
	// Every signal of a block is recorded at the same steps.
	f := figures.NewSignalFigure(m.Signals[names[0]].Len())
	for j, name := range names {
		err := m.Signals[name].Each(func(t, v float64) bool {
			if j == 0 {
				f.AddTime(t)
			}
			switch name {
			case "dopamine":
				f.AddDopamine(t, v)
			case "reward":
				f.AddReward(t, v)
			}
			return true
		})
		if err != nil {
			return err
		}
	}
	return r.draw(func() error { return f.Save(base+".signals.png", m.Name+": dopamine and reward") })
}

func (r *result) writeSpikes(m *dsl.Monitor, base string, csv, npy, figs bool, warn io.Writer) error {
	sp := m.Spikes
	each := func(row func(t float64, v []float64) bool) error {
		var one [1]float64
		return sp.Each(func(s monitors.Spike) bool { one[0] = float64(s.Neuron); return row(s.Time, one[:]) })
	}
	if csv {
		err := writeFileAtomic(base+".spikes.csv", 0o644, func(w io.Writer) error {
			c := monitors.NewCSVWriter(w, []string{"time_ms", "neuron"})
			var werr error
			err := sp.Each(func(s monitors.Spike) bool {
				c.Start(s.Time)
				c.Int(s.Neuron)
				werr = c.End()
				return werr == nil
			})
			return cmp.Or(err, werr, c.Flush())
		})
		if err != nil {
			return err
		}
	}
	if npy {
		if err := writeNPY(base+".spikes.npy", sp.NumSpikes(), 1, true, each); err != nil {
			return err
		}
		// As Brian2's SpikeMonitor.i and .t: integer neurons, float times.
		err := writeNPZ(base+".spikes.npz", func(a *npzWriter) error {
			n := sp.NumSpikes()
			err := a.array("i", "<i8", n, func(put func(uint64) bool) error {
				return sp.Each(func(s monitors.Spike) bool { return put(uint64(int64(s.Neuron))) })
			})
			if err != nil {
				return err
			}
			return a.array("t", "<f8", n, func(put func(uint64) bool) error {
				return sp.Each(func(s monitors.Spike) bool { return put(math.Float64bits(s.Time)) })
			})
		})
		if err != nil {
			return err
		}
	}
	if rm := m.Rate; rm != nil {
		each := func(row func(t float64, v []float64) bool) error {
			var one [1]float64
			return rm.Each(func(t, hz float64) bool { one[0] = hz; return row(t, one[:]) })
		}
		if csv {
			if err := writeCSV(base+".rate.csv", []string{"time_ms", "rate_hz"}, each); err != nil {
				return err
			}
		}
		if npy {
			if err := writeNPY(base+".rate.npy", rm.Len(), 1, true, each); err != nil {
				return err
			}
		}
	}
	if !figs {
		return nil
	}
	return r.timed(func() error { return r.spikeFigures(m, base, warn) })
}

// spikeFigures draws the figures of a spike monitor: the raster of the
// recorded neurons, the population rate, the ISI histogram and the
// distribution of firing rates.
func (r *result) spikeFigures(m *dsl.Monitor, base string, warn io.Writer) error {
	sp, p := m.Spikes, m.Target
	title := spikeTitle(m)
	raster, err := figures.NewRasterGroups(title, []figures.RasterGroup{rasterGroup(m)}, r.sim.Time(), sp.NumSpikes())
	if err != nil {
		return err
	}
	if err := sp.Each(func(s monitors.Spike) bool { raster.Add(s.Time, s.Neuron); return true }); err != nil {
		return err
	}
	if err := r.draw(func() error { return raster.Save(base + ".raster.png") }); err != nil {
		return err
	}
	if err := r.spikeDistributions(m, base, title, warn); err != nil {
		return err
	}
	if rm := m.Rate; rm != nil {
		l := figures.NewLineFigure(1, rm.Len())
		var one [1]float64
		if err := rm.EachSmoothedGaussian(rateSigma, func(t, hz float64) bool { one[0] = hz; l.Add(t, one[:]); return true }); err != nil {
			return err
		}
		what := ", population rate"
		if sp.Indices != nil {
			what = fmt.Sprintf(", rate of all %d neurons (not only the recorded)", p.Len())
		}
		if err := r.draw(func() error { return l.Rate(base+".rate.png", title+what) }); err != nil {
			return err
		}
	}
	return nil
}

func (r *result) writeState(m *dsl.Monitor, base string, csv, npy, figs bool, warn io.Writer) error {
	st := m.State
	rows := st.NumRecords()
	if npy && len(st.Vars) > 0 {
		each := func(row func(t float64, v []float64) bool) error {
			return st.EachVar(st.Vars[0], func(t float64, _ []float64) bool { return row(t, nil) })
		}
		if err := writeNPY(base+".times.npy", rows, 0, true, each); err != nil {
			return err
		}
		// The recorded indices (neurons, or synapses of a synapse
		// monitor): column c of MON.VAR.npy is index indices[c].
		if ids := st.Indices; ids != nil || st.Width(st.Vars[0]) >= 0 {
			if ids == nil {
				ids = make([]int, st.Width(st.Vars[0]))
				for i := range ids {
					ids[i] = i
				}
			}
			err := writeIntsNPY(base+".indices.npy", ids)
			if err != nil {
				return err
			}
		}
	}
	if e := m.Synapse; e != nil && len(st.Vars) > 0 && st.Width(st.Vars[0]) >= 0 {
		if err := writeSynapsePairs(base, e, st.Indices, st.Width(st.Vars[0]), csv, npy); err != nil {
			return err
		}
	}
	for _, name := range st.Vars {
		cols := st.Width(name)
		if cols < 0 {
			return fmt.Errorf("monitor %q recorded no variable %q", m.Name, name)
		}
		ids := st.Indices
		if ids == nil {
			ids = make([]int, cols)
			for i := range ids {
				ids[i] = i
			}
		}
		each := func(row func(t float64, v []float64) bool) error { return st.EachVar(name, row) }
		file := base + "." + fileName(name)
		if csv {
			header := make([]string, 1, cols+1)
			header[0] = "time_ms"
			for _, i := range ids {
				header = append(header, strconv.Itoa(i))
			}
			if err := writeCSV(file+".csv", header, each); err != nil {
				return err
			}
		}
		if npy {
			if err := writeNPY(file+".npy", rows, cols, false, each); err != nil {
				return err
			}
		}
		if !figs || cols == 0 {
			continue
		}
		if err := r.timed(func() error { return r.stateFigure(m, base, name, ids, rows, each, warn) }); err != nil {
			return err
		}
	}
	return nil
}

// stateFigure draws the figure of variable name of a state monitor:
// up to maxTraces of its recorded columns over time (base.NAME.png),
// with the threshold for a membrane potential, beside the injected
// current when the population has a current stimulus; for a synapse's
// weights, the weight figures.
func (r *result) stateFigure(m *dsl.Monitor, base, name string, ids []int, rows int, each func(row func(t float64, v []float64) bool) error, warn io.Writer) error {
	n := min(len(ids), maxTraces)
	l := figures.NewLineFigure(n, rows)
	current, clamp := func(int, int) float64 { return 0 }, false
	if m.Target != nil && name == "v" {
		current, clamp = r.stimulusCurrent(m.Target)
	}
	var in *figures.LineFigure
	if clamp {
		in = figures.NewLineFigure(n, rows)
	}
	cur := make([]float64, n)
	dt := r.sim.Dt()
	if err := each(func(t float64, v []float64) bool {
		l.Add(t, v)
		if clamp {
			k := int(math.Round(t / dt))
			for c := range cur {
				cur[c] = current(k, ids[c])
			}
			in.Add(t, cur)
		}
		return true
	}); err != nil {
		return err
	}
	file := base + "." + fileName(name)
	if m.Synapse != nil {
		if name == "w" {
			return r.weightFigures(m, base, l, ids[:n], warn)
		}
		labels := make([]string, n)
		for c := range labels {
			labels[c] = "target " + strconv.Itoa(ids[c])
		}
		title := fmt.Sprintf("%s: %s of %s", m.Name, name, m.Synapse.Name)
		return r.draw(func() error { return l.Traces(file+".png", title, name, labels, nil) })
	}
	labels := make([]string, n)
	for c := range labels {
		labels[c] = "neuron " + strconv.Itoa(ids[c])
	}
	kind := m.Target.Model.Kind()
	if name != "v" {
		title := fmt.Sprintf("%s: %s (%s)", m.Name, name, kind)
		return r.draw(func() error { return l.Traces(file+".png", title, name, labels, nil) })
	}
	title := fmt.Sprintf("%s: membrane potential (%s)", m.Name, kind)
	if clamp {
		title = fmt.Sprintf("%s: membrane potential and injected current (%s)", m.Name, kind)
		return r.draw(func() error { return l.Clamp(file+".png", title, "v (mV)", "current", in, labels, threshold(m.Target)) })
	}
	return r.draw(func() error { return l.Traces(file+".png", title, "v (mV)", labels, threshold(m.Target)) })
}

// streamLimit is the estimated memory of a monitor block above which its
// records are streamed to disk rather than held in memory.
const streamLimit = 64 << 20

// spikeRateBound is the mean firing rate (Hz) the estimate of a spike
// monitor's memory assumes: a bound for most networks, so that a monitor
// estimated below streamLimit stays small.
const spikeRateBound = 100

// monitorBytes estimates the memory a monitor block's records take if held
// in memory, for a run of steps steps of dt ms: 12 bytes per spike at
// spikeRateBound Hz for every recorded neuron, 16 per step for the
// population rate, 8 per value plus 8 per record for state variables and
// 16 per record for each signal.
func monitorBytes(m *dsl.Monitor, steps, dt float64) float64 {
	var b float64
	if m.Spikes != nil {
		n := float64(m.Target.Len())
		if m.Spikes.Indices != nil {
			n = float64(len(m.Spikes.Indices))
		}
		b += 12 * n * steps * dt / 1000 * spikeRateBound
	}
	if m.Rate != nil {
		b += 16 * steps
	}
	records := math.Floor(steps/float64(max(m.Every, 1))) + 1
	if m.State != nil {
		cols := 0
		for _, name := range m.State.Vars {
			cols += max(m.State.Width(name), 0)
		}
		b += (8*float64(cols) + 8) * records
	}
	b += 16 * float64(len(m.Signals)) * records
	return b
}

// streamMonitors gives a spool file in dir (the output directory) to every
// monitor of a block that has stream = true, or whose records would take
// more than streamLimit bytes of memory in a run of duration ms (see
// monitorBytes), so that its memory does not grow with the run. It must
// be called after the network is compiled and before it runs; the
// returned function closes and removes the spool files.
func streamMonitors(net *dsl.Network, dir string, duration float64) (closeAll func() error, err error) {
	var spools []*monitors.Spool
	closeAll = func() error {
		var err error
		for _, s := range spools {
			err = cmp.Or(err, s.Close())
		}
		return err
	}
	spool := func(name string) (*monitors.Spool, error) {
		s, err := monitors.NewSpool(dir, fileName(name))
		if err == nil {
			spools = append(spools, s)
		}
		return s, err
	}
	steps := math.Ceil(duration/net.Simulation.Dt - 1e-9)
	for _, m := range net.Monitors {
		if !m.Stream && monitorBytes(m, steps, net.Simulation.Dt) <= streamLimit {
			continue
		}
		if m.Spikes != nil {
			if m.Spikes.Spool, err = spool(m.Name + ".spikes"); err != nil {
				break
			}
		}
		if m.Rate != nil {
			if m.Rate.Spool, err = spool(m.Name + ".rate"); err != nil {
				break
			}
		}
		if m.State != nil {
			if m.State.Spool, err = spool(m.Name + ".state"); err != nil {
				break
			}
		}
		for _, name := range slices.Sorted(maps.Keys(m.Signals)) {
			if m.Signals[name].Spool, err = spool(m.Name + "." + name); err != nil {
				break
			}
		}
		if err != nil {
			break
		}
	}
	if err != nil {
		closeAll()
		return nil, err
	}
	return closeAll, nil
}

// weightFigures draws the figures of a synapse monitor: the recorded
// weights over time (base.w.png, up to maxTraces of them, in l), and the
// edge's weight matrix (base.matrix.png) and weight histogram
// (base.hist.png) at the end of the run.
func (r *result) weightFigures(m *dsl.Monitor, base string, l *figures.LineFigure, ids []int, warn io.Writer) error {
	e := m.Synapse
	labels := make([]string, len(ids))
	for c := range labels {
		labels[c] = fmt.Sprintf("synapse %d (%d→%d)", ids[c], e.Source(ids[c]), e.Target(ids[c]))
	}
	title := fmt.Sprintf("%s: weights of %s", m.Name, e.Name)
	if err := r.draw(func() error { return l.Traces(base+".w.png", title, "weight", labels, nil) }); err != nil {
		return err
	}
	at := fmt.Sprintf(" at %s ms", num(r.sim.Time()))
	if err := r.draw(func() error {
		return figures.WeightMatrix(base+".matrix.png", title+at, e.NumPre(), e.NumPost(), e.Dense())
	}); err != nil {
		return err
	}
	lo, hi := e.Bounds()
	histTitle := fmt.Sprintf("%s: weights of %s%s (%d synapses)", m.Name, e.Name, at, e.Len())
	return r.draw(func() error {
		return figures.Histogram(base+".hist.png", histTitle, "weight", e.WeightValues(), lo, hi, histBins)
	})
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

// writeCSV writes a CSV file with the given header and one row per
// record that each yields: the time, then the values.
func writeCSV(path string, header []string, each func(row func(t float64, v []float64) bool) error) error {
	return writeFileAtomic(path, 0o644, func(w io.Writer) error {
		c := monitors.NewCSVWriter(w, header)
		var werr error
		err := each(func(t float64, v []float64) bool {
			c.Start(t)
			for _, x := range v {
				c.Float(x)
			}
			werr = c.End()
			return werr == nil
		})
		return cmp.Or(err, werr, c.Flush())
	})
}

// writeNPY writes an .npy file of rows records that each yields: with
// withTime, an array (rows, 1+cols) of the time and the values (or
// (rows,) of the times if cols is 0); else (rows, cols) of the values.
func writeNPY(path string, rows, cols int, withTime bool, each func(row func(t float64, v []float64) bool) error) error {
	shape := []int{rows, cols}
	switch {
	case withTime && cols == 0:
		shape = []int{rows}
	case withTime:
		shape = []int{rows, cols + 1}
	}
	return writeFileAtomic(path, 0o644, func(w io.Writer) error {
		if err := npy.WriteHeader(w, shape); err != nil {
			return err
		}
		var buf []byte
		n := 0
		var werr error
		err := each(func(t float64, v []float64) bool {
			n++
			buf = buf[:0]
			if withTime {
				buf = binary.LittleEndian.AppendUint64(buf, math.Float64bits(t))
			}
			for _, x := range v[:cols] {
				buf = binary.LittleEndian.AppendUint64(buf, math.Float64bits(x))
			}
			_, werr = w.Write(buf)
			return werr == nil
		})
		if err = cmp.Or(err, werr); err == nil && n != rows {
			err = fmt.Errorf("%d records for an array of %d", n, rows)
		}
		return err
	})
}

// writeIntsNPY writes v as an .npy array of int64, atomically.
func writeIntsNPY(path string, v []int) error {
	return writeFileAtomic(path, 0o644, func(w io.Writer) error {
		buf := make([]byte, 0, 8*len(v))
		for _, i := range v {
			buf = binary.LittleEndian.AppendUint64(buf, uint64(int64(i)))
		}
		if err := npy.WriteHeaderType(w, "<i8", []int{len(v)}); err != nil {
			return err
		}
		_, err := w.Write(buf)
		return err
	})
}

// writeNPYFile writes data as an .npy file of the given shape, atomically.
func writeNPYFile(path string, shape []int, data []float64) error {
	return writeFileAtomic(path, 0o644, func(w io.Writer) error { return npy.Write(w, shape, data) })
}

// fileName turns a block name into a file name (dsl.OutputName, which
// validation checks for collisions).
func fileName(name string) string { return dsl.OutputName(name) }
