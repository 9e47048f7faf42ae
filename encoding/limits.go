package encoding

import (
	"fmt"
	"io"
	"os"
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

// ModelBytes returns the memory the samples take once read (0 before):
// one float64 per value of every sample. It implements graph.ModelMemory.
func (m *Data) ModelBytes(int) int64 {
	var n int64
	for _, v := range m.vals {
		n += int64(len(v))
	}
	return 8 * n
}

// sizeString renders a limit: "256 MiB", or "6 bytes".
func sizeString(b int64) string {
	if b >= 1<<20 && b%(1<<20) == 0 {
		return fmt.Sprintf("%d MiB", b>>20)
	}
	return fmt.Sprintf("%d bytes", b)
}
