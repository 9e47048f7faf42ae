package checkpoint_test

import (
	"bytes"
	"io"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/synapticflow/synapticflow-go/checkpoint"
)

type inner struct {
	C  []float64
	at []int
}

type comp struct {
	Tau    float64 `param:"tau"`
	v      []float64
	n      int
	flags  []bool
	grid   [][]float64
	in     inner
	counts [3]int64
	fn     func()
	peer   *comp
	kind   string
}

func TestSaveLoadWalksFields(t *testing.T) {
	a := &comp{Tau: 5, v: []float64{1, -0.0, 3}, n: 7, flags: []bool{true, false}, grid: [][]float64{{1}, {2, 3}},
		in: inner{C: []float64{4}, at: []int{-1, 9}}, counts: [3]int64{1, 2, 3}, kind: "x"}
	var e checkpoint.Encoder
	require.NoError(t, checkpoint.Save(&e, a))
	shared := make([]float64, 3)
	b := &comp{Tau: 6, v: shared, kind: "y"}
	d := checkpoint.NewDecoder("c", e.Bytes())
	require.NoError(t, checkpoint.Load(d, b))
	require.NoError(t, d.Done())
	require.Equal(t, 6.0, b.Tau, "parameters are not saved")
	require.Equal(t, "y", b.kind, "strings are not saved")
	require.Equal(t, a.v, b.v)
	require.Same(t, &shared[0], &b.v[0], "a slice of the saved length is filled in place")
	require.Equal(t, a.n, b.n)
	require.Equal(t, a.flags, b.flags)
	require.Equal(t, a.grid, b.grid)
	require.Equal(t, a.in, b.in)
	require.Equal(t, a.counts, b.counts)
}

func TestFieldsListsWhatSaveSkips(t *testing.T) {
	require.Equal(t, []string{"comp.fn", "comp.peer"}, checkpoint.Fields(&comp{}))
}

func TestDecoderRefusesBadLengths(t *testing.T) {
	var e checkpoint.Encoder
	e.Int(1 << 40) // a length far beyond the payload
	d := checkpoint.NewDecoder("sec", e.Bytes())
	d.Floats(nil)
	require.ErrorContains(t, d.Err(), `checkpoint section "sec": bad length`)

	e = checkpoint.Encoder{}
	e.Floats([]float64{1, 2})
	d = checkpoint.NewDecoder("sec", e.Bytes())
	d.FloatsExact(make([]float64, 3), "v")
	require.ErrorContains(t, d.Err(), "v has 2 values in the checkpoint and 3 in the network")

	d = checkpoint.NewDecoder("sec", append(e.Bytes(), 0))
	d.Floats(nil)
	require.ErrorContains(t, d.Done(), "1 bytes left over")
}

func TestFileRoundTripAndDamage(t *testing.T) {
	f := &checkpoint.File{Fingerprint: [32]byte{1, 2}, Sections: []checkpoint.Section{{Name: "a", Data: []byte("hello")}, {Name: "b/c"}, {Name: "d", Data: []byte{9}}}}
	var buf bytes.Buffer
	require.NoError(t, f.Write(&buf))
	g, err := checkpoint.Read(bytes.NewReader(buf.Bytes()))
	require.NoError(t, err)
	require.Equal(t, f.Fingerprint, g.Fingerprint)
	require.Len(t, g.Sections, 3)
	data, ok := g.Section("a")
	require.True(t, ok)
	require.Equal(t, "hello", string(data))

	for i := range buf.Len() {
		bad := bytes.Clone(buf.Bytes())
		bad[i] ^= 1
		var r io.Reader = bytes.NewReader(bad) // a size known in advance
		if i%2 == 1 {
			r = struct{ io.Reader }{r} // and not
		}
		_, err := checkpoint.Read(r)
		require.Error(t, err, "flipped byte %d", i)
	}
	bad := bytes.Clone(buf.Bytes())
	bad[len(bad)-1] ^= 1 // in section d's payload
	_, err = checkpoint.Read(bytes.NewReader(bad))
	require.ErrorIs(t, err, checkpoint.ErrCorrupt)
	require.ErrorContains(t, err, `section "d" (number 3, after "b/c"): checksum mismatch`)
	_, err = checkpoint.Read(bytes.NewReader([]byte("not a checkpoint at all, but long enough to have a header")))
	require.ErrorContains(t, err, "not a checkpoint file")
}

func TestFingerprintParams(t *testing.T) {
	sum := func(v any) [32]byte {
		f := checkpoint.NewFingerprint()
		f.Params(v)
		return f.Sum()
	}
	a, b := &comp{Tau: 5, n: 1}, &comp{Tau: 5, n: 2}
	require.Equal(t, sum(a), sum(b), "state is not part of the fingerprint")
	b.Tau = 5.5
	require.NotEqual(t, sum(a), sum(b), "parameters are")
}

type hidden struct {
	Rates []float64 `param:"rates"`
}

type withHidden struct {
	hidden     // unexported: its fields cannot be read through Interface
	N      int `param:"n"`
}

func TestFingerprintUnexportedEmbedded(t *testing.T) {
	f := checkpoint.NewFingerprint()
	f.Params(&withHidden{hidden: hidden{Rates: []float64{1, 2}}, N: 3})
	g := checkpoint.NewFingerprint()
	g.Params(&withHidden{hidden: hidden{Rates: []float64{1, 2.5}}, N: 3})
	require.NotEqual(t, f.Sum(), g.Sum())
}

// TestWriterStreamsLargeSections: a section of many megabytes, in
// chunks (slices sent from their memory, small values buffered), reads
// back whole, from a file-like reader and a plain one.
func TestWriterStreamsLargeSections(t *testing.T) {
	big := make([]float64, 3<<18) // 6 MiB
	for i := range big {
		big[i] = float64(i) * 0.5
	}
	small := make([]int, 200000) // 1.6 MB of single values
	var buf bytes.Buffer
	w, err := checkpoint.NewWriter(&buf, [32]byte{7}, 2)
	require.NoError(t, err)
	require.NoError(t, w.Section("big", func(e *checkpoint.Encoder) error {
		e.Floats(big)
		for i := range small {
			e.Int(i)
		}
		e.Bools([]bool{true, false, true})
		e.String("end")
		return nil
	}))
	require.NoError(t, w.Section("empty", func(*checkpoint.Encoder) error { return nil }))
	require.NoError(t, w.Close())
	for _, r := range []io.Reader{bytes.NewReader(buf.Bytes()), struct{ io.Reader }{bytes.NewReader(buf.Bytes())}} {
		f, err := checkpoint.Read(r)
		require.NoError(t, err)
		require.Equal(t, [32]byte{7}, f.Fingerprint)
		data, ok := f.Section("big")
		require.True(t, ok)
		d := checkpoint.NewDecoder("big", data)
		require.Equal(t, big, d.Floats(nil))
		for i := range small {
			require.Equal(t, i, d.Int())
		}
		require.Equal(t, []bool{true, false, true}, d.Bools(nil))
		require.Equal(t, "end", d.String())
		require.NoError(t, d.Done())
	}
	bad := bytes.Clone(buf.Bytes())
	bad[len(bad)/2] ^= 4
	_, err = checkpoint.Read(bytes.NewReader(bad))
	require.ErrorContains(t, err, `section "big" (number 1, after "header"): checksum mismatch`)

	w, err = checkpoint.NewWriter(io.Discard, [32]byte{}, 2)
	require.NoError(t, err)
	require.NoError(t, w.Section("one", func(*checkpoint.Encoder) error { return nil }))
	require.ErrorContains(t, w.Close(), "1 sections announced were not written")
}
