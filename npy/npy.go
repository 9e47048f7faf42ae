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
	size := 1
	dims := make([]string, len(shape))
	for i, d := range shape {
		if d < 0 {
			return fmt.Errorf("npy: negative dimension in shape %v", shape)
		}
		size *= d
		dims[i] = strconv.Itoa(d)
	}
	if size != len(data) {
		return fmt.Errorf("npy: shape %v holds %d values, have %d", shape, size, len(data))
	}
	tuple := strings.Join(dims, ", ")
	if len(shape) == 1 {
		tuple += "," // a 1-tuple is written (n,)
	}
	header := fmt.Sprintf("{'descr': '<f8', 'fortran_order': False, 'shape': (%s), }", tuple)
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
	bw := bufio.NewWriter(w)
	bw.WriteString("\x93NUMPY\x01\x00")
	binary.Write(bw, binary.LittleEndian, uint16(len(header)))
	bw.WriteString(header)
	var b [8]byte
	for _, v := range data {
		binary.LittleEndian.PutUint64(b[:], math.Float64bits(v))
		bw.Write(b[:])
	}
	return bw.Flush()
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

var (
	descrRE   = regexp.MustCompile(`'descr'\s*:\s*'([^']*)'`)
	fortranRE = regexp.MustCompile(`'fortran_order'\s*:\s*(True|False)`)
	shapeRE   = regexp.MustCompile(`'shape'\s*:\s*\(([^)]*)\)`)
)

// Read reads an .npy array and returns its shape and its values in C
// (row-major) order.
func Read(r io.Reader) (shape []int, data []float64, err error) {
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
		if d > 0 && size > math.MaxInt32/d {
			return nil, nil, fmt.Errorf("npy: array of shape (%s) is too large", sm[1])
		}
		shape = append(shape, d)
		size *= d
	}
	conv, width, err := decoder(dm[1])
	if err != nil {
		return nil, nil, err
	}
	// The values are read in chunks, so that memory grows with the data
	// actually present and a header claiming a huge shape over a short
	// file fails at its end instead of allocating the whole claim first.
	const chunkValues = 1 << 13
	data = make([]float64, 0, min(size, chunkValues))
	raw := make([]byte, min(size, chunkValues)*width)
	for len(data) < size {
		n := min(size-len(data), chunkValues)
		if _, err := io.ReadFull(br, raw[:n*width]); err != nil {
			if err == io.EOF {
				err = io.ErrUnexpectedEOF
			}
			return nil, nil, fmt.Errorf("npy: data: want %d values: %w", size, err)
		}
		for i := range n {
			data = append(data, conv(raw[i*width:(i+1)*width]))
		}
	}
	if fm[1] == "True" && len(shape) > 1 {
		data = fortranToC(shape, data)
	}
	return shape, data, nil
}

// ReadFile reads the .npy file at path.
func ReadFile(path string) ([]int, []float64, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	shape, data, err := Read(f)
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
