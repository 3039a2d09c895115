package org.vmse.job.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.api.java.JavaSparkContext;
import org.vmse.job.spark.EnsembleJob;
import org.vmse.job.spark.EnsembleWork;
import org.vmse.job.spark.SparkContexts;
import org.vmse.kernel.fft.FftBackend;
import org.vmse.kernel.fft.FftwFft;
import org.vmse.kernel.krylov.KrylovSettings;
import org.vmse.kernel.problem.MassCovariance;
import org.vmse.kernel.problem.WavePacket;
import org.vmse.kernel.random.KarhunenLoeveBasis;
import org.vmse.kernel.random.RandomMassField;
import org.vmse.kernel.random.RandomMassProblem;
import org.vmse.kernel.random.RandomMassSolver;
import org.vmse.kernel.random.RealizationResult;
import org.vmse.kernel.random.RealizationStream;
import org.vmse.kernel.random.Sampler;
import org.vmse.kernel.vmse.Scheme;

/**
 * Seconds per realization of the Section 4.2 problem on one core (KL and OU samplers, the field's share), and the
 * throughput of {@code local[2]} against the same kernel in a plain two-thread pool.
 */
public final class EnsembleBenchmark {

    private EnsembleBenchmark() {
    }

    /** Section 4.2's problem at {@code eps = 2^-exponent} with the paper's mesh and the given tolerance. */
    static RandomMassProblem problem(int exponent, Sampler sampler, double tolerance, FftBackend backend,
                                     Scheme scheme) {
        return problem(exponent, sampler, tolerance, backend, scheme, 0);
    }

    /**
     * As {@link #problem(int, Sampler, double, FftBackend, Scheme)}, run to {@code T = steps dt} instead of 0.4 when
     * {@code steps > 0} (the KL basis stays that of {@code [0, 0.4]}): the first steps of a realization.
     */
    static RandomMassProblem problem(int exponent, Sampler sampler, double tolerance, FftBackend backend,
                                     Scheme scheme, int steps) {
        double eps = Math.pow(2, -exponent);
        int m = (int) Math.round(1.625 / (eps / 4));
        double dt = Math.pow(eps, 1.2) / 8;
        double end = steps > 0 ? Math.min(0.4, steps * dt) : 0.4;
        return new RandomMassProblem(eps, 1.625, m, new double[] {end}, dt,
                new WavePacket(256, 0.3, 1.5), "1", null, 0.5, RealizationStream.XiDistribution.GAUSSIAN, sampler,
                new MassCovariance(1.5, 100, 100), new KrylovSettings(tolerance, 200, 30), false, backend, scheme);
    }

    static KarhunenLoeveBasis basis(RandomMassProblem p) {
        return KarhunenLoeveBasis.withThreshold(p.covariance(), 0.4, p.L(), p.eps(), 0x1p-9);
    }

    /**
     * Prints one row per (eps, fft, scheme, sampler). {@code stepLimit > 0} times only the first {@code stepLimit} steps of
     * each realization (at {@code eps = 2^-10} a whole one is ~13,000 steps); 0 times whole realizations.
     */
    public static void run(List<Integer> exponents, int realizations, int stepLimit, double tolerance, boolean spark,
                           PrintStream out) {
        out.printf("vmse bench --ensemble: Section 4.2 (L = 1.625, T = 0.4, A = 256, p0 = 1.5, D = 1.5, a = b = 100,"
                + " gamma = 1/2), GMRES tolerance %.0e, one thread%s%n", tolerance,
                stepLimit > 0 ? ", first " + stepLimit + " steps of each realization only" : "");
        out.println("  eps    M     steps  sampler  fft          scheme  s/realization  Krylov its/step  field share"
                + "  field us/step");
        List<FftBackend> backends = FftwFft.available() ? List.of(FftBackend.JTRANSFORMS, FftBackend.FFTW)
                : List.of(FftBackend.JTRANSFORMS);
        for (int e : exponents) {
            for (FftBackend backend : backends) {
            for (Scheme scheme : Scheme.values()) {
            for (Sampler sampler : Sampler.values()) {
                RandomMassProblem p = problem(e, sampler, tolerance, backend, scheme, stepLimit);
                KarhunenLoeveBasis b = sampler.needsBasis() ? basis(p) : null;
                RandomMassSolver solver = RandomMassSolver.of(p, b);
                int warm = Math.max(2, realizations / 4);
                for (int i = 0; i < warm; i++) {
                    solver.solve(99, i);
                }
                long its = 0;
                long steps = 0;
                long t0 = System.nanoTime();
                for (int i = 0; i < realizations; i++) {
                    RealizationResult r = solver.solve(1, i);
                    its += r.krylovIterations();
                    steps += r.steps();
                }
                double perRealization = (System.nanoTime() - t0) * 1e-9 / realizations;
                double fieldSeconds = fieldSeconds(p, b, realizations, (int) (steps / realizations));
                out.printf("  2^-%-3d %-5d %-6d %-8s %-12s %-7s %-14.4f %-16.2f %-12s %.1f%n", e, p.M(),
                        steps / realizations, sampler.key(), backend.key(), scheme.key(), perRealization,
                        (double) its / steps,
                        String.format("%.1f%%", 100 * fieldSeconds / perRealization),
                        1e6 * fieldSeconds * realizations / steps);
            }
            }
            }
        }
        if (!FftwFft.available()) {
            out.println("  (FFTW rows: install libfftw3-double3)");
        }
        if (spark) {
            throughput(exponents.get(0), realizations * 4, tolerance, out);
        }
    }

