// Package figures draws the standard figures of a simulation run as PNG
// files with gonum.org/v1/plot: spike rasters (of one population or
// several, as dots or as a rate heat map when dense), state-variable
// traces, current-clamp figures, population rates, histograms (ISIs,
// rates), f-I curves, and for learning: weight matrices and vectors,
// weight histograms, weights over time and the dopamine and reward
// signals.
//
// Every figure is Width x Height (6 x 4 in, 576 x 384 pixels at 96 dpi),
// with times given in ms (drawn in s for spans longer than LongRun),
// potentials in mV and rates in Hz. Legends are drawn beside the data. Files are written
// atomically: the PNG is written to a temporary file in the target
// directory, synced and renamed, so a reader never sees a half-written
// figure under its final name.
//
// A figure never hangs and its memory does not grow with the data: NaN
// and infinite values are left out, values beyond ±MaxValue clipped, axis
// ranges made finite and of non-zero width, and drawing is bounded by
// RenderTimeout (ErrTimeout). A raster is drawn into an image of the plot
// area, a line reduced to its envelope at the figure's resolution; the
// streaming forms RasterFigure and LineFigure take their data one record
// at a time, for records read back from disk.
package figures

import (
	"fmt"
	"image/color"
	"io"
	"math"
	"strconv"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/plotutil"
	"gonum.org/v1/plot/vg"

	"github.com/synapticflow/synapticflow-go/internal/atomicfs"
)

// Width and Height are the size of every figure.
const (
	Width  = 6 * vg.Inch
	Height = 4 * vg.Inch
)

// MaxLegend is the largest number of traces Traces names in its legend
// (drawn to the right of the data, so that it hides none of it).
const MaxLegend = 10

// Raster draws a spike raster: a dot at (times[i], neurons[i]) for every
// spike (smaller dots when there are many), with neurons 0 to n-1 on the
// y axis and time 0 to duration (ms) on the x axis. The dots are drawn
// into an image of the data area (see RasterFigure), so the figure's
// memory does not grow with the number of spikes.
func Raster(path, title string, times []float64, neurons []int, n int, duration float64) error {
	if len(times) != len(neurons) {
		return fmt.Errorf("figures: raster with %d times and %d neurons", len(times), len(neurons))
	}
	r, err := NewRaster(title, n, duration, len(times))
	if err != nil {
		return err
	}
	for i, t := range times {
		r.Add(t, neurons[i])
	}
	return r.Save(path)
}

// Traces draws one line per series against times (ms), and a dashed
// horizontal line at *threshold if threshold is not nil. Every series must
// have len(times) values. The legend names the series by labels (which
// may be nil) when there are at most MaxLegend of them; more would hide
// the traces. NaN and infinite values are left out, values beyond
// ±MaxValue clipped.
func Traces(path, title string, times []float64, series [][]float64, labels []string, threshold *float64) error {
	return tracesOf(path, title, "v (mV)", times, series, labels, threshold)
}

// Lines is Traces for any quantity: one line per series against times
// (ms), with yLabel on the y axis and no threshold line.
func Lines(path, title, yLabel string, times []float64, series [][]float64, labels []string) error {
	return tracesOf(path, title, yLabel, times, series, labels, nil)
}

func tracesOf(path, title, yLabel string, times []float64, series [][]float64, labels []string, threshold *float64) error {
	lines := make([]plotter.XYs, len(series))
	for i, ys := range series {
		if len(ys) != len(times) {
			return fmt.Errorf("figures: trace %d has %d values for %d times", i, len(ys), len(times))
		}
		lines[i] = envelope(times, ys, maxBuckets)
	}
	var t0, t1 float64
	if len(times) > 0 {
		t0, t1 = times[0], times[len(times)-1]
	}
	return traces(path, title, yLabel, lines, t0, t1, labels, threshold)
}

// traces draws lines (already reduced and clipped) over the times t0 to
// t1 (ms), the span of the threshold line.
func traces(path, title, yLabel string, lines []plotter.XYs, t0, t1 float64, labels []string, threshold *float64) error {
	p, leg, err := tracesPlot(title, yLabel, lines, t0, t1, labels, threshold)
	if err != nil {
		return err
	}
	return saveWithLegend(p, leg, path)
}

