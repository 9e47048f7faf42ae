//go:build race

package examples_test

// raceEnabled reports whether the tests run under the race detector, which
// slows simulations down some ten to twenty times: the longest example
// then simulates less biological time, with the checks that hold for it.
const raceEnabled = true
