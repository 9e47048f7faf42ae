package kinds

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type thing string

func (t thing) Kind() string { return string(t) }

func TestMap(t *testing.T) {
	var m Map[thing]
	_, ok := m.New("a")
	assert.False(t, ok, "the zero Map is empty")
	assert.Empty(t, m.Kinds())
	require.NoError(t, m.Register("test: thing", func() thing { return "b" }))
	require.NoError(t, m.Register("test: thing", func() thing { return "a" }))
	assert.EqualError(t, m.Register("test: thing", func() thing { return "a" }), `test: thing "a" registered twice`)
	assert.EqualError(t, m.Register("test: thing", func() thing { return "" }), "test: thing with an empty kind")
	assert.Equal(t, []string{"a", "b"}, m.Kinds())
	x, ok := m.New("b")
	assert.True(t, ok)
	assert.Equal(t, thing("b"), x)
}
