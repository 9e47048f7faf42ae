package checkpoint

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"hash/crc32"
	"io"
	"math"
	"os"
	"reflect"
	"sort"
)

// Version is the version of the checkpoint format. Read refuses other
// versions.
const Version = 1

// magic opens every checkpoint file.
var magic = [8]byte{'S', 'F', 'C', 'K', 'P', 'T', '\r', '\n'}

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// ErrCorrupt is wrapped by the errors of a checkpoint whose bytes do not
// match their checksums, or that ends early.
var ErrCorrupt = errors.New("corrupt checkpoint")

// ErrMismatch is wrapped by the error of a checkpoint of another network.
var ErrMismatch = errors.New("checkpoint of another network")

// Section is one named part of a checkpoint: the state of one component.
type Section struct {
	Name string
	Data []byte
	// End is the offset in the file just after the section's last
	// payload byte (set by Read).
	End int64
}

// File is a checkpoint: the fingerprint of the network it was taken of
// and its sections, in order.
type File struct {
	Fingerprint [32]byte
	Sections    []Section
}

// Section returns the payload of the named section.
func (f *File) Section(name string) ([]byte, bool) {
	for _, s := range f.Sections {
		if s.Name == name {
			return s.Data, true
		}
	}
	return nil, false
}

// maxChunk is the largest chunk of a section's payload.
const maxChunk = 1 << 30

// Writer writes a checkpoint, section by section, without holding a
// section in memory: its Encoder sends what it encodes on in chunks, and
// large slices straight from their memory. The layout:
//
//	header:  signature "SFCKPT\r\n", version u32, fingerprint [32]byte,
//	         number of sections u32, CRC-32C of all that u32;
//	section: name length u16, name, payload chunks (each: length u32 > 0,
//	         bytes), 0 u32, CRC-32C of name and payload u32.
//
// Integers are little-endian.
type Writer struct {
	w    *bufio.Writer
	left uint32
	err  error
}

// NewWriter writes the header of a checkpoint of n sections to w.
func NewWriter(w io.Writer, fingerprint [32]byte, n int) (*Writer, error) {
	cw := &Writer{w: bufio.NewWriterSize(w, 1<<20), left: uint32(n)}
	var h []byte
	h = append(h, magic[:]...)
	h = binary.LittleEndian.AppendUint32(h, Version)
	h = append(h, fingerprint[:]...)
	h = binary.LittleEndian.AppendUint32(h, uint32(n))
	h = binary.LittleEndian.AppendUint32(h, crc32.Checksum(h, castagnoli))
	_, err := cw.w.Write(h)
	return cw, err
}

// Section writes the section name, whose payload save encodes.
func (w *Writer) Section(name string, save func(e *Encoder) error) error {
	if w.err != nil {
		return w.err
	}
	if w.left == 0 {
		return fmt.Errorf("checkpoint: more sections than announced")
	}
	w.left--
	if len(name) > math.MaxUint16 {
		return fmt.Errorf("checkpoint section name %.40q... is too long", name)
	}
	var l [2]byte
	binary.LittleEndian.PutUint16(l[:], uint16(len(name)))
	w.write(l[:])
	w.write([]byte(name))
	e := &Encoder{sink: w, crc: crc32.Checksum([]byte(name), castagnoli), buf: make([]byte, 0, flushAt)}
	if err := save(e); err != nil {
		return err
	}
	e.flush()
	var t [8]byte
	binary.LittleEndian.PutUint32(t[4:], e.crc)
	w.write(t[:])
	return w.err
}

// Close flushes the checkpoint; it is an error if sections are missing.
func (w *Writer) Close() error {
	if w.err == nil && w.left != 0 {
		w.err = fmt.Errorf("checkpoint: %d sections announced were not written", w.left)
	}
	if w.err != nil {
		return w.err
	}
	return w.w.Flush()
}

func (w *Writer) write(b []byte) {
	if w.err == nil {
		_, w.err = w.w.Write(b)
	}
}

// chunk writes one chunk of payload.
func (w *Writer) chunk(b []byte) {
	for len(b) > 0 {
		n := min(len(b), maxChunk)
		var l [4]byte
		binary.LittleEndian.PutUint32(l[:], uint32(n))
		w.write(l[:])
		w.write(b[:n])
		b = b[n:]
	}
}

