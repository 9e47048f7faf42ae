package sweep

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/zclconf/go-cty/cty"
)

func TestReadNetwork(t *testing.T) {
	n, diags := ReadNetwork(filepath.Join("testdata", "net.hcl"))
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	if n.Seed == nil || *n.Seed != 9 {
		t.Errorf("seed %v, want 9", n.Seed)
	}
	if !n.Vars["label"].String || n.Vars["g"].String {
		t.Errorf("string-typed variables: %+v", n.Vars)
	}
	s := n.Spec
	if s == nil {
		t.Fatal("no sweep block")
	}
	// The grid's axes in the order written, not by name.
	if len(s.Grid) != 2 || s.Grid[0].Name != "nu" || s.Grid[1].Name != "g" {
		t.Fatalf("grid %+v", s.Grid)
	}
	var gs []string
	for _, v := range s.Grid[1].Values {
		gs = append(gs, Canonical(v))
	}
	if strings.Join(gs, " ") != "3 4 5" {
		t.Errorf("g = %v, want range(3, 6)", gs)
	}
	if len(s.Points) != 1 || len(s.Points[0]) != 2 || !slices.Equal(s.Seeds, []uint64{1, 2}) {
		t.Errorf("points %v seeds %v", s.Points, s.Seeds)
	}
	if !strings.HasPrefix(s.Grid[0].From, filepath.Join("testdata", "net.hcl")+":26,") {
		t.Errorf("axis from %q", s.Grid[0].From)
	}
}

func TestReadNetworkSeedNotConstant(t *testing.T) {
	n, diags := ReadNetwork(filepath.Join("testdata", "noseed.hcl"))
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	if n.Seed != nil || n.Spec != nil {
		t.Errorf("seed %v spec %v: want neither", n.Seed, n.Spec)
	}
}

func TestReadNetworkErrors(t *testing.T) {
	_, diags := ReadNetwork(filepath.Join("testdata", "bad.hcl"))
	want := []string{
		"bad.hcl:13,9: Invalid value for \"g\"",      // g = []
		"bad.hcl:15,11: Invalid value for \"seeds\"", // 1.5
		"bad.hcl:16,11: Invalid value for \"seed\"",  // -1
		"bad.hcl:19,1: Duplicate sweep block",
	}
	var got []string
	for _, d := range diags {
		got = append(got, fmt.Sprintf("%s:%d,%d: %s", filepath.Base(d.Subject.Filename), d.Subject.Start.Line, d.Subject.Start.Column, d.Summary))
	}
	for _, w := range want {
		if !slices.Contains(got, w) {
			t.Errorf("missing diagnostic %q; have %q", w, got)
		}
	}
	if _, diags := ReadNetwork(filepath.Join("testdata", "missing.hcl")); !diags.HasErrors() {
		t.Error("a missing file: no error")
	}
}

func TestParseGrid(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []string // canonical values; nil: an error
	}{
		{"g=3,4,5,6", []string{"3", "4", "5", "6"}},
		{"nu=0.5, 1 ,2.50", []string{"0.5", "1", "2.5"}},
		{`w=[1, 2],[3,4]`, []string{"[1, 2]", "[3, 4]"}},
		{`s="a,b",c`, []string{`"a,b"`, `"c"`}},
		{"g=", nil},
		{"g=1,,2", nil},
		{"=1,2", nil},
		{"1x=1", nil},
		{"g=[1,2", nil},
		{"g=1]", nil},
	} {
		ax, err := ParseGrid(tc.in)
		if tc.want == nil {
			if err == nil {
				t.Errorf("ParseGrid(%q): no error", tc.in)
			}
			continue
		}
		if err != nil {
			t.Errorf("ParseGrid(%q): %v", tc.in, err)
			continue
		}
		var got []string
		for _, v := range ax.Values {
			got = append(got, Canonical(v))
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("ParseGrid(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestParsePoint(t *testing.T) {
	pt, err := ParsePoint("g=5,nu=2.5,s=x")
	if err != nil {
		t.Fatal(err)
	}
	if len(pt) != 3 || pt[0].Name != "g" || Canonical(pt[1].Value) != "2.5" || !pt[2].Value.RawEquals(cty.StringVal("x")) {
		t.Errorf("ParsePoint = %+v", pt)
	}
	for _, bad := range []string{"g", "g=1,g=2", "g=1,", "=3"} {
		if _, err := ParsePoint(bad); err == nil {
			t.Errorf("ParsePoint(%q): no error", bad)
		}
	}
}

func TestParseSeeds(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []uint64
	}{
		{"1-5", []uint64{1, 2, 3, 4, 5}},
		{"7", []uint64{7}},
		{"1,2,7", []uint64{1, 2, 7}},
		{"1-3, 10", []uint64{1, 2, 3, 10}},
		{"18446744073709551615", []uint64{1<<64 - 1}},
		{"18446744073709551614-18446744073709551615", []uint64{1<<64 - 2, 1<<64 - 1}},
		{"5-1", nil},
		{"a", nil},
		{"-3", nil},
		{"", nil},
		{"0-2000000", nil},
	} {
		got, err := ParseSeeds(tc.in)
		if tc.want == nil {
			if err == nil {
				t.Errorf("ParseSeeds(%q) = %v: no error", tc.in, got)
			}
			continue
		}
		if err != nil || !slices.Equal(got, tc.want) {
			t.Errorf("ParseSeeds(%q) = %v, %v; want %v", tc.in, got, err, tc.want)
		}
	}
}

// A file Load refuses for its syntax (nesting too deep for the parser's
// stack) or an operation that would panic (Inf - Inf) is an error here
// too, with its position.
func TestReadNetworkLimits(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		src, want string
	}{
		{"sweep {\n  seeds = " + strings.Repeat("[", 300) + strings.Repeat("]", 300) + "\n}\n", "Nesting too deep"},
		{"sweep {\n  seeds = [1/0 - 1/0]\n}\n", "Operation failed"},
	} {
		path := filepath.Join(dir, "n.hcl")
		if err := os.WriteFile(path, []byte(tc.src), 0o644); err != nil {
			t.Fatal(err)
		}
		_, diags := ReadNetwork(path)
		if !diags.HasErrors() || diags[0].Summary != tc.want || diags[0].Subject == nil || diags[0].Subject.Start.Line != 2 {
			t.Errorf("%.40q: %v, want %q on line 2", tc.src, diags, tc.want)
		}
	}
}
