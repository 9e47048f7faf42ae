package checkpoint

import (
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"math"
	"strconv"
	"unsafe"
)

// native reports whether the machine stores integers little-endian, as
// the format does, and 64-bit ints: then slices are copied as they are
// in memory, which is several times faster than value by value.
var native = binary.NativeEndian.Uint16([]byte{1, 0}) == 1 && strconv.IntSize == 64

// bytesOf returns the memory of v as bytes.
func bytesOf[T any](v []T) []byte {
	if len(v) == 0 {
		return nil
	}
	return unsafe.Slice((*byte)(unsafe.Pointer(&v[0])), len(v)*int(unsafe.Sizeof(v[0])))
}

// State is implemented by a component that saves and restores its own
// state. A component that does not implement it is saved by Save, which
// walks its fields (see Save).
type State interface {
	// SaveState writes the component's state to e.
	SaveState(e *Encoder) error
	// LoadState reads back what SaveState wrote into the component, which
	// has been built and initialised like the one that was saved.
	LoadState(d *Decoder) error
}

// Encoder appends values to a section, in little-endian order. The
// Encoder of a Writer's section sends them on in chunks as it goes; the
// zero Encoder keeps them (Bytes).
type Encoder struct {
	buf  []byte
	sink *Writer // nil: keep everything in buf
	crc  uint32  // of the section's name and what was sent
}

// flushAt is the size of the chunks an Encoder of a Writer sends.
const flushAt = 1 << 20

// Bytes returns what was encoded (the zero Encoder's).
func (e *Encoder) Bytes() []byte { return e.buf }

// flush sends the buffered bytes as a chunk.
func (e *Encoder) flush() {
	if e.sink == nil || len(e.buf) == 0 {
		return
	}
	e.crc = crc32.Update(e.crc, castagnoli, e.buf)
	e.sink.chunk(e.buf)
	e.buf = e.buf[:0]
}

// bulk appends b, the memory of a slice: sent as it is, not copied, by
// the Encoder of a Writer.
func (e *Encoder) bulk(b []byte) {
	if e.sink == nil || len(b) < flushAt {
		e.buf = append(e.buf, b...)
		if len(e.buf) >= flushAt {
			e.flush()
		}
		return
	}
	e.flush()
	e.crc = crc32.Update(e.crc, castagnoli, b)
	e.sink.chunk(b)
}

// Uint64 appends x.
func (e *Encoder) Uint64(x uint64) {
	e.buf = binary.LittleEndian.AppendUint64(e.buf, x)
	e.check()
}

// check sends the buffer on once it is full (an Encoder of a Writer).
func (e *Encoder) check() {
	if e.sink != nil && len(e.buf) >= flushAt {
		e.flush()
	}
}

// Int appends x.
func (e *Encoder) Int(x int) { e.Uint64(uint64(int64(x))) }

// Float64 appends x (its bits: NaN payloads and -0 survive).
func (e *Encoder) Float64(x float64) { e.Uint64(math.Float64bits(x)) }

// Bool appends b.
func (e *Encoder) Bool(b bool) {
	if b {
		e.buf = append(e.buf, 1)
	} else {
		e.buf = append(e.buf, 0)
	}
	e.check()
}

// Raw appends b with its length.
func (e *Encoder) Raw(b []byte) {
	e.Int(len(b))
	e.bulk(b)
}

// String appends s with its length.
func (e *Encoder) String(s string) {
	e.Int(len(s))
	e.bulk([]byte(s))
}

// grow makes room for n more bytes, or sends what is buffered when the
// Encoder is a Writer's.
func (e *Encoder) grow(n int) {
	if e.sink != nil && len(e.buf)+n > flushAt {
		e.flush()
	}
	if cap(e.buf)-len(e.buf) < n {
		b := make([]byte, len(e.buf), 2*cap(e.buf)+n)
		copy(b, e.buf)
		e.buf = b
	}
}

// Floats appends v with its length.
func (e *Encoder) Floats(v []float64) {
	e.Int(len(v))
	if native {
		e.bulk(bytesOf(v))
		return
	}
	e.grow(8 * len(v))
	b := e.buf[len(e.buf) : len(e.buf)+8*len(v)]
	for i, x := range v {
		binary.LittleEndian.PutUint64(b[8*i:], math.Float64bits(x))
	}
	e.buf = e.buf[:len(e.buf)+8*len(v)]
}

// Ints appends v with its length.
func (e *Encoder) Ints(v []int) {
	e.Int(len(v))
	if native {
		e.bulk(bytesOf(v))
		return
	}
	e.grow(8 * len(v))
	for _, x := range v {
		e.Uint64(uint64(int64(x)))
	}
}

// Int32s appends v with its length.
func (e *Encoder) Int32s(v []int32) {
	e.Int(len(v))
	if native {
		e.bulk(bytesOf(v))
		return
	}
	e.grow(4 * len(v))
	for _, x := range v {
		e.buf = binary.LittleEndian.AppendUint32(e.buf, uint32(x))
	}
}

// Bools appends v with its length.
func (e *Encoder) Bools(v []bool) {
	e.Int(len(v))
	b := make([]byte, len(v))
	for i, x := range v {
		if x {
			b[i] = 1
		}
	}
	e.bulk(b)
}

