package synapses

import (
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/synapticflow/synapticflow-go/dist"
	"github.com/synapticflow/synapticflow-go/neurons"
	"github.com/synapticflow/synapticflow-go/paramerr"
)

// Spatial is a Connector that needs the shapes of the populations it
// connects: Conv2D, Pool2D and Local2D. Shapes are [height, width,
// channels] ([height, width] is one channel); neuron (y, x, c) has index
// (y*width + x)*channels + c. Init calls Layout before Connect, and Bind
// once the synapses are built and their weights drawn. A Spatial
// connector keeps state about its edge: give each edge its own.
type Spatial interface {
	Connector
	// Layout reads and checks the shapes of the source and target.
	Layout(pre, post *neurons.Population) error
	// Bind sets up the connector's view of the built edge s (for example
	// the kernel each synapse shares) and may set s's weights; seed is
	// the network's seed.
	Bind(s *Synapse, seed uint64) error
}

// Shared is a Spatial connector whose synapses share weights. Learning
// rules change each synapse's weight on its own; the network then calls
// Synapse.Tie, which calls Tie to make the shared weights equal again.
type Shared interface {
	Spatial
	// Tie merges the changes the learning rules made to s's weights into
	// the shared weights and writes them back to every synapse.
	Tie(s *Synapse)
}

// shape3 returns a population's shape as [height, width, channels].
func shape3(p *neurons.Population) ([3]int, error) {
	switch len(p.Shape) {
	case 2:
		return [3]int{p.Shape[0], p.Shape[1], 1}, nil
	case 3:
		return [3]int{p.Shape[0], p.Shape[1], p.Shape[2]}, nil
	}
	return [3]int{}, fmt.Errorf("population %q has shape %v; spatial connections need [height, width] or [height, width, channels]", p.Name, p.Shape)
}

func dims3(s [3]int) string { return fmt.Sprintf("%dx%dx%d", s[0], s[1], s[2]) }

// window is the geometry of a sliding window over a [h, w, c] source:
// kernel size k, stride, zero padding and dilation; the target is
// [oh, ow, cOut].
type window struct {
	in, out             [3]int
	k, stride, pad, dil int
	full                bool // every target channel reads every source channel (conv, local)
	kind                string
}

// outSize is the number of window positions along a dimension of size n:
// floor((n + 2*pad - dil*(k-1) - 1)/stride) + 1 (at most 0).
func outSize(n, k, stride, pad, dil int) int {
	span := n + 2*pad - dil*(k-1) - 1
	if span < 0 {
		return 0
	}
	return span/stride + 1
}

// weightDist returns the distribution s draws its weights (or, with a
// shared kernel, its kernel entries) from: Weight, or uniform on [0, 1]
// if unset, checked.
func (s *Synapse) weightDist() (dist.Dist, error) {
	d := s.Weight
	if d == nil {
		d = dist.Uniform{Min: 0, Max: 1}
	}
	if err := d.Validate(); err != nil {
		return nil, paramerr.Errorf("weight", -1, "weight: %w", err)
	}
	return d, nil
}

// windowSpec is the window of Conv2D and Local2D as their parameters
// give it, with stride and dilation 0 meaning 1.
type windowSpec struct {
	kind                string
	k, stride, pad, dil int
}

func newWindowSpec(kind string, k, stride, pad, dil int) windowSpec {
	if stride == 0 {
		stride = 1
	}
	if dil == 0 {
		dil = 1
	}
	return windowSpec{kind, k, stride, pad, dil}
}

func (s windowSpec) String() string {
	return fmt.Sprintf("%s(kernel %d, stride %d, padding %d, dilation %d)", s.kind, s.k, s.stride, s.pad, s.dil)
}

// layout is layout of the full window s.
func (s windowSpec) layout(pre, post *neurons.Population) (window, error) {
	return layout(s.kind, pre, post, s.k, s.stride, s.pad, s.dil, true)
}

// connectPairs is connect for a connector's add, which takes no tap.
func (w *window) connectPairs(nPre, nPost int, add func(int, int)) error {
	return w.connect(nPre, nPost, func(i, j, _ int) { add(i, j) })
}

