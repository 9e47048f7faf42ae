package figures

import (
	"errors"
	"io"
	"math"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gonum.org/v1/plot"
)

// TestRenderTimeout checks that a figure whose drawing does not return
// in time is skipped: render returns ErrTimeout promptly and writes no
// file.
func TestRenderTimeout(t *testing.T) {
	path := filepath.Join(t.TempDir(), "slow.png")
	release := make(chan struct{})
	defer close(release)
	start := time.Now()
	err := render(path, 50*time.Millisecond, func() (io.WriterTo, error) {
		<-release // a drawing that never returns by itself
		return nil, errors.New("released")
	})
	assert.ErrorIs(t, err, ErrTimeout)
	assert.Less(t, time.Since(start), 5*time.Second)
	assert.NoFileExists(t, path)
}

// TestRenderPanic checks that a panic while drawing (gonum/plot panics on
// some ranges) is returned as an error.
func TestRenderPanic(t *testing.T) {
	path := filepath.Join(t.TempDir(), "panic.png")
	err := render(path, time.Second, func() (io.WriterTo, error) { panic("illegal range") })
	require.Error(t, err)
	assert.Contains(t, err.Error(), "illegal range")
	assert.NoFileExists(t, path)
}

// TestSafeRange checks that every range becomes one gonum/plot can label
// quickly: finite, within ±MaxValue, lo < hi, with ticks.
func TestSafeRange(t *testing.T) {
	inf, nan := math.Inf(1), math.NaN()
	tests := []struct {
		name           string
		lo, hi         float64
		wantLo, wantHi float64 // NaN: only check validity
	}{
		{"ordinary", -62, -50, -62, -50},
		{"single value", 5, 5, 4, 6},
		{"zero", 0, 0, -1, 1},
		{"reversed", 3, 1, 1, 3},
		{"both infinite", -inf, inf, 0, 1},
		{"NaN", nan, nan, 0, 1},
		{"low infinite", -inf, 2, 1, 2},
		{"high NaN", 2, nan, 2, 3},
		{"beyond 1e308", -1.7e308, -62, -MaxValue, -62},
		{"huge single", 1e300, 1e300, nan, nan},
		{"narrow at large magnitude", 1e14, 1e14 + 0.01, nan, nan},
		{"tiny", 1e-300, 2e-300, nan, nan},
		{"subnormal single", 5e-324, 5e-324, nan, nan},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			lo, hi := safeRange(tc.lo, tc.hi)
			require.False(t, math.IsNaN(lo) || math.IsNaN(hi) || math.IsInf(lo, 0) || math.IsInf(hi, 0))
			require.Less(t, lo, hi)
			assert.LessOrEqual(t, hi, 1.01*MaxValue)
			assert.GreaterOrEqual(t, lo, -1.01*MaxValue)
			if !math.IsNaN(tc.wantLo) {
				assert.Equal(t, tc.wantLo, lo)
				assert.Equal(t, tc.wantHi, hi)
			}
			done := make(chan []plot.Tick, 1)
			go func() { done <- (plainTicks{}).Ticks(lo, hi) }()
			select {
			case ticks := <-done:
				assert.NotEmpty(t, ticks)
			case <-time.After(10 * time.Second):
				t.Fatalf("ticks of [%g, %g] did not return", lo, hi)
			}
		})
	}
}

// TestEnvelopeBuilder checks the streaming envelope against its
// definition on a line with NaN, infinite and extreme values: left out
// and clipped.
func TestEnvelopeBuilder(t *testing.T) {
	xs := make([]float64, 1000)
	ys := make([]float64, 1000)
	for i := range xs {
		xs[i], ys[i] = float64(i), math.Sin(float64(i)/30)
	}
	ys[10], ys[500], ys[700] = math.NaN(), math.Inf(-1), -1.7e308
	pts := envelope(xs, ys, 100)
	assert.LessOrEqual(t, len(pts), 200)
	lo := math.Inf(1)
	for _, p := range pts {
		assert.False(t, math.IsNaN(p.Y) || math.IsInf(p.Y, 0))
		assert.NotEqual(t, 10.0, p.X, "NaN left out")
		assert.NotEqual(t, 500.0, p.X, "-Inf left out")
		lo = math.Min(lo, p.Y)
	}
	assert.Equal(t, -MaxValue, lo, "-1.7e308 clipped")
	short := envelope(xs[:5], []float64{1, math.NaN(), 2, math.Inf(1), 3}, 100)
	assert.Len(t, short, 3)
}
