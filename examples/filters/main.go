// Command filters draws the kernels of the phase-8 filters (DoG on- and
// off-centre, Gabor at four orientations) and the responses of scene.png
// to each, as the data population computes them before encoding:
//
//	go run ./examples/filters -out out/filters
//
// It writes kernels.png and filtered.png into the output directory. The
// encoded spikes of the filtered scene come from filters.hcl (netrun run).
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/synapticflow/synapticflow-go/encoding"
	"github.com/synapticflow/synapticflow-go/figures"
)

// The filters of the figures, with the parameters filters.hcl uses.
var bank = []struct {
	label  string
	filter encoding.Filter
}{
	{"DoG on-centre", encoding.Filter{Kind: "dog_on", Size: 7, Sigma1: 1, Sigma2: 2}},
	{"DoG off-centre", encoding.Filter{Kind: "dog_off", Size: 7, Sigma1: 1, Sigma2: 2}},
	{"Gabor 0°", gabor(0)},
	{"Gabor 45°", gabor(45)},
	{"Gabor 90°", gabor(90)},
	{"Gabor 135°", gabor(135)},
}

func gabor(orientation float64) encoding.Filter {
	return encoding.Filter{Kind: "gabor", Size: 9, Orientation: orientation, Wavelength: 4, Sigma: 2, Aspect: 0.5}
}

func main() {
	out := flag.String("out", filepath.Join("out", "filters"), "output `directory`")
	scene := flag.String("image", filepath.Join("examples", "filters", "scene.png"), "grayscale `image` to filter")
	flag.Parse()
	if err := run(*scene, *out); err != nil {
		fmt.Fprintln(os.Stderr, "filters:", err)
		os.Exit(1)
	}
}

// responses returns the scene and its filtered versions (rectified and
// normalised, as the data population encodes them), as rows.
func responses(scenePath string) (images [][][]float64, labels []string, err error) {
	s, err := encoding.ReadImage(scenePath)
	if err != nil {
		return nil, nil, err
	}
	h, w := s.Shape[0], s.Shape[1]
	images, labels = [][][]float64{encoding.Matrix(s.Data, h, w)}, []string{"scene"}
	for _, b := range bank {
		f, err := b.filter.Apply(s)
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %w", b.label, err)
		}
		images, labels = append(images, encoding.Matrix(f.Data, h, w)), append(labels, b.label)
	}
	return images, labels, nil
}

// run writes kernels.png and filtered.png into out.
func run(scenePath, out string) error {
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	var kernels [][][]float64
	var labels []string
	for _, b := range bank {
		ks, err := b.filter.Kernels()
		if err != nil {
			return err
		}
		kernels, labels = append(kernels, ks[0]), append(labels, b.label)
	}
	if err := figures.Heatmaps(filepath.Join(out, "kernels.png"), "Filter kernels (red > 0, blue < 0)", kernels, labels, true); err != nil {
		return err
	}
	images, labels, err := responses(scenePath)
	if err != nil {
		return err
	}
	return figures.Heatmaps(filepath.Join(out, "filtered.png"), "scene.png and its rectified filter responses", images, labels, false)
}