// layout checks the window parameters and the shapes. kind names the
// connector in messages; full reports whether every target channel reads
// every source channel (conv2d, local2d) rather than only its own (pool2d).
func layout(kind string, pre, post *neurons.Population, k, stride, pad, dil int, full bool) (window, error) {
	w := window{k: k, stride: stride, pad: pad, dil: dil, full: full, kind: kind}
	if k < 1 || stride < 1 || pad < 0 || dil < 1 {
		bad := "kernel_size"
		switch {
		case k < 1:
		case stride < 1:
			bad = "stride"
		case pad < 0:
			bad = "padding"
		default:
			bad = "dilation"
		}
		return w, paramerr.Errorf(bad, -1, "%s: kernel_size %d, stride %d, padding %d, dilation %d: want kernel_size, stride, dilation >= 1 and padding >= 0", kind, k, stride, pad, dil)
	}
	var err error
	if w.in, err = shape3(pre); err != nil {
		return w, fmt.Errorf("%s: %w", kind, err)
	}
	if w.out, err = shape3(post); err != nil {
		return w, fmt.Errorf("%s: %w", kind, err)
	}
	oh, ow := outSize(w.in[0], k, stride, pad, dil), outSize(w.in[1], k, stride, pad, dil)
	desc := fmt.Sprintf("input %s with kernel %d, stride %d, padding %d", dims3(w.in), k, stride, pad)
	if dil != 1 {
		desc += fmt.Sprintf(", dilation %d", dil)
	}
	if oh < 1 || ow < 1 {
		return w, fmt.Errorf("%s: %s leaves no output position", kind, desc)
	}
	if oh != w.out[0] || ow != w.out[1] {
		return w, fmt.Errorf("%s: %s gives %dx%d; population %q has shape %s", kind, desc, oh, ow, post.Name, dims3(w.out))
	}
	if !full && w.out[2] != w.in[2] {
		return w, fmt.Errorf("%s: pooling keeps the channels: input %s has %d, population %q has %d", kind, dims3(w.in), w.in[2], post.Name, w.out[2])
	}
	return w, nil
}

// connect calls add(i, j, kIdx) for every synapse of the window, source
// neuron by source neuron: each source neuron reaches the targets whose
// window covers it. kIdx is the synapse's index in a kernel tensor of
// shape (k, k, cIn, cOut) for full windows, (k, k) for per-channel ones.
func (w *window) connect(nPre, nPost int, add func(i, j, kIdx int)) error {
	h, wd, cin := w.in[0], w.in[1], w.in[2]
	oh, ow, cout := w.out[0], w.out[1], w.out[2]
	if nPre != h*wd*cin || nPost != oh*ow*cout {
		return fmt.Errorf("%s: %d -> %d neurons do not match the shapes %s -> %s", w.kind, nPre, nPost, dims3(w.in), dims3(w.out))
	}
	// offsets lists, for a source coordinate y, the (target coordinate,
	// kernel offset) pairs whose window covers it: o*stride - pad + kk*dil = y.
	offsets := func(y, nOut int) [][2]int {
		var out [][2]int
		for kk := range w.k {
			num := y + w.pad - kk*w.dil
			if num < 0 || num%w.stride != 0 {
				continue
			}
			if o := num / w.stride; o < nOut {
				out = append(out, [2]int{o, kk})
			}
		}
		return out
	}
	cols := make([][][2]int, wd)
	for x := range wd {
		cols[x] = offsets(x, ow)
	}
	for y := range h {
		rows := offsets(y, oh)
		for x := range wd {
			for ci := range cin {
				i := (y*wd+x)*cin + ci
				for _, r := range rows {
					for _, c := range cols[x] {
						pos := (r[0]*ow + c[0]) * cout
						kPos := r[1]*w.k + c[1]
						if !w.full {
							add(i, pos+ci, kPos)
							continue
						}
						for co := range cout {
							add(i, pos+co, (kPos*cin+ci)*cout+co)
						}
					}
				}
			}
		}
	}
	return nil
}

// kernelIndex returns the kernel entry of the synapse from source i to
// target j (which must be connected): the inverse of connect's kIdx.
func (w *window) kernelIndex(i, j int) int {
	cin, cout := w.in[2], w.out[2]
	y, x, ci := i/cin/w.in[1], i/cin%w.in[1], i%cin
	oy, ox, co := j/cout/w.out[1], j/cout%w.out[1], j%cout
	ky := (y + w.pad - oy*w.stride) / w.dil
	kx := (x + w.pad - ox*w.stride) / w.dil
	if !w.full {
		return ky*w.k + kx
	}
	return ((ky*w.k+kx)*cin+ci)*cout + co
}

