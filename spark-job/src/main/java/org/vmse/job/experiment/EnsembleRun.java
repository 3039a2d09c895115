package org.vmse.job.experiment;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongConsumer;
import org.apache.spark.api.java.JavaSparkContext;
import org.vmse.job.checkpoint.RunManifest;
import org.vmse.job.config.ConfigurationException;
import org.vmse.job.config.EnsembleSpec;
import org.vmse.job.config.ExperimentConfig;
import org.vmse.job.config.FftwPlanner;
import org.vmse.job.config.MeshRule;
import org.vmse.job.config.RandomSpec;
import org.vmse.job.config.ResourceEstimate;
import org.vmse.job.spark.EnsembleAccumulation;
import org.vmse.job.spark.EnsembleBlocks;
import org.vmse.job.spark.EnsembleJob;
import org.vmse.job.spark.EnsembleWork;
import org.vmse.job.spark.RealizationFailedException;
import org.vmse.job.spark.SparkContexts;
import org.vmse.kernel.ensemble.LimitComparison;
import org.vmse.kernel.ensemble.MomentsResult;
import org.vmse.kernel.fft.FftwWisdom;
import org.vmse.kernel.problem.FormulaMassField;
import org.vmse.kernel.problem.MassCovariance;
import org.vmse.kernel.random.KarhunenLoeveBasis;
import org.vmse.kernel.random.RandomMassProblem;
import org.vmse.kernel.random.RandomMassSolver;
import org.vmse.kernel.random.RealizationStream;
import org.vmse.kernel.rte.RteScheme;
import org.vmse.kernel.rte.RteSolution;

/**
 * A Monte Carlo ensemble (Section 4.2): the random-mass problem and its KL basis built on the driver, the
 * realizations run on Spark, the merged moments.
 *
 * @param config         the experiment
 * @param discretization the VMSE mesh (of {@code m0})
 * @param basis          the KL basis, {@code null} for the OU sampler
 * @param full           mean, standard deviation and standard error on the VMSE grid
 * @param strided        the same and the covariance on every {@code ensemble.covarianceStride}-th point
 * @param merged         counts of failures and non-positive mass, mass minimum, compute time
 * @param partitions     Spark partitions used
 * @param master         the Spark master
 * @param sparkSeconds   wall time of the Spark job
 * @param limit          the RTE limit, solved on the driver during the job ({@code null} if {@code rte.enabled} is
 *                       false)
 * @param vsDelta        {@code Err} (4.27) of the mean against the RTE from (4.17), with its standard error
 * @param vsEpsWigner    the same against the RTE from the {@code eps}-Wigner data
 * @param refinedDifference the mean of (rho on dx/2, dt/2) - (rho on the run's mesh) over the first
 *                       {@code ensemble.refinedRealizations} realizations, or {@code null}
 * @param wisdom         FFTW's measured plans the tasks replayed ({@code fftw.planner = measure}), or {@code null}
 */
