package cli_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/synapticflow/synapticflow-go/cli"
)

// TestModelsSynapseFile lists the synapse_model blocks of a network with
// their variables, parameters, units and defaults.
func TestModelsSynapseFile(t *testing.T) {
	code, stdout, _ := netrun(t, context.Background(), cli.Config{}, "models", "-file", "../dsl/testdata/ok/synapse_model.hcl", "stdp_song")
	assert.Equal(t, cli.ExitOK, code)
	for _, want := range []string{`model = "stdp_song" in a synapse block`, "w, apre, apost", "tau_pre", "ms", "g_max", "uS", "-0.0105", "apost_init"} {
		assert.Contains(t, stdout, want)
	}
	code, stdout, _ = netrun(t, context.Background(), cli.Config{}, "models", "-file", "../dsl/testdata/ok/synapse_model.hcl")
	assert.Equal(t, cli.ExitOK, code)
	assert.Contains(t, stdout, "stdp_song")
	assert.Contains(t, stdout, "coba")
}