// Conv2D is a convolutional connection with shared weights: a source of
// shape [h, w, c_in] feeds a target [oh, ow, c_out] through c_out kernels
// of size k x k x c_in, so that target (oy, ox, co) receives
//
//	x += Σ K[ky][kx][ci][co] * s(oy*stride - padding + ky*dilation, ox*stride - padding + kx*dilation, ci)
//
// over the kernel (source positions outside the image are absent: zero
// padding), with oh = floor((h + 2*padding - dilation*(k-1) - 1)/stride) + 1
// and likewise ow. Each (source, target) pair the kernel covers is one
// synapse of the edge, so a spike touches only the targets its kernel
// reaches, and every synapse with the same kernel entry has its weight.
//
// The kernel tensor K has shape (k, k, c_in, c_out), row-major: entry
// (ky, kx, ci, co) is K[((ky*k + kx)*c_in + ci)*c_out + co]. It starts as
// Kernels if set (e.g. a DoG or Gabor filter bank), else as the average of
// the edge's WeightMatrix if set (weights saved from a run), else it is
// drawn from the edge's Weight distribution (default uniform(0, 1)), and
// is clipped to [WMin, WMax].
//
// Learning: rules change the weight of each synapse on its own; after
// every learning step the network calls Tie, which adds up, for every
// kernel entry, the changes of all its synapses (convolutional STDP,
// Kheradpisheh et al. 2018: the update of a shared kernel is the sum of
// the updates at all positions), clips the entry to [WMin, WMax] and
// writes it back to every synapse. A rule's weight decay and
// normalisation therefore act once per position and add up too; use the
// kernel normalisation Norm instead. The edge's Mask and Norm are not
// supported (Bind reports them).
//
// Zero values: Stride and Dilation 0 mean 1; ChannelsOut 0 takes the
// target's channels.
type Conv2D struct {
	KernelSize int `param:"kernel_size" min:"1" required:"true" doc:"width of the square window"`
	Stride     int `param:"stride" min:"1" doc:"step of the window (0 in Go: 1)"`
	Padding    int `param:"padding" min:"0" doc:"zero padding on each side"`
	Dilation   int `param:"dilation" min:"1" doc:"spacing of the window's taps (0 in Go: 1)"`
	// ChannelsOut, if set, must equal the target's channels.
	ChannelsOut int `param:"channels_out" min:"0" doc:"number of output channels, checked against the target's shape (0: not checked)"`
	// Kernels, if set, is the initial kernel tensor (k, k, c_in, c_out).
	Kernels []float64
	// Norm, if > 0, scales each output channel's kernel (its k*k*c_in
	// entries) so that their absolute values sum to Norm, after the
	// kernel is set up and after every learning step that changed it.
	Norm float64

	win    window
	kernel []float64 // the shared weights, (k, k, c_in, c_out)
	kIdx   []int32   // kernel entry of each synapse, in CSR order
	delta  []float64 // per-entry sums of changes, zero between Ties
}

var _ Shared = (*Conv2D)(nil)

func (c *Conv2D) spec() windowSpec {
	return newWindowSpec("conv2d", c.KernelSize, c.Stride, c.Padding, c.Dilation)
}

func (c *Conv2D) String() string { return c.spec().String() }

// Layout implements Spatial.
func (c *Conv2D) Layout(pre, post *neurons.Population) error {
	w, err := c.spec().layout(pre, post)
	if err != nil {
		return err
	}
	if c.ChannelsOut != 0 && c.ChannelsOut != w.out[2] {
		return paramerr.Errorf("channels_out", -1, "conv2d: channels_out is %d; population %q has shape %s (%d channels)", c.ChannelsOut, post.Name, dims3(w.out), w.out[2])
	}
	c.win = w
	return nil
}

// Connect implements Connector.
func (c *Conv2D) Connect(nPre, nPost int, _ bool, _ *rand.Rand, add func(int, int)) error {
	return c.win.connectPairs(nPre, nPost, add)
}

// KernelLen returns the number of kernel entries, k*k*c_in*c_out (after
// Layout).
func (c *Conv2D) KernelLen() int {
	return c.win.k * c.win.k * c.win.in[2] * c.win.out[2]
}

