//go:build !unix

package atomicfs

import "os"

// flock is a no-op where flock(2) does not exist: concurrent runs are not
// detected there.
func flock(*os.File) error { return nil }
