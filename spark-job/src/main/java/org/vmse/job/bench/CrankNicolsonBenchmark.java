package org.vmse.job.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.vmse.kernel.fft.ComplexFft;
import org.vmse.kernel.fft.JTransformsFft;
import org.vmse.kernel.grid.PeriodicGrid;
import org.vmse.kernel.krylov.KrylovSettings;
import org.vmse.kernel.problem.FormulaMassField;
import org.vmse.kernel.problem.WavePacket;
import org.vmse.kernel.vmse.CrankNicolsonStepper;
import org.vmse.kernel.vmse.GridMass;
import org.vmse.kernel.vmse.StepperStatistics;
import org.vmse.kernel.vmse.TimePlan;
import org.vmse.kernel.vmse.VmseSolver;

import pl.edu.icm.jlargearrays.ConcurrencyUtils;

/**
 * {@code vmse bench}: the cost of one Crank-Nicolson step ({@link CrankNicolsonStepper}) on Section 4.2's grids
 * against the FFTs it needs, with one bare FFT of the same size timed in the same run as the yardstick. The issue's
 * goal: a step costs at most 1.5x its FFTs, {@code nanosPerStep <= 1.5 fftsPerStep nanosPerBareFft}.
 *
 * <p>Method: per (size, mass), one stepper and one bare transform on the calling thread only (JTransforms pinned to
 * one thread). A warm-up of {@link BenchOptions#warmupSeconds()} alternates short batches of steps and of FFT pairs,
 * so both are JIT-compiled, and sizes the measured batches. Then each repetition times one batch of steps and one
 * batch of forward + scaled-inverse FFT pairs, back to back, so drifts of the machine hit both alike; the table
 * reports medians and the spread {@code (max - min) / median}. The timed loops allocate nothing (the benchmark
 * thread's allocated bytes are reported to show it). The wave starts as the packet (4.2) and is stepped through the
 * paper's run {@code [0, T = 0.4)}, then restarted from the same packet (one array copy every {@code T / dt} steps),
 * so the Krylov iteration counts are those of a real run. Varying masses only: a constant one makes the
 * preconditioner exact.
 *
 * <p>If {@code cc} and {@code /usr/include/fftw3.h} are there, the peer program {@code fftw_bench.c} is compiled in a
 * temporary directory and run, and JTransforms' bare FFT is compared with FFTW's.
 */
public final class CrankNicolsonBenchmark {

    /** Final time of Section 4.2: the wave is restarted from the packet after this. */
    static final double T = 0.4;
    static final WavePacket PACKET = new WavePacket(256, 0.3, 1.5);

    private static final Pattern FFTW_LINE =
            Pattern.compile("n=(\\d+)\\s+fft\\+ifft pair\\s+([0-9.eE+-]+) us\\s+\\(one FFT\\s+([0-9.eE+-]+) us");

    private CrankNicolsonBenchmark() {
    }

    /**
     * Runs the benchmark, prints a table to {@code out} and returns its rows, in the order sizes x masses.
     */
    public static List<StepTiming> run(BenchOptions options, PrintStream out) {
        new JTransformsFft(4); // its class initializer pins JTransforms to one thread: report the setting in force
        printMachine(out);
        out.printf(Locale.ROOT, "warm-up %.1f s, measured %.1f s in %d repetitions, per (M, mass); single thread%n",
                options.warmupSeconds(), options.measureSeconds(), options.repetitions());
        List<StepTiming> rows = new ArrayList<>();
        for (int m : options.sizes()) {
            for (String mass : options.masses()) {
                rows.add(measure(m, mass, options));
            }
        }
        out.println();
        printTable(rows, out);
        if (options.fftw()) {
            Map<Integer, Double> fftw = runFftw(options, out);
            if (!fftw.isEmpty()) {
                printFftwComparison(rows, fftw, out);
            }
        }
        return rows;
    }

