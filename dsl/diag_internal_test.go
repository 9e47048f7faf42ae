package dsl

import (
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/zclconf/go-cty/cty"

	"github.com/synapticflow/synapticflow-go/component"
)

func rng(line, c0, c1 int) *hcl.Range {
	return &hcl.Range{Filename: "f.hcl",
		Start: hcl.Pos{Line: line, Column: c0, Byte: line*100 + c0},
		End:   hcl.Pos{Line: line, Column: c1, Byte: line*100 + c1}}
}

func TestDedupe(t *testing.T) {
	a := &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "S", Detail: "D", Subject: rng(1, 1, 5)}
	same := &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "S", Detail: "D", Subject: rng(1, 1, 5)}
	otherRange := &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "S", Detail: "D", Subject: rng(2, 1, 5)}
	otherDetail := &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "S", Detail: "E", Subject: rng(1, 1, 5)}
	warning := &hcl.Diagnostic{Severity: hcl.DiagWarning, Summary: "S", Detail: "D", Subject: rng(1, 1, 5)}
	noSubject := &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "S", Detail: "D"}
	got := dedupe(hcl.Diagnostics{a, same, otherRange, same, otherDetail, warning, noSubject, noSubject})
	assert.Equal(t, hcl.Diagnostics{a, otherRange, otherDetail, warning, noSubject}, got)
	assert.Empty(t, dedupe(nil))
}

func TestCovered(t *testing.T) {
	reported := hcl.Diagnostics{
		{Severity: hcl.DiagError, Summary: "Invalid value", Subject: rng(3, 10, 15), Context: rng(3, 3, 15)},
		{Severity: hcl.DiagWarning, Summary: "W", Subject: rng(7, 1, 9)},
	}
	tests := []struct {
		subject *hcl.Range
		want    bool
	}{
		{rng(3, 3, 15), true},  // the attribute of an error's value
		{rng(3, 12, 13), true}, // inside it
		{rng(4, 3, 15), false}, // another line
		{rng(7, 1, 9), false},  // a warning covers nothing
		{nil, false},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, covered(&hcl.Diagnostic{Severity: hcl.DiagError, Subject: tt.subject}, reported), "%v", tt.subject)
	}
}

// TestCodecUnknownValues: Load skips the blocks that read a failed value,
// so unknown values do not reach the codec there; should one reach it,
// every parameter of every registered component rejects it with an
// error, without panicking.
func TestCodecUnknownValues(t *testing.T) {
	reg := component.Default()
	n := 0
	for _, kind := range []component.Kind{component.Neuron, component.Rule, component.Connector, component.Kernel, component.Stimulus} {
		for _, name := range reg.Names(kind) {
			x, ok := reg.New(kind, name)
			require.True(t, ok, "%s %s", kind, name)
			x, _ = component.Addressable(x)
			params, err := component.Describe(x)
			require.NoError(t, err, "%s %s", kind, name)
			for _, p := range params {
				for _, v := range []cty.Value{cty.DynamicVal, cty.UnknownVal(cty.Number), cty.ListVal([]cty.Value{cty.UnknownVal(cty.Number)})} {
					assert.NotPanics(t, func() {
						assert.Error(t, decodeParam(x, p, v, 3), "%s %s %s", kind, name, p.Name)
					})
					n++
				}
			}
		}
	}
	assert.Greater(t, n, 100)
}
