package figures

import (
	"fmt"
	"image"
	"io"
	"math"
	"slices"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// dpi is the resolution of the PNG figures (gonum's default).
const dpi = 96

// RasterFigure draws a spike raster from spikes given one at a time, with
// memory that does not depend on their number: every spike is counted as
// a dot into the pixels of the plot's data area, and when the figure is
// saved the counts become an image placed into it. A pixel is black when
// its count reaches the 99th percentile of the counts of the pixels with
// any (so a sparse raster shows black dots), and lighter in proportion
// below it (so a dense one, with many spikes per pixel, shows where they
// are denser rather than a black rectangle). Create it with NewRaster,
// Add the spikes, then Save.
type RasterFigure struct {
	p      *plot.Plot
	c      vg.CanvasWriterTo
	dc     draw.Canvas
	w, h   int
	count  []uint32 // spikes per pixel, row-major from the top
	x0, y0 float64  // data coordinates of the image's left and bottom edges
	sx, sy float64  // pixels per data unit
	dot    []image.Point
	n      int
}

// NewRaster prepares a raster of n neurons (0 to n-1 on the y axis) over
// time 0 to duration (ms) on the x axis, for about spikes spikes (which
// sets the dot size: smaller dots for denser rasters, as Raster draws
// them).
func NewRaster(title string, n int, duration float64, spikes int) (*RasterFigure, error) {
	p := newPlot(title, "time (ms)", "neuron")
	p.X.Min, p.X.Max = 0, math.Max(duration, 1e-9)
	p.Y.Min, p.Y.Max = -0.5, float64(max(n, 1))-0.5
	sanitize(p)
	c, err := draw.NewFormattedCanvas(Width, Height, "png")
	if err != nil {
		return nil, fmt.Errorf("figures: %w", err)
	}
	dc := draw.New(c)
	da := p.DataCanvas(dc)
	trX, trY := p.Transforms(&da)
	w := int(math.Round((trX(p.X.Max) - trX(p.X.Min)).Dots(dpi)))
	h := int(math.Round((trY(p.Y.Max) - trY(p.Y.Min)).Dots(dpi)))
	w, h = max(w, 1), max(h, 1)
	r := &RasterFigure{
		p: p, c: c, dc: dc, n: n,
		w: w, h: h, count: make([]uint32, w*h),
		x0: p.X.Min, y0: p.Y.Min,
		sx: float64(w) / (p.X.Max - p.X.Min), sy: float64(h) / (p.Y.Max - p.Y.Min),
	}
	// The dot: radius 0.4 to 1.2 pt, as Raster's glyphs were.
	rad := math.Max(0.4, math.Min(1.2, 30/math.Sqrt(float64(max(spikes, 1))))) * dpi / 72
	for dy := -2; dy <= 2; dy++ {
		for dx := -2; dx <= 2; dx++ {
			if float64(dx*dx+dy*dy) <= rad*rad || (dx == 0 && dy == 0) {
				r.dot = append(r.dot, image.Point{X: dx, Y: dy})
			}
		}
	}
	return r, nil
}

// Add draws the spike of neuron at time t (ms). Spikes outside the axes
// are left out.
func (r *RasterFigure) Add(t float64, neuron int) {
	fx := (t - r.x0) * r.sx
	if neuron < 0 || neuron >= r.n || !(fx >= 0 && fx <= float64(r.w)) {
		return // outside the axes, or NaN
	}
	x := min(int(fx), r.w-1) // a spike at the very end of the axis is in the last column
	y := r.h - 1 - int((float64(neuron)-r.y0)*r.sy)
	for _, d := range r.dot {
		if px, py := x+d.X, y+d.Y; px >= 0 && px < r.w && py >= 0 && py < r.h {
			if c := &r.count[py*r.w+px]; *c < math.MaxUint32 {
				*c++
			}
		}
	}
}

// image returns the raster's image: black pixels, opaque in proportion to
// their count up to the 99th percentile of the non-zero counts.
func (r *RasterFigure) image() *image.RGBA {
	var nonzero []uint32
	for _, c := range r.count {
		if c > 0 {
			nonzero = append(nonzero, c)
		}
	}
	ref := 1.0
	if len(nonzero) > 0 {
		slices.Sort(nonzero)
		ref = math.Max(1, float64(nonzero[(len(nonzero)-1)*99/100]))
	}
	img := image.NewRGBA(image.Rect(0, 0, r.w, r.h))
	for i, c := range r.count {
		if c > 0 {
			img.Pix[4*i+3] = uint8(math.Round(255 * math.Min(1, float64(c)/ref)))
		}
	}
	return img
}

// Save draws the figure to path as a PNG, atomically, within
// RenderTimeout.
func (r *RasterFigure) Save(path string) error {
	return render(path, RenderTimeout, func() (io.WriterTo, error) {
		r.p.Add(plotter.NewImage(r.image(), r.p.X.Min, r.p.Y.Min, r.p.X.Max, r.p.Y.Max))
		r.p.Draw(r.dc)
		return r.c, nil
	})
}

// LineFigure draws lines (state traces, rates) from records given one at
// a time, with memory that does not depend on their number: each line is
// reduced to the lowest and highest point of each of maxBuckets runs of
// consecutive records as they come (the envelope that Traces draws), so
// the peaks stay. Create it with NewLineFigure, giving the number of
// records that will be added, Add them, then draw it with Traces or Rate.
type LineFigure struct {
	env    []*envelopeBuilder
	t0, t1 float64
	seen   bool
}

// NewLineFigure prepares series lines of n records each.
func NewLineFigure(series, n int) *LineFigure {
	l := &LineFigure{env: make([]*envelopeBuilder, series)}
	for i := range l.env {
		l.env[i] = newEnvelope(n, maxBuckets)
	}
	return l
}

// Add adds a record: the time t (ms) and one value per series (ys may be
// longer, the rest is ignored; a missing value counts as NaN). NaN and
// infinite values are left out, values beyond ±MaxValue are clipped.
func (l *LineFigure) Add(t float64, ys []float64) {
	if !l.seen {
		l.t0, l.seen = t, true
	}
	l.t1 = t
	for i, e := range l.env {
		y := math.NaN()
		if i < len(ys) {
			y = ys[i]
		}
		e.add(t, y)
	}
}

// Traces draws the lines as Lines does, with yLabel on the y axis, the
// legend naming them by labels when there are at most MaxLegend, and a
// dashed line at *threshold if threshold is not nil.
func (l *LineFigure) Traces(path, title, yLabel string, labels []string, threshold *float64) error {
	lines := make([]plotter.XYs, len(l.env))
	for i, e := range l.env {
		lines[i] = e.points()
	}
	return traces(path, title, yLabel, lines, l.t0, l.t1, labels, threshold)
}

// Rate draws the first line as a population rate (Hz), as Rate does.
func (l *LineFigure) Rate(path, title string) error {
	var pts plotter.XYs
	if len(l.env) > 0 {
		pts = l.env[0].points()
	}
	return rate(path, title, pts)
}

// envelopeBuilder reduces a line of n points given one at a time to the
// envelope function's points: when n > 2*buckets, the points are split
// into buckets consecutive runs, the run of bucket b being the points
// b*n/buckets to (b+1)*n/buckets - 1, and each run is replaced by its
// lowest and highest point (the first of equal ones), in their order.
// NaN and infinite values are skipped, others clipped to ±MaxValue.
type envelopeBuilder struct {
	n, buckets int
	i          int // points seen
	b, end     int // the current bucket and the index its run ends before
	lo, hi     plotter.XY
	loI, hiI   int
	has        bool
	pts        plotter.XYs
}

func newEnvelope(n, buckets int) *envelopeBuilder {
	e := &envelopeBuilder{n: n, buckets: buckets}
	if n > 2*buckets {
		e.end = n / buckets
		e.pts = make(plotter.XYs, 0, 2*buckets)
	}
	return e
}

func (e *envelopeBuilder) add(x, y float64) {
	i := e.i
	e.i++
	y, ok := clip(y)
	if ok {
		x, ok = clip(x)
	}
	if e.n <= 2*e.buckets {
		if ok && i < 2*e.buckets+1 { // more points than announced are dropped
			e.pts = append(e.pts, plotter.XY{X: x, Y: y})
		}
		return
	}
	for i >= e.end && e.b < e.buckets-1 {
		e.close()
		e.b++
		e.end = (e.b + 1) * e.n / e.buckets
	}
	if !ok {
		return
	}
	p := plotter.XY{X: x, Y: y}
	switch {
	case !e.has:
		e.lo, e.hi, e.loI, e.hiI, e.has = p, p, i, i, true
	case y < e.lo.Y:
		e.lo, e.loI = p, i
	case y > e.hi.Y:
		e.hi, e.hiI = p, i
	}
}

// close ends the current bucket.
func (e *envelopeBuilder) close() {
	if !e.has {
		return
	}
	first, second := e.lo, e.hi
	if e.hiI < e.loI {
		first, second = e.hi, e.lo
	}
	e.pts = append(e.pts, first)
	if e.loI != e.hiI {
		e.pts = append(e.pts, second)
	}
	e.has = false
}

// points returns the envelope of the points added.
func (e *envelopeBuilder) points() plotter.XYs {
	if e.n > 2*e.buckets {
		e.close()
	}
	return e.pts
}
