package cli

import (
	"bytes"
	"io"
	"math"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/synapticflow/synapticflow-go/monitors"
)

// TestColor checks that NO_COLOR (non-empty) and -no-color turn colour
// off on a terminal, and that a non-terminal gets none.
func TestColor(t *testing.T) {
	tty := new(bytes.Buffer) // stands for a terminal
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
			}, isTerm: func(w io.Writer) bool { return w == tty }}
			assert.Equal(t, tc.want, e.color(tty))
			assert.False(t, e.color(new(bytes.Buffer)), "not a terminal")
		})
	}
}

// TestIsTerminal checks that neither /dev/null (a character device that
// is no terminal) nor a buffer count as terminals.
func TestIsTerminal(t *testing.T) {
	dev, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	require.NoError(t, err)
	defer dev.Close()
	assert.False(t, isTerminal(dev))
	assert.False(t, isTerminal(new(bytes.Buffer)))
}

// TestTextProgress checks the lines of progress written when stderr is
// not a terminal: one every tenth of the run but not more often than
// every 10 s of wall time, with speed, elapsed and ETA, and a last line
// at the end; and none at all for a short run.
func TestTextProgress(t *testing.T) {
	var b bytes.Buffer
	p := newTextProgress(&b, 0.1)
	clock := p.start
	p.now = func() time.Time { return clock }
	// 1000 steps of 0.1 ms; each step takes 1 s of wall time.
	for done := 1; done <= 1000; done++ {
		clock = p.start.Add(time.Duration(done) * time.Second)
		p.update(done, 1000)
	}
	lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
	require.Len(t, lines, 10, b.String())
	// 10 ms of 100 ms after 100 s: 1e-4 x real time, 900 s to go.
	assert.Equal(t, "progress: 10 / 100 ms (10%), 0.0001x real time, elapsed 1m40s, ETA 15m00s", lines[0])
	assert.Equal(t, "progress: 50 / 100 ms (50%), 0.0001x real time, elapsed 8m20s, ETA 8m20s", lines[4])
	assert.Equal(t, "progress: 100 / 100 ms (100%), 0.0001x real time, elapsed 16m40s", lines[9])

	// Fast steps: 10 s of wall time between lines, not every tenth.
	b.Reset()
	p = newTextProgress(&b, 1)
	clock = p.start
	p.now = func() time.Time { return clock }
	for done := 1; done <= 100; done++ {
		clock = p.start.Add(time.Duration(done) * time.Second / 4) // 25 s in all
		p.update(done, 100)
	}
	lines = strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
	require.Len(t, lines, 3, b.String())
	assert.True(t, strings.HasPrefix(lines[0], "progress: 40 / 100 ms (40%)"), lines[0])
	assert.True(t, strings.HasPrefix(lines[1], "progress: 80 / 100 ms (80%)"), lines[1])
	assert.True(t, strings.HasPrefix(lines[2], "progress: 100 / 100 ms (100%)"), lines[2])

	// A run stopped early (interrupted) says where it stopped.
	b.Reset()
	p = newTextProgress(&b, 1)
	clock = p.start
	p.now = func() time.Time { return clock }
	for done := 1; done <= 55; done++ {
		clock = p.start.Add(time.Duration(done) * time.Second)
		p.update(done, 100)
	}
	p.finish()
	lines = strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
	require.Len(t, lines, 6, b.String())
	assert.True(t, strings.HasPrefix(lines[5], "progress: 55 / 100 ms (55%)"), lines[5])

	// A run shorter than 10 s writes nothing.
	b.Reset()
	p = newTextProgress(&b, 1)
	clock = p.start
	p.now = func() time.Time { return clock }
	for done := 1; done <= 100; done++ {
		clock = p.start.Add(time.Duration(done) * 50 * time.Millisecond)
		p.update(done, 100)
	}
	p.finish()
	assert.Empty(t, b.String())
}

