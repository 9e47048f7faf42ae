// Package prefetch asks the CPU to bring memory into its caches ahead of
// use. The scatter of spikes into delay buffers reads one row of targets
// per spike, each at a random place in memory: the first cache lines of
// every row are a miss that the hardware prefetchers cannot foresee, and
// on a machine whose last-level cache is far (a large mesh, a virtual
// machine) those misses were most of the scatter's time. Asking for the
// next spike's row while the current one is scattered overlaps them.
//
// Go has no prefetch intrinsic outside the runtime, hence the one
// instruction of assembly on amd64; elsewhere (and with -tags purego) Line does
// nothing. It never faults and changes no result.
package prefetch