// Decoder reads back what an Encoder wrote. Its error is sticky: after
// the first problem every read returns zero values, and Err reports it.
type Decoder struct {
	buf     []byte
	off     int
	err     error
	section string
}

// NewDecoder returns a Decoder of the payload of the named section.
func NewDecoder(section string, b []byte) *Decoder { return &Decoder{buf: b, section: section} }

// Err returns the first problem met, or nil.
func (d *Decoder) Err() error { return d.err }

// Section returns the name of the section being decoded.
func (d *Decoder) Section() string { return d.section }

// Fail records err (the first one counts) and returns the sticky error.
func (d *Decoder) Fail(format string, args ...any) error {
	if d.err == nil {
		d.err = fmt.Errorf("checkpoint section %q: %s", d.section, fmt.Sprintf(format, args...))
	}
	return d.err
}

// Remaining returns the number of bytes not read yet.
func (d *Decoder) Remaining() int { return len(d.buf) - d.off }

// Done returns an error if the section has bytes left or a read failed:
// a section of another layout than the component's.
func (d *Decoder) Done() error {
	if d.err == nil && d.off != len(d.buf) {
		d.Fail("%d bytes left over: the checkpoint was written by a component of another layout", len(d.buf)-d.off)
	}
	return d.err
}

func (d *Decoder) take(n int) []byte {
	if d.err != nil {
		return nil
	}
	if n < 0 || n > len(d.buf)-d.off {
		d.Fail("truncated: want %d bytes at offset %d, have %d", n, d.off, len(d.buf)-d.off)
		return nil
	}
	b := d.buf[d.off : d.off+n]
	d.off += n
	return b
}

// Uint64 reads a uint64.
func (d *Decoder) Uint64() uint64 {
	b := d.take(8)
	if b == nil {
		return 0
	}
	return binary.LittleEndian.Uint64(b)
}

// Int reads an int.
func (d *Decoder) Int() int { return int(int64(d.Uint64())) }

// Float64 reads a float64.
func (d *Decoder) Float64() float64 { return math.Float64frombits(d.Uint64()) }

// Bool reads a bool.
func (d *Decoder) Bool() bool {
	b := d.take(1)
	return b != nil && b[0] != 0
}

// length reads a length of elements of size bytes each, checking that
// they fit in what is left.
func (d *Decoder) length(size int) int {
	n := d.Int()
	if d.err == nil && (n < 0 || n > (len(d.buf)-d.off)/max(size, 1)) {
		d.Fail("bad length %d at offset %d", n, d.off-8)
		return 0
	}
	return n
}

// Raw reads bytes written by Encoder.Raw (a copy).
func (d *Decoder) Raw() []byte {
	n := d.length(1)
	return append([]byte(nil), d.take(n)...)
}

// String reads a string.
func (d *Decoder) String() string { return string(d.take(d.length(1))) }

// resize returns dst if it has n elements, else a new slice of n.
func resize[T any](dst []T, n int) []T {
	if len(dst) == n {
		return dst
	}
	if cap(dst) >= n {
		return dst[:n]
	}
	return make([]T, n)
}

// Floats reads a []float64 into dst when it has the saved length (so
// that slices sharing dst's storage see the values), else into a new
// slice, and returns it.
func (d *Decoder) Floats(dst []float64) []float64 {
	n := d.length(8)
	b := d.take(8 * n)
	if b == nil {
		return dst
	}
	dst = resize(dst, n)
	if native {
		copy(bytesOf(dst), b)
		return dst
	}
	for i := range dst {
		dst[i] = math.Float64frombits(binary.LittleEndian.Uint64(b[8*i:]))
	}
	return dst
}

// FloatsExact reads a []float64 into dst, which must have the saved length.
func (d *Decoder) FloatsExact(dst []float64, what string) {
	at := d.off
	n := d.Int()
	d.off = at
	if d.err == nil && n != len(dst) {
		d.Fail("%s has %d values in the checkpoint and %d in the network", what, n, len(dst))
		return
	}
	d.Floats(dst)
}

// Ints reads a []int (see Floats).
func (d *Decoder) Ints(dst []int) []int {
	n := d.length(8)
	b := d.take(8 * n)
	if b == nil {
		return dst
	}
	dst = resize(dst, n)
	if native {
		copy(bytesOf(dst), b)
		return dst
	}
	for i := range dst {
		dst[i] = int(int64(binary.LittleEndian.Uint64(b[8*i:])))
	}
	return dst
}

// Int32s reads a []int32 (see Floats).
func (d *Decoder) Int32s(dst []int32) []int32 {
	n := d.length(4)
	b := d.take(4 * n)
	if b == nil {
		return dst
	}
	dst = resize(dst, n)
	if native {
		copy(bytesOf(dst), b)
		return dst
	}
	for i := range dst {
		dst[i] = int32(binary.LittleEndian.Uint32(b[4*i:]))
	}
	return dst
}

// Bools reads a []bool (see Floats).
func (d *Decoder) Bools(dst []bool) []bool {
	n := d.length(1)
	b := d.take(n)
	if b == nil {
		return dst
	}
	dst = resize(dst, n)
	for i := range dst {
		dst[i] = b[i] != 0
	}
	return dst
}
