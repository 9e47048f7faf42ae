package cli

import (
	"bytes"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

// TestProgressShowsSample checks that the progress line ends with the
// status of the last step simulated (the data sample being presented).
func TestProgressShowsSample(t *testing.T) {
	var b bytes.Buffer
	p := newProgress(&b, 1)
	p.status = func(step int) string { return fmt.Sprintf("sample of step %d", step) }
	p.draw(5, 10, time.Second)
	assert.Contains(t, b.String(), "sample of step 4\x1b[K")
}
