// Package equations defines neuron models by equations written in Brian2's
// syntax, checks their units at load time and integrates them without code
// generation, at close to the speed of hand-written Go models.
//
//	d, err := equations.Compile(equations.Spec{
//		Name: "adex",
//		Equations: `
//			dv/dt = (-(v - E_L) + delta_T*exp((v - V_T)/delta_T) - R*w + R*I) / tau_m : mV (unless refractory)
//			dw/dt = (a*(v - E_L) - w) / tau_w : nA`,
//		Threshold:  "v > V_T + 5*delta_T",
//		Reset:      "v = V_r; w += b",
//		Refractory: "2 ms",
//		Params: map[string]string{"tau_m": "20 ms", "E_L": "-70 mV", ...},
//	})
//	m := d.New() // a neurons.Model
//
// # Units
//
// Every value is held in the engine's coherent units:
//
//	time         ms
//	potential    mV
//	current      nA     (mV/MOhm = 1e-3/1e6 A = 1e-9 A = nA)
//	conductance  uS     (nA/mV = 1e-9/1e-3 S = 1e-6 S; uS*mV = nA)
//	capacitance  nF     (nA*ms/mV = 1e-9*1e-3/1e-3 F = 1e-9 F; nF*mV/ms = nA)
//	resistance   MOhm   (mV/nA = 1e6 Ohm; MOhm*nF = 1e6*1e-9 s = ms; MOhm*uS = 1)
//	frequency    1/ms   (= kHz: "10 Hz" is 0.01 in engine units, "4/ms" is 4)
//	length       um     (area um^2; mass is then 1e-9 kg, which no user sees)
//
// They are coherent: the product or quotient of values in engine units is
// in the engine's unit of the result's dimension, so no conversion factor
// ever enters an equation. The one unit that differs from the rest of the
// project is frequency: a rate inside an equation is per ms, because rates
// multiply times in ms; a parameter given as "10 Hz" is converted.
//
// Units accept the prefixes p n u m k M G: s, V, A, S, F, Ohm (also ohm,
// MOhm, Mohm), Hz, and the long names second, volt, amp, siemens, farad,
// hertz, metre (msecond, mvolt, nA, namp, nS, usiemens, ...); lengths are
// m, cm, mm, um, nm. ParseQuantity reads "20 ms", "-70 mV", "0.5 nA", "10
// nS", "100 MOhm", "4/ms"; a plain number is in engine units.
//
// # Equations
//
// One per line: differential equations "dx/dt = expr : unit [(unless
// refractory)]", subexpressions "name = expr : unit" and parameters "name :
// unit [(constant)]"; # starts a comment. Parameters not declared in the
// equations take their dimension from their value in Spec.Params. The
// input I (Spec.Input) is the summed synaptic and stimulus input of the
// step, in nA unless the equations declare another unit ("I : mV").
// Expressions have + - * / ** (or ^), unary minus, parentheses, numbers,
// unit names (4*mV, 13*mV - v), the time t and step dt, comparisons, and,
// or, not, and the functions exp log log10 sqrt abs sin cos tan tanh sinh
// cosh arcsin arccos arctan floor ceil sign clip(x, lo, hi) heaviside(x)
// (1 where x > 0, else 0) exprel(x) ((exp(x)-1)/x, 1 at 0), rand() and
// randn() (one draw per neuron, step and call site), and white noise xi
// (or xi_1, xi_2, ...: independent) of dimension 1/sqrt(ms) in
// differential equations.
//
// Compile checks every term's dimension (an error names the term, its
// dimension and the one expected, at the term's offset in the string, so
// the network language can point at file:line:col), undefined names (with
// a suggestion), names defined twice, cycles among subexpressions,
// thresholds that are not conditions, reset statements, and the method.
//
// # Integration
//
// Method "exact" needs a system linear in the state variables with
// constant coefficients: dx/dt = A x + c(I, t). Its propagator is computed
// at Init from the matrix exponential of [[A, 1], [0, 0]]*dt, whose blocks
// are P = exp(A dt) and Q = the integral of exp(A s) for s in [0, dt]; the
// step is x' = P x + Q c with c taken at the start of the step. No inverse
// of A is needed, so singular systems and repeated eigenvalues (tau_m ==
// tau_s) are exact too. "exponential_euler" needs every equation linear in
// its own variable (dx/dt = A x + B with A, B depending on the others): x'
// = -B/A + (x + B/A)*exp(A dt), as Brian2. "euler", "rk2" (midpoint),
// "rk4" and "heun" are the explicit methods; with white noise "euler" is
// Euler-Maruyama (additive noise) and "heun" the stochastic Heun method
// (Stratonovich). "auto" picks exact, else exponential_euler, else rk4;
// with noise euler (additive) or heun.
//
// # Evaluator
//
// At Init the expressions are built into a DAG in which identical
// subexpressions are shared and everything that depends only on constants
// and on parameters shared by every neuron is folded to a number; the DAG
// is lowered to a register machine whose instructions each run over a
// block of 256 neurons (dispatch is paid once per block and instruction,
// and registers stay in the L1 cache). Per-neuron parameters are vectors,
// shared ones scalars. The instructions run eight neurons at a time with
// AVX-512, four with AVX2, where the CPU has them (package
// internal/vecmath), with the same results, bit for bit, as without:
// arithmetic is rounded operation by operation, and exp, exprel and the
// exponential Euler step use vecmath's own exponential everywhere (within
// 1 ulp of the correctly rounded value, so within 2 ulp of math.Exp;
// exprel within 2 ulp), in the vector kernels, in the scalar fallback and
// in constant folding, so results depend neither on the CPU nor on
// whether a parameter is shared. A one-variable exact model with shared
// parameters, a constant threshold and a constant reset (an equation LIF)
// runs a fused
// kernel instead, the same loop as the built-in LIF's.
//
// # Order of operations
//
// A step follows the step contract of package neurons: (1) refractoriness
// is decided from the start-of-step state: with a duration the count of
// held steps is decremented, as in the built-in models (a spike in step k
// with a refractory period of n steps holds steps k+1..k+n; Brian2 holds
// k+1..k+n-1), with a condition, as in Brian2, a neuron that spiked stays
// refractory until the condition is false at the start of a step; (2) every state variable
// advances from the start-of-step values of all of them, and those flagged
// (unless refractory) keep their value in refractory neurons; (3) a neuron
// spikes where the threshold holds for the new state and it was not
// refractory; (4) the reset statements run in order for the neurons that
// spiked, which then start their refractory period. Random numbers come
// from the chunk's stream, drawn block by block and instruction by
// instruction in a fixed order, so results do not depend on the number of
// workers.
package equations
