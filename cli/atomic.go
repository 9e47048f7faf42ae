package cli

import (
	"io"
	"os"

	"github.com/synapticflow/synapticflow-go/internal/atomicfs"
)

// writeFileAtomic writes the file path through write, so that path either
// keeps its old content or has the complete new one (atomicfs.WriteFile:
// temporary file beside it, sync, rename).
func writeFileAtomic(path string, perm os.FileMode, write func(w io.Writer) error) error {
	return atomicfs.WriteFile(path, perm, write)
}
