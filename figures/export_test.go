package figures

import (
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
)

// IndexTicks exposes the tick marks of WeightMatrix's axes to tests.
func IndexTicks(lo, hi float64) []plot.Tick { return indexTicks{}.Ticks(lo, hi) }

// Envelope exposes envelope to tests.
func Envelope(xs, ys []float64, buckets int) plotter.XYs { return envelope(xs, ys, buckets) }
