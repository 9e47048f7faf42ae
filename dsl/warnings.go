package dsl

import (
	"fmt"

	"github.com/hashicorp/hcl/v2"

	"github.com/synapticflow/synapticflow-go/neurons"
)

// warnings finds configurations that are legal but most likely not what
// the author meant, as warning diagnostics: static synapses into a
// population whose model ignores its input (a plastic one still learns
// from the spikes on both sides, as in examples/custom_rule), and
// learning rules that cannot learn because their target population has
// learning = false.
func (l *loader) warnings() hcl.Diagnostics {
	var diags hcl.Diagnostics
	for _, s := range l.net.Synapses() {
		if ig, ok := s.Post.Model.(neurons.InputIgnorer); ok && ig.IgnoresInput() && s.Rule == nil {
			if r := l.net.rangeOf("synapse", s.Name, "to"); r != nil {
				diags = append(diags, &hcl.Diagnostic{
					Severity: hcl.DiagWarning,
					Summary:  "Synapse input is ignored",
					Detail: fmt.Sprintf("Population %q (%s) makes its own spikes and ignores its input, so synapse %q, which has no learning rule, has no effect. Connect it to a population of another model, or use model = \"input\" for a population that spikes when it gets input.",
						s.Post.Name, s.Post.Model.Kind(), s.Name),
					Subject: r,
				})
			}
		}
		if s.Rule != nil && !s.Post.Learning {
			if r := l.net.rangeOf("synapse", s.Name, "learning"); r != nil {
				diags = append(diags, &hcl.Diagnostic{
					Severity: hcl.DiagWarning,
					Summary:  "Learning rule switched off",
					Detail: fmt.Sprintf("The target population %q of synapse %q has learning = false, so this learning rule never changes the weights. Remove the rule, or set learning = true on %q.",
						s.Post.Name, s.Name, s.Post.Name),
					Subject: r,
				})
			}
		}
	}
	return diags
}