// Write writes f to w (see Writer for the layout).
func (f *File) Write(w io.Writer) error {
	cw, err := NewWriter(w, f.Fingerprint, len(f.Sections))
	if err != nil {
		return err
	}
	for _, s := range f.Sections {
		if err := cw.Section(s.Name, func(e *Encoder) error {
			e.buf = append(e.buf, s.Data...)
			return nil
		}); err != nil {
			return err
		}
	}
	return cw.Close()
}

// countingReader counts the bytes read.
type countingReader struct {
	r *bufio.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// Read reads a checkpoint written by Writer, checking its version and
// every checksum. The errors of a damaged file wrap ErrCorrupt and name
// the section.
func Read(r io.Reader) (*File, error) {
	// A file, or a bytes.Reader, tells its size: chunk lengths beyond it
	// are corrupt, and a section's payload is allocated at once.
	limit, known := int64(1<<40), false
	switch r := r.(type) {
	case interface{ Stat() (os.FileInfo, error) }:
		if st, err := r.Stat(); err == nil && st.Mode().IsRegular() {
			limit, known = st.Size(), true
		}
	case interface{ Size() int64 }:
		limit, known = r.Size(), true
	}
	cr := &countingReader{r: bufio.NewReaderSize(r, 1<<20)}
	h := make([]byte, 8+4+32+4+4)
	if _, err := io.ReadFull(cr, h); err != nil {
		return nil, fmt.Errorf("%w: the header is cut short (%v)", ErrCorrupt, err)
	}
	if !bytes.Equal(h[:8], magic[:]) {
		return nil, fmt.Errorf("%w: not a checkpoint file (no SFCKPT signature)", ErrCorrupt)
	}
	headerOK := crc32.Checksum(h[:len(h)-4], castagnoli) == binary.LittleEndian.Uint32(h[len(h)-4:])
	if v := binary.LittleEndian.Uint32(h[8:]); v != Version && headerOK {
		return nil, fmt.Errorf("checkpoint format version %d, this netrun reads version %d", v, Version)
	}
	if !headerOK {
		return nil, fmt.Errorf("%w: section \"header\": checksum mismatch", ErrCorrupt)
	}
	f := &File{}
	copy(f.Fingerprint[:], h[12:44])
	n := binary.LittleEndian.Uint32(h[44:])
	prev := "header"
	var u32 [4]byte
	for i := range n {
		var l [2]byte
		if _, err := io.ReadFull(cr, l[:]); err != nil {
			return nil, fmt.Errorf("%w: cut short after section %q (section %d of %d is missing)", ErrCorrupt, prev, i+1, n)
		}
		name := make([]byte, binary.LittleEndian.Uint16(l[:]))
		if _, err := io.ReadFull(cr, name); err != nil {
			return nil, fmt.Errorf("%w: cut short in the section after %q", ErrCorrupt, prev)
		}
		where := fmt.Sprintf("section %q (number %d, after %q)", name, i+1, prev)
		var data []byte
		for {
			if _, err := io.ReadFull(cr, u32[:]); err != nil {
				return nil, fmt.Errorf("%w: %s is cut short", ErrCorrupt, where)
			}
			size := int64(binary.LittleEndian.Uint32(u32[:]))
			if size == 0 {
				break
			}
			if size > limit-cr.n {
				return nil, fmt.Errorf("%w: %s: bad chunk length %d", ErrCorrupt, where, size)
			}
			at := len(data)
			if known && cap(data)-at < int(size) {
				// Double, within what is left of the file: few copies, and
				// a corrupt length cannot ask for more than the file has.
				c := min(max(at+int(size), 2*cap(data)), at+int(limit-cr.n))
				data = append(make([]byte, 0, c), data...)
			}
			if !known {
				// Grow as the bytes arrive: a corrupt length costs no more
				// memory than the data that is there.
				for int64(len(data)-at) < size {
					m := min(size-int64(len(data)-at), 1<<26)
					data = append(data, make([]byte, m)...)
					if _, err := io.ReadFull(cr, data[len(data)-int(m):]); err != nil {
						return nil, fmt.Errorf("%w: %s is cut short", ErrCorrupt, where)
					}
				}
				continue
			}
			data = data[:at+int(size)]
			if _, err := io.ReadFull(cr, data[at:]); err != nil {
				return nil, fmt.Errorf("%w: %s is cut short", ErrCorrupt, where)
			}
		}
		end := cr.n - 4
		if _, err := io.ReadFull(cr, u32[:]); err != nil {
			return nil, fmt.Errorf("%w: %s is cut short", ErrCorrupt, where)
		}
		c := crc32.Update(crc32.Checksum(name, castagnoli), castagnoli, data)
		if c != binary.LittleEndian.Uint32(u32[:]) {
			return nil, fmt.Errorf("%w: %s: checksum mismatch", ErrCorrupt, where)
		}
		f.Sections = append(f.Sections, Section{Name: string(name), Data: data, End: end})
		prev = string(name)
	}
	if _, err := cr.r.ReadByte(); err != io.EOF {
		return nil, fmt.Errorf("%w: bytes after the last section %q", ErrCorrupt, prev)
	}
	return f, nil
}

// Hex returns the fingerprint in hexadecimal.
func Hex(fp [32]byte) string { return hex.EncodeToString(fp[:]) }

// Fingerprint hashes what identifies a compiled network: its
// parameters, its connectivity and the engine version. Two networks
// with the same fingerprint can continue each other's checkpoints.
type Fingerprint struct {
	h   hash.Hash
	buf [8]byte
}

// NewFingerprint returns an empty Fingerprint.
func NewFingerprint() *Fingerprint { return &Fingerprint{h: sha256.New()} }

// Sum returns the fingerprint.
func (f *Fingerprint) Sum() [32]byte {
	var out [32]byte
	copy(out[:], f.h.Sum(nil))
	return out
}

// String adds s.
func (f *Fingerprint) String(s string) {
	f.Uint64(uint64(len(s)))
	f.h.Write([]byte(s))
}

// Uint64 adds x.
func (f *Fingerprint) Uint64(x uint64) {
	binary.LittleEndian.PutUint64(f.buf[:], x)
	f.h.Write(f.buf[:])
}

// Float64 adds x.
func (f *Fingerprint) Float64(x float64) { f.Uint64(math.Float64bits(x)) }

// Ints adds v.
func (f *Fingerprint) Ints(v []int) {
	f.Uint64(uint64(len(v)))
	f.bulk(len(v), 8, func(b []byte, i int) { binary.LittleEndian.PutUint64(b, uint64(v[i])) })
}

// Int32s adds v.
func (f *Fingerprint) Int32s(v []int32) {
	f.Uint64(uint64(len(v)))
	f.bulk(len(v), 4, func(b []byte, i int) { binary.LittleEndian.PutUint32(b, uint32(v[i])) })
}

// bulk adds n values of size bytes each, put by put: short arrays go to
// the hash as they are, long ones (connectivity: tens of megabytes) as
// two 32-bit CRCs (Castagnoli and IEEE, both computed by the CPU on
// amd64 and arm64) of each megabyte, which is ten times faster than
// SHA-256 and still tells any two different arrays apart but with a
// chance of 2^-64 per megabyte.
func (f *Fingerprint) bulk(n, size int, put func(b []byte, i int)) {
	const chunk = 1 << 20
	buf := make([]byte, min(n*size, chunk))
	at := 0
	flush := func() {
		if n*size <= chunk {
			f.h.Write(buf[:at])
		} else {
			f.Uint64(uint64(crc32.Checksum(buf[:at], castagnoli))<<32 | uint64(crc32.ChecksumIEEE(buf[:at])))
		}
		at = 0
	}
	for i := range n {
		put(buf[at:], i)
		at += size
		if at+size > len(buf) {
			flush()
		}
	}
	if at > 0 {
		flush()
	}
}

// Params adds the type of v and its parameters: the fields tagged
// `param` (in embedded and nested structs too), or, for a type with no
// such field, its exported fields of plain values (numbers, strings,
// booleans and slices, arrays and structs of them); pointers to
// structs, functions, channels and unexported fields are left out.
func (f *Fingerprint) Params(v any) {
	rv := reflect.ValueOf(v)
	if !rv.IsValid() {
		f.String("<nil>")
		return
	}
	f.String(rv.Type().String())
	for rv.Kind() == reflect.Pointer || rv.Kind() == reflect.Interface {
		if rv.IsNil() {
			f.String("<nil>")
			return
		}
		rv = rv.Elem()
	}
	if rv.Kind() != reflect.Struct {
		f.value(rv, 0)
		return
	}
	tagged := hasParams(rv.Type())
	f.fields(rv, tagged, 0)
}

func hasParams(t reflect.Type) bool {
	for i := range t.NumField() {
		fl := t.Field(i)
		if _, ok := fl.Tag.Lookup("param"); ok {
			return true
		}
		if fl.Type.Kind() == reflect.Struct && fl.Anonymous && hasParams(fl.Type) {
			return true
		}
	}
	return false
}

func (f *Fingerprint) fields(v reflect.Value, tagged bool, depth int) {
	t := v.Type()
	for i := range t.NumField() {
		fl := t.Field(i)
		_, isParam := fl.Tag.Lookup("param")
		switch {
		case tagged && isParam:
			f.String(fl.Name)
			f.value(v.Field(i), depth+1)
		case tagged && fl.Anonymous && fl.Type.Kind() == reflect.Struct:
			f.fields(v.Field(i), true, depth+1)
		case !tagged && fl.IsExported():
			f.String(fl.Name)
			f.value(v.Field(i), depth+1)
		}
	}
}

// value adds a parameter's value.
func (f *Fingerprint) value(v reflect.Value, depth int) {
	if depth > 8 {
		return
	}
	switch v.Kind() {
	case reflect.Bool:
		if v.Bool() {
			f.Uint64(1)
		} else {
			f.Uint64(0)
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		f.Uint64(uint64(v.Int()))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		f.Uint64(v.Uint())
	case reflect.Float32, reflect.Float64:
		f.Float64(v.Float())
	case reflect.String:
		f.String(v.String())
	case reflect.Slice, reflect.Array:
		if v.Kind() == reflect.Slice && v.CanInterface() {
			switch v.Type().Elem().Kind() {
			case reflect.Float64:
				f.Floats(v.Convert(floatsType).Interface().([]float64))
				return
			case reflect.Int:
				f.Ints(v.Convert(intsType).Interface().([]int))
				return
			case reflect.Int32:
				f.Int32s(v.Convert(int32sType).Interface().([]int32))
				return
			}
		}
		f.Uint64(uint64(v.Len()))
		for i := range v.Len() {
			f.value(v.Index(i), depth+1)
		}
	case reflect.Struct:
		f.fields(v, hasParams(v.Type()), depth)
	case reflect.Map:
		keys := v.MapKeys()
		sort.Slice(keys, func(i, j int) bool { return fmt.Sprint(keys[i]) < fmt.Sprint(keys[j]) })
		f.Uint64(uint64(len(keys)))
		for _, k := range keys {
			f.String(fmt.Sprint(k))
			f.value(v.MapIndex(k), depth+1)
		}
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			f.String("<nil>")
			return
		}
		f.String(v.Elem().Type().String())
		e := v.Elem()
		if e.Kind() == reflect.Pointer {
			e = e.Elem()
		}
		if e.Kind() == reflect.Struct && v.Kind() == reflect.Pointer && !hasParams(e.Type()) && v.Type().Elem().Kind() == reflect.Struct {
			return // a pointer to another component (a population): named elsewhere
		}
		f.value(e, depth+1)
	}
}

// Floats adds v.
func (f *Fingerprint) Floats(v []float64) {
	f.Uint64(uint64(len(v)))
	f.bulk(len(v), 8, func(b []byte, i int) { binary.LittleEndian.PutUint64(b, math.Float64bits(v[i])) })
}

// Fingerprinter is implemented by a component whose identity is more
// than its parameters (a data population's samples, read from files):
// AddFingerprint adds it.
type Fingerprinter interface {
	AddFingerprint(f *Fingerprint)
}
