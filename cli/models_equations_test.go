package cli_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/synapticflow/synapticflow-go/cli"
)

// TestModelsFile lists the neuron_model blocks of a network with their
// method, parameters, units and defaults.
func TestModelsFile(t *testing.T) {
	code, stdout, _ := netrun(t, context.Background(), cli.Config{}, "models", "-file", "../examples/cobahh", "cobahh")
	assert.Equal(t, cli.ExitOK, code)
	for _, want := range []string{"cobahh", "method exponential_euler", "Cm", "nF", "0.2", "ge_init", "variables: s, v, m, n, h, ge, gi", "update at dt = 0.1 ms", "expeuler"} {
		assert.Contains(t, stdout, want)
	}
	code, _, stderr := netrun(t, context.Background(), cli.Config{}, "models", "-file", "../dsl/testdata/errors/neuron_model_names.hcl")
	assert.Equal(t, cli.ExitConfig, code)
	assert.Contains(t, stderr, `undefined name "tau_n"`)
}
