package org.vmse.kernel.random;

import org.apache.commons.rng.UniformRandomProvider;
import org.vmse.kernel.fft.FftBackend;
import org.vmse.kernel.grid.PeriodicGrid;
import org.vmse.kernel.vmse.TimePlan;

/** The samplers of {@code m1} behind {@link RandomMassField}: Karhunen-Loeve (4.20) or exact Ornstein-Uhlenbeck. */
public final class RandomMassFields {

    private RandomMassFields() {
    }

    /**
     * A sampler for {@code problem}: {@code "kl"} needs the basis, {@code "ou"} ignores it.
     *
     * @throws IllegalArgumentException if the KL sampler is asked for without a basis
     */
    public static RandomMassField create(RandomMassProblem problem, KarhunenLoeveBasis basis) {
        PeriodicGrid grid = new PeriodicGrid(problem.L(), problem.M());
        if ("ou".equals(problem.sampler())) {
            return new OrnsteinUhlenbeck(OrnsteinUhlenbeckField.onGrid(grid, problem.covariance(), problem.eps()));
        }
        if (basis == null) {
            throw new IllegalArgumentException("random.sampler = kl needs the Karhunen-Loeve basis");
        }
        return new KarhunenLoeve(tables(basis, grid.M()), problem.xi(), new TimePlan(problem.outputTimes(),
                problem.dt()), problem.scheme().samplesStepEnds(), problem.fft());
    }

    /**
     * Immutable KL tables by (basis, grid size), shared by the tasks of one JVM (a dense table is 73 MB at
     * eps = 2^-10; there the tables hold the non-uniform FFT's 0.4 MB instead).
     */
    private static final java.util.Map<KarhunenLoeveBasis, java.util.Map<Integer, KarhunenLoeveField.Tables>> TABLES =
            new java.util.WeakHashMap<>();

    private static KarhunenLoeveField.Tables tables(KarhunenLoeveBasis basis, int points) {
        synchronized (TABLES) {
            return TABLES.computeIfAbsent(basis, b -> new java.util.HashMap<>())
                    .computeIfAbsent(points, m -> KarhunenLoeveField.tables(basis, m));
        }
    }

    /**
     * KL with i.i.d. {@code xi_ij}: the field's block cache serves equally spaced times, so the schedule is set per
     * interval of the time plan (each has its own step): the half steps {@code t + dt/2} Crank-Nicolson asks for, or
     * every {@code dt/2} for RK4IP, whose stages sample {@code t}, {@code t + dt/2} and {@code t + dt}.
     */
    private static final class KarhunenLoeve implements RandomMassField {

        private final KarhunenLoeveField field;
        private final RealizationStream.XiDistribution xi;
        private final double[] coefficients;
        private final TimePlan plan;
        private final boolean stages;
        private int interval = -1;

        KarhunenLoeve(KarhunenLoeveField.Tables tables, RealizationStream.XiDistribution xi, TimePlan plan,
                      boolean stages, FftBackend fft) {
            this.field = new KarhunenLoeveField(tables, KarhunenLoeveField.DEFAULT_BLOCK, fft);
            this.xi = xi;
            this.coefficients = new double[tables.basis().pairCount()];
            this.plan = plan;
            this.stages = stages;
        }

        @Override
        public void reset(UniformRandomProvider rng) {
            xi.fill(rng, coefficients);
            field.reset(coefficients);
            interval = -1;
        }

        @Override
        public void fill(double t, double[] out) {
            int k = 0;
            while (k < plan.outputCount() - 1 && t > plan.outputTime(k)) {
                k++;
            }
            if (k != interval) {
                double start = k == 0 ? 0 : plan.outputTime(k - 1);
                double dt = plan.stepLength(k);
                if (stages) {
                    field.setSchedule(start, 0.5 * dt);
                } else {
                    field.setSchedule(start + 0.5 * dt, dt);
                }
                interval = k;
            }
            field.fill(t, out);
        }
    }

    private static final class OrnsteinUhlenbeck implements RandomMassField {

        private final OrnsteinUhlenbeckField field;

        OrnsteinUhlenbeck(OrnsteinUhlenbeckField field) {
            this.field = field;
        }

        @Override
        public void reset(UniformRandomProvider rng) {
            field.reset(rng);
        }

        @Override
        public void fill(double t, double[] out) {
            field.fill(t, out);
        }
    }
}
