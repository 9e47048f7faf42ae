package dsl_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/synapticflow/synapticflow-go/dsl"
)

func TestSourceFiles(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"b.hcl", "a.hcl", "notes.txt"} {
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), nil, 0o644))
	}
	files, err := dsl.SourceFiles(dir, false)
	require.NoError(t, err)
	assert.Equal(t, []string{filepath.Join(dir, "a.hcl"), filepath.Join(dir, "b.hcl")}, files, "the .hcl files in name order")

	one := filepath.Join(dir, "notes.txt")
	files, err = dsl.SourceFiles(one, false)
	require.NoError(t, err)
	assert.Equal(t, []string{one}, files, "a file is itself, whatever its extension")

	empty := t.TempDir()
	_, err = dsl.SourceFiles(empty, false)
	assert.EqualError(t, err, "directory "+empty+" holds no .hcl files")
	_, err = dsl.SourceFiles(filepath.Join(dir, "missing"), false)
	assert.ErrorIs(t, err, os.ErrNotExist)
}
