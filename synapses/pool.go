package synapses

import (
	"fmt"
	"github.com/synapticflow/synapticflow-go/paramerr"
	"math"
	"math/rand/v2"

	"github.com/synapticflow/synapticflow-go/neurons"
)

// Pool2D pools spikes over k x k windows of each channel: a source [h, w,
// c] feeds a target [oh, ow, c], oh = floor((h - k)/stride) + 1 (likewise
// ow), target (oy, ox, c) reading source positions (oy*stride + ky,
// ox*stride + kx, c) for ky, kx in [0, k). Its weights are fixed by Pool:
//
//   - "max" (default): weight 1. Spikes are binary, so the maximum over a
//     window in a step is 1 when any of its inputs spiked: with a target
//     model that spikes on any input (model "input", s = x != 0) the
//     target spikes exactly when some input of its window did, and so
//     passes on the window's earliest spike. To pass only the first spike
//     of a presentation, give the target a long refractory period.
//   - "average": weight 1/k², so a target receives the fraction of its
//     window that spiked; give it an integrating model (if, lif).
//
// Weight, if > 0, replaces these weights. They are set after the edge's
// weights are drawn and must lie within [WMin, WMax].
//
// Zero values: Pool "" is "max"; Stride 0 is KernelSize (windows that
// tile the source without overlap).
type Pool2D struct {
	Pool       string `param:"pool" enum:"max|average" doc:"what each target computes of its window"`
	KernelSize int    `param:"kernel_size" min:"1" required:"true" doc:"width of the square window"`
	Stride     int    `param:"stride" min:"0" doc:"step of the window; 0: kernel_size (windows that tile the source)"`
	Weight     float64

	win window
}

var _ Spatial = (*Pool2D)(nil)

func (p *Pool2D) params() (pool string, stride int) {
	pool, stride = p.Pool, p.Stride
	if pool == "" {
		pool = "max"
	}
	if stride == 0 {
		stride = p.KernelSize
	}
	return pool, stride
}

func (p *Pool2D) String() string {
	pool, stride := p.params()
	return fmt.Sprintf("pool2d(%s, kernel %d, stride %d)", pool, p.KernelSize, stride)
}

// Layout implements Spatial.
func (p *Pool2D) Layout(pre, post *neurons.Population) error {
	pool, stride := p.params()
	if pool != "max" && pool != "average" {
		return paramerr.Errorf("pool", -1, "pool2d: pool %q, want \"max\" or \"average\"", pool)
	}
	w, err := layout("pool2d", pre, post, p.KernelSize, stride, 0, 1, false)
	p.win = w
	return err
}

// Connect implements Connector.
func (p *Pool2D) Connect(nPre, nPost int, _ bool, _ *rand.Rand, add func(int, int)) error {
	return p.win.connect(nPre, nPost, func(i, j, _ int) { add(i, j) })
}

// Bind implements Spatial: it sets the pooling weights.
func (p *Pool2D) Bind(s *Synapse, _ uint64) error {
	pool, _ := p.params()
	w := p.Weight
	switch {
	case !(w >= 0) || math.IsInf(w, 0):
		return paramerr.Errorf("weight", -1, "pool2d: weight %g, want a finite number >= 0", w)
	case w > 0:
	case pool == "max":
		w = 1
	default:
		w = 1 / float64(p.KernelSize*p.KernelSize)
	}
	if w < s.WMin || w > s.WMax {
		return paramerr.Errorf("weight", -1, "pool2d: weight %g lies outside the bounds [%g, %g]", w, s.WMin, s.WMax)
	}
	if s.W == nil {
		s.wConst = w
		return nil
	}
	for at := range s.W {
		s.W[at] = w
	}
	return nil
}
