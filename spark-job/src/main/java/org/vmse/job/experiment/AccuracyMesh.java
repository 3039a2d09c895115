package org.vmse.job.experiment;

import java.util.HashMap;
import java.util.Map;
import org.vmse.job.config.ConfigurationException;
import org.vmse.job.config.ExperimentConfig;
import org.vmse.job.config.RandomSpec;
import org.vmse.kernel.grid.GridRestriction;
import org.vmse.kernel.grid.PeriodicGrid;
import org.vmse.kernel.random.KarhunenLoeveBasis;
import org.vmse.kernel.random.RandomMassProblem;
import org.vmse.kernel.random.RandomMassSolver;
import org.vmse.kernel.random.RealizationResult;
import org.vmse.kernel.random.RealizationStream;
import org.vmse.kernel.random.Sampler;
import org.vmse.kernel.vmse.SolverBreakdownException;
import org.vmse.kernel.vmse.TimePlan;

/**
 * {@code mesh.rule = accuracy}: the VMSE mesh of a random-mass ensemble chosen for a tolerance {@code tol} on the
 * discretization term of the final density in L1 ({@code dx sum |.|}, the norm of {@code err_l1}), measured on
 * {@value #PILOTS} pilot realizations before the ensemble starts as {@code ensemble.refinedRealizations} measures it
 * afterwards: {@code rho(M, N steps)} against {@code rho(2M, 2N)}.
 *
 * <p><b>First grid.</b> The coarsest that passes the resolution check of {@link Discretization}
 * ({@code k_top <= 0.8 pi/dx}) for the top wavenumber of the wave in the random medium,
 * <pre>
 *   k_top = topWavenumber(packet, mass range widened by 4 eps^gamma D)  +  k_field
 * </pre>
 * the packet's (its {@code p0/eps} raised by {@code sqrt(max m / min m)} over the masses a realization sees:
 * {@code m0} within {@value #FIELD_STD_MARGIN} standard deviations {@code eps^gamma D} of the field, the minimum
 * kept above {@code m0min / 16}) plus the field's own wavenumbers, by which scattering shifts the wave's: the
 * exponential covariance of correlation length {@code b eps} has the Lorentzian spectrum
 * {@code (b eps / pi) / (1 + (k b eps)^2)}, whose wavenumbers above {@code cot(pi q / 2) / (b eps)} carry the fraction
 * {@code q} = {@value #FIELD_VARIANCE_LEFT} of its variance; the KL field has no modes above its largest space root,
 * so {@code k_field} is the smaller of the two. {@code M} is the smallest even {@code 2^a 3^b 5^c} at or above
 * {@code L / dx} (fast FFT sizes).
 *
 * <p><b>First step.</b> The coarsest the resolution check allows, {@code dt = eps}, as a step count {@code N} from the
 * ladder {@code c 2^j} ({@code c = 4..7}): neighbouring rungs differ by at least 14 %, so round-off in the pilots
 * cannot move the choice between processes.
 *
 * <p><b>Refinement.</b> While the discretization term exceeds {@code tol}, it is split into a step part by step
 * doubling, {@code |rho(M, N) - rho(M, 2N)| 2^p / (2^p - 1)} for a scheme of order {@code p}, and a grid part,
 * {@code |rho(M, 2N) - rho(2M, 2N)|}; the larger is refined: {@code N} to the rung at or above
 * {@code N (time / (tol/2))^(1/p) 1.05}, or {@code M} to the next size at or above {@code 1.25 M}. Step doubling
 * measures the scheme's error on realizations of the law at hand; an a-priori bound of the RK4IP error would need
 * bounds on derivatives of the random mass and of the wave. A step count reached from outside the asymptotic range
 * can be finer than needed, so once the tolerance holds the count is lowered again by the same estimate while the
 * tolerance still holds and the work falls. RK4IP's stability bound stays enforced by the stepper: a step of a
 * realization beyond it is taken in substeps, as on any mesh.
 *
 * <p>The pilots draw from the Karhunen-Loeve field of the run's covariance whatever {@code random.sampler}: the OU
 * sampler draws its innovations at the times and points it is asked for, so on another mesh it is another
 * realization and no difference would be paired. Realizations {@code 0..PILOTS-1} of the run's seed are used, so the
 * choice is the same in every process and on every resume.
 */
