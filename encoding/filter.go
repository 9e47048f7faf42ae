package encoding

import (
	"fmt"
	"math"
)

// DoG returns the size x size difference-of-Gaussians kernel of the
// retina's centre-surround cells (phase 8 of the course):
//
//	DoG(x, y) = G(sigma1) - G(sigma2),  G(s) = exp(-(x²+y²)/(2s²)) / (2π s²)
//
// with (x, y) measured from the centre pixel, sigma1 < sigma2 (pixels).
// This is the on-centre kernel (excited by a bright centre); with on false
// it is negated: the off-centre kernel. The kernel is normalised (see
// normalizeKernel): zero mean, positive weights summing to 1. size must be
// odd.
func DoG(size int, sigma1, sigma2 float64, on bool) ([][]float64, error) {
	if err := checkSize(size); err != nil {
		return nil, err
	}
	if !(sigma1 > 0) || !(sigma2 > sigma1) || math.IsInf(sigma2, 0) {
		return nil, fmt.Errorf("DoG needs 0 < sigma1 < sigma2, have sigma1 %g, sigma2 %g", sigma1, sigma2)
	}
	g := func(r2, s float64) float64 { return math.Exp(-r2/(2*s*s)) / (2 * math.Pi * s * s) }
	k := grid(size, func(x, y float64) float64 {
		r2 := x*x + y*y
		v := g(r2, sigma1) - g(r2, sigma2)
		if !on {
			v = -v
		}
		return v
	})
	return k, normalizeKernel(k)
}

// Gabor returns the size x size Gabor kernel (phase 8):
//
//	x' =  x cos θ + y sin θ
//	y' = -x sin θ + y cos θ
//	G(x, y) = exp(-(x'² + γ² y'²) / (2σ²)) cos(2π x'/λ + ψ)
//
// with (x, y) measured from the centre pixel, x to the right and y down
// (image rows), orientation θ and phase ψ in degrees, wavelength λ and
// sigma σ in pixels and aspect ratio γ. θ is the direction across the
// stripes: θ = 0 prefers vertical bars, θ = 90 horizontal ones, θ = 45
// bars running from the lower left to the upper right. The kernel is
// normalised (see normalizeKernel). size must be odd.
func Gabor(size int, orientation, wavelength, sigma, aspect, phase float64) ([][]float64, error) {
	if err := checkSize(size); err != nil {
		return nil, err
	}
	if !(wavelength > 0) || !(sigma > 0) || !(aspect > 0) || math.IsInf(wavelength+sigma+aspect, 0) {
		return nil, fmt.Errorf("gabor needs positive wavelength, sigma and aspect, have %g, %g, %g", wavelength, sigma, aspect)
	}
	if math.IsNaN(orientation) || math.IsInf(orientation, 0) || math.IsNaN(phase) || math.IsInf(phase, 0) {
		return nil, fmt.Errorf("gabor orientation %g and phase %g must be finite", orientation, phase)
	}
	th, ps := orientation*math.Pi/180, phase*math.Pi/180
	cos, sin := math.Cos(th), math.Sin(th)
	k := grid(size, func(x, y float64) float64 {
		xr := x*cos + y*sin
		yr := -x*sin + y*cos
		return math.Exp(-(xr*xr+aspect*aspect*yr*yr)/(2*sigma*sigma)) * math.Cos(2*math.Pi*xr/wavelength+ps)
	})
	return k, normalizeKernel(k)
}

func checkSize(size int) error {
	if size < 1 || size%2 == 0 {
		return fmt.Errorf("kernel size %d: want an odd size >= 1 (the kernel has a centre pixel)", size)
	}
	return nil
}

// grid evaluates f at the pixels of a size x size kernel, (x, y) measured
// from the centre; row r is y = r - size/2.
func grid(size int, f func(x, y float64) float64) [][]float64 {
	c := size / 2
	k := make([][]float64, size)
	for r := range k {
		k[r] = make([]float64, size)
		for col := range k[r] {
			k[r][col] = f(float64(col-c), float64(r-c))
		}
	}
	return k
}

// normalizeKernel makes k zero-mean and scales it so that its positive
// weights sum to 1 (and so its negative ones to -1). Filtered with it, a
// uniform image gives 0 and an image with values in [0, 1] gives values
// in [-1, 1]. It reports an error for a kernel that is constant.
func normalizeKernel(k [][]float64) error {
	var sum float64
	n := 0
	for _, row := range k {
		for _, v := range row {
			sum += v
			n++
		}
	}
	mean := sum / float64(n)
	var pos float64
	for _, row := range k {
		for j := range row {
			row[j] -= mean
			if row[j] > 0 {
				pos += row[j]
			}
		}
	}
	if !(pos > 1e-12) {
		return fmt.Errorf("the kernel is constant: make it larger or change its parameters")
	}
	for _, row := range k {
		for j := range row {
			row[j] /= pos
		}
	}
	return nil
}

