package figures

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gonum.org/v1/plot/plotter"
)

// A raster of an indices subset has one row per recorded neuron,
// labelled by its index; a small population gets a whole-number tick per
// neuron; spikes of neurons not recorded are left out.
func TestRasterRowsAndTicks(t *testing.T) {
	for _, tc := range []struct {
		name   string
		group  RasterGroup
		labels []string
		values []float64
	}{
		{"subset", RasterGroup{N: 1000, Indices: []int{900, 5, 40}}, []string{"5", "40", "900"}, []float64{0, 1, 2}},
		{"small", RasterGroup{N: 3}, []string{"0", "1", "2"}, []float64{0, 1, 2}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r, err := NewRasterGroups("r", []RasterGroup{tc.group}, 100, 10)
			require.NoError(t, err)
			assert.Equal(t, -0.5, r.p.Y.Min)
			assert.Equal(t, float64(len(tc.labels))-0.5, r.p.Y.Max, "one row per recorded neuron")
			var labels []string
			var values []float64
			for _, tk := range (rowTicks{r}).Ticks(r.p.Y.Min, r.p.Y.Max) {
				if tk.Label != "" {
					labels, values = append(labels, tk.Label), append(values, tk.Value)
				}
			}
			assert.Equal(t, tc.labels, labels)
			assert.Equal(t, tc.values, values)
		})
	}
	r, err := NewRasterGroups("r", []RasterGroup{{N: 1000, Indices: []int{5, 900}}}, 100, 10)
	require.NoError(t, err)
	r.Add(50, 6) // not recorded
	assert.Zero(t, sum(r.raw))
	r.Add(50, 900)
	r.Add(50, 5)
	assert.Equal(t, uint64(2), sum(r.raw))
	// 900 is the top row, 5 the bottom one.
	top, bottom := sum(r.raw[:len(r.raw)/2]), sum(r.raw[len(r.raw)/2:])
	assert.Equal(t, uint64(1), top)
	assert.Equal(t, uint64(1), bottom)
}

func sum(c []uint32) uint64 {
	var s uint64
	for _, x := range c {
		s += uint64(x)
	}
	return s
}

// A raster whose dots would cover most of the area is drawn as a rate
// heat map, whose rates are those of the spikes.
func TestDenseRasterIsHeatMap(t *testing.T) {
	r, err := NewRaster("sparse", 100, 1000, 50)
	require.NoError(t, err)
	for i := range 50 {
		r.Add(float64(i*20), i)
	}
	assert.False(t, r.Dense())

	// 1000 neurons at 100 Hz for 1 s: every neuron spikes every 10 ms.
	d, err := NewRaster("dense", 1000, 1000, 100000)
	require.NoError(t, err)
	for i := range 1000 {
		for k := range 100 {
			d.Add(float64(k)*10+float64(i%10)+0.5, i)
		}
	}
	assert.True(t, d.Dense())
	rates, hi := d.heatmap()
	mean := 0.0
	for _, x := range rates {
		mean += x
	}
	mean /= float64(len(rates))
	assert.InDelta(t, 100, mean, 5, "the mean rate of the cells")
	assert.GreaterOrEqual(t, hi, 100.0)
	path := filepath.Join(t.TempDir(), "d.png")
	require.NoError(t, d.Save(path))
}

// Time axes are in s beyond LongRun ms.
func TestTimeAxis(t *testing.T) {
	for _, tc := range []struct {
		span  float64
		scale float64
		label string
	}{
		{500, 1, "time (ms)"}, {2000, 1, "time (ms)"}, {2001, 1e-3, "time (s)"}, {600000, 1e-3, "time (s)"},
	} {
		scale, label := timeAxis(tc.span)
		assert.Equal(t, tc.scale, scale, tc.span)
		assert.Equal(t, tc.label, label, tc.span)
	}
	r, err := NewRaster("long", 10, 5000, 1)
	require.NoError(t, err)
	assert.Equal(t, 5.0, r.p.X.Max, "a 5 s raster's axis is in s")
	assert.Equal(t, "time (s)", r.p.X.Label.Text)
}

// The legend names up to MaxLegend traces (and the threshold), beside the
// data; more traces get none.
func TestTracesLegend(t *testing.T) {
	lines := make([]plotter.XYs, MaxLegend)
	labels := make([]string, MaxLegend)
	for i := range lines {
		lines[i] = plotter.XYs{{X: 0, Y: float64(i)}, {X: 10, Y: float64(i)}}
		labels[i] = "n" + string(rune('a'+i))
	}
	th := 5.0
	_, leg, err := tracesPlot("t", "v", lines, 0, 10, labels, &th)
	require.NoError(t, err)
	assert.Equal(t, append(labels, "threshold"), leg.labels)
	assert.Greater(t, leg.width(), 0.0)
	_, leg, err = tracesPlot("t", "v", append(lines, lines[0]), 0, 10, append(labels, "x"), nil)
	require.NoError(t, err)
	assert.Empty(t, leg.labels)
	assert.Zero(t, leg.width())
}

