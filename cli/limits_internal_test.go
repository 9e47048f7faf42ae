package cli

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/synapticflow/synapticflow-go/dsl"
)

// TestFileNameIsOutputName checks that the file names netrun gives
// outputs are the ones dsl checks for collisions.
func TestFileNameIsOutputName(t *testing.T) {
	for _, name := range []string{"exc", "exc[0]", `exc["a"]`, "a b/c", "e-i.state", `m["x.y"]`, "ü"} {
		assert.Equal(t, dsl.OutputName(name), fileName(name), name)
	}
}
