package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/synapticflow/synapticflow-go/cli"
)

// TestLearnsOrientedKernels trains the network with three seeds and checks
// that the kernels, random at first, become orientation detectors: each
// responds to a bar of its preferred orientation at least 1.5 times as
// strongly as to the orthogonal one (about 1.0 before training), the four
// kernels prefer four different orientations, and in the last epoch each
// map wins most images of its orientation.
func TestLearnsOrientedKernels(t *testing.T) {
	for _, seed := range []string{"3", "1", "5"} {
		t.Run("seed "+seed, func(t *testing.T) {
			out := t.TempDir()
			res, err := train(context.Background(), "conv_features.hcl", out, map[string]string{"seed": seed})
			require.NoError(t, err)
			assert.FileExists(t, filepath.Join(out, "kernels.png"))
			require.Len(t, res.Learned, 4)
			var prefs []int
			for c := range res.Learned {
				assert.Less(t, res.Init[c].Ratio(), 1.2, "map %d is unselective before training", c)
				assert.GreaterOrEqual(t, res.Learned[c].Ratio(), 1.5, "map %d is selective after training: %v", c, res.Learned[c].Response)
				prefs = append(prefs, res.Learned[c].Preferred)
			}
			slices.Sort(prefs)
			assert.Equal(t, []int{0, 1, 2, 3}, prefs, "one map per orientation")
			// Each map wins most images of its preferred orientation (at
			// least 4 of 6; by chance 1.5) and few of the others.
			for c, wins := range res.Wins {
				p := res.Learned[c].Preferred
				assert.GreaterOrEqual(t, wins[p], 4, "map %d wins: %v", c, wins)
				assert.LessOrEqual(t, sum(wins)-wins[p], 2, "map %d wins: %v", c, wins)
			}
		})
	}
}

func sum(xs []int) int {
	s := 0
	for _, x := range xs {
		s += x
	}
	return s
}

// TestNetrun runs the network file with netrun for two epochs: the
// populations take the data's shape, the feature maps and the pooled maps
// spike, and pooling (max = OR over 2 x 2 windows) never spikes more than
// the maps it pools.
func TestNetrun(t *testing.T) {
	for _, cmd := range [][]string{{"fmt", "-check", "."}, {"validate", "."}} {
		var stdout, stderr bytes.Buffer
		code := cli.Main(context.Background(), cmd, &stdout, &stderr, cli.Config{})
		require.Equal(t, cli.ExitOK, code, "netrun %v: %s%s", cmd, stdout.String(), stderr.String())
	}
	out := t.TempDir()
	var stdout, stderr bytes.Buffer
	code := cli.Main(context.Background(), []string{"run", ".", "-quiet", "-out", out, "-var", "epochs=2"}, &stdout, &stderr, cli.Config{})
	require.Equal(t, cli.ExitOK, code, stderr.String())
	b, err := os.ReadFile(filepath.Join(out, "summary.json"))
	require.NoError(t, err)
	var s struct {
		DurationMs  float64 `json:"duration_ms"`
		Populations map[string]struct {
			N      int   `json:"n"`
			Spikes int64 `json:"spikes"`
		} `json:"populations"`
	}
	require.NoError(t, json.Unmarshal(b, &s))
	assert.Equal(t, 2*24*30.0, s.DurationMs)
	assert.Equal(t, 16*16, s.Populations["img"].N)
	assert.Equal(t, 12*12*4, s.Populations["feat"].N)
	// k-winners-take-all: one spike per image.
	assert.Equal(t, int64(2*24), s.Populations["feat"].Spikes)
	// Each winner makes exactly one pooling neuron spike (2 x 2 windows
	// with stride 2 do not overlap).
	assert.Equal(t, int64(2*24), s.Populations["pool"].Spikes)
	for _, f := range []string{"img.raster.png", "feat.raster.png", "pool.raster.png", "label.label.csv"} {
		assert.FileExists(t, filepath.Join(out, f), fmt.Sprint(f))
	}
}
