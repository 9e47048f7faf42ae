package figures_test

import (
	"math"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/synapticflow/synapticflow-go/figures"
)

// TestFiguresOfExtremeValues draws every figure of data with NaN,
// infinite and extreme values (a potential diverging through -1.7e308,
// as in issue 9): each must be written, quickly.
func TestFiguresOfExtremeValues(t *testing.T) {
	inf, nan := math.Inf(1), math.NaN()
	times := []float64{0, 1, 2, 3, 4, 5}
	v := []float64{-62, -60, -1e200, -1.7e308, -inf, nan}
	th := -50.0
	tests := []struct {
		name string
		draw func(path string) error
	}{
		{"traces", func(p string) error {
			return figures.Traces(p, "v", times, [][]float64{v, {1, 2, 3, 4, 5, 6}}, []string{"a", "b"}, &th)
		}},
		{"traces all NaN", func(p string) error {
			return figures.Traces(p, "v", times, [][]float64{{nan, nan, nan, nan, nan, nan}}, nil, nil)
		}},
		{"huge constant", func(p string) error {
			return figures.Lines(p, "w", "w", times, [][]float64{{1e300, 1e300, 1e300, 1e300, 1e300, 1e300}}, nil)
		}},
		{"infinite threshold", func(p string) error { inf := inf; return figures.Traces(p, "v", times, [][]float64{v}, nil, &inf) }},
		{"rate", func(p string) error { return figures.Rate(p, "rate", times, []float64{0, 1e308, inf, nan, 3, 1}) }},
		{"raster at huge times", func(p string) error {
			return figures.Raster(p, "raster", []float64{1, 1e300, inf, nan, -1}, []int{0, 1, 2, 0, 1}, 3, 1e308)
		}},
		{"fi curve", func(p string) error {
			return figures.FICurve(p, "fi", []float64{0, 1, 2}, [][]float64{{0, 1e308, nan}}, nil)
		}},
		{"weight matrix", func(p string) error { return figures.WeightMatrix(p, "w", 2, 2, []float64{-1.7e308, 0, inf, 1e308}) }},
		{"histogram", func(p string) error {
			return figures.Histogram(p, "h", "w", []float64{-1.7e308, 0, 1, 1e308}, math.Inf(-1), inf, 10)
		}},
		{"signals", func(p string) error { return figures.Signals(p, "s", times, v, []float64{0, 1e308, 0, -inf, nan, 1}) }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "fig.png")
			start := time.Now()
			require.NoError(t, tc.draw(path))
			assert.Less(t, time.Since(start), 10*time.Second)
			info, err := os.Stat(path)
			require.NoError(t, err)
			assert.Greater(t, info.Size(), int64(1000))
		})
	}
}

// TestStreamedFiguresMatch checks that the streaming figures draw what
// the functions taking whole slices draw: the same PNG bytes.
func TestStreamedFiguresMatch(t *testing.T) {
	dir := t.TempDir()
	read := func(name string) []byte {
		b, err := os.ReadFile(filepath.Join(dir, name))
		require.NoError(t, err)
		return b
	}
	const n = 5000
	times := make([]float64, n)
	a, b := make([]float64, n), make([]float64, n)
	for k := range times {
		times[k] = float64(k) / 10
		a[k], b[k] = -60+5*math.Sin(float64(k)/200), float64(k%97)
	}
	th := -52.0
	require.NoError(t, figures.Traces(filepath.Join(dir, "t1.png"), "v", times, [][]float64{a, b}, []string{"a", "b"}, &th))
	l := figures.NewLineFigure(2, n)
	for k, tm := range times {
		l.Add(tm, []float64{a[k], b[k], 99})
	}
	require.NoError(t, l.Traces(filepath.Join(dir, "t2.png"), "v", "v (mV)", []string{"a", "b"}, &th))
	assert.Equal(t, read("t1.png"), read("t2.png"), "traces")

	require.NoError(t, figures.Rate(filepath.Join(dir, "r1.png"), "rate", times, b))
	r := figures.NewLineFigure(1, n)
	for k, tm := range times {
		r.Add(tm, b[k:])
	}
	require.NoError(t, r.Rate(filepath.Join(dir, "r2.png"), "rate"))
	assert.Equal(t, read("r1.png"), read("r2.png"), "rate")

	var st []float64
	var sn []int
	for k := range 20000 {
		st, sn = append(st, float64(k%1000)), append(sn, (k*13)%300)
	}
	require.NoError(t, figures.Raster(filepath.Join(dir, "s1.png"), "raster", st, sn, 300, 1000))
	rf, err := figures.NewRaster("raster", 300, 1000, len(st))
	require.NoError(t, err)
	for k := range st {
		rf.Add(st[k], sn[k])
	}
	require.NoError(t, rf.Save(filepath.Join(dir, "s2.png")))
	assert.Equal(t, read("s1.png"), read("s2.png"), "raster")
}

// TestLineFigureShortRecords checks that a record with fewer values than
// series counts the missing ones as NaN (left out), without a panic.
func TestLineFigureShortRecords(t *testing.T) {
	l := figures.NewLineFigure(3, 4)
	l.Add(0, []float64{1, 2})
	l.Add(1, nil)
	l.Add(2, []float64{3, 4, 5})
	l.Add(3, []float64{2})
	path := filepath.Join(t.TempDir(), "short.png")
	require.NoError(t, l.Traces(path, "short", "x", []string{"a", "b", "c"}, nil))
	assert.FileExists(t, path)
}