final class AccuracyMesh {

    /** Pilot realizations. */
    static final int PILOTS = 4;
    /** Standard deviations of the field by which the mass range a realization sees is widened. */
    static final double FIELD_STD_MARGIN = 4;
    /** The smallest mass counted, as a fraction of {@code min m0}. */
    static final double MASS_FLOOR = 1.0 / 16;
    /** The variance fraction of the field's spectrum above the wavenumber counted. */
    static final double FIELD_VARIANCE_LEFT = 1e-2;
    /** Safety factor on the step count the estimate asks for. */
    private static final double STEP_SAFETY = 1.05;
    /** Growth of the grid when its measured error is too large. */
    private static final double GRID_GROWTH = 1.25;
    private static final int MAX_TRIES = 10;

    private final ExperimentConfig cfg;
    private final KarhunenLoeveBasis basis;
    private final int order;
    /** {@code 2^p / (2^p - 1)}: the error of the coarser of two solutions from their difference, order {@code p}. */
    private final double richardson;
    /** Final densities of the pilots, by mesh {@code (M, N)}. */
    private final Map<Long, double[][]> solved = new HashMap<>();
    /** Steps and substeps the pilots took, by mesh. */
    private final Map<Long, Long> work = new HashMap<>();
    private int solves;

    private AccuracyMesh(ExperimentConfig cfg, KarhunenLoeveBasis basis) {
        this.cfg = cfg;
        this.basis = basis;
        this.order = cfg.scheme().order();
        this.richardson = (double) (1 << order) / ((1 << order) - 1);
    }

    /**
     * The first grid and step count, known before any pilot: the coarsest mesh the rule can choose, as it only
     * refines the grid and never lowers the step count below this one.
     *
     * @param topWavenumber {@code k_top} of the class comment, which sets the grid
     * @param points        the grid's {@code M}
     * @param steps         the step count {@code N} over {@code [0, T]}
     */
    record First(double topWavenumber, int points, int steps) {
    }

    /**
     * The first mesh for {@code cfg}, {@code m0} ranging over {@code [m0Min, m0Max]} on the grid, {@code basis} the
     * run's ({@link EnsembleRun#basis}).
     */
    static First first(ExperimentConfig cfg, double m0Min, double m0Max, KarhunenLoeveBasis basis) {
        double top = topWavenumber(cfg, m0Min, m0Max, basis);
        return new First(top, fastSize(cfg.L() / (Discretization.NYQUIST_FRACTION * Math.PI / top)),
                coarsestSteps(cfg));
    }

    /** The first step count: the rung at or above {@code T / eps} (the coarsest step the resolution check allows). */
    static int coarsestSteps(ExperimentConfig cfg) {
        return ladderAtLeast(TimePlan.stepsFor(cfg.T(), cfg.eps()));
    }

    /**
     * The discretization of a chosen mesh, {@code estimate} from {@link #estimate} now or in an earlier process of the
     * same run (the same {@code cfg}): the grid of {@code M} points and steps of {@code T / N}.
     */
    static Discretization on(ExperimentConfig cfg, double m0Min, double m0Max, MeshEstimate estimate) {
        double dt = cfg.T() / estimate.steps();
        return new Discretization(new PeriodicGrid(cfg.L(), estimate.points()), dt,
                new TimePlan(cfg.outputTimes(), dt), m0Min, m0Max, estimate);
    }

    /**
     * Whether {@link #estimate} could have given {@code e} for {@code cfg} (the same arguments): its tolerance, a grid
     * size of the grid ladder at or above the first grid, a step count of the step ladder at or above the first. A
     * kept choice that is not is not taken.
     */
    static boolean couldChoose(ExperimentConfig cfg, double m0Min, double m0Max, KarhunenLoeveBasis basis,
                               MeshEstimate e) {
        First first = first(cfg, m0Min, m0Max, basis);
        return e.tolerance() == cfg.mesh().tolerance() && e.pilots() == PILOTS
                && e.points() >= first.points() && fastSize(e.points()) == e.points()
                && e.steps() >= first.steps() && ladderAtLeast(e.steps()) == e.steps();
    }

