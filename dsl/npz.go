package dsl

import (
	"archive/zip"
	"fmt"
	"math"

	"github.com/synapticflow/synapticflow-go/npy"
)

// readSparseNPZ reads the sparse weights netrun writes (SYN.weights.npz:
// int arrays i, j and shape = [rows, cols], float array w; delay, if
// present, is ignored) as a dense rows x cols matrix, zero where no
// synapse is listed. It refuses indices outside shape and a matrix of
// more than npy.MaxValues values.
func readSparseNPZ(path string) (rows, cols int, data []float64, err error) {
	z, err := zip.OpenReader(path)
	if err != nil {
		return 0, 0, nil, fmt.Errorf("%s: %w", path, err)
	}
	defer z.Close()
	arrays := make(map[string][]float64)
	for _, f := range z.File {
		name := f.Name
		switch name {
		case "i.npy", "j.npy", "w.npy", "shape.npy":
		default:
			continue
		}
		r, err := f.Open()
		if err != nil {
			return 0, 0, nil, fmt.Errorf("%s: %s: %w", path, name, err)
		}
		shape, v, err := npy.Read(r)
		r.Close()
		if err != nil {
			return 0, 0, nil, fmt.Errorf("%s: %s: %w", path, name, err)
		}
		if len(shape) != 1 {
			return 0, 0, nil, fmt.Errorf("%s: %s is not a 1-dimensional array", path, name)
		}
		arrays[name[:len(name)-len(".npy")]] = v
	}
	for _, name := range []string{"i", "j", "w", "shape"} {
		if _, ok := arrays[name]; !ok {
			return 0, 0, nil, fmt.Errorf("%s holds no array %q; a sparse weight file has i, j, w and shape (as netrun writes SYN.weights.npz)", path, name)
		}
	}
	i, j, w, shape := arrays["i"], arrays["j"], arrays["w"], arrays["shape"]
	if len(shape) != 2 || !whole(shape[0]) || !whole(shape[1]) || shape[0] < 0 || shape[1] < 0 {
		return 0, 0, nil, fmt.Errorf("%s: shape is %v, want [rows, cols]", path, shape)
	}
	if shape[0]*shape[1] > npy.MaxValues {
		return 0, 0, nil, fmt.Errorf("%s: a %v x %v matrix exceeds %d values", path, shape[0], shape[1], npy.MaxValues)
	}
	rows, cols = int(shape[0]), int(shape[1])
	if len(j) != len(i) || len(w) != len(i) {
		return 0, 0, nil, fmt.Errorf("%s: i, j and w have %d, %d and %d values, want as many", path, len(i), len(j), len(w))
	}
	data = make([]float64, rows*cols)
	for k := range i {
		if !whole(i[k]) || !whole(j[k]) || i[k] < 0 || j[k] < 0 || i[k] >= float64(rows) || j[k] >= float64(cols) {
			return 0, 0, nil, fmt.Errorf("%s: synapse %d goes from %v to %v, outside the %d x %d shape", path, k, i[k], j[k], rows, cols)
		}
		data[int(i[k])*cols+int(j[k])] = w[k]
	}
	return rows, cols, data, nil
}

// whole reports whether x is a finite whole number.
func whole(x float64) bool { return !math.IsInf(x, 0) && x == math.Trunc(x) }
