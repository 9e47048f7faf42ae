// Command conv_features learns oriented features without supervision (the
// seed's phases 9 and 10): the images of bars/ (oriented bars at four
// orientations and several positions) are filtered by an on-centre DoG and
// encoded by time to first spike; a convolution with shared 5 x 5 kernels
// feeds four feature maps under k-winners-take-all; STDP on the kernels
// makes each of them prefer one orientation; max pooling halves the maps.
//
//	go run ./examples/conv_features -out out/conv_features
//
// trains conv_features.hcl, draws the kernels before and after training
// (kernels.png) and prints each kernel's orientation preference. With -gen
// it (re)writes the bar images instead.
package main

import (
	"context"
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/synapticflow/synapticflow-go/dsl"
	"github.com/synapticflow/synapticflow-go/encoding"
	"github.com/synapticflow/synapticflow-go/figures"
	"github.com/synapticflow/synapticflow-go/synapses"
)

// The bar images: side x side pixels, a bar of half-length halfLen pixels
// at each of the orientations, perPos positions each.
const (
	side    = 16
	halfLen = 3.0
	perPos  = 6
)

// orientations are the bars' directions in degrees, measured from the x
// axis (rightwards) towards the top of the image: 0 is horizontal, 45
// rises to the right, 90 is vertical, 135 falls to the right. A bar's
// label is its orientation's index.
var orientations = []float64{0, 45, 90, 135}

func main() {
	dir := filepath.Join("examples", "conv_features")
	out := flag.String("out", filepath.Join("out", "conv_features"), "output `directory`")
	net := flag.String("net", filepath.Join(dir, "conv_features.hcl"), "network `file`")
	gen := flag.Bool("gen", false, "write the bar images into bars/ next to the network file and exit")
	flag.Parse()
	if *gen {
		if err := writeBars(filepath.Join(filepath.Dir(*net), "bars")); err != nil {
			fmt.Fprintln(os.Stderr, "conv_features:", err)
			os.Exit(1)
		}
		return
	}
	vars := map[string]string{}
	for _, kv := range flag.Args() {
		if k, v, ok := strings.Cut(kv, "="); ok {
			vars[k] = v
		}
	}
	res, err := train(context.Background(), *net, *out, vars)
	if err != nil {
		fmt.Fprintln(os.Stderr, "conv_features:", err)
		os.Exit(1)
	}
	for c, s := range res.Learned {
		fmt.Printf("kernel %d: prefers %3.0f° (response %.2f, orthogonal %.2f, ratio %.1f); before training %.1f\n",
			c, orientations[s.Preferred], s.Response[s.Preferred], s.Response[(s.Preferred+2)%4], s.Ratio(), res.Init[c].Ratio())
	}
	fmt.Println("winners in the last epoch (rows: maps, columns: orientations 0, 45, 90, 135):")
	for c, w := range res.Wins {
		fmt.Printf("  map %d: %v\n", c, w)
	}
	fmt.Println("figures in", *out)
}

// bar draws a bar of the given orientation centred at (cx, cy): each
// pixel's intensity is 1 - d, d its distance to the bar's axis segment
// (0 beyond distance 1).
func bar(orientation, cx, cy float64) []float64 {
	th := orientation * math.Pi / 180
	dx, dy := math.Cos(th), -math.Sin(th) // image rows grow downwards
	img := make([]float64, side*side)
	for y := range side {
		for x := range side {
			px, py := float64(x)-cx, float64(y)-cy
			t := math.Max(-halfLen, math.Min(halfLen, px*dx+py*dy))
			d := math.Hypot(px-t*dx, py-t*dy)
			img[y*side+x] = math.Max(0, 1-d)
		}
	}
	return img
}

// writeBars writes perPos images of each orientation, at positions drawn
// from a fixed seed, as dir/LABEL_ANGLEdeg_I.png (8-bit gray).
func writeBars(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	r := rand.New(rand.NewPCG(2018, 9))
	for label, o := range orientations {
		for i := range perPos {
			cx, cy := 4+r.Float64()*7, 4+r.Float64()*7
			img := image.NewGray(image.Rect(0, 0, side, side))
			for k, v := range bar(o, cx, cy) {
				img.SetGray(k%side, k/side, color.Gray{Y: uint8(math.Round(255 * v))})
			}
			f, err := os.Create(filepath.Join(dir, fmt.Sprintf("%d_%03.0fdeg_%d.png", label, o, i)))
			if err != nil {
				return err
			}
			err = png.Encode(f, img)
			if cerr := f.Close(); err == nil {
				err = cerr
			}
			if err != nil {
				return err
			}
		}
	}
	return nil
}

// Selectivity is a kernel's response to a centred bar of each orientation
// after the network's filter: the largest, over the kernel's positions, of
// the sum of the kernel times the filtered image under it.
type Selectivity struct {
	Response  []float64 // by orientation index
	Preferred int       // index of the largest response
}

// Ratio is the response to the preferred orientation over the response to
// the orthogonal one.
func (s Selectivity) Ratio() float64 {
	return s.Response[s.Preferred] / math.Max(s.Response[(s.Preferred+2)%len(s.Response)], 1e-12)
}

