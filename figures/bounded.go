package figures

import (
	"bytes"
	"errors"
	"fmt"
	"image/png"
	"io"
	"math"
	"time"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg/vgimg"
)

// MaxValue is the largest magnitude a figure plots: values beyond ±MaxValue
// are drawn at ±MaxValue, and NaN and infinite values are left out. (A
// potential that diverges passes 1e308 on its way to -Inf; gonum/plot's
// tick labelling does not return on such ranges.)
const MaxValue = 1e15

// RenderTimeout bounds the drawing of one figure. A figure that takes
// longer is not written: its function returns an error wrapping
// ErrTimeout. (The drawing goroutine cannot be stopped; it is left to
// finish or to end with the process.)
const RenderTimeout = 20 * time.Second

// ErrTimeout is wrapped by the error of a figure whose drawing took longer
// than RenderTimeout.
var ErrTimeout = errors.New("drawing took too long")

// clip returns y limited to [-MaxValue, MaxValue], and false if y is NaN
// or infinite.
func clip(y float64) (float64, bool) {
	if math.IsNaN(y) || math.IsInf(y, 0) {
		return 0, false
	}
	return math.Max(-MaxValue, math.Min(MaxValue, y)), true
}

// safeRange returns an axis range that gonum/plot can label: finite,
// within ±MaxValue, lo < hi, and wide enough that its ticks are distinct
// float64s. Non-finite bounds become 0 and 1 (or the other bound ± 1); a
// range of width zero, or too narrow for its magnitude, is widened around
// its centre.
func safeRange(lo, hi float64) (float64, float64) {
	okLo, okHi := !math.IsNaN(lo) && !math.IsInf(lo, 0), !math.IsNaN(hi) && !math.IsInf(hi, 0)
	switch {
	case !okLo && !okHi:
		lo, hi = 0, 1
	case !okLo:
		lo = hi - 1
	case !okHi:
		hi = lo + 1
	}
	lo, _ = clip(lo)
	hi, _ = clip(hi)
	if lo > hi {
		lo, hi = hi, lo
	}
	// At least 1e-9 of the magnitude (and an absolute 1e-300): tick
	// steps stay far above the spacing of float64s near the range.
	mag := math.Max(math.Abs(lo), math.Abs(hi))
	if minW := math.Max(1e-9*mag, 1e-300); hi-lo < minW {
		c := lo/2 + hi/2
		half := 0.5 * minW
		if lo == hi {
			half = math.Max(half, 1) // as gonum: ±1 around a single value
		}
		lo, hi = c-half, c+half
	}
	return lo, hi
}

// sanitize makes p's axis ranges safe to label (see safeRange).
func sanitize(p *plot.Plot) {
	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		a.Min, a.Max = safeRange(a.Min, a.Max)
	}
}

// render runs draw, which draws a figure and returns it ready to encode,
// in a goroutine, encodes it to PNG in memory and writes it to path,
// atomically, if all that finishes within timeout. A panic while drawing
// is returned as an error.
func render(path string, timeout time.Duration, draw func() (io.WriterTo, error)) error {
	type result struct {
		png []byte
		err error
	}
	done := make(chan result, 1)
	go func() {
		var r result
		defer func() {
			if v := recover(); v != nil {
				r = result{err: fmt.Errorf("figures: drawing %s failed: %v", path, v)}
			}
			done <- r
		}()
		wt, err := draw()
		if err != nil {
			r.err = fmt.Errorf("figures: %w", err)
			return
		}
		var buf bytes.Buffer
		if err := encode(&buf, wt); err != nil {
			r.err = fmt.Errorf("figures: %w", err)
			return
		}
		r.png = buf.Bytes()
	}()
	timer := time.NewTimer(timeout)
	defer timer.Stop()
	select {
	case r := <-done:
		if r.err != nil {
			return r.err
		}
		return writeAtomic(path, func(w io.Writer) error {
			_, err := w.Write(r.png)
			return err
		})
	case <-timer.C:
		return fmt.Errorf("figures: %s: %w (more than %v); not written", path, ErrTimeout, timeout)
	}
}

// encode writes a drawn figure: a PNG canvas with the fastest deflate
// level (the figures are mostly flat colour, which compresses well at
// any level, and encoding at the default level took half of the drawing
// time of a run's figures), anything else as it writes itself.
func encode(w io.Writer, wt io.WriterTo) error {
	if c, ok := wt.(vgimg.PngCanvas); ok {
		enc := png.Encoder{CompressionLevel: png.BestSpeed}
		return enc.Encode(w, c.Image())
	}
	_, err := wt.WriteTo(w)
	return err
}