    /**
     * Chooses the mesh by the pilots (the class comment), {@code m0} ranging over {@code [m0Min, m0Max]} on the grid,
     * the pilots drawn with {@code basis}: the same estimate in every process.
     *
     * @throws ConfigurationException if no mesh within the tolerance is found in {@value #MAX_TRIES} refinements
     */
    static MeshEstimate estimate(ExperimentConfig cfg, double m0Min, double m0Max, KarhunenLoeveBasis basis) {
        long t0 = System.nanoTime();
        AccuracyMesh a = new AccuracyMesh(cfg, basis);
        First first = first(cfg, m0Min, m0Max, basis);
        double top = first.topWavenumber();
        int m = first.points();
        int coarsest = first.steps();
        int n = coarsest;
        double tolerance = cfg.mesh().tolerance();
        for (int tries = 0; tries <= MAX_TRIES; tries++) {
            double error = a.maxDifference(m, n, 2 * m, 2 * n);
            double time = a.maxDifference(m, n, m, 2 * n) * a.richardson;
            double space = a.maxDifference(m, 2 * n, 2 * m, 2 * n);
            if (error <= tolerance) {
                n = a.coarsened(m, n, coarsest, time);
                return new MeshEstimate(m, n, tolerance, a.maxDifference(m, n, 2 * m, 2 * n),
                        a.maxDifference(m, 2 * n, 2 * m, 2 * n), a.maxDifference(m, n, m, 2 * n) * a.richardson, top,
                        PILOTS, a.solves, (double) a.work(m, n) / (PILOTS * (long) n), (System.nanoTime() - t0) * 1e-9);
            }
            if (time >= space) {
                n = ladderAtLeast(Math.max(n + 1, n * Math.pow(time / (tolerance / 2), 1.0 / a.order) * STEP_SAFETY));
            } else {
                m = fastSize(GRID_GROWTH * m);
            }
        }
        throw new ConfigurationException(String.format("mesh.rule = accuracy found no mesh within mesh.tolerance ="
                + " %.3g in %d refinements (last M = %d, %d steps); raise mesh.tolerance or use mesh.rule = paper",
                tolerance, MAX_TRIES, m, n));
    }

    /**
     * {@code n} steps on grid {@code m} hold the tolerance with step part {@code time}; a step refined from outside the
     * asymptotic range may be finer than needed, so the step count is lowered while the estimate proposes a lower rung
     * (not below {@code coarsest}), the coarser mesh still holds the tolerance and the pilots' work (steps and
     * substeps: beyond RK4IP's stability bound fewer steps split into more substeps) falls.
     */
    private int coarsened(int m, int n, int coarsest, double time) {
        double tolerance = cfg.mesh().tolerance();
        for (int tries = 0; tries < MAX_TRIES; tries++) {
            int shorter = Math.max(coarsest,
                    ladderAtLeast(n * Math.pow(time / (tolerance / 2), 1.0 / order) * STEP_SAFETY));
            if (shorter >= n || !(maxDifference(m, shorter, 2 * m, 2 * shorter) <= tolerance)
                    || work(m, shorter) >= work(m, n)) {
                return n;
            }
            n = shorter;
            time = maxDifference(m, n, m, 2 * n) * richardson;
        }
        return n;
    }

    /**
     * {@code k_top} of the class comment: the packet's top wavenumber over the widened mass range plus the field's.
     */
    static double topWavenumber(ExperimentConfig cfg, double m0Min, double m0Max, KarhunenLoeveBasis basis) {
        RandomSpec r = cfg.random();
        double spread = FIELD_STD_MARGIN * Math.pow(cfg.eps(), r.gamma()) * r.covariance().D();
        double low = Math.max(m0Min - spread, MASS_FLOOR * m0Min);
        double packet = Discretization.topWavenumber(cfg.initial(), cfg.eps(), low, m0Max + spread);
        return packet + fieldWavenumber(r.covariance().b() * cfg.eps(),
                basis.spaceRoot(basis.spaceModeCount()));
    }