// Bind implements Spatial: it indexes each synapse's kernel entry, sets
// up the kernel and gives every synapse its entry's weight.
func (c *Conv2D) Bind(s *Synapse, seed uint64) error {
	if s.Mask != nil || s.Norm > 0 {
		return fmt.Errorf("conv2d shares its weights: an edge mask or norm would break the sharing (use Conv2D.Norm, the kernel norm)")
	}
	if !(c.Norm >= 0) || math.IsInf(c.Norm, 0) {
		return paramerr.Errorf("norm", -1, "conv2d: kernel norm %g, want a finite number >= 0", c.Norm)
	}
	nk := c.KernelLen()
	// Index the synapses by their ends (the CSR order is the edge's).
	c.kIdx = make([]int32, len(s.W))
	for i := range len(s.RowPtr) - 1 {
		for at := s.RowPtr[i]; at < s.RowPtr[i+1]; at++ {
			c.kIdx[at] = int32(c.win.kernelIndex(i, int(s.PostIdx[at])))
		}
	}
	c.kernel, c.delta = make([]float64, nk), make([]float64, nk)
	switch {
	case c.Kernels != nil:
		if len(c.Kernels) != nk {
			return paramerr.Errorf("weight", -1, "conv2d: kernels hold %d values; kernel %d x %d x %d x %d needs %d", len(c.Kernels), c.win.k, c.win.k, c.win.in[2], c.win.out[2], nk)
		}
		copy(c.kernel, c.Kernels)
	case s.WeightMatrix != nil:
		count := make([]int, nk)
		for at, k := range c.kIdx {
			c.kernel[k] += s.W[at]
			count[k]++
		}
		for k, n := range count {
			if n > 0 {
				c.kernel[k] /= float64(n)
			}
		}
	default:
		d, err := s.weightDist()
		if err != nil {
			return err
		}
		r := dist.Stream(seed, "synapse/"+s.Name+"/kernel", 0)
		for k := range c.kernel {
			c.kernel[k] = d.Sample(r)
		}
	}
	for k, v := range c.kernel {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return fmt.Errorf("conv2d: kernel entry %d is %g", k, v)
		}
		c.kernel[k] = math.Min(math.Max(v, s.WMin), s.WMax)
	}
	c.normalize()
	c.spread(s)
	return nil
}

// normalize applies the kernel norm to each output channel.
func (c *Conv2D) normalize() {
	if c.Norm <= 0 {
		return
	}
	cout := c.win.out[2]
	sum := make([]float64, cout)
	for k, v := range c.kernel {
		sum[k%cout] += math.Abs(v)
	}
	for k := range c.kernel {
		if s := sum[k%cout]; s > 0 {
			c.kernel[k] *= c.Norm / s
		}
	}
}

// spread writes the kernel to every synapse.
func (c *Conv2D) spread(s *Synapse) {
	for at, k := range c.kIdx {
		s.W[at] = c.kernel[k]
	}
}

// Tie implements Shared: each kernel entry changes by the sum of the
// changes of its synapses since the last Tie, within [WMin, WMax]. It
// reads every synapse once, and once more to write them back if any
// changed.
func (c *Conv2D) Tie(s *Synapse) {
	changed := false
	for at, k := range c.kIdx {
		if d := s.W[at] - c.kernel[k]; d != 0 {
			c.delta[k] += d
			changed = true
		}
	}
	if !changed {
		return
	}
	for k, d := range c.delta {
		c.kernel[k] = math.Min(math.Max(c.kernel[k]+d, s.WMin), s.WMax)
	}
	clear(c.delta)
	c.normalize()
	c.spread(s)
}

// Kernel returns the shared weights, the kernel tensor (k, k, c_in,
// c_out) in row-major order (see Conv2D). The slice is the connector's
// own: read it, do not change it.
func (c *Conv2D) Kernel() []float64 { return c.kernel }

// KernelShape returns the kernel tensor's shape (k, k, c_in, c_out)
// (after Layout).
func (c *Conv2D) KernelShape() [4]int {
	return [4]int{c.win.k, c.win.k, c.win.in[2], c.win.out[2]}
}

// SetKernel replaces the shared weights of the bound edge s (kernel:
// shape (k, k, c_in, c_out)), clipped to s's bounds and normalised if
// Norm is set.
func (c *Conv2D) SetKernel(s *Synapse, kernel []float64) error {
	if len(kernel) != len(c.kernel) {
		return fmt.Errorf("conv2d: kernel of %d values, want %d", len(kernel), len(c.kernel))
	}
	for k, v := range kernel {
		c.kernel[k] = math.Min(math.Max(v, s.WMin), s.WMax)
	}
	c.normalize()
	c.spread(s)
	return nil
}
