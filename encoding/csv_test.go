package encoding_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/synapticflow/synapticflow-go/encoding"
)

func TestReadCSV(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		name, text string
		rows, cols int
		data       []float64
		err        string
	}{
		{"table", "a,b\n1, 2\n# comment\n3,4\n", 2, 2, []float64{1, 2, 3, 4}, ""},
		{"header only", "a,b\n", 0, 0, nil, ""},
		{"empty", "", 0, 0, nil, ""},
		{"ragged", "1,2\n3\n", 0, 0, nil, ": record on line 2: wrong number of fields"},
		{"not a number", "1,2\n3,x\n", 0, 0, nil, `:2: column 2: "x" is not a number`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(dir, tc.name+".csv")
			require.NoError(t, os.WriteFile(path, []byte(tc.text), 0o644))
			rows, cols, data, err := encoding.ReadCSV(path)
			if tc.err != "" {
				assert.EqualError(t, err, path+tc.err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.rows, rows)
			assert.Equal(t, tc.cols, cols)
			assert.Equal(t, tc.data, data)
		})
	}
}
