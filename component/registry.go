package component

import (
	"fmt"
	"reflect"
	"slices"

	"github.com/synapticflow/synapticflow-go/encoding"
	"github.com/synapticflow/synapticflow-go/graph"
	"github.com/synapticflow/synapticflow-go/learning"
	"github.com/synapticflow/synapticflow-go/neurons"
	"github.com/synapticflow/synapticflow-go/synapses"
)

// Kind is what a component is, and where the network language uses it.
type Kind string

// The component kinds.
const (
	// Neuron is a neuron model (neurons.Model): population { model = NAME }.
	Neuron Kind = "neuron"
	// Rule is a learning rule (learning.Rule): learning NAME { ... } in a
	// synapse block.
	Rule Kind = "rule"
	// Connector is a topology (synapses.Connector): connect = NAME in a
	// synapse block.
	Connector Kind = "connector"
	// Kernel is a synapse kernel (synapses.Kernel): kernel = NAME in a
	// synapse block.
	Kernel Kind = "kernel"
	// Encoder is an encoder of the data model (encoding.Encoder):
	// encoder = NAME in a population with model = "data".
	Encoder Kind = "encoder"
	// Stimulus is an input current (a StimulusBuilder): a stimulus block
	// with the parameters of exactly one stimulus kind.
	Stimulus Kind = "stimulus"
	// Monitor is what a monitor block records, chosen by its target and
	// variables. Monitors are described here; package dsl builds them.
	Monitor Kind = "monitor"
)

// Kinds returns every kind, in the order netrun models lists them.
func Kinds() []Kind {
	return []Kind{Neuron, Rule, Connector, Kernel, Encoder, Stimulus, Monitor}
}

// Validator is implemented by components that check their parameters as
// a whole once they are decoded (e.g. a bound that depends on another
// parameter). The network language reports its error at the component.
type Validator interface {
	Validate() error
}

// StimulusBuilder is a stimulus component: its tagged fields are the
// stimulus block's parameters, and Build makes the engine stimulus for the
// target population.
type StimulusBuilder interface {
	Build(target *neurons.Population) (graph.Stimulus, error)
}

// Spec is one component to register.
type Spec struct {
	// Kind and Name identify the component; for neuron models, learning
	// rules, kernels and encoders Name must be what the object's Kind
	// method returns.
	Kind Kind
	Name string
	// Doc says in one line what the component does.
	Doc string
	// New returns a new component with its default parameters: a pointer
	// to a struct whose tagged fields are the parameters (see Param),
	// implementing the kind's interface (neurons.Model, learning.Rule,
	// synapses.Connector, synapses.Kernel, encoding.Encoder,
	// StimulusBuilder; any struct for Monitor).
	New func() any
}

// Registry holds components by kind and name: the one place the network
// language, netrun models and netrun graph look them up. Neuron models
// and learning rules are kept in a neurons.Registry and a
// learning.Registry (see Models and Rules), so code written against those
// keeps working. Create one with New or Default; the zero Registry is not
// ready to use.
type Registry struct {
	models *neurons.Registry
	rules  *learning.Registry
	m      map[Kind]map[string]Spec
}

// New returns an empty Registry.
func New() *Registry {
	return &Registry{models: &neurons.Registry{}, rules: &learning.Registry{}, m: make(map[Kind]map[string]Spec)}
}

// WithRegistries returns a Registry with r's components whose neuron
// models and learning rules are models and rules (r's own when nil). It
// shares its registries with r: a component registered in one is
// registered in the other (for the replaced kind, in models or rules).
func (r *Registry) WithRegistries(models *neurons.Registry, rules *learning.Registry) *Registry {
	out := &Registry{models: r.models, rules: r.rules, m: r.m}
	if models != nil {
		out.models = models
	}
	if rules != nil {
		out.rules = rules
	}
	return out
}

// Models returns the neuron models.
func (r *Registry) Models() *neurons.Registry { return r.models }

// Rules returns the learning rules.
func (r *Registry) Rules() *learning.Registry { return r.rules }

