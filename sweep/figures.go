package sweep

import (
	"fmt"
	"io"
	"math"
	"slices"
	"strings"

	gstat "gonum.org/v1/gonum/stat"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/palette/moreland"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/plotutil"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
)

// maxLines bounds the lines of a line plot (one per setting of the other
// variables).
const maxLines = 12

// group is the values of a statistic for one point of a figure.
type group struct {
	key  string
	vals []float64
}

// hasColumn reports whether the table has the column c.
func (t *Table) hasColumn(c string) bool { return slices.Contains(t.Columns, c) }

// LinePlot draws the mean of statistic stat over the runs against the
// swept variable x (a number), a line per setting of the other swept
// variables, with error bars of one standard deviation over the runs of
// each point (its seeds). It writes a PNG to w.
func (t *Table) LinePlot(w io.Writer, stat, x string) error {
	if !t.hasColumn(stat) {
		return fmt.Errorf("no statistic %q: the table's columns are %s", stat, strings.Join(t.Columns, ", "))
	}
	if !slices.Contains(t.Variables, x) {
		return fmt.Errorf("no swept variable %q: the sweep's variables are %s", x, strings.Join(t.Variables, ", "))
	}
	others := slices.DeleteFunc(slices.Clone(t.Variables), func(v string) bool { return v == x })
	// lines[key of the others][x] = values
	type line struct {
		key string
		pts map[float64][]float64
	}
	var lines []*line
	for _, r := range t.Rows {
		xv, ok := r.Setting(x)
		if !ok {
			if _, set := r.Settings[x]; set {
				return fmt.Errorf("variable %s has a value that is not a number (%s): draw it as the y of a heat map", x, r.Text(x))
			}
			continue
		}
		v, ok := r.Value(stat)
		if !ok || r.Status != StatusComplete {
			continue
		}
		var parts []string
		for _, o := range others {
			if _, set := r.Settings[o]; set {
				parts = append(parts, o+"="+r.Text(o))
			}
		}
		key := strings.Join(parts, " ")
		i := slices.IndexFunc(lines, func(l *line) bool { return l.key == key })
		if i < 0 {
			if len(lines) == maxLines {
				continue
			}
			lines = append(lines, &line{key: key, pts: make(map[float64][]float64)})
			i = len(lines) - 1
		}
		lines[i].pts[xv] = append(lines[i].pts[xv], v)
	}
	if len(lines) == 0 {
		return fmt.Errorf("no complete run has a value of %s", stat)
	}
	p := plot.New()
	p.Title.Text = stat + " against " + x
	p.X.Label.Text, p.Y.Label.Text = x, stat
	p.Add(plotter.NewGrid())
	for i, l := range lines {
		xs := make([]float64, 0, len(l.pts))
		for xv := range l.pts {
			xs = append(xs, xv)
		}
		slices.Sort(xs)
		pts := make(plotter.XYs, len(xs))
		errs := make(plotter.YErrors, len(xs))
		for k, xv := range xs {
			m, sd := stat2(l.pts[xv])
			pts[k] = plotter.XY{X: xv, Y: m}
			errs[k].Low, errs[k].High = sd, sd
		}
		ln, sc, err := plotter.NewLinePoints(pts)
		if err != nil {
			return err
		}
		c := plotutil.Color(i)
		ln.Color, sc.Color, sc.Shape = c, c, plotutil.Shape(i)
		eb, err := plotter.NewYErrorBars(struct {
			plotter.XYer
			plotter.YErrorer
		}{pts, errs})
		if err != nil {
			return err
		}
		eb.Color = c
		p.Add(ln, sc, eb)
		if l.key != "" {
			p.Legend.Add(l.key, ln, sc)
		}
	}
	p.Legend.Top = true
	return writePNG(w, p, 6*vg.Inch, 4*vg.Inch)
}

// stat2 returns the mean and the standard deviation (0 for one value).
func stat2(v []float64) (float64, float64) {
	if len(v) < 2 {
		return v[0], 0
	}
	m, sd := gstat.MeanStdDev(v, nil)
	return m, sd
}

// heatGrid is the GridXYZ of a heat map: columns the values of x, rows
// those of y.
type heatGrid struct {
	xs, ys []string
	z      [][]float64 // [y][x], NaN where no run
}

func (g *heatGrid) Dims() (int, int)   { return len(g.xs), len(g.ys) }
func (g *heatGrid) Z(c, r int) float64 { return g.z[r][c] }
func (g *heatGrid) X(c int) float64    { return float64(c) }
func (g *heatGrid) Y(r int) float64    { return float64(r) }
func (g *heatGrid) labels(s []string) plot.Ticker {
	return plot.TickerFunc(func(lo, hi float64) []plot.Tick {
		var ts []plot.Tick
		for i, l := range s {
			ts = append(ts, plot.Tick{Value: float64(i), Label: l})
		}
		return ts
	})
}

