package dist

import (
	"encoding"
	"fmt"
	"math/rand/v2"
	"reflect"
	"unsafe"
)

// randLayout reports whether rand.Rand is what StreamState reads: a
// struct holding only its Source (math/rand/v2 keeps no other state in a
// Rand, unlike math/rand's cached bits).
var randLayout = func() bool {
	t := reflect.TypeFor[rand.Rand]()
	return t.NumField() == 1 && t.Field(0).Type == reflect.TypeFor[rand.Source]()
}()

// source returns the Source of r.
func source(r *rand.Rand) (rand.Source, error) {
	if !randLayout {
		return nil, fmt.Errorf("dist: this Go version's math/rand/v2 Rand holds more than its Source: its state cannot be saved")
	}
	return *(*rand.Source)(unsafe.Pointer(r)), nil
}

// StreamState returns the state of a stream made by Stream (or of any
// rand.Rand over a PCG or ChaCha8 source): the generator's
// MarshalBinary. A math/rand/v2 Rand holds nothing but its source, so
// restoring the source with SetStreamState restores the stream: the
// draws that follow are those that would have followed.
func StreamState(r *rand.Rand) ([]byte, error) {
	src, err := source(r)
	if err != nil {
		return nil, err
	}
	m, ok := src.(encoding.BinaryMarshaler)
	if !ok {
		return nil, fmt.Errorf("dist: random source %T cannot be saved (want a PCG or ChaCha8)", src)
	}
	return m.MarshalBinary()
}

// SetStreamState restores a state returned by StreamState into r, whose
// source must be of the same kind.
func SetStreamState(r *rand.Rand, state []byte) error {
	src, err := source(r)
	if err != nil {
		return err
	}
	u, ok := src.(encoding.BinaryUnmarshaler)
	if !ok {
		return fmt.Errorf("dist: random source %T cannot be restored (want a PCG or ChaCha8)", src)
	}
	return u.UnmarshalBinary(state)
}
