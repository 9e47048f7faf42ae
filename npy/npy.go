// Package npy reads and writes NumPy .npy files, so that Python users can
// load what the network wrote (numpy.load) and give it data and weights
// (numpy.save).
//
// Write produces format version 1.0 files of little-endian float64 ('<f8')
// in C order. Read accepts versions 1.0 to 3.0 with the numeric types
// numpy.save commonly produces ('<f8', '<f4', '<i8', '<i4', '<i2', '|i1',
// '|u1', '<u2', '<u4', '<u8', '|b1', big-endian variants too) in C or
// Fortran order, and returns float64 values in C order.
package npy

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"regexp"
	"strconv"
	"strings"
)

// Write writes data as an .npy array of the given shape; the product of
// shape must be len(data).
func Write(w io.Writer, shape []int, data []float64) error {
	size, err := shapeSize(shape)
	if err != nil {
		return err
	}
	if size != len(data) {
		return fmt.Errorf("npy: shape %v holds %d values, have %d", shape, size, len(data))
	}
	bw := bufio.NewWriter(w)
	if err := WriteHeader(bw, shape); err != nil {
		return err
	}
	var b [8]byte
	for _, v := range data {
		binary.LittleEndian.PutUint64(b[:], math.Float64bits(v))
		bw.Write(b[:])
	}
	return bw.Flush()
}

// WriteHeader writes the header of an .npy array of float64 of the given
// shape, as Write does; the caller writes the product of shape values
// after it, little-endian float64 in C order, to stream an array too
// large to hold in memory.
func WriteHeader(w io.Writer, shape []int) error { return WriteHeaderType(w, "<f8", shape) }

// WriteHeaderType writes the header of an .npy array of the given NumPy
// type (descr: "<f8" for little-endian float64, "<i8" for int64, ...) and
// shape; the caller writes the values after it, in C order.
func WriteHeaderType(w io.Writer, descr string, shape []int) error {
	if !descrOK.MatchString(descr) {
		return fmt.Errorf("npy: bad type %q", descr)
	}
	if _, err := shapeSize(shape); err != nil {
		return err
	}
	dims := make([]string, len(shape))
	for i, d := range shape {
		dims[i] = strconv.Itoa(d)
	}
	tuple := strings.Join(dims, ", ")
	if len(shape) == 1 {
		tuple += "," // a 1-tuple is written (n,)
	}
	header := fmt.Sprintf("{'descr': '%s', 'fortran_order': False, 'shape': (%s), }", descr, tuple)
	// Magic, version and header length take 10 bytes; the header is padded
	// with spaces and ends in a newline so that the data is 64-byte aligned.
	const prefix = 10
	if pad := 64 - (prefix+len(header)+1)%64; pad != 64 {
		header += strings.Repeat(" ", pad)
	}
	header += "\n"
	if len(header) > math.MaxUint16 {
		return fmt.Errorf("npy: header of %d bytes is too long for format 1.0", len(header))
	}
	b := make([]byte, 0, prefix+len(header))
	b = append(b, "\x93NUMPY\x01\x00"...)
	b = binary.LittleEndian.AppendUint16(b, uint16(len(header)))
	b = append(b, header...)
	_, err := w.Write(b)
	return err
}

// shapeSize returns the number of values of an array of the given shape.
func shapeSize(shape []int) (int, error) {
	size := 1
	for _, d := range shape {
		if d < 0 {
			return 0, fmt.Errorf("npy: negative dimension in shape %v", shape)
		}
		size *= d
	}
	return size, nil
}

// WriteFile writes an .npy file at path.
func WriteFile(path string, shape []int, data []float64) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := Write(f, shape, data); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// descrOK matches the types WriteHeaderType writes.
var descrOK = regexp.MustCompile(`^[<>|][fiub][1248]$`)

