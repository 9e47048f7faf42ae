package dsl_test

import (
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/synapticflow/synapticflow-go/dsl"
	"github.com/synapticflow/synapticflow-go/encoding"
	"github.com/synapticflow/synapticflow-go/npy"
	"github.com/synapticflow/synapticflow-go/synapses"
)

// loadText writes text as net.hcl in a temporary directory (with an 8 x 6
// image img.png next to it) and loads it.
func loadText(t *testing.T, text string) (*dsl.Network, string, error) {
	t.Helper()
	dir := t.TempDir()
	img := image.NewGray(image.Rect(0, 0, 6, 8))
	for i := range img.Pix {
		img.Pix[i] = uint8(i * 5)
	}
	img.SetGray(0, 0, color.Gray{Y: 255})
	f, err := os.Create(filepath.Join(dir, "img.png"))
	require.NoError(t, err)
	require.NoError(t, png.Encode(f, img))
	require.NoError(t, f.Close())
	path := filepath.Join(dir, "net.hcl")
	require.NoError(t, writeFile(path, text))
	net, diags := dsl.Load(path, dsl.Options{})
	if diags.HasErrors() {
		return nil, dir, diags
	}
	return net, dir, nil
}

const issueForm = `
population "img" {
  model = "input"
  shape = [28, 28, 1]
}
population "feat" {
  model = "lif"
  shape = [%s, 4]
}
synapse "c1" {
  from         = population.img
  to           = population.feat
  connect      = "conv2d"
  kernel_size  = 5
  stride       = 1
  padding      = 0
  channels_out = 4
}
`

func TestConv2DInHCL(t *testing.T) {
	net, _, err := loadText(t, fmt.Sprintf(issueForm, "24, 24"))
	require.NoError(t, err)
	require.Len(t, net.Synapses(), 1)
	conv, ok := net.Synapses()[0].Connect.(*synapses.Conv2D)
	require.True(t, ok)
	assert.Equal(t, synapses.Conv2D{KernelSize: 5, Stride: 1, Dilation: 1, ChannelsOut: 4}, *conv)
	sim, diags := net.Compile()
	require.False(t, diags.HasErrors(), diags.Error())
	assert.Equal(t, 24*24*4*25, sim.Synapse("c1").Len())

	// The wrong target shape is reported at compile time, on the block.
	net, _, err = loadText(t, fmt.Sprintf(issueForm, "20, 20"))
	require.NoError(t, err)
	_, diags = net.Compile()
	require.True(t, diags.HasErrors())
	assert.Contains(t, diags.Error(), `conv2d: input 28x28x1 with kernel 5, stride 1, padding 0 gives 24x24; population "feat" has shape 20x20x4`)
	assert.Contains(t, diags.Error(), "net.hcl:10")
}

func TestSpatialConnectsInHCL(t *testing.T) {
	for _, tc := range []struct {
		name, body string
		check      func(t *testing.T, c synapses.Connector)
		wantError  string
	}{
		{"pool2d", `connect = "pool2d"
		  pool = "average"
		  kernel_size = 2`, func(t *testing.T, c synapses.Connector) {
			assert.Equal(t, &synapses.Pool2D{Pool: "average", KernelSize: 2}, c)
		}, ""},
		{"pool2d weight", `connect = "pool2d"
		  kernel_size = 2
		  weight = 3`, func(t *testing.T, c synapses.Connector) {
			assert.Equal(t, &synapses.Pool2D{Pool: "max", KernelSize: 2, Weight: 3}, c)
		}, ""},
		{"local2d", `connect = "local2d"
		  kernel_size = 3
		  stride = 2
		  padding = 1
		  dilation = 1`, func(t *testing.T, c synapses.Connector) {
			assert.Equal(t, &synapses.Local2D{KernelSize: 3, Stride: 2, Padding: 1, Dilation: 1}, c)
		}, ""},
		{"conv2d norm", `connect = "conv2d"
		  kernel_size = 3
		  norm = 2`, func(t *testing.T, c synapses.Connector) {
			assert.Equal(t, 2.0, c.(*synapses.Conv2D).Norm)
		}, ""},
		{"missing kernel", `connect = "conv2d"`, nil, `Missing "kernel_size"`},
		{"bad pool", `connect = "pool2d"
		  kernel_size = 2
		  pool = "min"`, nil, `Pool must be "max" or "average"`},
		{"zero stride", `connect = "conv2d"
		  kernel_size = 2
		  stride = 0`, nil, "Stride must be at least 1"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			net, _, err := loadText(t, `
population "a" {
  model = "input"
  shape = [8, 8, 2]
}
population "b" {
  model = "input"
  shape = [4, 4, 2]
}
synapse "s" {
  from = population.a
  to   = population.b
  `+tc.body+`
}`)
			if tc.wantError != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tc.wantError)
				return
			}
			require.NoError(t, err)
			tc.check(t, net.Synapses()[0].Connect)
			assert.Zero(t, net.Synapses()[0].Norm, "a conv2d's norm is the kernel's")
		})
	}
}

func TestConv2DKernelsFromFile(t *testing.T) {
	dir := t.TempDir()
	kernel := []float64{0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8}
	require.NoError(t, npy.WriteFile(filepath.Join(dir, "k.npy"), []int{2, 2, 1, 2}, kernel))
	path := filepath.Join(dir, "net.hcl")
	require.NoError(t, writeFile(path, `
population "a" {
  model = "input"
  shape = [3, 3]
}
population "b" {
  model = "input"
  shape = [2, 2, 2]
}
synapse "s" {
  from        = population.a
  to          = population.b
  connect     = "conv2d"
  kernel_size = 2
  weight      = load("k.npy")
}`))
	net, diags := dsl.Load(path, dsl.Options{})
	require.False(t, diags.HasErrors(), diags.Error())
	sim, diags := net.Compile()
	require.False(t, diags.HasErrors(), diags.Error())
	assert.Equal(t, kernel, sim.Synapse("s").Connect.(*synapses.Conv2D).Kernel())
}

func TestDataPopulationInHCL(t *testing.T) {
	net, _, err := loadText(t, `
population "img" {
  model   = "data"
  source  = "img.png" # relative to the network file
  encoder = "ttfs"
  present = 20
}
population "pos" {
  model            = "data"
  source           = "img.png"
  encoder          = "position"
  position_neurons = 5
}`)
	require.NoError(t, err)
	require.Len(t, net.Populations(), 2)
	assert.Equal(t, []int{8, 6}, net.Populations()[0].Shape, "the image's shape")
	assert.Equal(t, []int{8, 6, 5}, net.Populations()[1].Shape)
	d, ok := net.Populations()[0].Model.(*encoding.Data)
	require.True(t, ok)
	assert.Equal(t, "ttfs", d.Encoder.Kind())
	_, diags := net.Compile()
	require.False(t, diags.HasErrors(), diags.Error())

	_, _, err = loadText(t, `
population "img" {
  model  = "data"
  source = "missing.png"
}`)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "missing.png")

	// A given shape must fit the data.
	net, _, err = loadText(t, `
population "img" {
  model  = "data"
  source = "img.png"
  n      = 10
}`)
	require.NoError(t, err)
	_, diags = net.Compile()
	require.True(t, diags.HasErrors())
	assert.Contains(t, diags.Error(), "the samples are 8x6 (48 neurons), the population has 10 neurons")
}
