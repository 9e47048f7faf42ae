package monitors

import (
	"bufio"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/synapticflow/synapticflow-go/paramerr"
)

// clock turns step numbers into time stamps: t_k = k*dt ms.
type clock struct {
	dt float64
	// perMs is 1/dt when that is a whole number (dt = 0.1, 0.05, 1, ...),
	// else 0.
	perMs float64
}

func newClock(dt float64) clock {
	inv := 1 / dt
	if r := math.Round(inv); r >= 1 && math.Abs(inv-r) <= 1e-9*r {
		return clock{dt: dt, perMs: r}
	}
	return clock{dt: dt}
}

// at returns t_k. When 1/dt is a whole number it computes k/(1/dt), the
// double nearest to the decimal time, so that step 3 of 0.1 ms is stamped
// 0.3 and not 0.30000000000000004; otherwise k*dt.
func (c clock) at(k int) float64 {
	if c.perMs > 0 {
		return float64(k) / c.perMs
	}
	return float64(k) * c.dt
}

// CSVWriter writes the CSV files of monitors: a header row, then one row
// of numbers per record, through a buffer. Times and values are written in
// the shortest form that parses back to the same float64
// (strconv 'g', precision -1), integers (neuron indices) in decimal. It is
// the one writer of the monitors' CSV formats: a streaming monitor (W) and
// netrun's output files write the same bytes for the same records.
type CSVWriter struct {
	w   *bufio.Writer
	buf []byte
}

// NewCSVWriter wraps w and writes the header row (the names joined by
// commas) into the buffer. A write error is sticky: End and Flush report
// it.
func NewCSVWriter(w io.Writer, header []string) *CSVWriter {
	s := &CSVWriter{w: bufio.NewWriterSize(w, 64<<10)}
	s.buf = append(s.buf[:0], strings.Join(header, ",")...)
	s.buf = append(s.buf, '\n')
	s.w.Write(s.buf) // a failure is sticky and reported by the next write or Flush
	return s
}

// Start begins a row with the time stamp t.
func (s *CSVWriter) Start(t float64) {
	s.buf = strconv.AppendFloat(s.buf[:0], t, 'g', -1, 64)
}

// Float appends a value to the current row.
func (s *CSVWriter) Float(x float64) {
	s.buf = append(s.buf, ',')
	s.buf = strconv.AppendFloat(s.buf, x, 'g', -1, 64)
}

// Int appends an integer to the current row.
func (s *CSVWriter) Int(i int) {
	s.buf = append(s.buf, ',')
	s.buf = strconv.AppendInt(s.buf, int64(i), 10)
}

// End ends the row and writes it to the buffer.
func (s *CSVWriter) End() error {
	s.buf = append(s.buf, '\n')
	_, err := s.w.Write(s.buf)
	return err
}

// Flush writes the buffered rows (a nil writer has nothing to flush).
func (s *CSVWriter) Flush() error {
	if s == nil {
		return nil
	}
	return s.w.Flush()
}

// checkIndices checks that every index is in [0, n).
func checkIndices(idx []int, n int, what string) error {
	for _, i := range idx {
		if i < 0 || i >= n {
			return paramerr.Errorf("indices", -1, "index %d out of range: %s has %d entries (valid indices 0 to %d)", i, what, n, n-1)
		}
	}
	return nil
}
