// Package atomicfs writes files and whole directories so that a reader
// never sees them half-written, whatever happens to the writing process
// (a crash, SIGKILL, a full disk).
//
// WriteFile writes one file: into a temporary file beside it, synced, then
// renamed over it, so the path holds either its old content or the whole
// new one.
//
// A Stage replaces a whole directory: the new content is written into a
// staging directory beside the target (same parent, so same file system),
// and Commit swaps it with the target in one step. On Linux the swap is
// renameat2(RENAME_EXCHANGE), which exchanges two directories atomically:
// at every moment the target path names either the complete old directory
// or the complete new one. Where the exchange is not available (another
// system, a file system without it) Commit renames the target aside and
// the staging directory into its place; a crash between those two renames
// leaves the target missing and the old directory beside it, and the next
// Lock / Cleanup renames it back. Leftovers of interrupted runs (staging
// and old directories) are removed by Cleanup, which NewStage calls.
//
// Lock takes an exclusive advisory lock (flock) on a lock file beside the
// target, so that two processes never stage into the same directory at
// once; the kernel releases it when the process dies.
//
// The names beside a target directory PARENT/NAME are:
//
//	PARENT/.NAME.lock          the lock file (kept: removing it would race)
//	PARENT/.NAME.staging-*     a staging directory (a leftover if no one holds the lock)
//	PARENT/.NAME.old-*         the previous content during a fallback swap
package atomicfs