// HeatMap draws the mean of statistic stat over the runs (seeds and the
// other variables) for each pair of values of the swept variables x and
// y, with a colour bar. It writes a PNG to w.
func (t *Table) HeatMap(w io.Writer, stat, x, y string) error {
	if !t.hasColumn(stat) {
		return fmt.Errorf("no statistic %q: the table's columns are %s", stat, strings.Join(t.Columns, ", "))
	}
	for _, v := range []string{x, y} {
		if !slices.Contains(t.Variables, v) {
			return fmt.Errorf("no swept variable %q: the sweep's variables are %s", v, strings.Join(t.Variables, ", "))
		}
	}
	if x == y {
		return fmt.Errorf("a heat map needs two different variables, have %s twice", x)
	}
	g := &heatGrid{}
	xs, ys := axisValues(t, x), axisValues(t, y)
	g.xs, g.ys = xs, ys
	sums := make([][]group, len(ys))
	for i := range sums {
		sums[i] = make([]group, len(xs))
	}
	any := false
	for _, r := range t.Rows {
		v, ok := r.Value(stat)
		_, hx := r.Settings[x]
		_, hy := r.Settings[y]
		if !ok || !hx || !hy || r.Status != StatusComplete {
			continue
		}
		c, k := slices.Index(xs, r.Text(x)), slices.Index(ys, r.Text(y))
		sums[k][c].vals = append(sums[k][c].vals, v)
		any = true
	}
	if !any {
		return fmt.Errorf("no complete run has a value of %s and settings of %s and %s", stat, x, y)
	}
	lo, hi := math.Inf(1), math.Inf(-1)
	g.z = make([][]float64, len(ys))
	for k := range ys {
		g.z[k] = make([]float64, len(xs))
		for c := range xs {
			z := math.NaN()
			if vs := sums[k][c].vals; len(vs) > 0 {
				z = gstat.Mean(vs, nil)
				lo, hi = math.Min(lo, z), math.Max(hi, z)
			}
			g.z[k][c] = z
		}
	}
	if hi <= lo {
		lo, hi = lo-1, hi+1
	}
	cm := moreland.SmoothBlueRed()
	cm.SetMin(lo)
	cm.SetMax(hi)
	hm := plotter.NewHeatMap(g, cm.Palette(255))
	hm.Min, hm.Max = lo, hi
	hm.NaN = plotter.DefaultLineStyle.Color // gray-black for settings without a run
	p := plot.New()
	p.Title.Text = stat + " (mean over runs)"
	p.X.Label.Text, p.Y.Label.Text = x, y
	p.X.Tick.Marker, p.Y.Tick.Marker = g.labels(xs), g.labels(ys)
	p.Add(hm)
	bar := &plotter.ColorBar{ColorMap: cm}
	bp := plot.New()
	bp.Title.Text = " " // the plots' tops align
	bp.HideX()
	bp.Add(bar)
	bp.Y.Min, bp.Y.Max = lo, hi
	return writePNGs(w, []*plot.Plot{p, bp}, []vg.Length{5 * vg.Inch, 1.3 * vg.Inch}, 4*vg.Inch)
}

// axisValues are the texts of the values variable v takes in the table,
// in the order of the numbers (or of first appearance if not all are
// numbers).
func axisValues(t *Table, v string) []string {
	var texts []string
	nums := make(map[string]float64)
	numeric := true
	for _, r := range t.Rows {
		if _, ok := r.Settings[v]; !ok {
			continue
		}
		s := r.Text(v)
		if slices.Contains(texts, s) {
			continue
		}
		texts = append(texts, s)
		if x, ok := r.Setting(v); ok {
			nums[s] = x
		} else {
			numeric = false
		}
	}
	if numeric {
		slices.SortStableFunc(texts, func(a, b string) int {
			switch {
			case nums[a] < nums[b]:
				return -1
			case nums[a] > nums[b]:
				return 1
			}
			return 0
		})
	}
	return texts
}

// writePNG writes p as a PNG of the given size.
func writePNG(w io.Writer, p *plot.Plot, width, height vg.Length) error {
	return writePNGs(w, []*plot.Plot{p}, []vg.Length{width}, height)
}

// writePNGs draws plots side by side, each of its width, into one PNG.
func writePNGs(w io.Writer, ps []*plot.Plot, widths []vg.Length, height vg.Length) error {
	var total vg.Length
	for _, wd := range widths {
		total += wd
	}
	img := vgimg.New(total, height)
	dc := draw.New(img)
	var x vg.Length
	for i, p := range ps {
		c := draw.Canvas{Canvas: dc.Canvas, Rectangle: vg.Rectangle{Min: vg.Point{X: x}, Max: vg.Point{X: x + widths[i], Y: height}}}
		p.Draw(c)
		x += widths[i]
	}
	_, err := vgimg.PngCanvas{Canvas: img}.WriteTo(w)
	return err
}

// FigureName is the file name of a figure of stat against the variables.
func FigureName(stat string, vars ...string) string {
	name := "fig_" + pathSafe(stat)
	for _, v := range vars {
		name += "_" + pathSafe(v)
	}
	return name + ".png"
}
