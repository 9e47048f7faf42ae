package cli

import (
	"context"
	"fmt"

	"github.com/synapticflow/synapticflow-go/sweep"
)

func validateCmd(_ context.Context, e *env, args []string) int {
	fs := e.newFlagSet("validate", "FILE|DIR [flags]", `
Validate loads and compiles the network in FILE, or in the .hcl files of
DIR, and prints every problem found, with its source location. It exits
with 1 if there is any error, and otherwise prints a one-line count of the
network's populations, synapses and monitors. Warnings (legal but suspicious
settings, such as a synapse into a population that ignores its input) are
printed and do not fail, unless -strict is given.`)
	var nf netFlags
	nf.register(fs)
	nf.registerStrict(fs)
	e.registerOutputFlags(fs)
	path, code, ok := e.parsePath(fs, args)
	if !ok {
		return code
	}
	net, _, ok := e.loadCompiled(path, &nf)
	if !ok {
		return ExitConfig
	}
	// The sweep block, which a run ignores, is checked too.
	if sn, diags := sweep.ReadNetwork(path); diags.HasErrors() {
		if sn != nil {
			e.diagnostics(diags, sn.Files)
		} else {
			e.diagnostics(diags, net.Files)
		}
		return ExitConfig
	}
	fmt.Fprintf(e.stdout, "ok: %s, %s, %s\n", plural(len(net.Populations()), "population"),
		plural(len(net.Synapses()), "synapse"), plural(len(net.Monitors), "monitor"))
	return ExitOK
}

// plural returns "1 thing" or "n things".
func plural(n int, thing string) string {
	if n == 1 {
		return "1 " + thing
	}
	return fmt.Sprintf("%d %ss", n, thing)
}
