//go:build !linux

package atomicfs

// exchange is not available here: Commit falls back to two renames.
func exchange(a, b string) error { return errNoExchange }
