package atomicfs

import (
	"errors"

	"golang.org/x/sys/unix"
)

// exchange swaps the directories a and b atomically with
// renameat2(RENAME_EXCHANGE) (Linux 3.15 and later). It returns
// errNoExchange if the kernel or the file system cannot.
func exchange(a, b string) error {
	err := unix.Renameat2(unix.AT_FDCWD, a, unix.AT_FDCWD, b, unix.RENAME_EXCHANGE)
	switch {
	case err == nil:
		return nil
	case errors.Is(err, unix.ENOSYS), errors.Is(err, unix.EINVAL), errors.Is(err, unix.EOPNOTSUPP):
		return errNoExchange
	}
	return &pathError2{op: "exchange", a: a, b: b, err: err}
}