// Reserved returns the attribute names of the block that holds a
// component of the kind, which its parameters may not take: a neuron
// model's parameter named "learning" would be shadowed by the
// population's own attribute.
func Reserved(kind Kind) []string {
	switch kind {
	case Neuron:
		return []string{"model", "n", "shape", "is_inhibitory", "learning", "sum_input", "lateral_inhibition", "k_winners", "wta_window", "count", "for_each"}
	case Connector, Kernel:
		return []string{"from", "to", "connect", "kernel", "weight", "delay", "w_min", "w_max", "norm", "save_weights", "learning", "count", "for_each"}
	case Encoder:
		return append(Reserved(Neuron), append([]string{"encoder"}, dataParams()...)...)
	case Stimulus, Monitor:
		return []string{"target", "count", "for_each"}
	}
	return nil
}

// Check reports whether x can be a component of the kind: that it has
// the kind's interface and parameters the language can set, none of them
// named like an attribute of the block that holds it (Reserved).
func Check(kind Kind, x any) error {
	var ok bool
	switch kind {
	case Neuron:
		_, ok = x.(neurons.Model)
	case Rule:
		_, ok = x.(learning.Rule)
	case Connector:
		_, ok = x.(synapses.Connector)
	case Kernel:
		_, ok = x.(synapses.Kernel)
	case Encoder:
		_, ok = x.(encoding.Encoder)
	case Stimulus:
		_, ok = x.(StimulusBuilder)
	case Monitor:
		ok = true
	default:
		return fmt.Errorf("unknown component kind %q", kind)
	}
	if !ok {
		return fmt.Errorf("a %s must implement %s, and %T does not", kind, ifaceName(kind), x)
	}
	t := reflect.TypeOf(x)
	if t != nil && t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t == nil || t.Kind() != reflect.Struct {
		return fmt.Errorf("a %s must be a struct or a pointer to one, not %T", kind, x)
	}
	params, err := Describe(x)
	if err != nil {
		return err
	}
	for _, p := range params {
		if slices.Contains(Reserved(kind), p.Name) {
			return fmt.Errorf("parameter %q of %T is named like an attribute of the block that holds a %s (%v); rename it", p.Name, x, kind, Reserved(kind))
		}
	}
	return nil
}

func ifaceName(kind Kind) string {
	switch kind {
	case Neuron:
		return "neurons.Model"
	case Rule:
		return "learning.Rule"
	case Connector:
		return "synapses.Connector"
	case Kernel:
		return "synapses.Kernel"
	case Encoder:
		return "encoding.Encoder"
	case Stimulus:
		return "component.StimulusBuilder"
	}
	return "nothing"
}

// kindOf returns what the Kind method of a model, rule, kernel or encoder
// returns.
func kindOf(x any) (string, bool) {
	k, ok := x.(interface{ Kind() string })
	if !ok {
		return "", false
	}
	return k.Kind(), true
}

// Add registers a component. It reports an error if the name is empty or
// taken, if New's value fails Check, or if a model, rule, kernel or
// encoder's Kind differs from Name.
func (r *Registry) Add(s Spec) error {
	if s.Name == "" || s.New == nil {
		return fmt.Errorf("component: a %s needs a name and a constructor", s.Kind)
	}
	x := s.New()
	if err := Check(s.Kind, x); err != nil {
		return fmt.Errorf("component: %s %q: %w", s.Kind, s.Name, err)
	}
	if s.Kind == Neuron || s.Kind == Rule || s.Kind == Kernel || s.Kind == Encoder {
		if k, _ := kindOf(x); k != s.Name {
			return fmt.Errorf("component: %s %q: its Kind method returns %q", s.Kind, s.Name, k)
		}
	}
	if r.Has(s.Kind, s.Name) {
		return fmt.Errorf("component: %s %q registered twice", s.Kind, s.Name)
	}
	switch s.Kind {
	case Neuron:
		newModel := s.New
		if err := r.models.Register(func() neurons.Model { return newModel().(neurons.Model) }); err != nil {
			return err
		}
	case Rule:
		newRule := s.New
		if err := r.rules.Register(func() learning.Rule { return newRule().(learning.Rule) }); err != nil {
			return err
		}
	}
	if r.m[s.Kind] == nil {
		r.m[s.Kind] = make(map[string]Spec)
	}
	r.m[s.Kind][s.Name] = s
	return nil
}