    /**
     * The field's wavenumber counted: {@code min(cot(pi q / 2) / ell, klTop)} for correlation length {@code ell},
     * {@code q} = {@value #FIELD_VARIANCE_LEFT}.
     */
    static double fieldWavenumber(double correlationLength, double klTop) {
        return Math.min(1 / Math.tan(Math.PI * FIELD_VARIANCE_LEFT / 2) / correlationLength, klTop);
    }

    /** The smallest even {@code 2^a 3^b 5^c} at or above {@code x} (at least 4). */
    static int fastSize(double x) {
        if (!(x < Integer.MAX_VALUE / 2)) {
            throw new IllegalArgumentException("no grid size at or above " + x);
        }
        for (int n = Math.max(4, (int) Math.ceil(x - 1e-9)); ; n++) {
            if (n % 2 == 0 && smooth(n)) {
                return n;
            }
        }
    }

    /** The smallest {@code c 2^j} ({@code c = 4..7}, or 1..3) at or above {@code n}. */
    static int ladderAtLeast(double n) {
        if (!(n < Integer.MAX_VALUE / 2)) {
            throw new IllegalArgumentException("no step count at or above " + n);
        }
        int k = Math.max(1, (int) Math.ceil(n - 1e-9));
        if (k <= 4) {
            return k;
        }
        int shift = 31 - Integer.numberOfLeadingZeros(k) - 2; // k = c 2^shift + rest with c in 4..7
        int c = k >> shift;
        return (c << shift) == k ? k : (c + 1) << shift;
    }

    private static boolean smooth(int n) {
        for (int p : new int[] {2, 3, 5}) {
            while (n % p == 0) {
                n /= p;
            }
        }
        return n == 1;
    }

    /** The largest L1 difference over the pilots of the final densities on mesh a and mesh b (b's grid finer). */
    private double maxDifference(int ma, int na, int mb, int nb) {
        double[][] a = finals(ma, na);
        double[][] b = finals(mb, nb);
        GridRestriction r = new GridRestriction(new PeriodicGrid(cfg.L(), mb), new PeriodicGrid(cfg.L(), ma));
        double[] restricted = new double[ma];
        double dx = cfg.L() / ma;
        double worst = 0;
        for (int i = 0; i < PILOTS; i++) {
            r.restrict(b[i], restricted);
            double s = 0;
            for (int j = 0; j < ma; j++) {
                s += Math.abs(restricted[j] - a[i][j]);
            }
            worst = Math.max(worst, dx * s);
        }
        return worst;
    }

    /** The pilots' final densities on {@code m} points and {@code n} steps of {@code T / n}. */
    private double[][] finals(int m, int n) {
        long key = ((long) m << 32) | n;
        double[][] f = solved.get(key);
        if (f != null) {
            return f;
        }
        RandomSpec r = cfg.random();
        RandomMassProblem p = new RandomMassProblem(cfg.eps(), cfg.L(), m, new double[] {cfg.T()}, cfg.T() / n,
                cfg.initial(), cfg.mass().text(), cfg.hasPotential() ? cfg.potential().text() : null, r.gamma(),
                RealizationStream.XiDistribution.parse(r.xi()), Sampler.KARHUNEN_LOEVE, r.covariance(), cfg.krylov(),
                false, cfg.fft(), cfg.scheme());
        RandomMassSolver solver = RandomMassSolver.of(p, basis);
        f = new double[PILOTS][];
        long steps = 0;
        for (int i = 0; i < PILOTS; i++) {
            try {
                RealizationResult result = solver.solve(cfg.ensemble().seed(), i);
                double[][] rho = result.densities();
                f[i] = rho[rho.length - 1];
                steps += result.steps() + result.substeps();
            } catch (SolverBreakdownException e) {
                throw new ConfigurationException("mesh.rule = accuracy: pilot realization " + i + " failed on M = " + m
                        + ", " + n + " steps: " + e.getMessage() + ". Use mesh.rule = paper", e);
            }
            solves++;
        }
        solved.put(key, f);
        work.put(key, steps);
        return f;
    }

    /** Steps and substeps of the pilots on {@code m} points and {@code n} steps (solved already). */
    private long work(int m, int n) {
        return work.get(((long) m << 32) | n);
    }
}
