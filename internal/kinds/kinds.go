// Package kinds is the map from kind names to constructors behind the
// registries of neuron models (neurons.Registry) and learning rules
// (learning.Registry).
package kinds

import (
	"fmt"
	"slices"
)

// Map maps kinds to constructors of T, each registered under the Kind of
// what it constructs. The zero Map is empty and ready to use.
type Map[T interface{ Kind() string }] struct {
	m map[string]func() T
}

// Register adds newT under the Kind of what it returns. It reports an
// error, starting with what (e.g. "neurons: model"), if the kind is empty
// or already registered.
func (r *Map[T]) Register(what string, newT func() T) error {
	kind := newT().Kind()
	if kind == "" {
		return fmt.Errorf("%s with an empty kind", what)
	}
	if _, dup := r.m[kind]; dup {
		return fmt.Errorf("%s %q registered twice", what, kind)
	}
	if r.m == nil {
		r.m = make(map[string]func() T)
	}
	r.m[kind] = newT
	return nil
}

// New returns a new T of the given kind, and whether the kind is
// registered.
func (r *Map[T]) New(kind string) (T, bool) {
	f, ok := r.m[kind]
	if !ok {
		var zero T
		return zero, false
	}
	return f(), true
}

// Kinds returns the registered kinds, sorted.
func (r *Map[T]) Kinds() []string {
	out := make([]string, 0, len(r.m))
	for k := range r.m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
