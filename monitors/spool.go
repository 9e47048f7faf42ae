package monitors

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
)

// A Spool holds a monitor's records in a temporary file instead of
// memory, so that a long run's records cost a fixed buffer (64 KiB) of
// memory rather than memory that grows with the run. Give one to a
// monitor's Spool field before the network runs; the monitor writes its
// records to it as fixed-size binary rows (a step number and the
// record's values, exactly as they would be held in memory), and its Each
// method reads them back, in the order they were recorded, with the same
// values as from memory. Reset empties the spool. Close removes the file;
// a spool must not be shared by two monitors.
type Spool struct {
	f    *os.File
	w    *bufio.Writer
	size int   // record size in bytes, 0 until the first record
	n    int64 // records written
	err  error // the first write error, sticky
}

// NewSpool creates a spool file in dir named after name (".NAME.spool-*",
// a hidden temporary file).
func NewSpool(dir, name string) (*Spool, error) {
	f, err := os.CreateTemp(dir, "."+name+".spool-*")
	if err != nil {
		return nil, fmt.Errorf("monitors: spool: %w", err)
	}
	return &Spool{f: f, w: bufio.NewWriterSize(f, 64<<10)}, nil
}

// Path returns the file's path.
func (s *Spool) Path() string { return s.f.Name() }

// Close closes and removes the file. A nil spool has nothing to close.
func (s *Spool) Close() error {
	if s == nil || s.f == nil {
		return nil
	}
	err := s.f.Close()
	if rerr := os.Remove(s.f.Name()); err == nil && !errors.Is(rerr, os.ErrNotExist) {
		err = rerr
	}
	s.f = nil
	return err
}

// Bytes returns the number of bytes of records written.
func (s *Spool) Bytes() int64 { return s.n * int64(s.size) }

// write appends a record; every record of a spool has the same size.
func (s *Spool) write(rec []byte) error {
	if s.err != nil {
		return s.err
	}
	if s.f == nil {
		s.err = errors.New("monitors: spool is closed")
		return s.err
	}
	if s.size == 0 {
		s.size = len(rec)
	}
	if len(rec) != s.size {
		s.err = fmt.Errorf("monitors: spool record of %d bytes, want %d", len(rec), s.size)
		return s.err
	}
	if _, err := s.w.Write(rec); err != nil {
		s.err = fmt.Errorf("monitors: spool %s: %w", s.f.Name(), err)
		return s.err
	}
	s.n++
	return nil
}

// reset discards the records.
func (s *Spool) reset() {
	if s.f == nil {
		return
	}
	s.w.Reset(s.f)
	if err := s.f.Truncate(0); err != nil && s.err == nil {
		s.err = fmt.Errorf("monitors: spool %s: %w", s.f.Name(), err)
	}
	if _, err := s.f.Seek(0, io.SeekStart); err != nil && s.err == nil {
		s.err = fmt.Errorf("monitors: spool %s: %w", s.f.Name(), err)
	}
	s.n, s.size = 0, 0
}

// flush writes the buffered records to the file.
func (s *Spool) flush() error {
	if s.err != nil {
		return s.err
	}
	if s.f == nil {
		return nil
	}
	if err := s.w.Flush(); err != nil {
		s.err = fmt.Errorf("monitors: spool %s: %w", s.f.Name(), err)
	}
	return s.err
}

// scan calls f with every record in order until f returns false. The
// slice is reused between calls.
func (s *Spool) scan(f func(rec []byte) bool) error {
	if err := s.flush(); err != nil {
		return err
	}
	if s.n == 0 || s.f == nil {
		return nil
	}
	r := bufio.NewReaderSize(io.NewSectionReader(s.f, 0, s.n*int64(s.size)), 256<<10)
	rec := make([]byte, s.size)
	for range s.n {
		if _, err := io.ReadFull(r, rec); err != nil {
			return fmt.Errorf("monitors: reading spool %s: %w", s.f.Name(), err)
		}
		if !f(rec) {
			return nil
		}
	}
	return nil
}

// Record encoding: little-endian, a step as int64, values as float64
// bits, neuron indices as int32.

func putStep(b []byte, k int) []byte { return binary.LittleEndian.AppendUint64(b, uint64(k)) }

func putFloat(b []byte, x float64) []byte {
	return binary.LittleEndian.AppendUint64(b, math.Float64bits(x))
}

func getStep(b []byte) int { return int(binary.LittleEndian.Uint64(b)) }

func getFloat(b []byte) float64 { return math.Float64frombits(binary.LittleEndian.Uint64(b)) }
