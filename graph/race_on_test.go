//go:build race

package graph_test

// raceEnabled reports whether the tests run under the race detector, which
// slows the long simulations down some twenty times: they then simulate
// less biological time, with the same checks.
const raceEnabled = true