    /**
     * Time of the field alone over a realization's half steps, after as many untimed ones (the solver's timing
     * follows warm-up realizations too; a cold field would be timed with its JIT compilation, which a few hundred
     * steps at {@code eps = 2^-10} do not amortize).
     */
    private static double fieldSeconds(RandomMassProblem p, KarhunenLoeveBasis b, int realizations, int steps) {
        RandomMassField f = p.sampler().field(p, b);
        double[] out = new double[p.M()];
        double dt = p.outputTimes()[p.outputTimes().length - 1] / steps;
        long t0 = 0;
        for (int r = -realizations; r < realizations; r++) {
            if (r == 0) {
                t0 = System.nanoTime();
            }
            f.reset(RealizationStream.of(5, r < 0 ? realizations - r : r));
            for (int n = 0; n < steps; n++) {
                f.fill((n + 0.5) * dt, out);
            }
        }
        return (System.nanoTime() - t0) * 1e-9 / realizations;
    }

    /** Realizations per second: a plain two-thread pool against Spark local[2], same kernel, same realizations. */
    private static void throughput(int exponent, int n, double tolerance, PrintStream out) {
        RandomMassProblem p = problem(exponent, Sampler.KARHUNEN_LOEVE, tolerance, FftBackend.JTRANSFORMS,
                Scheme.CRANK_NICOLSON);
        KarhunenLoeveBasis b = basis(p);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        double poolRate;
        try {
            poolRun(pool, p, b, n / 4); // JIT warm-up, as Spark gets below
            poolRate = poolRun(pool, p, b, n);
        } finally {
            pool.shutdown();
        }
        JavaSparkContext sc = SparkContexts.start("local[2]", "vmse bench");
        double sparkRate;
        try {
            EnsembleWork warm = new EnsembleWork(p, b, 7, n / 4, 8, 0, 4, false, 20);
            EnsembleJob.run(sc, warm, done -> { });
            EnsembleWork work = new EnsembleWork(p, b, 1, n, 8, 0, 4, false, 20);
            long t0 = System.nanoTime();
            EnsembleJob.run(sc, work, done -> { });
            sparkRate = n / ((System.nanoTime() - t0) * 1e-9);
        } finally {
            sc.stop();
        }
        out.printf("throughput at eps = 2^-%d, %d realizations: plain 2-thread pool %.2f/s, Spark local[2] %.2f/s:"
                + " Spark reaches %.1f%% of the pool%n", exponent, n, poolRate, sparkRate, 100 * sparkRate / poolRate);
    }

    private static double poolRun(ExecutorService pool, RandomMassProblem p, KarhunenLoeveBasis b, int n) {
        AtomicLong next = new AtomicLong();
        long t0 = System.nanoTime();
        List<Future<?>> jobs = new ArrayList<>();
        for (int w = 0; w < 2; w++) {
            jobs.add(pool.submit(() -> {
                RandomMassSolver s = RandomMassSolver.of(p, b);
                for (long i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                    s.solve(1, i);
                }
            }));
        }
        for (Future<?> f : jobs) {
            try {
                f.get();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return n / ((System.nanoTime() - t0) * 1e-9);
    }
}
