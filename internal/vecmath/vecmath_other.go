//go:build !amd64 || purego

package vecmath

func pick() *kernelSet { return generic }

func sets() []*kernelSet { return []*kernelSet{generic} }
