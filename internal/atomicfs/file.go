package atomicfs

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// tempInfix is in the name of every temporary file WriteFile makes:
// ".BASE.tmp-RANDOM".
const tempInfix = ".tmp-"

// WriteFile writes the file path through write, so that path either keeps
// its old content or has the complete new one: the data goes to a
// temporary file in the same directory (named .BASE.tmp-*), which is
// buffered, synced and then renamed to path with the permissions perm. A
// failed write removes the temporary file and leaves path as it was.
func WriteFile(path string, perm os.FileMode, write func(w io.Writer) error) (err error) {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+tempInfix+"*")
	if err != nil {
		return err
	}
	ok := false
	defer func() {
		if !ok { // an error, or a panic in write
			f.Close()
			os.Remove(f.Name())
		}
	}()
	bw := bufio.NewWriterSize(f, 1<<16)
	if err = write(bw); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err = bw.Flush(); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err = f.Chmod(perm); err != nil {
		return err
	}
	if err = f.Sync(); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err = f.Close(); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err = os.Rename(f.Name(), path); err != nil {
		return err
	}
	ok = true
	return nil
}

// IsTemp reports whether name (a base name) is that of a temporary file
// of WriteFile.
func IsTemp(name string) bool {
	return strings.HasPrefix(name, ".") && strings.Contains(name, tempInfix)
}
