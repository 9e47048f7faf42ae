package fuzzguard

import (
	"strings"
	"testing"
)

func TestSkipSource(t *testing.T) {
	for _, tt := range []struct {
		src  string
		skip bool
	}{
		{`population "p" { model = "lif"  n = 10 }`, false},
		{`population "p" { model = "data"  source = "/dev/zero" }`, true},
		{`x = load("../w.npy")`, true},
		{"neuron_model \"m\" {\n equations = <<-EQ\n dv/dt = -v/tau : mV\n EQ\n}", false},
		{"x = <<-EOT\n/proc/self\nEOT", true},
		{strings.Repeat("#", MaxInput+1), true},
	} {
		if got := SkipSource([]byte(tt.src)) != ""; got != tt.skip {
			t.Errorf("SkipSource(%.40q) skips = %v, want %v", tt.src, got, tt.skip)
		}
	}
}