// A weight matrix of one row or column is drawn as a weight vector.
func TestWeightVector(t *testing.T) {
	dir := t.TempDir()
	w := []float64{0.1, 0.5, 0.2, 0.9}
	for _, tc := range []struct {
		rows, cols int
		xLabel     string
	}{{1, 4, "target neuron"}, {4, 1, "source neuron"}} {
		a, b := filepath.Join(dir, "m.png"), filepath.Join(dir, "v.png")
		require.NoError(t, WeightMatrix(a, "w", tc.rows, tc.cols, w))
		require.NoError(t, WeightVector(b, "w", tc.xLabel, w))
		pa, err := os.ReadFile(a)
		require.NoError(t, err)
		pb, err := os.ReadFile(b)
		require.NoError(t, err)
		assert.True(t, bytes.Equal(pa, pb), "%d x %d", tc.rows, tc.cols)
	}
	long := make([]float64, 5000)
	for i := range long {
		long[i] = float64(i % 7)
	}
	require.NoError(t, WeightVector(filepath.Join(dir, "long.png"), "w", "source neuron", long))
	require.Error(t, HistogramCounts(filepath.Join(dir, "h.png"), "h", "x", "n", 0, 0, []float64{1}))
}

// Adding a spike to a raster allocates nothing: its memory is the pixel
// grid, whatever the number of spikes, for a subset and several groups
// too.
func TestRasterAddDoesNotAllocate(t *testing.T) {
	r, err := NewRasterGroups("r", []RasterGroup{{Name: "e", N: 8000}, {Name: "i", N: 2000, Indices: []int{1, 5, 9}}}, 1000, 1e6)
	require.NoError(t, err)
	k := 0
	allocs := testing.AllocsPerRun(10000, func() {
		k++
		r.AddTo(k%2, float64(k%1000), k%8000)
	})
	assert.Zero(t, allocs)
	before := len(r.count) + len(r.raw)
	for k := range 1000000 {
		r.AddTo(0, float64(k%1000), k%8000)
	}
	assert.Equal(t, before, len(r.count)+len(r.raw), "the grid does not grow")
}

// Time axes get 4 to 9 labelled ticks at round values.
func TestTimeTicks(t *testing.T) {
	for _, tc := range []struct {
		lo, hi float64
		labels []string
	}{
		{0, 30, []string{"0", "5", "10", "15", "20", "25", "30"}},
		{0, 1000, []string{"0", "200", "400", "600", "800", "1000"}},
		{0, 300, []string{"0", "50", "100", "150", "200", "250", "300"}},
		{0, 200, []string{"0", "50", "100", "150", "200"}},
		{0, 4, []string{"0", "1", "2", "3", "4"}},
		{0.3, 2.2, []string{"0.5", "1", "1.5", "2"}},
	} {
		var labels []string
		for _, tk := range (timeTicks{}).Ticks(tc.lo, tc.hi) {
			if tk.Label != "" {
				labels = append(labels, tk.Label)
			}
		}
		assert.Equal(t, tc.labels, labels, "%g to %g", tc.lo, tc.hi)
	}
	assert.NotEmpty(t, (timeTicks{}).Ticks(0, 1e-300))
	assert.NotEmpty(t, (timeTicks{}).Ticks(-1e15, 1e15))
}

// AddTo fills one line at a time; the time axis spans every line.
func TestLineFigureAddTo(t *testing.T) {
	l := NewLineFigure(2, 3)
	for k := range 3 {
		l.AddTo(0, float64(k), float64(k))
	}
	for k := range 3 {
		l.AddTo(1, float64(k+1), 10)
	}
	l.AddTo(2, 0, 0) // no such line
	assert.Equal(t, plotter.XYs{{X: 0, Y: 0}, {X: 1, Y: 1}, {X: 2, Y: 2}}, l.env[0].points())
	assert.Equal(t, plotter.XYs{{X: 1, Y: 10}, {X: 2, Y: 10}, {X: 3, Y: 10}}, l.env[1].points())
	assert.Equal(t, [2]float64{0, 3}, [2]float64{l.t0, l.t1})
	require.NoError(t, l.Rates(filepath.Join(t.TempDir(), "r.png"), "rates", []string{"a", "b"}))
}

// NewRasterGroups leaves the caller's groups and indices alone.
func TestRasterGroupsNotModified(t *testing.T) {
	ids := []int{9, 2, 2, 5}
	groups := []RasterGroup{{Name: "a", N: 10, Indices: ids}}
	r, err := NewRasterGroups("r", groups, 100, 1)
	require.NoError(t, err)
	assert.Equal(t, []int{9, 2, 2, 5}, ids)
	assert.Equal(t, []int{9, 2, 2, 5}, groups[0].Indices)
	assert.Equal(t, []int{2, 5, 9}, r.groups[0].Indices, "rows: sorted, each neuron once")
}
