package org.vmse.job.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.vmse.job.config.ExperimentConfig;
import org.vmse.job.experiment.EnsembleRun;
import org.vmse.job.output.Json;
import org.vmse.kernel.grid.PeriodicGrid;
import org.vmse.kernel.random.KarhunenLoeveBasis;
import picocli.CommandLine;
import org.vmse.kernel.vmse.TimePlan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "kl", mixinStandardHelpOptions = true,
        description = {"Print the Karhunen-Loeve truncation of the experiment's random mass as JSON.",
            "The JSON, on standard output, holds n_kl (the paper's counting (4.26): pairs kept + 1), modes,"
                + " leading eigenpairs, variance kept, the largest residual of (4.23) and the orthonormality error of"
                + " the modes on the run's grid."},
        modelTransformer = KlCommand.WithoutOutputDirectory.class)
final class KlCommand implements Callable<Integer> {

    private static final int LEADING = 8;

    /** kl writes no files: the experiment options' {@code --out} is removed, so that giving it is an error. */
    static final class WithoutOutputDirectory implements CommandLine.IModelTransformer {
        @Override
        public CommandSpec transform(CommandSpec spec) {
            spec.remove(spec.findOption("--out"));
            return spec;
        }
    }

    @Mixin
    ExperimentOptions options;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        ExperimentConfig cfg = options.load();
        KarhunenLoeveBasis basis = EnsembleRun.basis(cfg);
        PeriodicGrid grid = PeriodicGrid.withSpacingAtMost(cfg.L(), cfg.mesh().dx(cfg.eps()));
        int steps = new TimePlan(cfg.outputTimes(), cfg.mesh().dt(cfg.eps())).totalSteps(); // the run's steps
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("eps", cfg.epsText());
        out.put("a", basis.covariance().a());
        out.put("b", basis.covariance().b());
        out.put("D", basis.covariance().D());
        out.put("T", basis.timeLength());
        out.put("L", basis.spaceLength());
        out.put("n_kl", basis.nKL());
        out.put("pairs_kept", basis.pairCount());
        out.put("bound", basis.bound());
        out.put("threshold", basis.threshold());
        out.put("n_time_modes", basis.timeModeCount());
        out.put("n_space_modes", basis.spaceModeCount());
        int lt = Math.min(LEADING, basis.timeModeCount());
        int ls = Math.min(LEADING, basis.spaceModeCount());
        double[][] time = new double[lt][];
        for (int i = 0; i < lt; i++) {
            time[i] = new double[] {basis.timeRoot(i + 1), basis.timeEigenvalue(i + 1)};
        }
        double[][] space = new double[ls][];
        for (int j = 0; j < ls; j++) {
            space[j] = new double[] {basis.spaceRoot(j + 1), basis.spaceEigenvalue(j + 1)};
        }
        out.put("leading_time_roots_and_eigenvalues", time);
        out.put("leading_space_roots_and_eigenvalues", space);
        out.put("variance_fraction_kept", basis.varianceFraction());
        out.put("max_root_residual", basis.maxRootResidual());
        out.put("space_orthonormality_error", basis.spaceOrthonormalityError(grid.M()));
        out.put("time_orthonormality_error", basis.timeOrthonormalityError(steps));
        out.put("grid_points", grid.M());
        out.put("time_steps", steps);
        spec.commandLine().getOut().println(Json.toString(out));
        return 0;
    }
}