var (
	descrRE   = regexp.MustCompile(`'descr'\s*:\s*'([^']*)'`)
	fortranRE = regexp.MustCompile(`'fortran_order'\s*:\s*(True|False)`)
	shapeRE   = regexp.MustCompile(`'shape'\s*:\s*\(([^)]*)\)`)
)

// MaxValues is the most values Read and ReadFile accept: 2^27, a GiB of
// float64 values (a 10^4 x 10^4 matrix fits).
const MaxValues = 1 << 27

// Read reads an .npy array and returns its shape and its values in C
// (row-major) order. It refuses an array of more than MaxValues values,
// and allocates memory as the data arrive, not as the header announces.
func Read(r io.Reader) (shape []int, data []float64, err error) {
	return read(r, -1, false)
}

// read is Read for a stream of avail bytes in all (-1: unknown): an
// array that cannot fit is refused before its data are read. With
// headerOnly it returns the shape without reading the data.
func read(r io.Reader, avail int64, headerOnly bool) (shape []int, data []float64, err error) {
	br := bufio.NewReader(r)
	var magic [8]byte
	if _, err := io.ReadFull(br, magic[:]); err != nil {
		return nil, nil, fmt.Errorf("npy: %w", err)
	}
	if string(magic[:6]) != "\x93NUMPY" {
		return nil, nil, errors.New("npy: not an .npy file (bad magic)")
	}
	var hlen int
	switch magic[6] {
	case 1:
		var n uint16
		if err := binary.Read(br, binary.LittleEndian, &n); err != nil {
			return nil, nil, fmt.Errorf("npy: %w", err)
		}
		hlen = int(n)
	case 2, 3:
		var n uint32
		if err := binary.Read(br, binary.LittleEndian, &n); err != nil {
			return nil, nil, fmt.Errorf("npy: %w", err)
		}
		if n > 1<<24 {
			return nil, nil, fmt.Errorf("npy: header of %d bytes is implausibly long", n)
		}
		hlen = int(n)
	default:
		return nil, nil, fmt.Errorf("npy: unsupported format version %d.%d", magic[6], magic[7])
	}
	// The header is read as it arrives, not allocated at the length it
	// claims: a short file claiming a long header costs nothing.
	hb, err := io.ReadAll(io.LimitReader(br, int64(hlen)))
	if err != nil {
		return nil, nil, fmt.Errorf("npy: header: %w", err)
	}
	if len(hb) < hlen {
		return nil, nil, fmt.Errorf("npy: header: %w", io.ErrUnexpectedEOF)
	}
	header := string(hb)
	dm, fm, sm := descrRE.FindStringSubmatch(header), fortranRE.FindStringSubmatch(header), shapeRE.FindStringSubmatch(header)
	if dm == nil || fm == nil || sm == nil {
		return nil, nil, fmt.Errorf("npy: cannot parse header %q", strings.TrimSpace(header))
	}
	size := 1
	for _, f := range strings.Split(sm[1], ",") {
		f = strings.TrimSpace(f)
		if f == "" {
			continue
		}
		d, err := strconv.Atoi(f)
		if err != nil || d < 0 {
			return nil, nil, fmt.Errorf("npy: bad shape (%s)", sm[1])
		}
		if d > 0 && size > MaxValues/d {
			return nil, nil, fmt.Errorf("npy: array of shape (%s) has more than %d values, the limit", sm[1], MaxValues)
		}
		shape = append(shape, d)
		size *= d
	}
	conv, width, err := decoder(dm[1])
	if err != nil {
		return nil, nil, err
	}
	need := int64(size) * int64(width)
	head := int64(len(magic) + 2 + hlen) // magic, version, length, header
	if magic[6] != 1 {
		head += 2 // a 4-byte length
	}
	if avail >= 0 && need > avail-head {
		return nil, nil, fmt.Errorf("npy: the header announces %d values (%d bytes), the file holds %d bytes of data", size, need, max(avail-head, 0))
	}
	if headerOnly {
		return shape, nil, nil
	}
	// Read in chunks, so that a short stream costs only what it holds.
	data = make([]float64, 0, min(size, 1<<16))
	chunk := make([]byte, 1<<16/width*width)
	for len(data) < size {
		n := min(len(chunk), (size-len(data))*width)
		if got, err := io.ReadFull(br, chunk[:n]); err != nil {
			return nil, nil, fmt.Errorf("npy: data: want %d values, read %d: %w", size, len(data)+got/width, err)
		}
		for i := 0; i < n; i += width {
			data = append(data, conv(chunk[i:i+width]))
		}
	}
	if fm[1] == "True" && len(shape) > 1 {
		data = fortranToC(shape, data)
	}
	return shape, data, nil
}

