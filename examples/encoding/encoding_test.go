// Package encoding_test runs the encoding example through netrun and
// checks every encoder's spikes against its equation, computed from the
// image's gray values.
package encoding_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"image"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/synapticflow/synapticflow-go/cli"
)

const (
	side    = 16
	n       = side * side
	present = 100 // ms = steps (dt = 1 ms)
)

// gray reads image.png: the 8-bit gray value of each pixel, row-major.
func gray(t *testing.T) []int {
	t.Helper()
	f, err := os.Open("image.png")
	require.NoError(t, err)
	defer f.Close()
	img, err := png.Decode(f)
	require.NoError(t, err)
	g, ok := img.(*image.Gray)
	require.True(t, ok, "image.png is 8-bit grayscale")
	require.Equal(t, image.Rect(0, 0, side, side), g.Bounds())
	out := make([]int, n)
	for i := range out {
		out[i] = int(g.Pix[i/side*g.Stride+i%side])
	}
	return out
}

// spikes reads MON.spikes.csv into the spike steps of each of size neurons.
func spikes(t *testing.T, out, mon string, size int) [][]int {
	t.Helper()
	f, err := os.Open(filepath.Join(out, mon+".spikes.csv"))
	require.NoError(t, err)
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	require.NoError(t, err)
	trains := make([][]int, size)
	for _, r := range recs[1:] {
		tm, err := strconv.ParseFloat(r[0], 64)
		require.NoError(t, err)
		i, err := strconv.Atoi(r[1])
		require.NoError(t, err)
		trains[i] = append(trains[i], int(math.Round(tm)))
	}
	return trains
}

func TestEncodingExample(t *testing.T) {
	for _, cmd := range [][]string{{"fmt", "-check", "."}, {"validate", "."}} {
		var stdout, stderr bytes.Buffer
		code := cli.Main(context.Background(), cmd, &stdout, &stderr, cli.Config{})
		require.Equal(t, cli.ExitOK, code, "netrun %v: %s%s", cmd, stdout.String(), stderr.String())
	}
	out := t.TempDir()
	var stdout, stderr bytes.Buffer
	code := cli.Main(context.Background(), []string{"run", ".", "-quiet", "-out", out}, &stdout, &stderr, cli.Config{})
	require.Equal(t, cli.ExitOK, code, stderr.String())
	g := gray(t)

	var summary struct {
		Populations map[string]struct{ N int } `json:"populations"`
	}
	b, err := os.ReadFile(filepath.Join(out, "summary.json"))
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(b, &summary))
	for _, name := range []string{"poisson", "bernoulli", "ttfs", "rank_order", "repeat"} {
		assert.Equal(t, n, summary.Populations[name].N, "%s takes the image's shape", name)
		assert.FileExists(t, filepath.Join(out, name+".raster.png"))
	}
	assert.Equal(t, n*8, summary.Populations["position"].N)
	assert.FileExists(t, filepath.Join(out, "position.raster.png"))

	t.Run("ttfs", func(t *testing.T) {
		// One spike at floor(50*(1 - g/255)) ms, black silent.
		for i, train := range spikes(t, out, "ttfs", n) {
			if g[i] == 0 {
				assert.Empty(t, train, "pixel %d is black", i)
				continue
			}
			want := min(50*(255-g[i])/255, 49)
			assert.Equal(t, []int{want}, train, "pixel %d, gray %d", i, g[i])
		}
	})
	t.Run("rank_order", func(t *testing.T) {
		// One spike at floor(50*r/M), r the number of brighter pixels,
		// M the number of pixels that are not black.
		m := 0
		for _, v := range g {
			if v > 0 {
				m++
			}
		}
		for i, train := range spikes(t, out, "rank_order", n) {
			if g[i] == 0 {
				assert.Empty(t, train)
				continue
			}
			r := 0
			for _, v := range g {
				if v > g[i] {
					r++
				}
			}
			assert.Equal(t, []int{50 * r / m}, train, "pixel %d", i)
		}
	})
	t.Run("repeat", func(t *testing.T) {
		// u = (g/255)*100 Hz*t: a spike in step t when
		// floor(g*(t+1)/2550) > floor(g*t/2550).
		for i, train := range spikes(t, out, "repeat", n) {
			var want []int
			for step := range present {
				if g[i]*(step+1)/2550 > g[i]*step/2550 {
					want = append(want, step)
				}
			}
			assert.Equal(t, want, train, "pixel %d, gray %d", i, g[i])
		}
	})
	for _, name := range []string{"poisson", "bernoulli"} {
		t.Run(name, func(t *testing.T) {
			// p = g/255 * 0.2 per step (200 Hz * 1 ms, or max_prob 0.2).
			var mean, variance, count float64
			var dark, bright, nDark, nBright float64
			for i, train := range spikes(t, out, name, n) {
				p := float64(g[i]) / 255 * 0.2
				mean += present * p
				variance += present * p * (1 - p)
				count += float64(len(train))
				if g[i] == 0 {
					assert.Empty(t, train)
				}
				if g[i] < 64 {
					dark, nDark = dark+float64(len(train)), nDark+1
				} else if g[i] > 192 {
					bright, nBright = bright+float64(len(train)), nBright+1
				}
			}
			assert.InDelta(t, mean, count, 5*math.Sqrt(variance))
			assert.Greater(t, bright/nBright, 3*dark/nDark, "brighter pixels fire more")
		})
	}
	t.Run("position", func(t *testing.T) {
		// Neuron (i, k) fires with p = 0.2*exp(-(v - k/7)²/(2/49)).
		trains := spikes(t, out, "position", 8*n)
		var mean, variance, count float64
		var xs, ys []float64
		for i := range n {
			v := float64(g[i]) / 255
			var sum, weighted float64
			for k := range 8 {
				d := v - float64(k)/7
				p := 0.2 * math.Exp(-d*d*49/2)
				mean += present * p
				variance += present * p * (1 - p)
				c := float64(len(trains[i*8+k]))
				count += c
				sum += c
				weighted += c * float64(k) / 7
			}
			if sum > 0 {
				xs, ys = append(xs, v), append(ys, weighted/sum)
			}
		}
		assert.InDelta(t, mean, count, 5*math.Sqrt(variance))
		// The population's centre of mass follows the value.
		assert.Greater(t, correlation(xs, ys), 0.95)
	})
}

func correlation(x, y []float64) float64 {
	var mx, my float64
	for i := range x {
		mx += x[i]
		my += y[i]
	}
	mx /= float64(len(x))
	my /= float64(len(y))
	var sxy, sxx, syy float64
	for i := range x {
		sxy += (x[i] - mx) * (y[i] - my)
		sxx += (x[i] - mx) * (x[i] - mx)
		syy += (y[i] - my) * (y[i] - my)
	}
	return sxy / math.Sqrt(sxx*syy)
}
