package org.vmse.job.cli;

import java.util.concurrent.Callable;
import org.vmse.job.config.ExperimentConfig;
import org.vmse.job.experiment.RteRun;
import org.vmse.job.output.OutputDirectory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "rte", mixinStandardHelpOptions = true,
        description = {"Solve the radiative transfer limit (3.6) alone, at every output time (Fig. 5).",
            "Writes summary.json, profiles.csv (rho0 per time) and figures/phase_space_t=*.png (W and rho0)."
                + " Uses random.D, random.a, random.b, mass.m0 (static), initial.* and rte.*."})
final class RteCommand implements Callable<Integer> {

    @Mixin
    ExperimentOptions options;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        ExperimentConfig cfg = options.load();
        try (OutputDirectory out = OutputDirectory.create(options.outputDirectory(cfg, "-rte"))) {
            RteRun.run(cfg, out.path());
            out.commit();
            spec.commandLine().getOut().println("results in " + out.target());
        }
        return 0;
    }
}
