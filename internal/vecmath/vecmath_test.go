package vecmath

import (
	"bufio"
	"math"
	"math/rand/v2"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// ulps returns the distance between a and b in units in the last place:
// the number of float64 values between them (0 if equal, both NaN, or
// both zero).
func ulps(a, b float64) uint64 {
	if math.IsNaN(a) && math.IsNaN(b) || a == b {
		return 0
	}
	if math.IsNaN(a) || math.IsNaN(b) {
		return math.MaxUint64
	}
	key := func(x float64) int64 { // monotone in x
		i := int64(math.Float64bits(x))
		if i < 0 {
			i = math.MinInt64 - i
		}
		return i
	}
	d := key(a) - key(b)
	if d < 0 {
		d = -d
	}
	return uint64(d)
}

// sameBits reports whether a and b are the same float64, any NaN being
// the same as any other.
func sameBits(a, b float64) bool {
	return math.Float64bits(a) == math.Float64bits(b) || math.IsNaN(a) && math.IsNaN(b)
}

func TestExp1SpecialCases(t *testing.T) {
	tests := []struct{ x, want float64 }{
		{0, 1},
		{math.Copysign(0, -1), 1},
		{1, math.E},
		{math.Inf(1), math.Inf(1)},
		{math.Inf(-1), 0},
		{math.NaN(), math.NaN()},
		{709.782712893384, 1.7976931348622732e+308}, // near the largest finite result (math.Exp on amd64: +Inf above 709.43)
		{709.79, math.Inf(1)},
		{710, math.Inf(1)},
		{1e300, math.Inf(1)},
		{-745.1332191019411, math.Exp(-745.1332191019411)}, // the smallest subnormal
		{-745.14, 0},
		{-746, 0},
		{-1e300, 0},
		{1e-300, 1},
		{-1e-300, 1},
		{-708.5, math.Exp(-708.5)}, // a subnormal result
	}
	for _, tt := range tests {
		got := Exp1(tt.x)
		assert.True(t, sameBits(tt.want, got), "Exp1(%v) = %v, want %v", tt.x, got, tt.want)
	}
}

// expInputs returns arguments over the whole range of exp: uniform over
// [-750, 712], dense near 0, at the edges of the subnormal and overflow
// ranges, and at multiples of ln(2)/2 (the edges of the reduction).
func expInputs(n int) []float64 {
	r := rand.New(rand.NewPCG(1, 2))
	var xs []float64
	for range n {
		xs = append(xs, -750+1462*r.Float64())
		xs = append(xs, (r.Float64()*2-1)*math.Pow(10, -20*r.Float64()))
		xs = append(xs, -745.2+37*r.Float64()) // subnormal results
		xs = append(xs, 709.0+0.8*r.Float64()) // near overflow
		xs = append(xs, (r.Float64()*2-1)*20)  // the range of rate functions
		k := float64(r.IntN(2000) - 1000)
		xs = append(xs, k*math.Ln2/2, math.Nextafter(k*math.Ln2/2, math.Inf(1)))
	}
	return xs
}

// TestExp1Accuracy bounds Exp1's distance from math.Exp over the whole
// range where math.Exp is right (on amd64 it overflows from 709.43 on).
func TestExp1Accuracy(t *testing.T) {
	n := 200000
	if testing.Short() {
		n = 20000
	}
	var worst uint64
	var at float64
	for _, x := range expInputs(n) {
		if x > 709.43 {
			continue
		}
		if d := ulps(Exp1(x), math.Exp(x)); d > worst {
			worst, at = d, x
		}
	}
	t.Logf("Exp1: at most %d ulp from math.Exp (at x = %v)", worst, at)
	assert.LessOrEqual(t, worst, uint64(2), "at x = %v", at)
}

// TestAccuracyReference bounds the error of Exp1 and Exprel1 against
// correctly rounded values (testdata/exp_ref.txt, made by mkref.py with
// mpmath), including the subnormal and near-overflow ranges.
func TestAccuracyReference(t *testing.T) {
	f, err := os.Open("testdata/exp_ref.txt")
	require.NoError(t, err)
	defer f.Close()
	sc := bufio.NewScanner(f)
	var worstExp, worstIn, worstOut uint64
	lines := 0
	for sc.Scan() {
		var v [3]float64
		for i, h := range strings.Fields(sc.Text()) {
			b, err := strconv.ParseUint(h, 16, 64)
			require.NoError(t, err)
			v[i] = math.Float64frombits(b)
		}
		x := v[0]
		worstExp = max(worstExp, ulps(Exp1(x), v[1]))
		if math.Abs(x) <= 0.5 {
			worstIn = max(worstIn, ulps(Exprel1(x), v[2]))
		} else if !math.IsInf(v[1], 1) {
			worstOut = max(worstOut, ulps(Exprel1(x), v[2]))
		}
		lines++
	}
	require.NoError(t, sc.Err())
	require.Greater(t, lines, 2500)
	t.Logf("error in ulp: Exp1 %d; Exprel1 %d for |x| <= 0.5, %d elsewhere", worstExp, worstIn, worstOut)
	assert.LessOrEqual(t, worstExp, uint64(1), "Exp1")
	assert.LessOrEqual(t, worstIn, uint64(1), "Exprel1, |x| <= 0.5")
	assert.LessOrEqual(t, worstOut, uint64(2), "Exprel1, |x| > 0.5")
}

func TestExprel1Special(t *testing.T) {
	for _, tt := range []struct{ x, want float64 }{
		{0, 1}, {math.Copysign(0, -1), 1}, {math.Inf(-1), 0}, {math.Inf(1), math.NaN()}, {math.NaN(), math.NaN()},
		{1e-300, 1}, {-1000, 1e-3},
	} {
		assert.True(t, sameBits(tt.want, Exprel1(tt.x)), "Exprel1(%v) = %v, want %v", tt.x, Exprel1(tt.x), tt.want)
	}
}

func TestExpEuler1(t *testing.T) {
	tests := []struct{ x, a, b, dt, want float64 }{
		{1, 0, 2, 0.1, 1 + 2*0.1},                                 // a = 0: Euler
		{1, math.Copysign(0, -1), 2, 0.1, 1 + 2*0.1},              // a = -0
		{1, -2, 0, 0.1, 1 * Exp1(-0.2)},                           // pure decay
		{-65, -0.5, -30, 0.1, float64((-65+60)*Exp1(-0.05)) - 60}, // to the fixed point -b/a
		{3, -1e-300, 1, 1e-300, 3 + 1e-300},                       // h underflows to 0
		{math.NaN(), -1, 0, 0.1, math.NaN()},
	}
	for _, tt := range tests {
		got := ExpEuler1(tt.x, tt.a, tt.b, tt.dt)
		assert.True(t, sameBits(tt.want, got), "ExpEuler1(%v, %v, %v, %v) = %v, want %v", tt.x, tt.a, tt.b, tt.dt, got, tt.want)
	}
}

// specials are inputs every kernel test includes.
var specials = []float64{0, math.Copysign(0, -1), math.Inf(1), math.Inf(-1), math.NaN(), 1e-310, -1e-310,
	0.5, -0.5, math.Nextafter(0.5, 1), math.Nextafter(-0.5, -1), 709.78, 710, -745.13, -746, 1e300, -1e300}

// TestKernelsMatchReference checks that the slice functions give the
// reference's bits for every element, for lengths around the vector width
// and inputs that include every special case, with every kernel set this
// CPU runs (AVX-512, AVX2, none).
func TestKernelsMatchReference(t *testing.T) {
	t.Logf("kernel sets: %v (best %s)", setNames(), Path())
	for _, ks := range sets() {
		t.Run(ks.name, func(t *testing.T) { testKernels(t, ks) })
	}
}

func setNames() []string {
	var s []string
	for _, ks := range sets() {
		s = append(s, ks.name)
	}
	return s
}

func testKernels(t *testing.T, ks *kernelSet) {
	// The edges of the scaling: the deepest subnormal results (k = -1076,
	// -1075), the first subnormal ones (k near -1022) and overflow.
	var edges []float64
	for _, lo := range []float64{-746, -709, 709.3} {
		for i := range 20000 {
			edges = append(edges, lo+float64(i)*1e-4)
		}
	}
	got := make([]float64, len(edges))
	expWith(ks, got, edges)
	for i, x := range edges {
		require.True(t, sameBits(Exp1(x), got[i]), "Exp(%v) = %v, want %v", x, got[i], Exp1(x))
	}
	r := rand.New(rand.NewPCG(5, 6))
	all := expInputs(2000)
	draw := func(n int) []float64 {
		v := make([]float64, n)
		for i := range v {
			switch r.IntN(4) {
			case 0:
				v[i] = specials[r.IntN(len(specials))]
			case 1:
				v[i] = (r.Float64()*2 - 1) * 0.6
			default:
				v[i] = all[r.IntN(len(all))]
			}
		}
		return v
	}
	for n := 0; n <= 70; n++ {
		for rep := range 20 {
			src, a, b := draw(n), draw(n), draw(n)
			if rep%5 == 4 { // every lane in exprel's series range
				for i := range src {
					src[i] = (r.Float64()*2 - 1) * 0.5
				}
			}
			if rep%2 == 0 && n > 0 {
				a[r.IntN(n)] = 0 // the Euler lanes
			}
			dt := []float64{0.1, 0.01, 1}[rep%3]
			got := make([]float64, n)
			expWith(ks, got, src)
			for i := range n {
				require.True(t, sameBits(Exp1(src[i]), got[i]), "Exp(%v) = %v, want %v", src[i], got[i], Exp1(src[i]))
			}
			exprelWith(ks, got, src)
			for i := range n {
				require.True(t, sameBits(Exprel1(src[i]), got[i]), "Exprel(%v) = %v, want %v", src[i], got[i], Exprel1(src[i]))
			}
			// Scale a to make exp(a*dt) finite most of the time.
			for i := range a {
				a[i] = math.Mod(a[i], 50)
			}
			expEulerWith(ks, got, src, a, b, dt)
			for i := range n {
				want := ExpEuler1(src[i], a[i], b[i], dt)
				require.True(t, sameBits(want, got[i]), "ExpEuler(%v, %v, %v, %v) = %v, want %v", src[i], a[i], b[i], dt, got[i], want)
			}
			// In place.
			in := append([]float64(nil), src...)
			expWith(ks, in, in)
			for i := range n {
				require.True(t, sameBits(Exp1(src[i]), in[i]))
			}
		}
	}
}

func BenchmarkExp(b *testing.B) {
	src, dst := make([]float64, 256), make([]float64, 256)
	for i := range src {
		src[i] = float64(i)/16 - 8
	}
	b.Run("math.Exp", func(b *testing.B) {
		for b.Loop() {
			for i, x := range src {
				dst[i] = math.Exp(x)
			}
		}
	})
	b.Run("Exp1", func(b *testing.B) {
		for b.Loop() {
			expGeneric(dst, src)
		}
	})
	b.Run("Exp", func(b *testing.B) {
		for b.Loop() {
			Exp(dst, src)
		}
	})
	b.Run("Exprel", func(b *testing.B) {
		for b.Loop() {
			Exprel(dst, src)
		}
	})
	b.Run("ExpEuler", func(b *testing.B) {
		for b.Loop() {
			ExpEuler(dst, src, src, src, 0.1)
		}
	})
}

func TestAllFinite(t *testing.T) {
	for _, ks := range sets() {
		t.Run(ks.name, func(t *testing.T) { testAllFinite(t, ks) })
	}
}

func testAllFinite(t *testing.T, ks *kernelSet) {
	AllFinite := func(v []float64) bool { return allFiniteWith(ks, v) }
	for n := 0; n <= 40; n++ {
		v := make([]float64, n)
		for i := range v {
			v[i] = float64(i) - 20.5
		}
		assert.True(t, AllFinite(v), "n %d", n)
		for i := range n {
			for _, bad := range []float64{math.NaN(), math.Inf(1), math.Inf(-1)} {
				old := v[i]
				v[i] = bad
				assert.False(t, AllFinite(v), "n %d, %v at %d", n, bad, i)
				v[i] = old
			}
		}
	}
	assert.True(t, AllFinite([]float64{math.MaxFloat64, -math.MaxFloat64, 5e-324, 0, math.Copysign(0, -1)}))
}

// TestTables checks that the coefficients written out in Exp1 and Exprel1
// and in the kernels' table are those of expC and exprelC (1/n!): the
// kernels' are checked through TestKernelsMatchReference, these directly.
func TestTables(t *testing.T) {
	f := 1.0
	for n := 0; n < len(expC); n++ {
		if n > 0 {
			f *= float64(n)
		}
		if expC[n] != 1/f {
			t.Errorf("expC[%d] = %v, want 1/%v", n, expC[n], f)
		}
	}
	// Exp1 at small r is dominated by the low terms; a value computed
	// from the table must equal Exp1's for r = x (k = 0).
	for _, x := range []float64{0.3, -0.3, 0.1, 1e-3, -0.2} {
		p := expC[13]
		for i := 12; i >= 0; i-- {
			p = math.FMA(p, x, expC[i])
		}
		if p != Exp1(x) {
			t.Errorf("Exp1(%v) = %v, the table gives %v", x, Exp1(x), p)
		}
		q := exprelC[15]
		for i := 14; i >= 0; i-- {
			q = math.FMA(q, x, exprelC[i])
		}
		if q != Exprel1(x) {
			t.Errorf("Exprel1(%v) = %v, the table gives %v", x, Exprel1(x), q)
		}
	}
}
