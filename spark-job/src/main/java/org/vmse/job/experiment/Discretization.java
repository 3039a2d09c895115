package org.vmse.job.experiment;

import java.util.Objects;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.vmse.job.config.ConfigurationException;
import org.vmse.job.config.ExperimentConfig;
import org.vmse.job.config.MeshRule;
import org.vmse.job.config.ResourceEstimate;
import org.vmse.kernel.grid.PeriodicGrid;
import org.vmse.kernel.problem.FormulaMassField;
import org.vmse.kernel.problem.MassField;
import org.vmse.kernel.random.KarhunenLoeveBasis;
import org.vmse.kernel.problem.WavePacket;
import org.vmse.kernel.vmse.TimePlan;

/**
 * The VMSE mesh of an experiment at its {@code eps}, checked before any work: it must resolve the
 * {@code eps}-oscillation, and the mass must be positive on it. With {@code mesh.rule = paper} the mesh is
 * {@code mesh.dx}, {@code mesh.dt}; with {@code mesh.rule = accuracy} {@link AccuracyMesh} chooses it.
 *
 * @param grid     the periodic grid ({@code M} even, {@code dx <= mesh.dx} under the paper's rule)
 * @param dt       the largest time step ({@code mesh.dt} under the paper's rule)
 * @param plan     the steps, hitting every output time
 * @param massMin  the smallest {@code m0} seen on the grid over {@code [0, T]}
 * @param massMax  the largest {@code m0} seen on the grid over {@code [0, T]}
 * @param estimate what {@code mesh.rule = accuracy} measured, {@code null} under the paper's rule
 */
