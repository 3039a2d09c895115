package org.vmse.job.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.vmse.kernel.fft.FftBackend;
import org.vmse.kernel.grid.PeriodicGrid;
import org.vmse.kernel.random.KarhunenLoeveBasis;
import org.vmse.kernel.vmse.TimePlan;

/**
 * What a {@code vmse run} or {@code vmse study} will need, estimated from its configuration and its {@link Mesh}
 * before any work (no FFT plan or realization), so that a run that cannot finish is refused at once instead of running
 * out of heap after a minute or planning for hours: the driver's memory against the JVM's maximum heap, and the wall
 * time against {@link #MAX_HOURS} on the local cores. {@code limits.force = true} starts it anyway.
 *
 * <p><b>Mesh.</b> Under {@code mesh.rule = paper} the grid of {@code M} points that
 * {@link PeriodicGrid#withSpacingAtMost} makes of {@code mesh.dx} and the steps of {@link TimePlan} for
 * {@code mesh.dt} ({@link #written}). Under {@code mesh.rule = accuracy} the mesh is known only after the rule's
 * pilot realizations: before them the estimate takes the coarsest mesh the rule can choose (its first grid and step,
 * from which it only refines), so it refuses only what cannot fit on any mesh the rule may pick; once the mesh is
 * chosen the run is estimated again on it, with the RK4IP substeps the pilots took, before the ensemble starts.
 *
 * <p><b>Memory</b> (bytes, the largest point of a study), on the grid of {@code M} points, with {@code K} output
 * times:
 * <ul>
 *   <li>a solver workspace: the GMRES basis of {@code krylov.restart + 1} complex vectors and about
 *       {@value #STEPPER_ARRAYS} complex arrays of the stepper, {@code 16 M} bytes each, plus the densities
 *       {@code 8 K M}; one per concurrent task of a local master;
 *   <li>an ensemble's exact accumulators (128-bit cells, 16 bytes): mean and variance {@code 32 K M}, the batches
 *       {@code 32 M} each, and on {@code n = ceil(M / ensemble.covarianceStride)} points {@code 32 K n} and the
 *       covariance's {@code 16 K n (n - 1) / 2}, held by every concurrent task and twice on the driver (the zero
 *       value and the merged result), plus the covariance as doubles, {@code 8 K n^2};
 *   <li>the list of block ids, {@value #BYTES_PER_BLOCK} bytes per block ({@code samples / ensemble.blockSize}
 *       boxed integers and Spark's slices of them);
 *   <li>the Karhunen-Loeve basis ({@code random.sampler = kl}): {@value #BYTES_PER_KL_PAIR} bytes per kept pair
 *       (the search heap, the pair layout of the field's plan and its broadcast copy), see {@link #klPairs};
 *   <li>the RTE limit ({@code rte.enabled}), solved on the driver: {@value #RTE_ARRAYS} arrays of its
 *       {@code (L / rte.dx) x ((kMax - kMin) / rte.dk)} cells and {@value #RTE_MATRICES} dense {@code nk x nk}
 *       collision matrices;
 *   <li>for an ensemble, {@value #SPARK_BYTES} bytes for Spark's driver itself.
 * </ul>
 *
 * <p><b>Work</b>: {@code samples x steps x M log2 M x} {@link #secondsPerPointStep} of one core, the steps those
 * of {@link TimePlan} for {@code mesh.dt} (a deterministic run is one sample; {@code ensemble.refinedRealizations}
 * add their runs on both meshes). The constants are the means over three ensemble runs on the 2-core development
 * VM (Crank-Nicolson, KL sampler, {@code krylov.tolerance = 1e-6}, one core) of
 * {@code seconds_per_realization / (steps M log2 M)} from their {@code summary.json}:
 * <pre>
 *   submit/vmse run conf/paper-sec42.conf --set rte.enabled=false --set 'spark.master=local[1]' --set fft=F \
 *       --set samples=96                                   (M = 416,  471 steps)
 *       --set eps=2^-8 --set samples=8                     (M = 1664, 2484 steps)
 *       --set eps=2^-10 --set T=0.025 --set samples=4      (M = 6656, 820 steps)
 *   F = jtransforms: 0.0713, 1.474, 2.364 s per realization: 4.18e-8, 3.33e-8, 3.41e-8 s, mean 3.6e-8
 *   F = fftw:        0.0666, 0.754, 1.550 s per realization: 3.91e-8, 1.70e-8, 2.24e-8 s, mean 2.6e-8
 * </pre>
 * A deterministic run's {@code 1e-12} GMRES tolerance roughly triples the cost of a step (13.5 against 3.0
 * iterations); the estimate is for refusing runs that are out of reach by far, not for planning.
 */