// tracesPlot makes the plot of traces and its legend (named lines, the
// threshold), drawn beside the data area. The time axis is in ms, or in s
// for a span longer than LongRun.
func tracesPlot(title, yLabel string, lines []plotter.XYs, t0, t1 float64, labels []string, threshold *float64) (*plot.Plot, *legendBox, error) {
	scale, xLabel := timeAxis(t1 - t0)
	p := newPlot(title, xLabel, yLabel)
	leg := newLegendBox()
	for i, pts := range lines {
		if len(pts) == 0 {
			continue
		}
		l, err := plotter.NewLine(scaleX(pts, scale))
		if err != nil {
			return nil, nil, fmt.Errorf("figures: trace %d: %w", i, err)
		}
		l.Color = plotutil.Color(i)
		p.Add(l)
		if len(lines) <= MaxLegend && i < len(labels) && labels[i] != "" {
			leg.add(labels[i], l)
		}
	}
	th := threshold
	if th != nil {
		if y, ok := clip(*th); ok {
			th = &y
		} else {
			th = nil
		}
	}
	if th != nil && !math.IsNaN(t0) && !math.IsNaN(t1) {
		x0, _ := clip(t0 * scale)
		x1, _ := clip(t1 * scale)
		l, err := plotter.NewLine(plotter.XYs{{X: x0, Y: *th}, {X: x1, Y: *th}})
		if err != nil {
			return nil, nil, fmt.Errorf("figures: threshold: %w", err)
		}
		l.Color = color.Gray{Y: 80}
		l.Dashes = []vg.Length{vg.Points(4), vg.Points(3)}
		p.Add(l)
		leg.add("threshold", l)
	}
	return p, leg, nil
}

// Rate draws a population rate (Hz) against times (ms).
func Rate(path, title string, times, rateHz []float64) error {
	if len(times) != len(rateHz) {
		return fmt.Errorf("figures: rate with %d times and %d values", len(times), len(rateHz))
	}
	return rate(path, title, []plotter.XYs{envelope(times, rateHz, maxBuckets)}, nil)
}

// Rates draws several population rates (Hz) against times (ms), one line
// per series, named in a legend by labels: e.g. the excitatory and the
// inhibitory population of a network.
func Rates(path, title string, times []float64, rateHz [][]float64, labels []string) error {
	lines := make([]plotter.XYs, len(rateHz))
	for i, r := range rateHz {
		if len(r) != len(times) {
			return fmt.Errorf("figures: rate %d with %d times and %d values", i, len(times), len(r))
		}
		lines[i] = envelope(times, r, maxBuckets)
	}
	return rate(path, title, lines, labels)
}

// rate draws rate lines already reduced and clipped, with a legend of
// labels when there are several.
func rate(path, title string, lines []plotter.XYs, labels []string) error {
	t0, t1 := math.Inf(1), math.Inf(-1)
	for _, pts := range lines {
		if len(pts) > 0 {
			t0, t1 = math.Min(t0, pts[0].X), math.Max(t1, pts[len(pts)-1].X)
		}
	}
	scale, xLabel := timeAxis(t1 - t0)
	p := newPlot(title, xLabel, "rate (Hz)")
	leg := newLegendBox()
	for i, pts := range lines {
		if len(pts) == 0 {
			continue
		}
		l, err := plotter.NewLine(scaleX(pts, scale))
		if err != nil {
			return fmt.Errorf("figures: rate: %w", err)
		}
		l.Color = plotutil.Color(i)
		p.Add(l)
		if len(lines) > 1 && i < len(labels) && labels[i] != "" {
			leg.add(labels[i], l)
		}
	}
	p.Y.Min = 0
	if t1 > t0 {
		p.X.Min, p.X.Max = t0*scale, t1*scale
	}
	return saveWithLegend(p, leg, path)
}

