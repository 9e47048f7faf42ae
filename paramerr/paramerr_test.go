package paramerr_test

import (
	"errors"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/synapticflow/synapticflow-go/paramerr"
)

func TestAddress(t *testing.T) {
	base := paramerr.Errorf("lr", -1, "lr has %d values, want [ltd, ltp]", 3)
	tests := []struct {
		name         string
		err          error
		attr, msg    string
		neuron       int
		wantNotFound bool
	}{
		{"plain", base, "lr", "lr has 3 values, want [ltd, ltp]", -1, false},
		{"wrapped", fmt.Errorf("synapse %q: %w", "s", base), "lr", "lr has 3 values, want [ltd, ltp]", -1, false},
		{"nested", paramerr.In("learning", base), "learning/lr", "lr has 3 values, want [ltd, ltp]", -1, false},
		{"nested twice", paramerr.In("a", paramerr.In("b", base)), "a/b/lr", "lr has 3 values, want [ltd, ltp]", -1, false},
		{"block only", paramerr.In("learning", errors.New("boom")), "learning", "boom", -1, false},
		{"neuron", paramerr.New("rate", 4, errors.New("too fast")), "rate", "too fast", 4, false},
		{"none", errors.New("x"), "", "x", 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pe, ok := paramerr.As(tt.err)
			if tt.wantNotFound {
				assert.False(t, ok)
				return
			}
			require.True(t, ok)
			assert.Equal(t, tt.attr, pe.Attr())
			assert.Equal(t, tt.neuron, pe.Neuron)
			assert.Contains(t, tt.err.Error(), tt.msg)
		})
	}
	assert.NoError(t, paramerr.In("learning", nil))
}
