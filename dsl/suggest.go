package dsl

import (
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"

	suggestpkg "github.com/synapticflow/synapticflow-go/internal/suggest"
)

// suggest returns " Did you mean "x"?" for the candidate closest to given
// if it is close (package internal/suggest), or "". candidates are the names valid
// where given is written.
func suggest(given string, candidates []string) string {
	if s := suggestpkg.Closest(given, candidates); s != "" {
		return fmt.Sprintf(" Did you mean %q?", s)
	}
	return ""
}

// unknownModelDetail is the detail of an "Unknown neuron model"
// diagnostic: a suggestion if one is close, the models there are, and
// how to get one that is not built in.
func unknownModelDetail(kind string, kinds []string) string {
	return fmt.Sprintf("There is no neuron model %q.%s The models are: %s. A model that is not one of these "+
		"needs a build of netrun that registers it from Go (see examples/custom_model and \"Custom builds\" in docs/netrun.md).",
		kind, suggest(kind, kinds), strings.Join(kinds, ", "))
}

// decodeBody is body.Content(schema) with this package's suggestions in its
// "Unsupported argument" and "Unsupported block type" diagnostics (see
// resuggest).
func decodeBody(body hcl.Body, schema *hcl.BodySchema) (*hcl.BodyContent, hcl.Diagnostics) {
	c, diags := body.Content(schema)
	if sb, ok := body.(*hclsyntax.Body); ok && diags.HasErrors() {
		resuggest(diags, schema, sb)
	}
	return c, diags
}

// resuggest rewrites the suggestion of the "Unsupported argument" and
// "Unsupported block type" diagnostics that decoding bodies (the parts of
// one body, e.g. of several files) against schema gave: the closest name
// the schema allows there (and that is not written yet), if it is close,
// instead of hcl's looser choice.
func resuggest(diags hcl.Diagnostics, schema *hcl.BodySchema, bodies ...*hclsyntax.Body) {
	var attrs, blocks []string
	for _, a := range schema.Attributes {
		written := false
		for _, sb := range bodies {
			_, w := sb.Attributes[a.Name]
			written = written || w
		}
		if !written {
			attrs = append(attrs, a.Name)
		}
	}
	for _, b := range schema.Blocks {
		blocks = append(blocks, b.Type)
	}
	for _, d := range diags {
		if d.Subject == nil {
			continue
		}
		for _, sb := range bodies {
			switch d.Summary {
			case "Unsupported argument":
				for name, a := range sb.Attributes {
					if a.NameRange == *d.Subject && !slices.Contains(blocks, name) {
						d.Detail = fmt.Sprintf("An argument named %q is not expected here.%s", name, suggest(name, attrs))
					}
				}
			case "Unsupported block type":
				for _, b := range sb.Blocks {
					if b.TypeRange == *d.Subject && !slices.Contains(attrs, b.Type) {
						d.Detail = fmt.Sprintf("Blocks of type %q are not expected here.%s", b.Type, suggest(b.Type, blocks))
					}
				}
			}
		}
	}
}