// ReadFile reads the .npy file at path.
func ReadFile(path string) ([]int, []float64, error) {
	return readFile(path, false)
}

// ReadShape reads only the header of the .npy file at path and returns
// the array's shape, checked as ReadFile checks it.
func ReadShape(path string) ([]int, error) {
	shape, _, err := readFile(path, true)
	return shape, err
}

func readFile(path string, headerOnly bool) ([]int, []float64, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	avail := int64(-1)
	if info, err := f.Stat(); err == nil {
		if m := info.Mode(); m.IsRegular() {
			avail = info.Size()
		} else if m&os.ModeNamedPipe == 0 {
			return nil, nil, fmt.Errorf("%s is not a regular file (a device may never end)", path)
		}
	}
	shape, data, err := read(f, avail, headerOnly)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", path, err)
	}
	return shape, data, nil
}

// decoder returns the converter and byte width of a dtype descriptor.
func decoder(descr string) (func([]byte) float64, int, error) {
	if len(descr) < 3 {
		return nil, 0, fmt.Errorf("npy: unsupported dtype %q", descr)
	}
	var order binary.ByteOrder = binary.LittleEndian
	switch descr[0] {
	case '<', '|', '=':
	case '>':
		order = binary.BigEndian
	default:
		return nil, 0, fmt.Errorf("npy: unsupported dtype %q", descr)
	}
	switch descr[1:] {
	case "f8":
		return func(b []byte) float64 { return math.Float64frombits(order.Uint64(b)) }, 8, nil
	case "f4":
		return func(b []byte) float64 { return float64(math.Float32frombits(order.Uint32(b))) }, 4, nil
	case "i8":
		return func(b []byte) float64 { return float64(int64(order.Uint64(b))) }, 8, nil
	case "i4":
		return func(b []byte) float64 { return float64(int32(order.Uint32(b))) }, 4, nil
	case "i2":
		return func(b []byte) float64 { return float64(int16(order.Uint16(b))) }, 2, nil
	case "i1":
		return func(b []byte) float64 { return float64(int8(b[0])) }, 1, nil
	case "u8":
		return func(b []byte) float64 { return float64(order.Uint64(b)) }, 8, nil
	case "u4":
		return func(b []byte) float64 { return float64(order.Uint32(b)) }, 4, nil
	case "u2":
		return func(b []byte) float64 { return float64(order.Uint16(b)) }, 2, nil
	case "u1", "b1":
		return func(b []byte) float64 { return float64(b[0]) }, 1, nil
	}
	return nil, 0, fmt.Errorf("npy: unsupported dtype %q (want a numeric type such as <f8)", descr)
}

// fortranToC reorders column-major data to row-major.
func fortranToC(shape []int, in []float64) []float64 {
	out := make([]float64, len(in))
	idx := make([]int, len(shape))
	for c := range out {
		// c is the row-major index of idx; compute its column-major index.
		f, stride := 0, 1
		for d := range shape {
			f += idx[d] * stride
			stride *= shape[d]
		}
		out[c] = in[f]
		for d := len(shape) - 1; d >= 0; d-- {
			idx[d]++
			if idx[d] < shape[d] {
				break
			}
			idx[d] = 0
		}
	}
	return out
}
