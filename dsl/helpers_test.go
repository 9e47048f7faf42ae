package dsl_test

import (
	"math"
	"os"
)

var mathExp = math.Exp

func writeFile(path, text string) error { return os.WriteFile(path, []byte(text), 0o644) }
