package cli

import (
	"archive/zip"
	"bufio"
	"encoding/binary"
	"fmt"
	"io"
	"math"

	"github.com/synapticflow/synapticflow-go/npy"
)

// npzWriter writes a NumPy .npz archive (numpy.savez's format: a zip of
// .npy files, stored uncompressed) one array at a time, each streamed
// from its values, so that an array of a streamed monitor is never held
// in memory. numpy.load(path)["i"] reads array "i" back.
type npzWriter struct {
	z *zip.Writer
}

func newNPZ(w io.Writer) *npzWriter { return &npzWriter{z: zip.NewWriter(w)} }

// array writes array name of type descr ("<f8" or "<i8") and length n;
// each yields its values, as float64 or int64 bits by put.
func (a *npzWriter) array(name, descr string, n int, each func(put func(bits uint64) bool) error) error {
	w, err := a.z.CreateHeader(&zip.FileHeader{Name: name + ".npy", Method: zip.Store})
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(w)
	if err := npy.WriteHeaderType(bw, descr, []int{n}); err != nil {
		return err
	}
	var b [8]byte
	count := 0
	var werr error
	err = each(func(bits uint64) bool {
		count++
		binary.LittleEndian.PutUint64(b[:], bits)
		_, werr = bw.Write(b[:])
		return werr == nil
	})
	if err == nil {
		err = werr
	}
	if err == nil && count != n {
		err = fmt.Errorf("npz %s: %d values for an array of %d", name, count, n)
	}
	if err != nil {
		return err
	}
	return bw.Flush()
}

// ints writes an int64 array of the values of v.
func (a *npzWriter) ints(name string, v []int) error {
	return a.array(name, "<i8", len(v), func(put func(uint64) bool) error {
		for _, x := range v {
			if !put(uint64(int64(x))) {
				break
			}
		}
		return nil
	})
}

// floats writes a float64 array of the values of v.
func (a *npzWriter) floats(name string, v []float64) error {
	return a.array(name, "<f8", len(v), func(put func(uint64) bool) error {
		for _, x := range v {
			if !put(math.Float64bits(x)) {
				break
			}
		}
		return nil
	})
}

// close finishes the archive.
func (a *npzWriter) close() error { return a.z.Close() }

// writeNPZ writes an .npz file atomically; fill writes its arrays.
func writeNPZ(path string, fill func(a *npzWriter) error) error {
	return writeFileAtomic(path, 0o644, func(w io.Writer) error {
		a := newNPZ(w)
		if err := fill(a); err != nil {
			return err
		}
		return a.close()
	})
}
