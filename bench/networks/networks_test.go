// Package networks_test checks the benchmark networks of bench/networks,
// which bench/compare.sh runs against Brian2: each validates without a
// warning, and runs (scaled down) with the synapse counts of its
// specification.
package networks_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/synapticflow/synapticflow-go/cli"
)

func TestNetworks(t *testing.T) {
	for _, c := range []struct {
		file string
		p    float64 // connection probability of every ordered pair
		rule bool    // the excitatory edges learn
	}{
		{"cuba.hcl", 0.02, false},
		{"cuba_stdp.hcl", 0.02, true},
		{"brunel.hcl", 0.1, false},
	} {
		t.Run(c.file, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := cli.Main(context.Background(), []string{"validate", "-strict", c.file}, &stdout, &stderr, cli.Config{})
			require.Equal(t, cli.ExitOK, code, stderr.String())
			assert.Empty(t, stderr.String(), "no diagnostic at all")

			const n = 1000
			out := filepath.Join(t.TempDir(), "out")
			stdout.Reset()
			stderr.Reset()
			code = cli.Main(context.Background(), []string{"run", c.file, "-var", "n=1000", "-duration", "50",
				"-out", out, "-quiet", "-no-figures", "-workers", "1"}, &stdout, &stderr, cli.Config{})
			require.Equal(t, cli.ExitOK, code, stderr.String())
			b, err := os.ReadFile(filepath.Join(out, "summary.json"))
			require.NoError(t, err)
			var s struct {
				SimCPUSeconds float64 `json:"sim_cpu_seconds"`
				Populations   map[string]struct {
					N      int   `json:"n"`
					Spikes int64 `json:"spikes"`
				} `json:"populations"`
				Synapses map[string]struct {
					Synapses int              `json:"synapses"`
					Weights  *json.RawMessage `json:"weights"`
				} `json:"synapses"`
			}
			require.NoError(t, json.Unmarshal(b, &s))
			assert.Equal(t, 800, s.Populations["exc"].N)
			assert.Equal(t, 200, s.Populations["inh"].N)
			assert.Positive(t, s.Populations["exc"].Spikes+s.Populations["inh"].Spikes, "the network fires")
			assert.GreaterOrEqual(t, s.SimCPUSeconds, 0.0)
			total := 0
			for name, e := range s.Synapses {
				total += e.Synapses
				assert.Equal(t, c.rule && name[0] == 'e', e.Weights != nil, "%s: weight statistics only for learning edges", name)
			}
			want := c.p * n * (n - 1) // no autapses
			assert.InDelta(t, want, float64(total), 0.03*want, "synapses")
		})
	}
}
