package org.vmse.job.cli;

import java.io.PrintWriter;
import java.net.URI;
import org.vmse.job.config.ExperimentConfig;
import org.vmse.job.experiment.EnsembleRun;

/** The lines an ensemble command prints when it ends. */
final class EnsembleSummaryLine {

    private EnsembleSummaryLine() {
    }

    static void print(PrintWriter out, EnsembleRun run, URI location) {
        ExperimentConfig cfg = run.config();
        out.printf("eps = %s  M = %d  samples = %d  failed = %d  mass_min = %.4g  nonpositive mass points = %d"
                + "  %.4f s/realization on %d partitions%nresults in %s%n", cfg.epsText(),
                run.discretization().grid().M(), run.full().count(), run.merged().failed(),
                run.merged().massMinimum(), run.merged().nonPositivePoints(),
                run.merged().computeSeconds() / cfg.ensemble().samples(), run.partitions(), location);
    }
}
