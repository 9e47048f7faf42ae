package main

import (
	"bytes"
	"context"
	"image"
	_ "image/png"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRun(t *testing.T) {
	out := t.TempDir()
	var table bytes.Buffer
	c, err := run(context.Background(), "fi_curve.hcl", out, &table)
	require.NoError(t, err)

	// The sweep of fi_curve.hcl: 41 currents from 0 to 2.
	require.Len(t, c.Currents, 41)
	assert.InDelta(t, 0.0, c.Currents[0], 1e-12)
	assert.InDelta(t, 0.05, c.Currents[1], 1e-12)
	assert.InDelta(t, 2.0, c.Currents[40], 1e-12)
	assert.Equal(t, []string{"lif", "elif"}, c.Labels)
	require.Len(t, c.Rates, 2)
	for i, rates := range c.Rates {
		require.Len(t, rates, 41)
		for j := 1; j < len(rates); j++ {
			assert.GreaterOrEqual(t, rates[j], rates[j-1], "%s at %g", c.Labels[i], c.Currents[j])
		}
	}
	// LIF is silent up to R*I = 10 mV (I = 0.5) and fires above.
	assert.Zero(t, c.Rates[0][10])
	assert.Positive(t, c.Rates[0][11])

	f, err := os.Open(filepath.Join(out, "fi_curve.png"))
	require.NoError(t, err)
	defer f.Close()
	_, format, err := image.Decode(f)
	require.NoError(t, err)
	assert.Equal(t, "png", format)
	assert.Contains(t, table.String(), "lif Hz")
}
