package learning

import "github.com/synapticflow/synapticflow-go/internal/kinds"

// Registry maps rule kinds ("stdp", "rstdp", ...) to constructors that
// return a rule with its default parameters. The network language looks
// rules up here, so a rule written in Go and registered is usable by name
// from HCL. The zero Registry is empty and ready to use.
type Registry struct {
	m kinds.Map[Rule]
}

// Builtin returns a new Registry with every built-in rule.
func Builtin() *Registry {
	r := &Registry{}
	for _, f := range builtins() {
		if err := r.Register(f); err != nil {
			panic(err) // the built-in kinds are distinct
		}
	}
	return r
}

// builtins lists the constructors of the built-in rules.
func builtins() []func() Rule {
	return []func() Rule{
		func() Rule { return NewNoop() },
		func() Rule { return NewSTDP() },
		func() Rule { return NewRSTDP() },
		func() Rule { return NewFlatSTDP() },
		func() Rule { return NewFlatRSTDP() },
		func() Rule { return NewMSTDP() },
		func() Rule { return NewMSTDPET() },
		func() Rule { return NewTripletSTDP() },
		func() Rule { return NewVogelsISTDP() },
	}
}

// Register adds the rule that newRule constructs, under its Kind.
func (r *Registry) Register(newRule func() Rule) error {
	return r.m.Register("learning: rule", newRule)
}

// New returns a new rule of the given kind with default parameters, and
// whether the kind is registered.
func (r *Registry) New(kind string) (Rule, bool) {
	return r.m.New(kind)
}

// Kinds returns the registered kinds, sorted.
func (r *Registry) Kinds() []string {
	return r.m.Kinds()
}
