package dsl

import "github.com/zclconf/go-cty/cty"

// loadPath returns the path of a value made by load(path).
//
// MERGE NOTE: the values branch (typed capsule values) defines loadPath
// in dsl/values.go; delete this file when merging with it.
func loadPath(v cty.Value) string { return v.GetAttr("load").AsString() }
