package org.vmse.job.experiment;

import org.vmse.job.config.ConfigurationException;
import org.vmse.job.config.ExperimentConfig;
import org.vmse.job.config.RteSpec;
import org.vmse.kernel.grid.PeriodicGrid;
import org.vmse.kernel.problem.FormulaMassField;
import org.vmse.kernel.rte.RteGrid;
import org.vmse.kernel.rte.RteInitialData;
import org.vmse.kernel.rte.RteOperator;
import org.vmse.kernel.rte.RteScheme;
import org.vmse.kernel.rte.RteSolution;
import org.vmse.kernel.rte.ScatteringKernel;

/**
 * The radiative transfer limit (3.6) of an ensemble, from the paper's delta initial data (4.17) and from the
 * Wigner transform of the packet at the run's {@code eps}: their difference separates the initial-data error from
 * the scattering error. {@code rho0} is brought onto the VMSE grid by {@link RteSolution#rhoOn}.
 *
 * @param delta       the RTE from (4.17)
 * @param epsWigner   the RTE from the {@code eps}-Wigner data
 * @param primaryIsEpsWigner {@code rte.initial = epsWigner}
 * @param seconds     wall time of both solves
 */
public record RteLimit(RteSolution delta, RteSolution epsWigner, boolean primaryIsEpsWigner, double seconds) {

    /**
     * The scheme for {@code cfg} ({@link RteScheme#of}: spectral splitting for a constant m0, else WENO5/SSP-RK3, step
     * {@code rte.dt} either way, FFTs by {@code fft}), checked: a bad RTE grid, a mass the solver cannot take or an
     * unstable {@code rte.dt} fails here, before any ensemble work.
     */
    static RteScheme scheme(ExperimentConfig cfg) {
        return scheme(cfg, "");
    }

    /**
     * As {@link #scheme(ExperimentConfig)}, with {@code advice} added to a refusal (what else the calling command
     * can do).
     */
    static RteScheme scheme(ExperimentConfig cfg, String advice) {
        RteSpec r = cfg.rte();
        try {
            RteGrid grid = RteGrid.of(cfg.L(), r.dx(), r.kMin(), r.kMax(), r.dk());
            RteOperator operator = new RteOperator(new FormulaMassField(cfg.mass()),
                    new ScatteringKernel(cfg.random().covariance()), grid);
            return RteScheme.of(operator, r.dt(), cfg.fft());
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("rte: " + e.getMessage() + advice, e);
        }
    }

    /** Solves both with {@code scheme}; {@code eps} and the grid are the run's. */
    static RteLimit solve(ExperimentConfig cfg, RteScheme scheme) {
        RteSpec r = cfg.rte();
        long t0 = System.nanoTime();
        RteGrid grid = scheme.operator().grid();
        double[] times = cfg.outputTimes();
        RteSolution delta = scheme.solve(new RteInitialData(cfg.initial(), 0, r.deltaWidth()).sample(grid), times);
        RteSolution wigner = scheme.solve(RteInitialData.wigner(cfg.initial(), cfg.eps()).sample(grid), times);
        return new RteLimit(delta, wigner, r.epsWigner(), (System.nanoTime() - t0) * 1e-9);
    }

    /** The configured limit ({@code rte.initial}). */
    public RteSolution primary() {
        return primaryIsEpsWigner ? epsWigner : delta;
    }

    /** {@code rho0} of {@code s} at output time {@code k}, on {@code grid} ({@link RteSolution#rhoOn}). */
    public static double[] onGrid(RteSolution s, int k, PeriodicGrid grid) {
        return s.rhoOn(k, grid);
    }
}
