// Package sweep runs many runs of one network: parameter sweeps over the
// network's input variables (grids, explicit lists of settings) and
// seeds, locally N at a time or as a Slurm job array or a Kubernetes
// Indexed Job, and collects their summaries into one table.
//
// A sweep is declared in a sweep block of the network file, or on the
// command line (netrun sweep -grid, -point, -seeds):
//
//	sweep {
//	  grid {
//	    g  = [3, 4, 5, 6]
//	    nu = [1, 2, 4]
//	  }
//	  points = [{ g = 8, nu = 1 }]
//	  seeds  = range(1, 6)
//	}
//
// Spec holds the declaration; Expand makes it a Plan, the numbered list of
// runs, each with its settings (the values of the swept variables, passed
// to the run as -var NAME=VALUE), its seed and its name. A run's seed is
// the one the sweep lists or, without seeds, DeriveSeed of the master
// seed and the run's settings: a run's results depend only on its own
// settings, never on which other runs the sweep has, its index or where
// it ran.
//
// Execute runs a plan's runs with a Runner (netrun's run command),
// skipping those whose complete outputs exist (Complete); Collect reads
// the outputs of a sweep directory into a Table; EmitSlurm and EmitK8s
// write the scheduler files that run one run per array task or index.
//
// The package keeps no global state.
package sweep
