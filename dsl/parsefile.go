package dsl

import (
	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclparse"
)

// ParseFile reads and parses one network file with parser as Load does:
// the file's size and syntax limits (nesting depth, literal lengths) are
// checked before it is parsed, and the "/" and "%" operators of its
// expressions are replaced by their checked versions. A program that reads
// parts of network files itself (netrun sweep reads the sweep block)
// parses them with it, so that a file Load refuses cannot crash it.
func ParseFile(parser *hclparse.Parser, path string) (*hcl.File, hcl.Diagnostics) {
	src, d := readSource(path)
	if d == nil {
		d = checkSyntaxLimits(path, src)
	}
	if d != nil {
		return nil, hcl.Diagnostics{d}
	}
	f, diags := parser.ParseHCL(src, path)
	if f != nil {
		guardOperators(f.Body)
	}
	return f, diags
}