// Filter2D filters the image img (rows of equal length) with kernel k
// (odd height and width) and returns an image of the same size:
//
//	out[y][x] = Σ_{i,j} k[i][j] * img[y + i - kh/2][x + j - kw/2]
//
// with pixels outside the image taken as 0 (zero padding). This is
// correlation, as in convolutional networks: the kernel is not flipped
// (the same as convolution for the symmetric DoG kernels).
func Filter2D(img, k [][]float64) ([][]float64, error) {
	if len(k) == 0 || len(k)%2 == 0 || len(k[0])%2 == 0 {
		return nil, fmt.Errorf("kernel of %d rows: want odd height and width", len(k))
	}
	kh, kw := len(k), len(k[0])
	for _, row := range k {
		if len(row) != kw {
			return nil, fmt.Errorf("kernel rows have different lengths")
		}
	}
	h := len(img)
	w := 0
	if h > 0 {
		w = len(img[0])
	}
	for _, row := range img {
		if len(row) != w {
			return nil, fmt.Errorf("image rows have different lengths")
		}
	}
	out := make([][]float64, h)
	for y := range out {
		out[y] = make([]float64, w)
		for x := range out[y] {
			var s float64
			for i := range kh {
				yy := y + i - kh/2
				if yy < 0 || yy >= h {
					continue
				}
				for j := range kw {
					xx := x + j - kw/2
					if xx < 0 || xx >= w {
						continue
					}
					s += k[i][j] * img[yy][xx]
				}
			}
			out[y][x] = s
		}
	}
	return out, nil
}

// Matrix returns the h x w image held row-major in data, as rows.
func Matrix(data []float64, h, w int) [][]float64 {
	m := make([][]float64, h)
	for y := range m {
		m[y] = data[y*w : (y+1)*w : (y+1)*w]
	}
	return m
}

// Filter describes the filter a Data population applies to each sample
// before encoding it.
type Filter struct {
	// Kind is "" (none), "dog_on", "dog_off", "dog" (both: two channels,
	// on then off) or "gabor".
	Kind string
	// Size is the kernel size in pixels (odd).
	Size int
	// Sigma1 and Sigma2 are the DoG centre and surround widths (pixels).
	Sigma1, Sigma2 float64
	// Orientation (degrees), Wavelength, Sigma (pixels), Aspect and Phase
	// (degrees) are the Gabor parameters.
	Orientation, Wavelength, Sigma, Aspect, Phase float64
}

// Kernels returns the filter's kernels: one, or two for "dog".
func (f Filter) Kernels() ([][][]float64, error) {
	switch f.Kind {
	case "dog_on", "dog_off":
		k, err := DoG(f.Size, f.Sigma1, f.Sigma2, f.Kind == "dog_on")
		return [][][]float64{k}, err
	case "dog":
		on, err := DoG(f.Size, f.Sigma1, f.Sigma2, true)
		if err != nil {
			return nil, err
		}
		off, err := DoG(f.Size, f.Sigma1, f.Sigma2, false)
		return [][][]float64{on, off}, err
	case "gabor":
		k, err := Gabor(f.Size, f.Orientation, f.Wavelength, f.Sigma, f.Aspect, f.Phase)
		return [][][]float64{k}, err
	}
	return nil, fmt.Errorf("filter %q: want \"dog_on\", \"dog_off\", \"dog\" or \"gabor\"", f.Kind)
}

// Apply filters a 2-D sample (shape [h, w] or [h, w, 1]) and returns the
// rectified, normalised responses: each kernel's response (Filter2D), its
// negative values set to 0, all divided by the largest response of the
// sample (unless every response is 0). The result has shape [h, w], or
// [h, w, 2] for "dog" (channel 0 on-centre, 1 off-centre).
func (f Filter) Apply(s Sample) (Sample, error) {
	h, w, err := plane(s.Shape)
	if err != nil {
		return Sample{}, err
	}
	ks, err := f.Kernels()
	if err != nil {
		return Sample{}, err
	}
	img := Matrix(s.Data, h, w)
	c := len(ks)
	out := make([]float64, h*w*c)
	var peak float64
	for ch, k := range ks {
		r, err := Filter2D(img, k)
		if err != nil {
			return Sample{}, err
		}
		for y := range h {
			for x := range w {
				v := max(r[y][x], 0)
				out[(y*w+x)*c+ch] = v
				peak = max(peak, v)
			}
		}
	}
	if peak > 0 {
		for i := range out {
			out[i] /= peak
		}
	}
	shape := []int{h, w}
	if c > 1 {
		shape = append(shape, c)
	}
	return Sample{Name: s.Name, Shape: shape, Data: out, Label: s.Label}, nil
}

// plane returns the height and width of a 2-D shape ([h, w] or [h, w, 1]).
func plane(shape []int) (h, w int, err error) {
	switch {
	case len(shape) == 2, len(shape) == 3 && shape[2] == 1:
		return shape[0], shape[1], nil
	}
	return 0, 0, fmt.Errorf("a filter needs a 2-D sample ([height, width] or [height, width, 1]), have shape %v", shape)
}
