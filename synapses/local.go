package synapses

import (
	"math/rand/v2"

	"github.com/synapticflow/synapticflow-go/neurons"
)

// Local2D is a locally connected layer: the topology of Conv2D (a source
// [h, w, c_in], a target [oh, ow, c_out], every target reading a k x k x
// c_in window) without weight sharing: every synapse has its own weight,
// drawn from the edge's Weight like any edge's, and learns on its own.
//
// Zero values: Stride and Dilation 0 mean 1.
type Local2D struct {
	KernelSize int `param:"kernel_size" min:"1" required:"true" doc:"width of the square window"`
	Stride     int `param:"stride" min:"1" doc:"step of the window (0 in Go: 1)"`
	Padding    int `param:"padding" min:"0" doc:"zero padding on each side"`
	Dilation   int `param:"dilation" min:"1" doc:"spacing of the window's taps (0 in Go: 1)"`

	win window
}

var _ Spatial = (*Local2D)(nil)

func (l *Local2D) String() string {
	return newWindowSpec("local2d", l.KernelSize, l.Stride, l.Padding, l.Dilation).String()
}

// Layout implements Spatial.
func (l *Local2D) Layout(pre, post *neurons.Population) error {
	w, err := newWindowSpec("local2d", l.KernelSize, l.Stride, l.Padding, l.Dilation).layout(pre, post)
	l.win = w
	return err
}

// Connect implements Connector.
func (l *Local2D) Connect(nPre, nPost int, _ bool, _ *rand.Rand, add func(int, int)) error {
	return l.win.connectPairs(nPre, nPost, add)
}

// Bind implements Spatial; the weights are the edge's own.
func (l *Local2D) Bind(*Synapse, uint64) error { return nil }