public final class ResourceEstimate {

    /** Seconds of one core per step and per {@code M log2 M} with JTransforms: measured, see the class comment. */
    static final double SECONDS_PER_POINT_STEP_JTRANSFORMS = 3.6e-8;
    /** The same with FFTW. */
    static final double SECONDS_PER_POINT_STEP_FFTW = 2.6e-8;
    /** Runs whose estimated wall time on the local cores exceeds this are refused. */
    public static final double MAX_HOURS = 48;

    static final int STEPPER_ARRAYS = 8;
    static final int BYTES_PER_BLOCK = 32;
    static final int BYTES_PER_KL_PAIR = 160;
    static final int RTE_ARRAYS = 12;
    static final int RTE_MATRICES = 5;
    static final long SPARK_BYTES = 256L << 20;

    private static final Pattern LOCAL = Pattern.compile("local\\[(\\*|\\d{1,6})(,\\d+)?]");

    /**
     * Which mesh an estimate is made on: it names the keys that make the mesh coarser, and a refusal says which
     * mesh it assumed.
     */
    public enum MeshKind {
        /** {@code mesh.dx} and {@code mesh.dt} as written ({@code mesh.rule = paper}). */
        WRITTEN("eps or mesh.dx", "eps (or mesh.dx, mesh.dt)", null),
        /** {@code mesh.rule = accuracy} before its pilots: the coarsest mesh it can choose. */
        ACCURACY_COARSEST("eps", "eps", "mesh.rule = accuracy, assuming the coarsest mesh it can choose before its"
                + " pilot realizations"),
        /** The mesh {@code mesh.rule = accuracy} chose. */
        ACCURACY_CHOSEN("eps or mesh.tolerance", "eps (or mesh.tolerance)", "on the mesh mesh.rule = accuracy chose");

        private final String memoryKey;
        private final String workKey;
        private final String note;

        MeshKind(String memoryKey, String workKey, String note) {
            this.memoryKey = memoryKey;
            this.workKey = workKey;
            this.note = note;
        }
    }

    /**
     * The mesh of an experiment at its {@code eps}, as the estimate takes it.
     *
     * @param points the grid's {@code M}
     * @param steps  the time steps of one realization (with the RK4IP substeps where known)
     * @param kind   which mesh it is
     */
    public record Mesh(int points, double steps, MeshKind kind) {

        public Mesh {
            if (!(points > 0 && steps > 0)) {
                throw new IllegalArgumentException("a mesh of " + points + " points and " + steps + " steps");
            }
        }
    }

    /** The mesh the estimate takes for an experiment at its {@code eps}. */
    @FunctionalInterface
    public interface MeshSource {

        /** @throws ConfigurationException if {@code cfg} has no such mesh */
        Mesh of(ExperimentConfig cfg);
    }

    /**
     * One part of the driver's memory.
     *
     * @param what  what it holds
     * @param bytes its size
     * @param key   the key that shrinks it
     */
    public record Part(String what, double bytes, String key) {
    }

    private final String subject;
    private final List<Part> memory;
    private final double coreSeconds;
    private final int cores;
    private final String workKeys;
    private final boolean force;
    private final double secondsPerPointStep;

    private ResourceEstimate(String subject, List<Mesh> meshes, List<Part> memory, double coreSeconds, int cores,
                             String workKeys, ExperimentConfig cfg) {
        MeshKind kind = meshes.get(0).kind();
        this.subject = kind.note == null ? subject : subject + " (" + kind.note + ": " + sizes(meshes) + ")";
        this.memory = List.copyOf(memory);
        this.coreSeconds = coreSeconds;
        this.cores = cores;
        this.workKeys = workKeys;
        this.force = cfg.limitsForce();
        this.secondsPerPointStep = secondsPerPointStep(cfg.fft());
    }

