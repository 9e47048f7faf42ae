package cli

import (
	"bytes"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestColor checks that NO_COLOR (non-empty) and -no-color turn colour
// off on a character device, and that a non-terminal gets none.
func TestColor(t *testing.T) {
	dev, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	require.NoError(t, err)
	defer dev.Close()
	if !isTerminal(dev) {
		t.Skip(os.DevNull + " is not a character device here")
	}
	tests := []struct {
		name    string
		noColor string
		flag    bool
		want    bool
	}{
		{"default", "", false, true},
		{"NO_COLOR", "1", false, false},
		{"-no-color", "", true, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := &env{noColor: tc.flag, getenv: func(k string) string {
				if k == "NO_COLOR" {
					return tc.noColor
				}
				return ""
			}}
			assert.Equal(t, tc.want, e.color(dev))
			assert.False(t, e.color(new(bytes.Buffer)), "not a terminal")
		})
	}
}