    /** One (size, mass) row. */
    static StepTiming measure(int m, String massFormula, BenchOptions options) {
        double eps = BenchOptions.epsFor(m);
        double dt = Math.pow(eps, 1.2) / 8;
        PeriodicGrid grid = new PeriodicGrid(BenchOptions.L, m);
        GridMass mass = GridMass.of(FormulaMassField.parse("mass.m0", massFormula), grid);
        CrankNicolsonStepper stepper = new CrankNicolsonStepper(grid, eps, mass, null, new JTransformsFft(m),
                KrylovSettings.DEFAULT);
        Workload work = new Workload(grid, stepper, eps, dt);
        BareFft bare = new BareFft(new JTransformsFft(m));

        // warm-up: alternate batches, growing them to ~20 ms, until the warm-up time is spent (at least one batch)
        long deadline = System.nanoTime() + (long) (options.warmupSeconds() * 1e9);
        int stepBatch = 4;
        int pairBatch = 16;
        double stepNanosEstimate;
        double pairNanosEstimate;
        do {
            long t0 = System.nanoTime();
            work.steps(stepBatch);
            long t1 = System.nanoTime();
            bare.pairs(pairBatch);
            long t2 = System.nanoTime();
            stepNanosEstimate = (double) (t1 - t0) / stepBatch;
            pairNanosEstimate = (double) (t2 - t1) / pairBatch;
            stepBatch = grow(stepBatch, stepNanosEstimate, 20e6);
            pairBatch = grow(pairBatch, pairNanosEstimate, 20e6);
        } while (System.nanoTime() < deadline);

        int reps = options.repetitions();
        double sliceNanos = options.measureSeconds() * 1e9 / reps / 2;
        int steps = (int) Math.max(1, Math.min(Integer.MAX_VALUE / 4, Math.round(sliceNanos / stepNanosEstimate)));
        int pairs = (int) Math.max(1, Math.min(Integer.MAX_VALUE / 4, Math.round(sliceNanos / pairNanosEstimate)));
        long[] stepNanos = new long[reps];
        long[] pairNanos = new long[reps];

        long[] stepFfts = new long[reps];
        long stepAllocated = 0;
        long fftAllocated = 0;
        StepperStatistics before = stepper.statistics();
        for (int r = 0; r < reps; r++) {
            long fftsBefore = stepper.statistics().ffts();
            long a0 = allocatedBytes();
            long t0 = System.nanoTime();
            work.steps(steps);
            long t1 = System.nanoTime();
            long a1 = allocatedBytes();
            long t2 = System.nanoTime();
            bare.pairs(pairs);
            long t3 = System.nanoTime();
            long a2 = allocatedBytes();
            stepNanos[r] = t1 - t0;
            pairNanos[r] = t3 - t2;
            stepFfts[r] = stepper.statistics().ffts() - fftsBefore;
            stepAllocated += a1 - a0;
            fftAllocated += a2 - a1;
        }
        StepperStatistics after = stepper.statistics();
        boolean allocationKnown = allocatedBytes() >= 0;

        long stepsMeasured = (long) steps * reps;
        double[] perStep = new double[reps];
        double[] perFft = new double[reps];
        double[] ratio = new double[reps];
        for (int r = 0; r < reps; r++) {
            perStep[r] = (double) stepNanos[r] / steps;
            perFft[r] = (double) pairNanos[r] / (2.0 * pairs);
            // the step's time over the time its FFTs take, both of this repetition
            ratio[r] = stepNanos[r] / (stepFfts[r] * perFft[r]);
        }
        double krylov = (double) (after.krylovIterations() - before.krylovIterations()) / stepsMeasured;
        double ffts = (double) (after.ffts() - before.ffts()) / stepsMeasured;
        work.check();
        bare.check();
        return new StepTiming(m, eps, dt, massFormula, median(perStep), spread(perStep), ffts, krylov,
                after.maxKrylovIterations(), median(perFft), spread(perFft), median(ratio), spread(ratio),
                allocationKnown ? (double) stepAllocated / stepsMeasured : -1,
                allocationKnown ? (double) fftAllocated / (2.0 * pairs * reps) : -1, stepsMeasured,
                Math.min(1.0, (double) after.steps() / work.stepsPerRun));
    }

