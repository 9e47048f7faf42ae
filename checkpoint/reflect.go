package checkpoint

import (
	"fmt"
	"reflect"
	"unsafe"
)

// Save writes the state of v, a pointer to a component, to e: with
// v.SaveState if v implements State, else by walking v's fields (see
// Fields for which ones).
func Save(e *Encoder, v any) error {
	if s, ok := v.(State); ok {
		return s.SaveState(e)
	}
	rv, err := structOf(v)
	if err != nil {
		return err
	}
	saveValue(e, rv)
	return nil
}

// Load reads back into v what Save wrote.
func Load(d *Decoder, v any) error {
	if s, ok := v.(State); ok {
		if err := s.LoadState(d); err != nil {
			return err
		}
		return d.Err()
	}
	rv, err := structOf(v)
	if err != nil {
		return err
	}
	loadValue(d, rv)
	return d.Err()
}

func structOf(v any) (reflect.Value, error) {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		return reflect.Value{}, fmt.Errorf("checkpoint: %T is not a pointer to a component: it cannot be saved", v)
	}
	rv = rv.Elem()
	if rv.Kind() != reflect.Struct {
		// A pointer to a plain value (a named float64, ...): save it as is.
		return rv, nil
	}
	return rv, nil
}

// Fields lists the fields of the component v (a pointer to a struct)
// that Save skips, as Type.path: fields tagged `param` are parameters
// (the network's fingerprint covers them) and are not saved, nor are
// strings; pointers, interfaces, maps, functions and channels cannot be
// walked and are skipped. A component whose state hides behind one of
// them must implement State. Tests compare this list with the fields
// known to hold no state, so that a new such field fails them.
func Fields(v any) (skipped []string) {
	rv := reflect.ValueOf(v)
	if s, ok := v.(State); ok && s != nil {
		return nil
	}
	for rv.Kind() == reflect.Pointer && !rv.IsNil() {
		rv = rv.Elem()
	}
	if rv.Kind() != reflect.Struct {
		return nil
	}
	var walk func(t reflect.Type, path string)
	walk = func(t reflect.Type, path string) {
		for i := range t.NumField() {
			f := t.Field(i)
			p := path + "." + f.Name
			if _, ok := f.Tag.Lookup("param"); ok {
				continue
			}
			switch f.Type.Kind() {
			case reflect.Pointer, reflect.Interface, reflect.Map, reflect.Func, reflect.Chan, reflect.UnsafePointer:
				skipped = append(skipped, p)
			case reflect.Struct:
				walk(f.Type, p)
			case reflect.Slice, reflect.Array:
				el := f.Type.Elem()
				for el.Kind() == reflect.Slice || el.Kind() == reflect.Array {
					el = el.Elem()
				}
				switch el.Kind() {
				case reflect.Struct:
					walk(el, p+"[]")
				case reflect.Pointer, reflect.Interface, reflect.Map, reflect.Func, reflect.Chan, reflect.String:
					skipped = append(skipped, p+"[]")
				}
			}
		}
	}
	walk(rv.Type(), rv.Type().Name())
	return skipped
}

// settable returns v (a field, possibly unexported) as a settable value.
func settable(v reflect.Value) reflect.Value {
	if v.CanSet() {
		return v
	}
	return reflect.NewAt(v.Type(), unsafe.Pointer(v.UnsafeAddr())).Elem()
}

func saveValue(e *Encoder, v reflect.Value) {
	switch v.Kind() {
	case reflect.Bool:
		e.Bool(v.Bool())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		e.Uint64(uint64(v.Int()))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		e.Uint64(v.Uint())
	case reflect.Float32, reflect.Float64:
		e.Float64(v.Float())
	case reflect.Struct:
		t := v.Type()
		for i := range t.NumField() {
			if _, ok := t.Field(i).Tag.Lookup("param"); ok {
				continue
			}
			saveValue(e, v.Field(i))
		}
	case reflect.Array:
		for i := range v.Len() {
			saveValue(e, v.Index(i))
		}
	case reflect.Slice:
		if !walkable(v.Type().Elem()) {
			return
		}
		switch v.Type().Elem().Kind() {
		case reflect.Float64:
			e.Floats(settable(v).Convert(floatsType).Interface().([]float64))
			return
		case reflect.Int:
			e.Ints(settable(v).Convert(intsType).Interface().([]int))
			return
		case reflect.Int32:
			e.Int32s(settable(v).Convert(int32sType).Interface().([]int32))
			return
		case reflect.Bool:
			e.Bools(settable(v).Convert(boolsType).Interface().([]bool))
			return
		}
		e.Int(v.Len())
		for i := range v.Len() {
			saveValue(e, v.Index(i))
		}
	}
	// Strings, pointers, interfaces, maps, functions, channels: skipped
	// (see Fields).
}

var (
	floatsType = reflect.TypeFor[[]float64]()
	intsType   = reflect.TypeFor[[]int]()
	int32sType = reflect.TypeFor[[]int32]()
	boolsType  = reflect.TypeFor[[]bool]()
)

// setSlice reads a slice with read into cur, the current value of s,
// and sets s to the result when it is not cur's storage.
func setSlice[T any](d *Decoder, s reflect.Value, cur []T, read func([]T) []T) {
	nv := read(cur)
	if d.err == nil && (len(nv) != len(cur) || (len(nv) > 0 && &nv[0] != &cur[0])) {
		s.Set(reflect.ValueOf(nv).Convert(s.Type()))
	}
}

// walkable reports whether Save descends into values of type t.
func walkable(t reflect.Type) bool {
	switch t.Kind() {
	case reflect.Pointer, reflect.Interface, reflect.Map, reflect.Func, reflect.Chan, reflect.UnsafePointer, reflect.String:
		return false
	}
	return true
}

func loadValue(d *Decoder, v reflect.Value) {
	if d.err != nil {
		return
	}
	switch v.Kind() {
	case reflect.Bool:
		settable(v).SetBool(d.Bool())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		settable(v).SetInt(int64(d.Uint64()))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		settable(v).SetUint(d.Uint64())
	case reflect.Float32, reflect.Float64:
		settable(v).SetFloat(d.Float64())
	case reflect.Struct:
		t := v.Type()
		for i := range t.NumField() {
			if _, ok := t.Field(i).Tag.Lookup("param"); ok {
				continue
			}
			loadValue(d, v.Field(i))
		}
	case reflect.Array:
		for i := range v.Len() {
			loadValue(d, v.Index(i))
		}
	case reflect.Slice:
		if !walkable(v.Type().Elem()) {
			return
		}
		s := settable(v)
		switch v.Type().Elem().Kind() {
		case reflect.Float64:
			setSlice(d, s, s.Convert(floatsType).Interface().([]float64), d.Floats)
			return
		case reflect.Int:
			setSlice(d, s, s.Convert(intsType).Interface().([]int), d.Ints)
			return
		case reflect.Int32:
			setSlice(d, s, s.Convert(int32sType).Interface().([]int32), d.Int32s)
			return
		case reflect.Bool:
			setSlice(d, s, s.Convert(boolsType).Interface().([]bool), d.Bools)
			return
		}
		n := d.length(1)
		if d.err != nil {
			return
		}
		if s.Len() != n {
			if s.Cap() >= n {
				s.SetLen(n)
			} else {
				s.Set(reflect.MakeSlice(v.Type(), n, n))
			}
		}
		for i := range n {
			loadValue(d, s.Index(i))
		}
	}
}
