package figures

import (
	"fmt"
	"image/color"
	"io"
	"math"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/palette/moreland"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/plotutil"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// colorBarWidth is the width of the colour bar of WeightMatrix, its
// labels included.
const colorBarWidth = 0.9 * vg.Inch

// maxVectorCells is the largest matrix WeightMatrix draws cell by cell.
const maxVectorCells = 1 << 16

// WeightMatrix draws a rows x cols matrix w (row-major, as
// synapses.Synapse.Dense returns: row i holds the weights from source
// neuron i, column j those onto target neuron j) as a heat map, target
// neurons on the x axis and source neurons on the y axis, with a colour
// bar from the smallest to the largest weight. A matrix of one row or one
// column (one source or one target neuron) is drawn as WeightVector
// draws it.
func WeightMatrix(path, title string, rows, cols int, w []float64) error {
	if rows < 0 || cols < 0 || rows*cols != len(w) {
		return fmt.Errorf("figures: weight matrix of %d x %d with %d values", rows, cols, len(w))
	}
	switch {
	case rows == 1 && cols > 1:
		return WeightVector(path, title, "target neuron", w)
	case cols == 1 && rows > 1:
		return WeightVector(path, title, "source neuron", w)
	}
	p := newPlot(title, "target neuron", "source neuron")
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, x := range w {
		if x, ok := clip(x); ok {
			lo, hi = math.Min(lo, x), math.Max(hi, x)
		}
	}
	if lo > hi { // empty, or every weight NaN
		lo, hi = 0, 1
	}
	if lo == hi {
		// One colour for every weight; the bar still needs a range.
		lo, hi = lo-0.5, hi+0.5
	}
	lo, hi = safeRange(lo, hi)
	cmap := moreland.ExtendedBlackBody()
	cmap.SetMin(lo)
	cmap.SetMax(hi)
	if rows > 0 && cols > 0 {
		h := plotter.NewHeatMap(weightGrid{rows: rows, cols: cols, w: w}, cmap.Palette(255))
		h.Min, h.Max = lo, hi
		// One rectangle per cell draws sharp edges; a large matrix is
		// drawn as an image instead (its cells are a pixel or less).
		h.Rasterized = rows*cols > maxVectorCells
		p.Add(h)
	}
	p.X.Min, p.X.Max = -0.5, float64(max(cols, 1))-0.5
	p.Y.Min, p.Y.Max = -0.5, float64(max(rows, 1))-0.5
	p.X.Padding, p.Y.Padding = 0, 0
	p.X.Tick.Marker, p.Y.Tick.Marker = indexTicks{}, indexTicks{}

	bar := plot.New()
	bar.Add(&plotter.ColorBar{ColorMap: cmap, Vertical: true})
	bar.HideX()
	bar.Y.Label.Text = "weight"
	bar.Y.Tick.Marker = plainTicks{}
	bar.Y.Padding = 0
	bar.Title.Text = " " // align the bar with the matrix below the title
	bar.Title.TextStyle = p.Title.TextStyle

	return render(path, RenderTimeout, func() (io.WriterTo, error) {
		c, err := draw.NewFormattedCanvas(Width, Height, "png")
		if err != nil {
			return nil, err
		}
		dc := draw.New(c)
		p.Draw(draw.Crop(dc, 0, -colorBarWidth, 0, 0))
		bar.Draw(draw.Crop(dc, Width-colorBarWidth+vg.Points(6), 0, 0, 0))
		return c, nil
	})
}

// indexTicks label neuron indices: whole numbers 1, 2 or 5 times a power
// of ten apart, at most about 8 of them.
type indexTicks struct{}

func (indexTicks) Ticks(lo, hi float64) []plot.Tick {
	first, last := math.Ceil(lo), math.Floor(hi)
	step := 1.0
	for mult := 1.0; (last-first)/step > 8; {
		for _, m := range []float64{2, 5, 10} {
			if step = m * mult; (last-first)/step <= 8 {
				break
			}
		}
		mult *= 10
	}
	var ticks []plot.Tick
	for x := math.Ceil(first/step) * step; x <= last; x += step {
		ticks = append(ticks, plot.Tick{Value: x, Label: strconv.Itoa(int(x))})
	}
	return ticks
}

// weightGrid is a row-major matrix as a plotter.GridXYZ: column c is target
// neuron c (x = c), row r source neuron r (y = r).
type weightGrid struct {
	rows, cols int
	w          []float64
}

func (g weightGrid) Dims() (c, r int)   { return g.cols, g.rows }
func (g weightGrid) Z(c, r int) float64 { return g.w[r*g.cols+c] }
func (g weightGrid) X(c int) float64    { return float64(c) }
func (g weightGrid) Y(r int) float64    { return float64(r) }

// Bins counts values in n equal bins spanning [lo, hi]: bin b holds the
// values in [lo + b*width, lo + (b+1)*width), the last bin includes hi,
// and values outside [lo, hi] or NaN are not counted. It returns the
// counts and the bin width. n must be positive and lo < hi.
func Bins(values []float64, lo, hi float64, n int) (counts []int, width float64) {
	counts = make([]int, n)
	width = (hi - lo) / float64(n)
	for _, v := range values {
		if !(v >= lo && v <= hi) {
			continue
		}
		b := min(int((v-lo)/width), n-1)
		counts[b]++
	}
	return counts, width
}

// Histogram draws the distribution of values as n equal bins spanning
// [lo, hi] (for weights: their bounds w_min and w_max, so that weights
// piled up at a bound show). If lo or hi is not finite, or lo >= hi, the
// range of the values is used instead. The y axis counts values.
func Histogram(path, title, xLabel string, values []float64, lo, hi float64, n int) error {
	if n < 1 {
		return fmt.Errorf("figures: histogram with %d bins", n)
	}
	if math.IsInf(lo, 0) || math.IsInf(hi, 0) || math.IsNaN(lo) || math.IsNaN(hi) || !(lo < hi) {
		lo, hi = math.Inf(1), math.Inf(-1)
		for _, v := range values {
			if !math.IsNaN(v) && !math.IsInf(v, 0) {
				lo, hi = math.Min(lo, v), math.Max(hi, v)
			}
		}
		switch {
		case lo > hi:
			lo, hi = 0, 1
		case lo == hi:
			lo, hi = lo-0.5, hi+0.5
		}
	}
	lo, hi = safeRange(lo, hi)
	counts, width := Bins(values, lo, hi, n)
	fc := make([]float64, len(counts))
	for b, c := range counts {
		fc[b] = float64(c)
	}
	return HistogramCounts(path, title, xLabel, "count", lo, width, fc)
}

// HistogramCounts draws a histogram already counted: bin b spans
// [lo + b*width, lo + (b+1)*width) and holds counts[b], with yLabel on
// the y axis (e.g. inter-spike intervals binned as they are read). Width
// must be positive and finite.
func HistogramCounts(path, title, xLabel, yLabel string, lo, width float64, counts []float64) error {
	if !(width > 0) || math.IsInf(width, 0) || math.IsNaN(lo) || math.IsInf(lo, 0) {
		return fmt.Errorf("figures: histogram bins of width %g from %g", width, lo)
	}
	p := newPlot(title, xLabel, yLabel)
	h := &plotter.Histogram{Width: width, FillColor: plotutil.Color(0), LineStyle: plotter.DefaultLineStyle}
	for b, c := range counts {
		if y, ok := clip(c); ok {
			h.Bins = append(h.Bins, plotter.HistogramBin{Min: lo + float64(b)*width, Max: lo + float64(b+1)*width, Weight: y})
		}
	}
	p.Add(h)
	p.X.Min, p.X.Max = lo, lo+float64(max(len(counts), 1))*width
	p.Y.Min = 0
	return save(p, path)
}

// Signals draws the network's neuromodulator signals against times (ms):
// the dopamine level as a line and every non-zero reward as a point (a
// trial's outcome). Either may be nil; a non-nil one must have len(times)
// values.
func Signals(path, title string, times, dopamine, reward []float64) error {
	for name, ys := range map[string][]float64{"dopamine": dopamine, "reward": reward} {
		if ys != nil && len(ys) != len(times) {
			return fmt.Errorf("figures: %s has %d values for %d times", name, len(ys), len(times))
		}
	}
	f := NewSignalFigure(len(times))
	for k, t := range times {
		f.AddTime(t)
		if dopamine != nil {
			f.AddDopamine(t, dopamine[k])
		}
		if reward != nil {
			f.AddReward(t, reward[k])
		}
	}
	return f.Save(path, title)
}

// SignalFigure draws Signals from records given one at a time, with
// memory that grows with the number of non-zero rewards only: the
// dopamine line is reduced to its envelope as it comes. Create it with
// NewSignalFigure, giving the number of records; add each record's time
// (AddTime, for the time axis) and its dopamine and reward values (either
// may be left out), then Save.
type SignalFigure struct {
	dopamine *envelopeBuilder
	rewards  plotter.XYs
	hasDopa  bool
	t0, t1   float64
	times    int
	lo, hi   float64
}

// NewSignalFigure prepares a figure of n records.
func NewSignalFigure(n int) *SignalFigure {
	return &SignalFigure{dopamine: newEnvelope(n, maxBuckets)}
}

// AddTime adds a record's time (ms) to the time axis.
func (f *SignalFigure) AddTime(t float64) {
	if f.times == 0 {
		f.t0 = t
	}
	f.t1 = t
	f.times++
}

// AddDopamine adds the dopamine level of the record at time t.
func (f *SignalFigure) AddDopamine(t, v float64) {
	f.hasDopa = true
	f.dopamine.add(t, v)
	f.extend(v)
}

// AddReward adds the reward of the record at time t; a non-zero one is
// drawn as a point.
func (f *SignalFigure) AddReward(t, r float64) {
	f.extend(r)
	x, okX := clip(t)
	y, okY := clip(r)
	if r != 0 && okX && okY {
		f.rewards = append(f.rewards, plotter.XY{X: x, Y: y})
	}
}

func (f *SignalFigure) extend(y float64) {
	if y, ok := clip(y); ok {
		f.lo, f.hi = math.Min(f.lo, y), math.Max(f.hi, y)
	}
}

// Save draws the figure to path as a PNG, atomically, within
// RenderTimeout.
func (f *SignalFigure) Save(path, title string) error {
	scale, xLabel := timeAxis(f.t1 - f.t0)
	p := newPlot(title, xLabel, "dopamine, reward")
	leg := newLegendBox()
	if pts := f.dopamine.points(); f.hasDopa && len(pts) > 0 {
		l, err := plotter.NewLine(scaleX(pts, scale))
		if err != nil {
			return fmt.Errorf("figures: dopamine: %w", err)
		}
		l.Color = plotutil.Color(2)
		p.Add(l)
		leg.add("dopamine", l)
	}
	if len(f.rewards) > 0 {
		s, err := plotter.NewScatter(scaleX(f.rewards, scale))
		if err != nil {
			return fmt.Errorf("figures: reward: %w", err)
		}
		s.GlyphStyle = draw.GlyphStyle{Color: color.RGBA{R: 0xc0, G: 0x39, B: 0x2b, A: 0xff}, Radius: vg.Points(2), Shape: draw.CircleGlyph{}}
		p.Add(s)
		leg.add("reward", s)
	}
	if f.times > 0 {
		p.X.Min, p.X.Max = f.t0*scale, math.Max(f.t1, f.t0+1e-9)*scale
	}
	return saveWithLegend(p, leg, path)
}

// maxBars is the largest number of weights WeightVector draws as bars;
// more are drawn as their envelope, a filled profile.
const maxBars = 400

// WeightVector draws a weight vector (the weights from one source or onto
// one target neuron) as a bar plot: the weight of each neuron, indexed on
// the x axis (xLabel), from 0. A long vector is drawn as its envelope.
func WeightVector(path, title, xLabel string, w []float64) error {
	p := newPlot(title, xLabel, "weight")
	p.X.Tick.Marker = indexTicks{}
	if len(w) <= maxBars {
		bars := make(plotter.Values, len(w))
		for i, x := range w {
			bars[i], _ = clip(x)
		}
		b, err := plotter.NewBarChart(bars, vg.Points(1))
		if err != nil {
			return fmt.Errorf("figures: weights: %w", err)
		}
		// Bars one neuron wide: the chart draws them at x = 0, 1, ...,
		// with a width set once the plot's scale is known.
		b.Color, b.LineStyle.Width = plotutil.Color(0), 0
		p.Add(indexBars{b, len(w)})
	} else {
		xs := make([]float64, len(w))
		for i := range xs {
			xs[i] = float64(i)
		}
		l, err := plotter.NewLine(envelope(xs, w, maxBuckets))
		if err != nil {
			return fmt.Errorf("figures: weights: %w", err)
		}
		l.Color = plotutil.Color(0)
		l.FillColor = plotutil.Color(0)
		p.Add(l)
	}
	p.X.Min, p.X.Max = -0.5, float64(max(len(w), 1))-0.5
	p.X.Padding = 0
	return save(p, path)
}

// indexBars draws a bar chart with bars one unit of the x axis wide.
type indexBars struct {
	*plotter.BarChart
	n int
}

func (b indexBars) Plot(c draw.Canvas, p *plot.Plot) {
	trX, _ := p.Transforms(&c)
	b.Width = max(vg.Points(0.5), 0.8*(trX(1)-trX(0)))
	b.BarChart.Plot(c, p)
}

func (b indexBars) DataRange() (xmin, xmax, ymin, ymax float64) {
	_, _, ymin, ymax = b.BarChart.DataRange()
	return -0.5, float64(b.n) - 0.5, math.Min(ymin, 0), math.Max(ymax, 0)
}