    private static int grow(int batch, double nanosEach, double targetNanos) {
        double want = targetNanos / Math.max(nanosEach, 1);
        return (int) Math.max(1, Math.min(Math.max(batch, Math.min(want, 4.0 * batch)), 1 << 24));
    }

    /** The stepped wave: no allocation per step. */
    private static final class Workload {
        private final CrankNicolsonStepper stepper;
        private final double dt;
        private final double[] start;
        private final double[] uHat;
        final int stepsPerRun;
        private final double norm0;
        private int stepInRun;

        Workload(PeriodicGrid grid, CrankNicolsonStepper stepper, double eps, double dt) {
            this.stepper = stepper;
            this.dt = dt;
            this.start = VmseSolver.initialWave(grid, PACKET, eps);
            new JTransformsFft(grid.M()).forward(start);
            this.uHat = start.clone();
            this.stepsPerRun = TimePlan.stepsFor(T, dt);
            this.norm0 = squaredNorm(start);
        }

        void steps(int n) {
            for (int i = 0; i < n; i++) {
                stepper.step(stepInRun * dt, dt, uHat);
                if (++stepInRun == stepsPerRun) {
                    System.arraycopy(start, 0, uHat, 0, uHat.length);
                    stepInRun = 0;
                }
            }
        }

        /** CN is unitary: a drifting norm means the benchmark stepped garbage. */
        void check() {
            double ratio = Math.sqrt(squaredNorm(uHat) / norm0);
            if (!(Math.abs(ratio - 1) < 1e-6)) {
                throw new IllegalStateException("benchmark wave lost its norm: ||u|| / ||u0|| = " + ratio);
            }
        }
    }

    /** Forward + scaled inverse pairs on a fixed random vector (which they leave unchanged up to round-off). */
    private static final class BareFft {
        private final ComplexFft fft;
        private final double[] data;
        private final double norm0;

        BareFft(ComplexFft fft) {
            this.fft = fft;
            this.data = new double[2 * fft.size()];
            SplittableRandom random = new SplittableRandom(416);
            for (int p = 0; p < data.length; p++) {
                data[p] = random.nextDouble() - 0.5;
            }
            this.norm0 = squaredNorm(data);
        }

        void pairs(int n) {
            for (int i = 0; i < n; i++) {
                fft.forward(data);
                fft.inverse(data);
            }
        }

        void check() {
            double ratio = Math.sqrt(squaredNorm(data) / norm0);
            if (!(Math.abs(ratio - 1) < 1e-6)) {
                throw new IllegalStateException("bare FFT data drifted: ||x|| / ||x0|| = " + ratio);
            }
        }
    }

    private static double squaredNorm(double[] v) {
        double s = 0;
        for (double a : v) {
            s += a * a;
        }
        return s;
    }