// FICurve draws f-I curves: for each series i, the firing rate rates[i][j]
// (Hz) at input current currents[j], as lines with points, named by
// labels.
func FICurve(path, title string, currents []float64, rates [][]float64, labels []string) error {
	p := newPlot(title, "input current", "rate (Hz)")
	for i, rs := range rates {
		if len(rs) != len(currents) {
			return fmt.Errorf("figures: f-I series %d has %d rates for %d currents", i, len(rs), len(currents))
		}
		if len(rs) == 0 {
			continue
		}
		l, s, err := plotter.NewLinePoints(xys(currents, rs))
		if err != nil {
			return fmt.Errorf("figures: f-I series %d: %w", i, err)
		}
		l.Color, s.Color, s.Shape = plotutil.Color(i), plotutil.Color(i), plotutil.Shape(i)
		p.Add(l, s)
		if i < len(labels) && labels[i] != "" {
			p.Legend.Add(labels[i], l, s)
		}
	}
	p.Legend.Top, p.Legend.Left = true, true
	p.Y.Min = 0
	return save(p, path)
}

func newPlot(title, x, y string) *plot.Plot {
	p := plot.New()
	p.Title.Text = title
	p.X.Label.Text = x
	p.Y.Label.Text = y
	p.X.Tick.Marker, p.Y.Tick.Marker = plainTicks{}, plainTicks{}
	if strings.HasPrefix(x, "time") {
		p.X.Tick.Marker = timeTicks{}
	}
	p.Add(plotter.NewGrid())
	return p
}

// plainTicks are gonum's default tick positions labelled with the
// value to 10 significant digits ("750", not "750.00"; "1.2", not
// "1.2000000000000002").
type plainTicks struct{}

func (plainTicks) Ticks(min, max float64) []plot.Tick {
	ticks := plot.DefaultTicks{}.Ticks(min, max)
	for i, t := range ticks {
		if t.Label != "" {
			ticks[i].Label = strconv.FormatFloat(t.Value, 'g', 10, 64)
		}
	}
	return ticks
}

// maxBuckets is the number of buckets a long line is reduced to: one per
// two to three pixels of a figure's plot area. (The rasterizer's cost grows with
// the square of the number of segments crossing a pixel row, so a noisy
// line of thousands of points takes seconds to draw.)
const maxBuckets = 200

// envelope returns the points (xs[i], ys[i]) of a line, reduced when there
// are more than 2*buckets of them: the points are split into buckets
// consecutive runs and each run is replaced by its lowest and highest
// point, in their order. The drawn line keeps its extremes at the
// figure's resolution, and a line of a long run (10^5 steps and more)
// takes milliseconds to draw instead of seconds. NaN and infinite values
// are left out, values beyond ±MaxValue clipped.
func envelope(xs, ys []float64, buckets int) plotter.XYs {
	e := newEnvelope(len(xs), buckets)
	for i, x := range xs {
		e.add(x, ys[i])
	}
	return e.points()
}

// xys returns the points (xs[i], ys[i]), leaving out those with a NaN or
// infinite coordinate and clipping the others to ±MaxValue.
func xys(xs, ys []float64) plotter.XYs {
	pts := make(plotter.XYs, 0, len(xs))
	for i := range xs {
		x, okX := clip(xs[i])
		y, okY := clip(ys[i])
		if okX && okY {
			pts = append(pts, plotter.XY{X: x, Y: y})
		}
	}
	return pts
}

// save renders p as a PNG to path, atomically, with its axis ranges made
// safe to label, within RenderTimeout.
func save(p *plot.Plot, path string) error {
	return render(path, RenderTimeout, func() (io.WriterTo, error) {
		sanitize(p)
		return p.WriterTo(Width, Height, "png")
	})
}

// writeAtomic writes a file through write, atomically (see
// atomicfs.WriteFile).
func writeAtomic(path string, write func(io.Writer) error) error {
	if err := atomicfs.WriteFile(path, 0o644, write); err != nil {
		return fmt.Errorf("figures: %w", err)
	}
	return nil
}
