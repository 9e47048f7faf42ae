package suggest_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/synapticflow/synapticflow-go/internal/suggest"
)

func TestDistance(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"a", "", 1},
		{"", "abc", 3},
		{"kitten", "sitting", 3},
		{"elfi", "elif", 1}, // one swap
		{"threshlod", "threshold", 1},
		{"raf", "if", 2},
		{"grpah", "graph", 1},
		{"ca", "abc", 3}, // optimal string alignment, not full Damerau
		{"τm", "τ_m", 1},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, suggest.Distance(tt.a, tt.b), "%q %q", tt.a, tt.b)
		assert.Equal(t, tt.want, suggest.Distance(tt.b, tt.a), "%q %q", tt.b, tt.a)
	}
}

func TestClosest(t *testing.T) {
	models := []string{"aelif", "alif", "aqlif", "blif", "clif", "data", "elif", "if", "input", "izhikevich", "lif", "poisson", "qlif", "spike_generator", "srm0"}
	commands := []string{"run", "validate", "fmt", "graph", "models"}
	tests := []struct {
		given      string
		candidates []string
		want       string
	}{
		{"V", []string{"s", "w", "traces"}, ""},
		{"V", []string{"s", "v", "refrac_count"}, "v"}, // case only
		{"raf", models, ""},
		{"elfi", models, "elif"},
		{"qlf", models, "qlif"},
		{"poison", models, "poisson"},
		{"izhikevic", models, "izhikevich"},
		{"lifx", models, "lif"},
		{"xyz", models, ""},
		{"threshlod", []string{"threshold", "rest_pot"}, "threshold"},
		{"randon", []string{"dense", "random", "fixed_indegree"}, "random"},
		{"valdate", commands, "validate"},
		{"grpah", commands, "graph"},
		{"simulate", commands, ""},
		{"ww", []string{"s", "w"}, ""}, // "w" is too short to be reached in one edit
		{"k", []string{"n", "p"}, ""},  // one letter never suggests another
		{"lif", []string{"lif"}, ""},   // the name itself is no suggestion
		{"exct", []string{"exc", "inh"}, "exc"},
		{"", []string{"a"}, ""},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, suggest.Closest(tt.given, tt.candidates), "%q", tt.given)
	}
}