public record Discretization(PeriodicGrid grid, double dt, TimePlan plan, double massMin, double massMax,
                             MeshEstimate estimate) {

    /** How many Gaussian standard deviations of the packet's spectrum must lie below the Nyquist limit. */
    static final double SPECTRAL_MARGIN_STD = 8;
    /** The packet's top wavenumber must stay below this fraction of {@code pi / dx}. */
    static final double NYQUIST_FRACTION = 0.8;
    private static final int MASS_CHECK_TIMES = 129;

    /**
     * As {@link #of(ExperimentConfig, MassField, KarhunenLoeveBasis)}, the basis built here under
     * {@code mesh.rule = accuracy}.
     */
    public static Discretization of(ExperimentConfig cfg, MassField mass) {
        return of(cfg, mass, cfg.mesh().rule() == MeshRule.ACCURACY ? EnsembleRun.basis(cfg) : null);
    }

    /**
     * The step count {@code mesh.rule = accuracy} would take for at least {@code steps} steps: the rung at or above
     * it of its ladder {@code c 2^j}, {@code c = 4..7} (below 5 steps, the count itself; see {@link AccuracyMesh}).
     */
    public static int accuracyRung(double steps) {
        return AccuracyMesh.ladderAtLeast(steps);
    }

    /** The coarsest step count {@code mesh.rule = accuracy} takes for {@code cfg}: the rung at {@code dt = eps}. */
    public static int coarsestAccuracySteps(ExperimentConfig cfg) {
        return AccuracyMesh.coarsestSteps(cfg);
    }

    /** The grid of {@code cfg}'s {@code mesh.dx}: the grid {@code mesh.rule = paper} solves on. */
    public static PeriodicGrid paperGrid(ExperimentConfig cfg) {
        return writtenGrid(cfg, cfg.mesh().dx(cfg.eps()));
    }

    /**
     * As {@link #of(ExperimentConfig, MassField, KarhunenLoeveBasis, MeshKeeper)}, {@code mesh.rule = accuracy}
     * choosing by its pilots now.
     */
    public static Discretization of(ExperimentConfig cfg, MassField mass, KarhunenLoeveBasis basis) {
        return of(cfg, mass, basis, MeshKeeper.NONE);
    }

    /** Where the mesh {@code mesh.rule = accuracy} chose may be kept between the processes of one run. */
    @FunctionalInterface
    public interface MeshKeeper {

        /** Keeps nothing: the pilots choose every time. */
        MeshKeeper NONE = (fits, choose) -> choose.get();

        /** The choice kept where it {@code fits} the run; else {@code choose}'s (the pilots'), kept from now on. */
        MeshEstimate keep(Predicate<MeshEstimate> fits, Supplier<MeshEstimate> choose);
    }

    /**
     * @param basis  the experiment's KL basis ({@link EnsembleRun#basis}), which {@code mesh.rule = accuracy} draws
     *               its pilots from; unused under the paper's rule
     * @param keeper where {@code mesh.rule = accuracy} may find its choice made by an earlier process of the run (a
     *               checkpoint), which then needs no pilot
     * @throws ConfigurationException if the mesh does not resolve {@code eps} (unless {@code mesh.allowUnresolved})
     *                                or the mass is not positive and finite on the grid
     */
    public static Discretization of(ExperimentConfig cfg, MassField mass, KarhunenLoeveBasis basis,
                                    MeshKeeper keeper) {
        double dx = cfg.mesh().dx(cfg.eps());
        double dt = cfg.mesh().dt(cfg.eps());
        PeriodicGrid grid = writtenGrid(cfg, dx);
        double[] range = positiveMassRange(cfg, mass, grid);
        if (cfg.mesh().rule() == MeshRule.ACCURACY) {
            Objects.requireNonNull(basis, "basis");
            MeshEstimate chosen = keeper.keep(e -> AccuracyMesh.couldChoose(cfg, range[0], range[1], basis, e),
                    () -> AccuracyMesh.estimate(cfg, range[0], range[1], basis));
            return AccuracyMesh.on(cfg, range[0], range[1], chosen);
        }
        if (!cfg.mesh().allowUnresolved()) {
            requireResolved(cfg, grid, dt, range);
        }
        TimePlan plan = new TimePlan(cfg.outputTimes(), dt);
        return new Discretization(grid, dt, plan, range[0], range[1], null);
    }

    /**
     * The mesh {@link ResourceEstimate} takes before any work: under the paper's rule {@code mesh.dx} and
     * {@code mesh.dt} as written; under {@code mesh.rule = accuracy} the coarsest it can choose, its first grid and
     * step ({@link AccuracyMesh#first}), found without a pilot from the KL basis (built here) and the mass range.
     *
     * @throws ConfigurationException as {@link #of} for a mesh or a mass it refuses
     */
    public static ResourceEstimate.Mesh beforePilots(ExperimentConfig cfg) {
        if (cfg.mesh().rule() != MeshRule.ACCURACY) {
            return ResourceEstimate.written(cfg);
        }
        double[] range = positiveMassRange(cfg, new FormulaMassField(cfg.mass()),
                paperGrid(cfg));
        AccuracyMesh.First first = AccuracyMesh.first(cfg, range[0], range[1], EnsembleRun.basis(cfg));
        return new ResourceEstimate.Mesh(first.points(),
                new TimePlan(cfg.outputTimes(), cfg.T() / first.steps()).totalSteps(),
                ResourceEstimate.MeshKind.ACCURACY_COARSEST);
    }

    /**
     * This mesh as {@link ResourceEstimate} takes it once chosen: its grid and steps, a step counted with the RK4IP
     * substeps the pilots of {@code mesh.rule = accuracy} took.
     */
    public ResourceEstimate.Mesh chosen() {
        return estimate == null
                ? new ResourceEstimate.Mesh(grid.M(), plan.totalSteps(), ResourceEstimate.MeshKind.WRITTEN)
                : new ResourceEstimate.Mesh(grid.M(), plan.totalSteps() * estimate.stepWork(),
                        ResourceEstimate.MeshKind.ACCURACY_CHOSEN);
    }

    /** The grid of {@code mesh.dx} ({@code mesh.rule = accuracy} takes the mass range on it, finer than its own). */
    private static PeriodicGrid writtenGrid(ExperimentConfig cfg, double dx) {
        try {
            return PeriodicGrid.withSpacingAtMost(cfg.L(), dx);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(e.getMessage(), e);
        }
    }

    /** {@link #massRange}, refused unless positive and finite. */
    private static double[] positiveMassRange(ExperimentConfig cfg, MassField mass, PeriodicGrid grid) {
        double[] range = massRange(mass, grid, cfg.T());
        if (!(range[0] > 0 && range[1] < Double.POSITIVE_INFINITY)) {
            throw new ConfigurationException(String.format("mass.m0 = \"%s\" is not positive and finite on the grid:"
                    + " m0 = %.6g at t = %.6g, x = %.6g. The VMSE (2.1) needs m0 > 0: change mass.m0",
                    cfg.mass().text(), range[0], range[2], range[3]));
        }
        return range;
    }

    /**
     * The packet's top wavenumber {@code k_max / eps + 8 sqrt(A)}: {@code |u_I^|^2} is a Gaussian of std
     * {@code sqrt(A)} around {@code p0 / eps}, and along the flow {@code m0 k^2} is conserved for a static mass, so
     * {@code |k| <= |p0| sqrt(max m0 / min m0)} (for a time-dependent mass, a working bound).
     */
    static double topWavenumber(WavePacket packet, double eps, double massMin, double massMax) {
        double kMax = Math.abs(packet.p0()) * Math.sqrt(massMax / massMin);
        return kMax / eps + SPECTRAL_MARGIN_STD * Math.sqrt(packet.A());
    }

    private static void requireResolved(ExperimentConfig cfg, PeriodicGrid grid, double dt, double[] range) {
        double eps = cfg.eps();
        double top = topWavenumber(cfg.initial(), eps, range[0], range[1]);
        double limit = NYQUIST_FRACTION * grid.nyquist();
        if (top > limit) {
            double dxNeeded = NYQUIST_FRACTION * Math.PI / top;
            throw new ConfigurationException(String.format("mesh.dx = \"%s\" (dx = %.4g, M = %d) does not resolve"
                    + " eps = %s: the packet's wavenumbers reach p0/eps + %.0f sqrt(A) = %.1f (with the mass range"
                    + " [%.3g, %.3g]), beyond %.0f%% of the Nyquist limit pi/dx = %.1f. Use mesh.dx <= %.3g"
                    + " (the paper's rule is eps/4), or set mesh.allowUnresolved = true to run it anyway",
                    cfg.mesh().dx().text(), grid.dx(), grid.M(), cfg.epsText(), SPECTRAL_MARGIN_STD, top, range[0],
                    range[1], 100 * NYQUIST_FRACTION, grid.nyquist(), dxNeeded));
        }
        if (dt > eps) {
            throw new ConfigurationException(String.format("mesh.dt = \"%s\" (dt = %.4g) exceeds eps = %s: the"
                    + " time step must resolve the eps-oscillation (the paper's rule is eps^1.2/8). Refine mesh.dt,"
                    + " or set mesh.allowUnresolved = true to run it anyway", cfg.mesh().dt().text(), dt,
                    cfg.epsText()));
        }
    }

    /** {min, max, t at min, x at min} of {@code m0} on the grid over {@code [0, T]}; NaN counts as the minimum. */
    private static double[] massRange(MassField mass, PeriodicGrid grid, double T) {
        int times = mass.isTimeDependent() ? MASS_CHECK_TIMES : 1;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double tMin = 0;
        double xMin = 0;
        for (int n = 0; n < times; n++) {
            double t = times == 1 ? 0 : T * n / (times - 1);
            for (int j = 0; j < grid.M(); j++) {
                double m = mass.value(t, grid.x(j));
                if (!(m >= min)) {
                    min = m;
                    tMin = t;
                    xMin = grid.x(j);
                    if (Double.isNaN(m)) {
                        return new double[] {m, m, t, grid.x(j)};
                    }
                }
                max = Math.max(max, m);
            }
        }
        return new double[] {min, max, tMin, xMin};
    }
}
