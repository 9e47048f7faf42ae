package encoding

import (
	"encoding/csv"
	"fmt"
	"strconv"
	"strings"
)

// ReadCSV reads a table of numbers from a CSV file: rows of
// comma-separated numbers, all with the same number of columns, in
// row-major order. Lines starting with '#' are comments, and a first row
// that is not numeric is a header and is skipped. A file that holds no
// numbers gives rows = cols = 0 and no error. The file is opened with
// OpenData, so it may be at most MaxFileBytes long.
func ReadCSV(path string) (rows, cols int, data []float64, err error) {
	f, err := OpenData(path, MaxFileBytes)
	if err != nil {
		return 0, 0, nil, err
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.Comment = '#'
	records, err := r.ReadAll()
	if err != nil {
		return 0, 0, nil, fmt.Errorf("%s: %w", path, err)
	}
	for i, rec := range records {
		row := make([]float64, len(rec))
		for j, field := range rec {
			x, perr := strconv.ParseFloat(strings.TrimSpace(field), 64)
			if perr != nil {
				if i == 0 {
					row = nil // header
					break
				}
				return 0, 0, nil, fmt.Errorf("%s:%d: column %d: %q is not a number", path, i+1, j+1, field)
			}
			row[j] = x
		}
		if row == nil {
			continue
		}
		if rows == 0 {
			cols = len(row)
		} else if len(row) != cols {
			return 0, 0, nil, fmt.Errorf("%s:%d: %d columns, the rows above have %d", path, i+1, len(row), cols)
		}
		data = append(data, row...)
		rows++
	}
	return rows, cols, data, nil
}