// Result is what training gives.
type Result struct {
	// Before and After are the kernels (5 x 5, one per feature map)
	// before and after training.
	Before, After [][][]float64
	// Init and Learned are their selectivities.
	Init, Learned []Selectivity
	// Wins[c][l] counts the samples of label l whose winner (the feature
	// neuron that spiked) lies in map c, over the last epoch.
	Wins [][]int
}

// train loads and runs the network, recording which map wins each
// sample, and draws the kernels into out/kernels.png.
func train(ctx context.Context, netPath, out string, vars map[string]string) (*Result, error) {
	net, diags := dsl.Load(netPath, dsl.Options{Vars: vars})
	if diags.HasErrors() {
		return nil, diags
	}
	sim, diags := net.Compile()
	if diags.HasErrors() {
		return nil, diags
	}
	img, feat, c1 := sim.Population("img"), sim.Population("feat"), sim.Synapse("c1")
	if img == nil || feat == nil || c1 == nil {
		return nil, fmt.Errorf("%s needs populations img and feat and synapse c1", netPath)
	}
	data, ok := img.Model.(*encoding.Data)
	conv, ok2 := c1.Connect.(*synapses.Conv2D)
	if !ok || !ok2 {
		return nil, fmt.Errorf("img must be a data population and c1 a conv2d synapse")
	}
	shape := conv.KernelShape()
	if shape[2] != 1 {
		return nil, fmt.Errorf("the example expects one input channel, have %d", shape[2])
	}
	res := &Result{Before: kernels(conv)}
	maps := shape[3]
	res.Wins = make([][]int, maps)
	for c := range res.Wins {
		res.Wins[c] = make([]int, len(orientations))
	}
	steps := int(math.Round(net.Simulation.Duration / sim.Dt()))
	epochSteps := int(math.Round(data.Duration() / float64(data.Epochs) / sim.Dt()))
	for k := range steps {
		if err := sim.RunSteps(ctx, 1); err != nil {
			return nil, err
		}
		if k < steps-epochSteps {
			continue
		}
		_, label := data.SampleAt(k)
		for _, j := range feat.Fired {
			if label >= 0 {
				res.Wins[int(j)%maps][label]++
			}
		}
	}
	res.After = kernels(conv)
	filter := encoding.Filter{Kind: data.Filter, Size: data.FilterSize, Sigma1: data.Sigma1, Sigma2: data.Sigma2,
		Orientation: data.Orientation, Wavelength: data.Wavelength, Sigma: data.Sigma, Aspect: data.Aspect, Phase: data.Phase}
	var err error
	if res.Init, err = selectivities(res.Before, filter); err != nil {
		return nil, err
	}
	if res.Learned, err = selectivities(res.After, filter); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return nil, err
	}
	tiles := append(slices.Clone(res.Before), res.After...)
	var labels []string
	for c := range maps {
		labels = append(labels, fmt.Sprintf("map %d, initial", c))
	}
	for c, s := range res.Learned {
		labels = append(labels, fmt.Sprintf("map %d, learned: %.0f°", c, orientations[s.Preferred]))
	}
	err = figures.HeatmapsRange(filepath.Join(out, "kernels.png"), "conv2d kernels before and after STDP (black 0, white w_max)",
		tiles, labels, c1.WMin, c1.WMax)
	return res, err
}

// kernels splits the conv's kernel tensor (k, k, 1, c_out) into c_out
// k x k matrices.
func kernels(conv *synapses.Conv2D) [][][]float64 {
	shape, k := conv.KernelShape(), conv.Kernel()
	out := make([][][]float64, shape[3])
	for c := range out {
		out[c] = make([][]float64, shape[0])
		for y := range shape[0] {
			out[c][y] = make([]float64, shape[1])
			for x := range shape[1] {
				out[c][y][x] = k[(y*shape[1]+x)*shape[3]+c]
			}
		}
	}
	return out
}

// selectivities measures each kernel's response to a bar of each
// orientation centred in the image, filtered as the network filters.
func selectivities(ks [][][]float64, f encoding.Filter) ([]Selectivity, error) {
	var filtered [][][]float64
	for _, o := range orientations {
		s := encoding.Sample{Shape: []int{side, side}, Data: bar(o, (side-1)/2.0, (side-1)/2.0)}
		if f.Kind != "" {
			var err error
			if s, err = f.Apply(s); err != nil {
				return nil, err
			}
		}
		filtered = append(filtered, encoding.Matrix(s.Data, side, side))
	}
	out := make([]Selectivity, len(ks))
	for c, k := range ks {
		out[c].Response = make([]float64, len(orientations))
		for o, img := range filtered {
			best := 0.0
			for y0 := 0; y0+len(k) <= side; y0++ {
				for x0 := 0; x0+len(k[0]) <= side; x0++ {
					var sum float64
					for y := range k {
						for x := range k[y] {
							sum += k[y][x] * img[y0+y][x0+x]
						}
					}
					best = math.Max(best, sum)
				}
			}
			out[c].Response[o] = best
		}
		for o, r := range out[c].Response {
			if r > out[c].Response[out[c].Preferred] {
				out[c].Preferred = o
			}
		}
	}
	return out, nil
}