    /** The measured cost of one core per step and per {@code M log2 M} with this FFT backend. */
    public static double secondsPerPointStep(FftBackend fft) {
        return fft == FftBackend.FFTW ? SECONDS_PER_POINT_STEP_FFTW : SECONDS_PER_POINT_STEP_JTRANSFORMS;
    }

    /**
     * The estimate of {@code vmse run}.
     *
     * @param master the {@code --master} option, {@code null} for {@code spark.master}
     * @param meshes the mesh of the run
     */
    public static ResourceEstimate ofRun(ExperimentConfig cfg, String master, MeshSource meshes) {
        boolean ensemble = cfg.random().enabled();
        int cores = ensemble ? localCores(master != null ? master : cfg.ensemble().master()) : 1;
        Mesh mesh = meshes.of(cfg);
        Point p = point(cfg, mesh, cfg.ensemble().samples(), cores);
        return new ResourceEstimate("eps = " + cfg.epsText() + (ensemble ? ", samples = " + cfg.ensemble().samples()
                : ""), List.of(mesh), p.memory, p.coreSeconds, cores, workKeys(ensemble, mesh.kind()), cfg);
    }

    /**
     * The estimate of {@code vmse study}: every {@code study.eps} (with {@code study.samples}, for every
     * {@code study.xi} of an ensemble study) one after the other; the memory of the largest point.
     *
     * @param meshes the mesh of each point
     */
    public static ResourceEstimate ofStudy(ExperimentConfig cfg, String master, MeshSource meshes) {
        boolean ensemble = cfg.random().enabled();
        int cores = ensemble ? localCores(master != null ? master : cfg.ensemble().master()) : 1;
        double[] eps = cfg.study().eps();
        String[] texts = cfg.study().epsText();
        int[] samples = cfg.study().samples();
        int series = ensemble ? Math.max(1, cfg.study().xi().length) : 1;
        List<Part> largest = List.of();
        List<Mesh> points = new ArrayList<>();
        double seconds = 0;
        for (int i = 0; i < eps.length; i++) {
            ExperimentConfig at = cfg.withEps(eps[i], texts[i]);
            Mesh mesh = meshes.of(at);
            Point p = point(at, mesh, samples.length > 0 ? samples[i] : cfg.ensemble().samples(), cores);
            points.add(mesh);
            seconds += series * p.coreSeconds;
            if (total(p.memory) > total(largest)) {
                largest = p.memory;
            }
        }
        return new ResourceEstimate("study.eps = " + List.of(texts), points, largest, seconds, cores,
                workKeys(ensemble, points.get(0).kind()) + ", fewer study.eps", cfg);
    }

    /**
     * The mesh of {@code mesh.dx} and {@code mesh.dt} as written, at {@code cfg}'s {@code eps}.
     *
     * @throws ConfigurationException if they make no grid or plan
     */
    public static Mesh written(ExperimentConfig cfg) {
        try {
            return new Mesh(PeriodicGrid.withSpacingAtMost(cfg.L(), cfg.mesh().dx(cfg.eps())).M(),
                    new TimePlan(cfg.outputTimes(), cfg.mesh().dt(cfg.eps())).totalSteps(), MeshKind.WRITTEN);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(e.getMessage() + " (eps = " + cfg.epsText() + ")", e);
        }
    }

    /** The driver's memory in bytes. */
    public double driverBytes() {
        return total(memory);
    }

    /** Its parts, largest first. */
    public List<Part> memory() {
        return memory.stream().sorted(Comparator.comparingDouble(Part::bytes).reversed()).toList();
    }

    /** The work in seconds of one core. */
    public double coreSeconds() {
        return coreSeconds;
    }

    /** The cores the work is spread over: 1 for a deterministic run, a local master's threads, 0 if unknown. */
    public int cores() {
        return cores;
    }

    /** The estimated wall time in hours, {@code NaN} on a cluster (cores unknown). */
    public double wallHours() {
        return cores > 0 ? coreSeconds / cores / 3600 : Double.NaN;
    }

    /** As {@link #require(long)} with this JVM's maximum heap. */
    public void require() {
        require(Runtime.getRuntime().maxMemory());
    }

