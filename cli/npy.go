package cli

import (
	"encoding/binary"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
)

// writeNPY writes data as a NumPy .npy file (format version 1.0) of
// little-endian float64 ('<f8') in C order with the given shape; the
// product of shape must be len(data). numpy.load reads the result.
func writeNPY(w io.Writer, shape []int, data []float64) error {
	size := 1
	dims := make([]string, len(shape))
	for i, d := range shape {
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
	// The magic string, version and header length take 10 bytes; the
	// header is padded with spaces and ends in a newline so that the data
	// starts at a multiple of 64 bytes.
	const prefix = 10
	pad := 64 - (prefix+len(header)+1)%64
	if pad == 64 {
		pad = 0
	}
	header += strings.Repeat(" ", pad) + "\n"
	if len(header) > math.MaxUint16 {
		return fmt.Errorf("npy: header of %d bytes is too long for format 1.0", len(header))
	}
	buf := make([]byte, 0, prefix+len(header))
	buf = append(buf, "\x93NUMPY\x01\x00"...)
	buf = binary.LittleEndian.AppendUint16(buf, uint16(len(header)))
	buf = append(buf, header...)
	if _, err := w.Write(buf); err != nil {
		return err
	}
	var b [8]byte
	for _, v := range data {
		binary.LittleEndian.PutUint64(b[:], math.Float64bits(v))
		if _, err := w.Write(b[:]); err != nil {
			return err
		}
	}
	return nil
}