// RegisterModel registers a neuron model under its Kind.
func (r *Registry) RegisterModel(doc string, newModel func() neurons.Model) error {
	return r.Add(Spec{Kind: Neuron, Name: newModel().Kind(), Doc: doc, New: func() any { return newModel() }})
}

// RegisterRule registers a learning rule under its Kind.
func (r *Registry) RegisterRule(doc string, newRule func() learning.Rule) error {
	return r.Add(Spec{Kind: Rule, Name: newRule().Kind(), Doc: doc, New: func() any { return newRule() }})
}

// RegisterConnector registers a connector: connect = name in a synapse
// block selects it, and the block's attributes (or those of a
// connect "name" { ... } sub-block) set its tagged fields.
func (r *Registry) RegisterConnector(name, doc string, newConnector func() synapses.Connector) error {
	return r.Add(Spec{Kind: Connector, Name: name, Doc: doc, New: func() any { return newConnector() }})
}

// RegisterKernel registers a synapse kernel under its Kind: kernel = KIND
// in a synapse block selects it, and the block's attributes (or those of
// a kernel "KIND" { ... } sub-block) set its tagged fields.
func (r *Registry) RegisterKernel(doc string, newKernel func() synapses.Kernel) error {
	return r.Add(Spec{Kind: Kernel, Name: newKernel().Kind(), Doc: doc, New: func() any { return newKernel() }})
}

// RegisterEncoder registers an encoder of the data model under its Kind:
// encoder = KIND in a population with model = "data" selects it, and the
// population's attributes (or those of an encoder "KIND" { ... }
// sub-block) set its tagged fields.
func (r *Registry) RegisterEncoder(doc string, newEncoder func() encoding.Encoder) error {
	return r.Add(Spec{Kind: Encoder, Name: newEncoder().Kind(), Doc: doc, New: func() any { return newEncoder() }})
}

// dataParams returns the parameters of the data model (package
// encoding), which hold its encoder.
func dataParams() []string {
	params, _ := Describe(encoding.NewData())
	out := make([]string, len(params))
	for i, p := range params {
		out[i] = p.Name
	}
	return out
}

// Has reports whether a component of the kind is registered by name.
func (r *Registry) Has(kind Kind, name string) bool {
	switch kind {
	case Neuron:
		_, ok := r.models.New(name)
		return ok
	case Rule:
		_, ok := r.rules.New(name)
		return ok
	}
	_, ok := r.m[kind][name]
	return ok
}

// New returns a new component of the kind with its default parameters,
// and whether it is registered.
func (r *Registry) New(kind Kind, name string) (any, bool) {
	switch kind {
	case Neuron:
		m, ok := r.models.New(name)
		return m, ok
	case Rule:
		x, ok := r.rules.New(name)
		return x, ok
	}
	s, ok := r.m[kind][name]
	if !ok {
		return nil, false
	}
	return s.New(), true
}

// Names returns the names registered for the kind, sorted.
func (r *Registry) Names(kind Kind) []string {
	switch kind {
	case Neuron:
		return r.models.Kinds()
	case Rule:
		return r.rules.Kinds()
	}
	out := make([]string, 0, len(r.m[kind]))
	for name := range r.m[kind] {
		out = append(out, name)
	}
	slices.Sort(out)
	return out
}

// Doc returns the one-line description a component was registered with
// ("" if none, e.g. for a model registered in Models directly).
func (r *Registry) Doc(kind Kind, name string) string {
	return r.m[kind][name].Doc
}

// Params returns the union of the parameters of the kind's components,
// by name, sorted: the attributes a block may give in the flat form.
func (r *Registry) Params(kind Kind) []string {
	var out []string
	for _, name := range r.Names(kind) {
		x, _ := r.New(kind, name)
		params, _ := Describe(x)
		for _, p := range params {
			if !slices.Contains(out, p.Name) {
				out = append(out, p.Name)
			}
		}
	}
	slices.Sort(out)
	return out
}