    /** Bytes allocated so far by this thread, or -1 where the JVM does not tell. */
    private static long allocatedBytes() {
        try {
            if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean bean
                    && bean.isThreadAllocatedMemorySupported() && bean.isThreadAllocatedMemoryEnabled()) {
                return bean.getCurrentThreadAllocatedBytes();
            }
        } catch (RuntimeException | LinkageError e) {
            // not a HotSpot-like JVM: report -1
        }
        return -1;
    }

    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
    }

    static double spread(double[] values) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double a : values) {
            lo = Math.min(lo, a);
            hi = Math.max(hi, a);
        }
        return (hi - lo) / median(values);
    }

    // ------------------------------------------------------------------------------------------------ output

    private static void printMachine(PrintStream out) {
        String version = org.jtransforms.fft.DoubleFFT_1D.class.getPackage().getImplementationVersion();
        out.printf(Locale.ROOT, "vmse bench: one Crank-Nicolson step vs. bare FFTs (JTransforms%s, %d thread(s))%n",
                version == null ? "" : " " + version, ConcurrencyUtils.getNumberOfThreads());
        out.printf(Locale.ROOT, "machine: %s, %d processors; java %s (%s %s)%n", cpuModel(),
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                System.getProperty("java.vm.name"), System.getProperty("java.vm.version"));
        out.printf(Locale.ROOT, "grids: L = %s, dx = eps/4 (M = 4L/eps), dt = eps^1.2/8, packet A = %s, x0 = %s, "
                        + "p0 = %s, V = 0, restarted every T = %s; GMRES tol %.0e, restart %d%n",
                BenchOptions.L, PACKET.A(), PACKET.x0(), PACKET.p0(), T, KrylovSettings.DEFAULT.tolerance(),
                KrylovSettings.DEFAULT.restart());
    }

    private static String cpuModel() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            return lines.filter(l -> l.startsWith("model name")).map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .findFirst().orElse(System.getProperty("os.arch"));
        } catch (IOException | RuntimeException e) {
            return System.getProperty("os.arch");
        }
    }

    private static void printTable(List<StepTiming> rows, PrintStream out) {
        out.println("    M  eps     mass                        step us (spread)  FFTs/step  Krylov its (max)"
                + "  bare FFT us (spread)  step/(FFTs*FFT) (spread)  goal<=1.5  alloc B/step  alloc B/FFT  run covered");
        for (StepTiming r : rows) {
            out.printf(Locale.ROOT, "%5d  %-6s  %-26s  %8.1f (%4.1f%%)  %9.2f  %6.2f (%3d)    %8.2f (%4.1f%%)"
                            + "  %15.2f (%4.1f%%)  %-9s  %12s  %11s  %10.0f%%%n",
                    r.m(), epsLabel(r.eps()), r.mass(), r.nanosPerStep() / 1e3, 100 * r.stepSpread(), r.fftsPerStep(),
                    r.krylovItersMean(), r.krylovItersMax(), r.nanosPerBareFft() / 1e3, 100 * r.fftSpread(),
                    r.ratio(), 100 * r.ratioSpread(), r.goalMet() ? "met" : "missed",
                    bytes(r.allocatedBytesPerStep()), bytes(r.allocatedBytesPerFft()), 100 * r.runCovered());
        }
        out.println("ratio = median over repetitions of (time of the repetition's steps) / (its FFT count x bare FFT"
                + " time of the same repetition); spread = (max - min) / median; run covered = share of the "
                + "T = 0.4 run stepped through (warm-up included)");
    }

    private static String bytes(double b) {
        return b < 0 ? "n/a" : String.format(Locale.ROOT, "%.0f", b);
    }

    private static String epsLabel(double eps) {
        double e = Math.log(eps) / Math.log(2);
        if (Math.abs(e - Math.rint(e)) < 1e-9) {
            return "2^" + (long) Math.rint(e);
        }
        return String.format(Locale.ROOT, "%.4g", eps);
    }

    private static void printFftwComparison(List<StepTiming> rows, Map<Integer, Double> fftw, PrintStream out) {
        out.println("    M  FFTW one FFT us  JTransforms one FFT us (this run)  JTransforms/FFTW"
                + "  step in FFTW-FFT units (step/(FFTs*FFTW FFT))");
        Map<Integer, List<StepTiming>> bySize = rows.stream()
                .collect(Collectors.groupingBy(StepTiming::m, LinkedHashMap::new, Collectors.toList()));
        for (Map.Entry<Integer, List<StepTiming>> e : bySize.entrySet()) {
            Double us = fftw.get(e.getKey());
            double[] jt = e.getValue().stream().mapToDouble(StepTiming::nanosPerBareFft).toArray();
            double jtUs = median(jt) / 1e3;
            if (us == null) {
                out.printf(Locale.ROOT, "%5d  %15s  %33.2f  %16s%n", e.getKey(), "n/a", jtUs, "n/a");
                continue;
            }
            String units = e.getValue().stream()
                    .map(r -> String.format(Locale.ROOT, "%.2f (%s)", r.nanosPerStep() / 1e3 / (r.fftsPerStep() * us),
                            r.mass()))
                    .collect(Collectors.joining(", "));
            out.printf(Locale.ROOT, "%5d  %15.2f  %33.2f  %16.2f  %s%n", e.getKey(), us, jtUs, jtUs / us, units);
        }
    }

    /**
     * Compiles and runs the FFTW peer program; returns {@code M -> one FFT in us}, empty (with a line on
     * {@code out} saying why) when it cannot.
     */
    static Map<Integer, Double> runFftw(BenchOptions options, PrintStream out) {
        Path cc = onPath("cc");
        Path header = Path.of("/usr/include/fftw3.h");
        if (cc == null || !Files.isRegularFile(header)) {
            out.println("FFTW peer: skipped (" + (cc == null ? "no cc on PATH" : "no " + header)
                    + "); to compare with FFTW: apt-get install -y gcc libfftw3-dev");
            return Map.of();
        }
        Path source = options.fftwSource();
        if (source == null) {
            Optional<PeerPrograms> peers = PeerPrograms.ofHome();
            if (peers.isEmpty()) {
                out.println("FFTW peer: skipped (" + PeerPrograms.NO_HOME + "; or pass --fftw-source FILE)");
                return Map.of();
            }
            source = peers.get().fftwSource();
        }
        if (!Files.isRegularFile(source)) {
            out.println("FFTW peer: skipped (" + source + " not found; pass --fftw-source FILE)");
            return Map.of();
        }
        Path dir = null;
        try {
            dir = Files.createTempDirectory("vmse-fftw-bench");
            Path exe = dir.resolve("fftw_bench");
            String compile = exec(List.of(cc.toString(), "-O2", source.toAbsolutePath().toString(), "-lfftw3", "-lm",
                    "-o", exe.toString()), dir, 120);
            if (compile == null || !Files.isExecutable(exe)) {
                out.println("FFTW peer: could not compile " + source + (compile == null ? " (timed out)" : ": "
                        + compile.strip()) + "; to compare with FFTW: apt-get install -y libfftw3-dev");
                return Map.of();
            }
            List<String> run = new ArrayList<>(List.of(exe.toString()));
            options.sizes().forEach(m -> run.add(Integer.toString(m)));
            String output = exec(run, dir, 300);
            if (output == null) {
                out.println("FFTW peer: " + exe + " timed out");
                return Map.of();
            }
            Map<Integer, Double> result = new LinkedHashMap<>();
            Matcher matcher = FFTW_LINE.matcher(output);
            while (matcher.find()) {
                result.put(Integer.parseInt(matcher.group(1)), Double.parseDouble(matcher.group(3)));
            }
            out.println();
            out.println("FFTW peer (" + source + ", cc -O2 -lfftw3, FFTW_MEASURE, scaling included):");
            output.lines().forEach(l -> out.println("  " + l));
            if (result.isEmpty()) {
                out.println("FFTW peer: no \"one FFT ... us\" lines in its output");
            }
            return result;
        } catch (IOException e) {
            out.println("FFTW peer: skipped (" + e.getMessage() + ")");
            return Map.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            out.println("FFTW peer: interrupted");
            return Map.of();
        } finally {
            deleteQuietly(dir);
        }
    }

    /** Runs a command, returns its merged output, or null on timeout. */
    private static String exec(List<String> command, Path dir, int timeoutSeconds)
            throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        process.getOutputStream().close();
        byte[][] holder = new byte[1][];
        Thread reader = new Thread(() -> {
            try {
                holder[0] = process.getInputStream().readAllBytes();
            } catch (IOException e) {
                holder[0] = new byte[0];
            }
        }, "fftw-bench-output");
        reader.setDaemon(true);
        reader.start();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return null;
        }
        reader.join(10_000);
        String text = holder[0] == null ? "" : new String(holder[0], StandardCharsets.UTF_8);
        return process.exitValue() == 0 ? text : "exit " + process.exitValue() + ": " + text;
    }

    private static Path onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String d : path.split(java.io.File.pathSeparator)) {
            if (d.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(d, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // a temp file left behind is harmless
                }
            });
        } catch (IOException e) {
            // idem
        }
    }
}