    /**
     * Refuses the run unless {@code limits.force} or it fits: the driver memory within {@code maxHeapBytes}, the wall
     * time within {@link #MAX_HOURS} (where the cores are known).
     *
     * @throws ConfigurationException with the estimate and the keys to change
     */
    public void require(long maxHeapBytes) {
        if (force) {
            return;
        }
        if (driverBytes() > maxHeapBytes) {
            List<Part> parts = memory();
            StringBuilder list = new StringBuilder();
            for (Part p : parts) {
                list.append(list.length() == 0 ? "" : ", ").append(p.what()).append(' ').append(size(p.bytes()))
                        .append(" (").append(p.key()).append(')');
            }
            throw new ConfigurationException(subject + ": the run needs about " + size(driverBytes())
                    + " of driver memory, more than the JVM's maximum heap of " + size(maxHeapBytes) + ": " + list
                    + ". Change " + parts.get(0).key() + " (the largest part), raise the heap (JAVA_OPTS=-Xmx...),"
                    + " or set limits.force = true to start anyway");
        }
        if (wallHours() > MAX_HOURS) {
            throw new ConfigurationException(String.format(Locale.ROOT, "%s: the run would take about %,.0f hours"
                    + " on %d core%s (%.3g core-seconds at %.2g s per step and M log2 M), more than %.0f hours:"
                    + " change %s, or set limits.force = true to start anyway", subject, wallHours(), cores,
                    cores == 1 ? "" : "s", coreSeconds, secondsPerPointStep, MAX_HOURS, workKeys));
        }
    }

    /** Memory and work of one experiment at its {@code eps} with {@code samples} realizations. */
    private record Point(List<Part> memory, double coreSeconds) {
    }

    private static Point point(ExperimentConfig cfg, Mesh mesh, int samples, int cores) {
        int m = mesh.points();
        double steps = mesh.steps();
        String meshKey = mesh.kind().memoryKey;
        int k = cfg.outputTimes().length;
        double workspace = (cfg.krylov().restart() + 1.0 + STEPPER_ARRAYS) * 16.0 * m + 8.0 * k * m;
        List<Part> parts = new ArrayList<>();
        if (!cfg.random().enabled()) {
            parts.add(new Part("solver workspace and densities", workspace, meshKey));
            return new Point(parts, work(cfg, 1, steps, m));
        }
        EnsembleSpec e = cfg.ensemble();
        int tasks = Math.max(1, cores);
        double n = Math.ceil((double) m / e.covarianceStride());
        double moments = 32.0 * k * m + 32.0 * e.batches() * m;
        double covariance = 32.0 * k * n + 16.0 * k * n * (n - 1) / 2;
        parts.add(new Part("solver workspaces", tasks * workspace, meshKey));
        parts.add(new Part("mean, variance and batch accumulators", (tasks + 2) * moments, "eps or ensemble.batches"));
        parts.add(new Part("covariance", (tasks + 2) * covariance + 8.0 * k * n * n, "ensemble.covarianceStride"));
        parts.add(new Part("block list", BYTES_PER_BLOCK * Math.ceil((double) samples / e.blockSize()),
                "samples or ensemble.blockSize"));
        parts.add(new Part("Spark driver", SPARK_BYTES, "the heap"));
        if (cfg.random().sampler().needsBasis()) {
            parts.add(new Part("Karhunen-Loeve basis", (BYTES_PER_KL_PAIR + 8.0 * tasks) * klPairs(cfg),
                    "random.klThreshold or random.klTerms"));
        }
        RteSpec r = cfg.rte();
        if (r.enabled()) {
            double nx = Math.ceil(cfg.L() / r.dx());
            double nk = Math.floor((r.kMax() - r.kMin()) / r.dk()) + 1;
            parts.add(new Part("RTE limit", 8.0 * (RTE_ARRAYS * nx * nk + RTE_MATRICES * nk * nk), "rte.dx, rte.dk"));
        }
        // the refined realizations again on the run's mesh and on dx/2, dt/2
        double refined = e.refined() > 0 ? work(cfg, e.refined(), steps, m) + work(cfg, e.refined(), 2 * steps, 2 * m)
                : 0;
        return new Point(parts, work(cfg, samples, steps, m) + refined);
    }

    private static double work(ExperimentConfig cfg, double samples, double steps, double m) {
        return samples * steps * m * (Math.log(m) / Math.log(2)) * secondsPerPointStep(cfg.fft());
    }

    private static String workKeys(boolean ensemble, MeshKind kind) {
        return ensemble ? "samples, " + kind.workKey + ", the cores (spark.master, --master)" : kind.workKey;
    }

