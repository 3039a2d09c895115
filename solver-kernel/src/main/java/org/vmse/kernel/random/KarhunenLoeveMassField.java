package org.vmse.kernel.random;

import java.util.HashMap;
import java.util.Map;
import java.util.WeakHashMap;
import org.apache.commons.rng.UniformRandomProvider;
import org.vmse.kernel.fft.FftFactory;
import org.vmse.kernel.vmse.TimePlan;

/**
 * The Karhunen-Loeve field (4.20) as a {@link RandomMassField}: a realization draws i.i.d. {@code xi_ij}; the field's
 * block cache serves equally spaced times, so the schedule is set per interval of the time plan (each has its own
 * step): the half steps {@code t + dt/2} Crank-Nicolson asks for, or every {@code dt/2} for RK4IP, whose stages
 * sample {@code t}, {@code t + dt/2} and {@code t + dt}.
 */
final class KarhunenLoeveMassField implements RandomMassField {

    /**
     * Immutable KL tables by (basis, grid size), shared by the tasks of one JVM (a dense table is 73 MB at
     * eps = 2^-10; there the tables hold the non-uniform FFT's 0.4 MB instead).
     */
    private static final Map<KarhunenLoeveBasis, Map<Integer, KarhunenLoeveField.Tables>> TABLES = new WeakHashMap<>();

    private final KarhunenLoeveField field;
    private final RealizationStream.XiDistribution xi;
    private final double[] coefficients;
    private final TimePlan plan;
    private final boolean stepEnds;
    private int interval = -1;

    /**
     * @param basis    the kept pairs
     * @param points   the grid size {@code M}
     * @param xi       the law of the coefficients
     * @param plan     the stepper's time steps
     * @param stepEnds whether the stepper samples the mass at the ends of a step as well as its middle
     * @param fft      the backend of a non-uniform FFT
     */
    KarhunenLoeveMassField(KarhunenLoeveBasis basis, int points, RealizationStream.XiDistribution xi, TimePlan plan,
                           boolean stepEnds, FftFactory fft) {
        this.field = new KarhunenLoeveField(tables(basis, points), KarhunenLoeveField.DEFAULT_BLOCK, fft);
        this.xi = xi;
        this.coefficients = new double[basis.pairCount()];
        this.plan = plan;
        this.stepEnds = stepEnds;
    }

    private static KarhunenLoeveField.Tables tables(KarhunenLoeveBasis basis, int points) {
        synchronized (TABLES) {
            return TABLES.computeIfAbsent(basis, b -> new HashMap<>())
                    .computeIfAbsent(points, m -> KarhunenLoeveField.tables(basis, m));
        }
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
            if (stepEnds) {
                field.setSchedule(start, 0.5 * dt);
            } else {
                field.setSchedule(start + 0.5 * dt, dt);
            }
            interval = k;
        }
        field.fill(t, out);
    }
}
