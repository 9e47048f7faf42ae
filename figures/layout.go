package figures

import (
	"io"
	"math"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// LongRun is the span of time (ms) beyond which a figure's time axis is
// in seconds rather than milliseconds.
const LongRun = 2000

// timeAxis returns the factor that turns ms into the unit of a time axis
// spanning spanMs, and the axis label: seconds for spans longer than
// LongRun, so that a long run's ticks read 0, 5, 10 s rather than 0,
// 5000, 10000 ms.
func timeAxis(spanMs float64) (scale float64, label string) {
	if spanMs > LongRun {
		return 1e-3, "time (s)"
	}
	return 1, "time (ms)"
}

// scaleX returns pts with every X multiplied by scale (pts itself if
// scale is 1).
func scaleX(pts plotter.XYs, scale float64) plotter.XYs {
	if scale == 1 {
		return pts
	}
	out := make(plotter.XYs, len(pts))
	for i, p := range pts {
		out[i] = plotter.XY{X: p.X * scale, Y: p.Y}
	}
	return out
}

// legendBox is a legend drawn to the right of a plot's data area, so that
// it never hides the data.
type legendBox struct {
	leg    plot.Legend
	labels []string
}

func newLegendBox() *legendBox {
	l := &legendBox{leg: plot.NewLegend()}
	l.leg.Top, l.leg.Left = true, true
	return l
}

// add adds an entry.
func (l *legendBox) add(label string, thumbs ...plot.Thumbnailer) {
	l.leg.Add(label, thumbs...)
	l.labels = append(l.labels, label)
}

// width is the room the legend takes on the right: the longest label, the
// thumbnail and padding; 0 without entries.
func (l *legendBox) width() vg.Length {
	if l == nil || len(l.labels) == 0 {
		return 0
	}
	w := vg.Length(0)
	for _, s := range l.labels {
		w = max(w, l.leg.TextStyle.Width(s))
	}
	return w + l.leg.ThumbnailWidth + vg.Points(14)
}

// draw draws the legend into the right strip of dc, level with the top
// of the data area (below the title).
func (l *legendBox) draw(dc draw.Canvas, top vg.Length) {
	if l.width() == 0 {
		return
	}
	c := draw.Crop(dc, dc.Max.X-dc.Min.X-l.width(), 0, 0, -top)
	l.leg.Draw(c)
}

// saveWithLegend renders p with the legend l to its right (if it has
// entries) as a PNG to path, atomically, within RenderTimeout.
func saveWithLegend(p *plot.Plot, l *legendBox, path string) error {
	if l.width() == 0 {
		return save(p, path)
	}
	return render(path, RenderTimeout, func() (io.WriterTo, error) {
		sanitize(p)
		c, err := draw.NewFormattedCanvas(Width, Height, "png")
		if err != nil {
			return nil, err
		}
		dc := draw.New(c)
		p.Draw(draw.Crop(dc, 0, -l.width(), 0, 0))
		l.draw(dc, titleHeight(p))
		return c, nil
	})
}

// titleHeight is the room a plot's title takes at the top.
func titleHeight(p *plot.Plot) vg.Length {
	if p.Title.Text == "" {
		return 0
	}
	return p.Title.TextStyle.Height(p.Title.Text) + p.Title.Padding
}

// Clamp draws a current-clamp figure: the lines of l (e.g. membrane
// potentials) in the upper panel, with yLabel and a dashed line at
// *threshold if not nil, and the lines of current (the injected current
// of the same neurons, recorded at the same times) in the lower panel,
// with currentLabel, on one time axis; the legend names the lines by
// labels.
func (l *LineFigure) Clamp(path, title, yLabel, currentLabel string, current *LineFigure, labels []string, threshold *float64) error {
	lines := make([]plotter.XYs, len(l.env))
	for i, e := range l.env {
		lines[i] = e.points()
	}
	top, leg, err := tracesPlot(title, yLabel, lines, l.t0, l.t1, labels, threshold)
	if err != nil {
		return err
	}
	cur := make([]plotter.XYs, len(current.env))
	for i, e := range current.env {
		cur[i] = e.points()
	}
	bottom, _, err := tracesPlot("", currentLabel, cur, current.t0, current.t1, nil, nil)
	if err != nil {
		return err
	}
	top.X.Label.Text = ""
	bottom.X.Min, bottom.X.Max = top.X.Min, top.X.Max
	return render(path, RenderTimeout, func() (io.WriterTo, error) {
		sanitize(top)
		sanitize(bottom)
		// One time axis: the same range in both panels.
		lo := math.Min(top.X.Min, bottom.X.Min)
		hi := math.Max(top.X.Max, bottom.X.Max)
		top.X.Min, top.X.Max, bottom.X.Min, bottom.X.Max = lo, hi, lo, hi
		c, err := draw.NewFormattedCanvas(Width, Height, "png")
		if err != nil {
			return nil, err
		}
		dc := draw.New(c)
		body := draw.Crop(dc, 0, -leg.width(), 0, 0)
		// Two panels of equal height with aligned data areas.
		cs := plot.Align([][]*plot.Plot{{top}, {bottom}}, draw.Tiles{Rows: 2, Cols: 1, PadY: vg.Points(2)}, body)
		top.Draw(cs[0][0])
		bottom.Draw(cs[1][0])
		leg.draw(dc, titleHeight(top))
		return c, nil
	})
}

// timeTicks label a time axis with 4 to 9 ticks 1, 2 or 5 times a power
// of ten apart (0, 5, 10, ... 30 s rather than gonum's 0, 25), with
// unlabelled minor ticks between them.
type timeTicks struct{}

func (timeTicks) Ticks(lo, hi float64) []plot.Tick {
	span := hi - lo
	if !(span > 0) || math.IsInf(span, 0) {
		return plainTicks{}.Ticks(lo, hi)
	}
	mag := math.Pow(10, math.Floor(math.Log10(span/4)))
	step, minor := mag, mag/5
	for _, m := range []float64{1, 2, 5, 10} {
		if span/(m*mag) <= 8 {
			step = m * mag
			minor = step / 5
			if m == 2 {
				minor = step / 4
			}
			break
		}
	}
	first := math.Ceil(lo/minor) * minor
	n := int(math.Floor((hi-first)/minor+1e-9)) + 1
	if n > 100 || n < 2 || first+minor == first {
		return plainTicks{}.Ticks(lo, hi)
	}
	ticks := make([]plot.Tick, 0, n)
	for i := range n {
		x := first + float64(i)*minor
		t := plot.Tick{Value: x}
		if r := x / step; math.Abs(r-math.Round(r)) < 1e-6 {
			t.Value = math.Round(r) * step
			t.Label = strconv.FormatFloat(t.Value, 'g', 10, 64)
		}
		ticks = append(ticks, t)
	}
	return ticks
}
