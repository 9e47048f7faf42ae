package encoding

import (
	"bufio"
	"fmt"
	"image"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/synapticflow/synapticflow-go/npy"
)

// Limits on data files (docs/language.md, "Limits"): a file larger is
// refused before it is read, and one that grows while it is read (a pipe)
// is cut off with an error, never read endlessly. Arrays of .npy files
// are limited by npy.MaxValues.
const (
	// MaxFileBytes is the largest CSV or image file: 256 MiB.
	MaxFileBytes = 256 << 20
	// MaxPixels is the largest image: 2^26 pixels (8192 x 8192), 512 MiB
	// as float64 values.
	MaxPixels = 1 << 26
)

// OpenData opens a data file for reading at most limit bytes: it refuses
// what is neither a regular file nor a pipe (a device such as /dev/zero
// never ends) and a file larger than limit, and the reader it returns
// fails, rather than ends, after limit bytes.
func OpenData(path string, limit int64) (io.ReadCloser, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	info, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	m := info.Mode()
	if !m.IsRegular() && m&os.ModeNamedPipe == 0 {
		f.Close()
		return nil, fmt.Errorf("data file %s is not a regular file (a device may never end)", path)
	}
	if info.Size() > limit {
		f.Close()
		return nil, fmt.Errorf("data file %s has %d bytes, more than the limit of %s", path, info.Size(), sizeString(limit))
	}
	return &limitedFile{f: f, path: path, left: limit, limit: limit}, nil
}

// limitedFile reads a file and fails after a number of bytes.
type limitedFile struct {
	f     *os.File
	path  string
	left  int64
	limit int64
}

func (l *limitedFile) Read(p []byte) (int, error) {
	if l.left <= 0 {
		// One byte more tells a file of exactly the limit from a longer one.
		var b [1]byte
		if n, _ := l.f.Read(b[:]); n == 0 {
			return 0, io.EOF
		}
		return 0, fmt.Errorf("data file %s is longer than the limit of %s", l.path, sizeString(l.limit))
	}
	if int64(len(p)) > l.left {
		p = p[:l.left]
	}
	n, err := l.f.Read(p)
	l.left -= int64(n)
	return n, err
}

func (l *limitedFile) Close() error { return l.f.Close() }

// ModelBytes implements graph.ModelMemory: the memory the samples take,
// one float64 per value of every sample, kept and at the peak while they
// are read (the samples as read, normalised or filtered copies and the
// values kept, about three times). Before the samples are read it
// estimates their number of values from the files' headers (the shape of
// an .npy file, the size of an image) or, for CSV and PGM files, from
// their size, without reading the data; for more than maxProbed files it
// probes an even sample of them and scales up.
func (m *Data) ModelBytes(int) (kept, peak int64) {
	var values int64
	switch {
	case m.vals != nil:
		for _, v := range m.vals {
			values += int64(len(v))
		}
		return 8 * values, 8 * values
	case m.Samples != nil:
		for _, s := range m.Samples {
			values += int64(len(s.Data))
		}
	case m.Source != "":
		values = estimateValues(m.path(m.Source))
	}
	if m.Filter == "dog" {
		values *= 2 // on and off channels
	}
	return 8 * values, 3 * 8 * values
}

// maxProbed is the most files ModelBytes opens to estimate a source.
const maxProbed = 1000

// estimateValues estimates the number of sample values in source
// (0 if it cannot tell; reading the source reports the problem).
func estimateValues(source string) int64 {
	files, _, _, err := sampleFiles(source)
	if err != nil || len(files) == 0 {
		return 0
	}
	step := max(1, len(files)/maxProbed)
	var values, probed int64
	for i := 0; i < len(files); i += step {
		values += fileValues(files[i])
		probed++
	}
	return values * int64(len(files)) / probed
}

// fileValues estimates the values of one sample file from its header or
// its size.
func fileValues(path string) int64 {
	info, err := os.Stat(path)
	if err != nil || !info.Mode().IsRegular() {
		return 0
	}
	switch strings.ToLower(filepath.Ext(path)) {
	case ".npy":
		shape, err := npy.ReadShape(path)
		if err != nil {
			return 0
		}
		n := int64(1)
		for _, d := range shape {
			n *= int64(d)
		}
		return n
	case ".csv":
		return info.Size() / 2 // at least "0," per value
	case ".pgm":
		return info.Size() // at least a byte per pixel
	}
	f, err := os.Open(path)
	if err != nil {
		return 0
	}
	defer f.Close()
	cfg, _, err := image.DecodeConfig(bufio.NewReader(f))
	if err != nil {
		return 0
	}
	return int64(cfg.Width) * int64(cfg.Height)
}

// sizeString renders a limit: "256 MiB", or "6 bytes".
func sizeString(b int64) string {
	if b >= 1<<20 && b%(1<<20) == 0 {
		return fmt.Sprintf("%d MiB", b>>20)
	}
	return fmt.Sprintf("%d bytes", b)
}