func TestWallTime(t *testing.T) {
	for d, want := range map[time.Duration]string{
		300 * time.Millisecond:       "0.3s",
		12 * time.Second:             "12s",
		185 * time.Second:            "3m05s",
		2*time.Hour + 61*time.Second: "2h01m",
	} {
		assert.Equal(t, want, wallTime(d))
	}
}

// TestSpikeStatistics checks the statistics of three small spike trains
// over 400 ms against values computed by hand:
//
//	neuron 0: 10, 20, 40 ms    ISIs 10, 20: CV 5/15; window counts 3,0,0,0: Fano 1.6875/0.75
//	neuron 1: 10, 110, 210, 310 ISIs 100 x 3: CV 0; counts 1,1,1,1: Fano 0
//	neuron 2: silent
func TestSpikeStatistics(t *testing.T) {
	spikes := []monitors.Spike{{Time: 10, Neuron: 0}, {Time: 10, Neuron: 1}, {Time: 20, Neuron: 0}, {Time: 40, Neuron: 0},
		{Time: 110, Neuron: 1}, {Time: 210, Neuron: 1}, {Time: 310, Neuron: 1}}
	each := func(yield func(monitors.Spike) bool) error {
		for _, s := range spikes {
			if !yield(s) {
				break
			}
		}
		return nil
	}
	st, err := spikeStatistics("m", each, nil, 3, 400, 1)
	require.NoError(t, err)
	assert.Equal(t, 3, st.Neurons)
	assert.Equal(t, []int{3, 4, 0}, st.counts)
	// Rates 7.5, 10, 0 Hz.
	assert.InDelta(t, 17.5/3, st.RateMeanHz, 1e-12)
	assert.InDelta(t, math.Sqrt((7.5*7.5+100)/3-(17.5/3)*(17.5/3)), st.RateStdHz, 1e-12)
	assert.InDelta(t, 1.0/3, st.SilentFraction, 1e-12)
	require.NotNil(t, st.ISICV)
	assert.InDelta(t, (1.0/3+0)/2, *st.ISICV, 1e-12)
	assert.Equal(t, 2, st.ISICVNeurons)
	require.NotNil(t, st.Fano)
	assert.InDelta(t, (1.6875/0.75+0)/2, *st.Fano, 1e-12)
	// Bins of 1 ms: neuron i's count is 1 in count_i of the 400 bins;
	// the population mean is 2/3 in bin 10 and 1/3 in 5 others.
	varI := func(c float64) float64 { return c/400 - (c/400)*(c/400) }
	neuronVar := (varI(3) + varI(4) + 0) / 3
	popVar := (4.0/9+5.0/9)/400 - (7.0/3/400)*(7.0/3/400)
	require.NotNil(t, st.Chi)
	assert.InDelta(t, math.Sqrt(popVar/neuronVar), *st.Chi, 1e-12)

	// Perfect synchrony: chi = 1; the indices subset is what is described.
	sync := []monitors.Spike{{Time: 5, Neuron: 1}, {Time: 5, Neuron: 3}, {Time: 50, Neuron: 1}, {Time: 50, Neuron: 3}}
	st, err = spikeStatistics("m", func(yield func(monitors.Spike) bool) error {
		for _, s := range sync {
			yield(s)
		}
		return nil
	}, []int{1, 3}, 5, 100, 0.5)
	require.NoError(t, err)
	assert.Equal(t, 2, st.Neurons)
	assert.Equal(t, 1.0, st.ChiBinMs, "two steps of 0.5 ms")
	require.NotNil(t, st.Chi)
	assert.InDelta(t, 1, *st.Chi, 1e-12)
	assert.Nil(t, st.ISICV, "one ISI is not enough")
	assert.Nil(t, st.Fano, "one window is not enough")
	assert.Zero(t, st.SilentFraction)

	// A very long run gets wider bins, not unbounded memory.
	st, err = spikeStatistics("m", each, nil, 3, 1e9, 0.1)
	require.NoError(t, err)
	assert.LessOrEqual(t, 1e9/st.ChiBinMs, float64(maxChiBins))
	assert.InDelta(t, 0, math.Remainder(st.ChiBinMs, 0.1), 1e-6, "a whole number of steps")
}
