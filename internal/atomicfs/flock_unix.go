//go:build unix

package atomicfs

import (
	"errors"
	"os"

	"golang.org/x/sys/unix"
)

// flock takes an exclusive, non-blocking flock on f, returning ErrLocked
// if another open file description holds it.
func flock(f *os.File) error {
	for {
		err := unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB)
		switch {
		case err == nil:
			return nil
		case errors.Is(err, unix.EINTR):
			continue
		case errors.Is(err, unix.EWOULDBLOCK):
			return ErrLocked
		}
		return err
	}
}