    /** {@code M} and the steps of one realization, for each point. */
    private static String sizes(List<Mesh> meshes) {
        StringBuilder s = new StringBuilder();
        for (Mesh m : meshes) {
            s.append(s.length() == 0 ? "" : "; ").append(String.format(Locale.ROOT, "M = %d, %.0f steps", m.points(),
                    m.steps()));
        }
        return s.toString();
    }

    /**
     * The pairs the truncation (4.26) keeps, estimated without building the basis (which solves for every root):
     * the first roots of (4.23) are solved exactly, the others taken at the lower ends of their brackets,
     * {@code w_i = (i - 1) pi / T} and {@code v_j = (j - 1) pi / L} (see {@link KarhunenLoeveBasis}), so every
     * eigenvalue {@code 2 a eps / (1 + (a eps w)^2)} is over-estimated and so is the count (by 2-5 % at the paper's
     * {@code eps}, where {@code N_KL} = 663, 3157, 27968). Counting stops beyond
     * {@link KarhunenLoeveBasis#MAX_PAIRS}, which the basis refuses anyway.
     */
    static long klPairs(ExperimentConfig cfg) {
        RandomSpec r = cfg.random();
        if (r.klTerms() > 0) {
            return r.klTerms();
        }
        double alpha = r.covariance().a() * cfg.eps();
        double beta = r.covariance().b() * cfg.eps();
        double lambda1 = eigenvalue(alpha, firstRoot(alpha, cfg.T()));
        double sigma1 = eigenvalue(beta, firstRoot(beta, cfg.L()));
        double tau2 = r.klThreshold() * r.klThreshold();
        long pairs = 0;
        for (long i = 1; pairs <= KarhunenLoeveBasis.MAX_PAIRS; i++) {
            double ratio = i == 1 ? 1 : eigenvalue(alpha, (i - 1) * Math.PI / cfg.T()) / lambda1;
            if (!(ratio >= tau2)) {
                break;
            }
            // (4.26): sigma_j / sigma_1 >= tau^2 / ratio; j = 1 always, j >= 2 while
            // 2 beta / (1 + (beta v_j)^2) >= sigma_1 tau^2 / ratio with v_j = (j - 1) pi / L
            double q = 2 * beta * ratio / (sigma1 * tau2) - 1;
            pairs += 1 + (q > 0 ? (long) Math.floor(cfg.L() / (Math.PI * beta) * Math.sqrt(q)) : 0);
        }
        return pairs;
    }

    /** {@code 2 alpha / (1 + (alpha w)^2)}, the eigenvalue (4.22) of the root {@code w}. */
    private static double eigenvalue(double alpha, double w) {
        return 2 * alpha / (1 + alpha * alpha * w * w);
    }

    /**
     * The first root {@code w = 2 theta / len} of (4.23): {@code cos(theta) - c theta sin(theta) = 0},
     * {@code c = 2 alpha / len}, on {@code (0, pi/2)}, where the left side falls from 1 to {@code -c pi/2};
     * by bisection to the last bit.
     */
    private static double firstRoot(double alpha, double len) {
        double c = 2 * alpha / len;
        double lo = 0;
        double hi = Math.PI / 2;
        for (int it = 0; it < 64 && hi - lo > Math.ulp(hi); it++) {
            double mid = 0.5 * (lo + hi);
            if (Math.cos(mid) - c * mid * Math.sin(mid) > 0) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return 2 * (0.5 * (lo + hi)) / len;
    }

    /** The threads of a local Spark master ({@code local}, {@code local[N]}, {@code local[*]}), 0 for a cluster. */
    static int localCores(String master) {
        String m = master.trim();
        if (m.equals("local")) {
            return 1;
        }
        Matcher x = LOCAL.matcher(m);
        if (!x.matches()) {
            return 0;
        }
        return x.group(1).equals("*") ? Runtime.getRuntime().availableProcessors() : Integer.parseInt(x.group(1));
    }

    private static double total(List<Part> parts) {
        return parts.stream().mapToDouble(Part::bytes).sum();
    }

    private static String size(double bytes) {
        return bytes >= 0x1p30 ? String.format(Locale.ROOT, "%.1f GiB", bytes / 0x1p30)
                : String.format(Locale.ROOT, "%.0f MiB", Math.ceil(bytes / 0x1p20));
    }
}
