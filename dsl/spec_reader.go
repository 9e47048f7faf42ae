package dsl

import (
	"fmt"

	"github.com/hashicorp/hcl/v2"
)

// specReader reads the string attributes of a model block
// (neuron_model, synapse_model) into an equations spec, appending its
// diagnostics to *diags.
type specReader struct {
	content *hcl.BodyContent
	ctx     *hcl.EvalContext
	diags   *hcl.Diagnostics
}

// str sets *dst to the string value of attribute name, if it is given.
func (r specReader) str(name string, dst *string) {
	a, ok := r.content.Attributes[name]
	if !ok {
		return
	}
	v, d := a.Expr.Value(r.ctx)
	*r.diags = append(*r.diags, d...)
	if d.HasErrors() {
		return
	}
	s, err := valueString(v)
	if err != nil {
		*r.diags = append(*r.diags, attrErr(a, err.Error()))
		return
	}
	*dst = s
}

// strMap returns attribute name, an object of strings or numbers such as
// { tau_m = "20 ms" }, as a map (nil if it is not given or is wrong).
func (r specReader) strMap(name string) map[string]string {
	a, ok := r.content.Attributes[name]
	if !ok {
		return nil
	}
	v, d := a.Expr.Value(r.ctx)
	*r.diags = append(*r.diags, d...)
	if d.HasErrors() {
		return nil
	}
	if v.IsNull() || !(v.Type().IsObjectType() || v.Type().IsMapType()) {
		*r.diags = append(*r.diags, attrErr(a, fmt.Sprintf("%s must be an object such as { tau_m = \"20 ms\" }", name)))
		return nil
	}
	out := map[string]string{}
	for k, x := range v.AsValueMap() {
		s, err := valueString(x)
		if err != nil {
			*r.diags = append(*r.diags, attrErr(a, fmt.Sprintf("%s.%s: %v", name, k, err)))
			continue
		}
		out[k] = s
	}
	return out
}