public record EnsembleRun(ExperimentConfig config, Discretization discretization, KarhunenLoeveBasis basis,
                          MomentsResult full, MomentsResult strided, EnsembleAccumulation merged, int partitions,
                          String master, double sparkSeconds, RteLimit limit, LimitComparison vsDelta,
                          LimitComparison vsEpsWigner, MomentsResult refinedDifference, FftwWisdom wisdom) {

    /**
     * The file of a checkpoint that keeps the mesh {@code mesh.rule = accuracy} chose, so that {@code resume} and
     * {@code extend} take it without repeating the pilots.
     */
    public static final String ACCURACY_MESH = "accuracy-mesh.json";

    /** {@code Err} against the configured limit ({@code rte.initial}), or {@code null} without one. */
    public LimitComparison primaryComparison() {
        return limit == null ? null : limit.primaryIsEpsWigner() ? vsEpsWigner : vsDelta;
    }

    /**
     * The discretization term the refined pairs measured, {@code dx sum_j |mean_j(rho on dx/2, dt/2 - rho)|}, or NaN
     * without them ({@code ensemble.refinedRealizations = 0}).
     */
    public double refinedTerm() {
        if (refinedDifference == null) {
            return Double.NaN;
        }
        double l1 = 0;
        for (double m : refinedDifference.mean(0)) {
            l1 += Math.abs(m);
        }
        return l1 * discretization.grid().dx();
    }

    /** The problem every task solves. */
    public static RandomMassProblem problem(ExperimentConfig cfg, Discretization disc) {
        RandomSpec r = cfg.random();
        try {
            return new RandomMassProblem(cfg.eps(), cfg.L(), disc.grid().M(), cfg.outputTimes(), disc.dt(),
                    cfg.initial(), cfg.mass().text(), cfg.hasPotential() ? cfg.potential().text() : null, r.gamma(),
                    RealizationStream.XiDistribution.parse(r.xi()), r.sampler(), covariance(r), cfg.krylov(),
                    r.antithetic(), cfg.fft(), cfg.scheme());
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(e.getMessage(), e);
        }
    }

    /** The KL basis of the experiment (truncated by (4.26) or by {@code random.klTerms}). */
    public static KarhunenLoeveBasis basis(ExperimentConfig cfg) {
        RandomSpec r = cfg.random();
        try {
            return r.klTerms() > 0
                    ? KarhunenLoeveBasis.withTerms(covariance(r), cfg.T(), cfg.L(), cfg.eps(), r.klTerms())
                    : KarhunenLoeveBasis.withThreshold(covariance(r), cfg.T(), cfg.L(), cfg.eps(), r.klThreshold());
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(e.getMessage(), e);
        }
    }

    /** {@code random.D, random.a, random.b}, checked. */
    private static MassCovariance covariance(RandomSpec r) {
        return r.covariance();
    }

    /**
     * Checks the input, builds the basis, runs the ensemble on {@code master} ({@code null}: {@code spark.master}).
     *
     * @param progress realizations finished so far
     */
    public static EnsembleRun execute(ExperimentConfig cfg, String master, LongConsumer progress) {
        return execute(cfg, master, progress, EnsembleBlocks.ALL);
    }

    /**
     * As {@link #execute(ExperimentConfig, String, LongConsumer)}, the blocks taken from {@code blocks} (a checkpoint
     * that keeps what is done and computes the rest).
     */
    public static EnsembleRun execute(ExperimentConfig cfg, String master, LongConsumer progress,
                                      EnsembleBlocks blocks) {
        return execute(cfg, master, progress, blocks, null);
    }

    /**
     * As {@link #execute(ExperimentConfig, String, LongConsumer, EnsembleBlocks)}, taking from {@code earlier} (a run
     * of the same experiment with fewer realizations, such as an adaptive study's previous round; {@code null}: none)
     * what does not depend on the sample count: the KL basis, the mesh (no pilots again) and the RTE limit.
     *
     * @throws IllegalArgumentException if {@code earlier} is of another experiment, seed, block size, backend or code
     */
    public static EnsembleRun execute(ExperimentConfig cfg, String master, LongConsumer progress,
                                      EnsembleBlocks blocks, EnsembleRun earlier) {
        if (earlier != null) {
            RunManifest.of(earlier.config()).compatibleWith(RunManifest.of(cfg), "the earlier run").ifPresent(d -> {
                throw new IllegalArgumentException(d);
            });
        }
        // one basis for the ensemble and the pilots of mesh.rule = accuracy (it does not depend on the mesh)
        boolean accuracy = cfg.mesh().rule() == MeshRule.ACCURACY;
        KarhunenLoeveBasis kl = earlier != null ? earlier.basis()
                : cfg.random().sampler().needsBasis() || accuracy ? basis(cfg) : null;
        Discretization disc = earlier != null ? earlier.discretization()
                : Discretization.of(cfg, new FormulaMassField(cfg.mass()), kl,
                        (fits, choose) -> blocks.kept(ACCURACY_MESH, MeshEstimate.class, fits, choose));
        EnsembleSpec e = cfg.ensemble();
        String m = master != null ? master : e.master();
        if (accuracy) {
            // estimated before the pilots on the coarsest mesh the rule can choose: again on the one it chose
            ResourceEstimate.ofRun(cfg, m, c -> disc.chosen()).require();
        }
        RandomMassProblem estimated = problem(cfg, disc);
        KarhunenLoeveBasis basis = cfg.random().sampler().needsBasis() ? kl : null;
        FftwWisdom wisdom = cfg.fftw().planner() == FftwPlanner.MEASURE
                ? blocks.wisdom(() -> measuredPlans(cfg, estimated, basis, e.refined() > 0))
                : null;
        RandomMassProblem problem = estimated.withWisdom(wisdom);
        EnsembleWork work = new EnsembleWork(problem, basis, e.seed(), e.samples(), e.blockSize(), e.partitions(),
                e.covarianceStride(), e.excludeFailures(), e.batches());
        RteScheme rte = cfg.rte().enabled() && (earlier == null || earlier.limit() == null)
                ? RteLimit.scheme(cfg, " (or run the ensemble without the limit: rte.enabled = false)") : null;
        JavaSparkContext sc = SparkContexts.start(m, "vmse " + cfg.name());
        ExecutorService driver = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "vmse-rte");
            t.setDaemon(true);
            return t;
        });
        try {
            // the limit is solved on the driver while the executors run the ensemble
            Future<RteLimit> limitFuture = !cfg.rte().enabled() ? null
                    : earlier != null && earlier.limit() != null ? CompletableFuture.completedFuture(earlier.limit())
                    : driver.submit(() -> RteLimit.solve(cfg, rte));
            int partitions = EnsembleJob.partitions(sc, work);
            long t0 = System.nanoTime();
            EnsembleAccumulation merged;
            try {
                merged = blocks.accumulate(sc, work, progress);
            } catch (Exception ex) { // Spark's SparkException is checked but thrown undeclared from Scala
                throw unwrap(ex);
            }
            double seconds = (System.nanoTime() - t0) * 1e-9;
            if (merged.full().count() == 0) {
                throw new IllegalStateException("all " + e.samples() + " realizations failed and were excluded;"
                        + " the first: " + merged.failures().values().iterator().next());
            }
            MomentsResult full = merged.full().result();
            RteLimit limit = limitFuture == null ? null : join(limitFuture);
            LimitComparison vsDelta = null;
            LimitComparison vsWigner = null;
            if (limit != null) {
                vsDelta = compare(limit.delta(), full, merged, disc);
                vsWigner = compare(limit.epsWigner(), full, merged, disc);
            }
            MomentsResult refined = null;
            if (e.refined() > 0) {
                RandomMassProblem fine = problem.withMesh(2 * problem.M(), problem.dt() / 2);
                refined = EnsembleJob.pairedDifference(sc, work, fine, e.refined()).result();
            }
            return new EnsembleRun(cfg, disc, basis, full, merged.strided().result(), merged, partitions, m, seconds,
                    limit, vsDelta, vsWigner, refined, wisdom);
        } finally {
            driver.shutdownNow();
            sc.stop();
        }
    }

    /**
     * FFTW's measured plans for every transform a task makes: {@code fftw.wisdom}'s where it is given, else measured
     * now, those of a solver of {@code problem} and, with {@code refined}, of its refinement on {@code dx/2, dt/2}.
     */
    public static FftwWisdom measuredPlans(ExperimentConfig cfg, RandomMassProblem problem, KarhunenLoeveBasis basis,
                                           boolean refined) {
        if (cfg.fftw().wisdom() != null) {
            return cfg.fftw().wisdom();
        }
        return FftwWisdom.record(() -> {
            RandomMassSolver.of(problem, basis);
            if (refined) {
                RandomMassSolver.of(problem.withMesh(2 * problem.M(), problem.dt() / 2), basis);
            }
        });
    }

    private static LimitComparison compare(RteSolution s, MomentsResult full, EnsembleAccumulation merged,
                                           Discretization disc) {
        int last = full.outputTimes() - 1;
        return LimitComparison.of(RteLimit.onGrid(s, last, disc.grid()), full.mean(last), full.standardError(last),
                merged.batchMeans(), disc.grid().dx());
    }

    private static RteLimit join(Future<RteLimit> f) {
        try {
            return f.get();
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the RTE solve", ex);
        } catch (ExecutionException ex) {
            if (ex.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("the RTE solve failed: " + ex.getCause(), ex.getCause());
        }
    }

    /** A failed realization surfaces as the cause of a Spark exception: report it, not Spark's wrapper. */
    private static RuntimeException unwrap(Exception ex) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof RealizationFailedException r) {
                return new IllegalStateException(r.getMessage(), r);
            }
            String msg = t.getMessage();
            if (msg != null && msg.contains(RealizationFailedException.class.getName())) {
                int at = msg.indexOf(RealizationFailedException.class.getName());
                String tail = msg.substring(at + RealizationFailedException.class.getName().length() + 2);
                int nl = tail.indexOf('\n');
                return new IllegalStateException(nl > 0 ? tail.substring(0, nl) : tail, ex);
            }
        }
        if (ex instanceof RuntimeException r) {
            return r;
        }
        String first = String.valueOf(ex.getMessage()).lines().findFirst().orElse("");
        return new IllegalStateException("the Spark job failed: " + first, ex);
    }
}
