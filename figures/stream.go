package figures

import (
	"math"

	"gonum.org/v1/plot/plotter"
)

// dpi is the resolution of the PNG figures (gonum's default).
const dpi = 96

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

// AddTo adds a value to one line only: the record at time t (ms) of
// series i, for lines whose records are read one series after another
// (the n records of each series in order). Records of other series are
// not touched; the time axis spans every time added.
func (l *LineFigure) AddTo(i int, t, y float64) {
	if i < 0 || i >= len(l.env) {
		return
	}
	if !l.seen {
		l.t0, l.t1, l.seen = t, t, true
	}
	l.t0, l.t1 = math.Min(l.t0, t), math.Max(l.t1, t)
	l.env[i].add(t, y)
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
	return rate(path, title, []plotter.XYs{pts}, nil)
}

// Rates draws every line as a population rate (Hz), named by labels in a
// legend, as Rates does.
func (l *LineFigure) Rates(path, title string, labels []string) error {
	lines := make([]plotter.XYs, len(l.env))
	for i, e := range l.env {
		lines[i] = e.points()
	}
	return rate(path, title, lines, labels)
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
