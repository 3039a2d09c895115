package org.vmse.job.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The peer a physicist would use instead: XMDS2 on the same two workloads (the repository's
 * {@code bench/peers/xmds2/run.sh}, see {@link PeerPrograms}), run in the same invocation as vmse's own benchmark
 * so that ratios compare like with like.
 *
 * @param secondsPerRealization Section 4.2 per realization on the paper's mesh, by {@code E} of {@code eps = 2^-E}
 * @param example1Seconds       Section 4.1 example 1 at {@code eps = 2^-8}, 3105 RK4IP steps
 * @param ark45                 XMDS2's adaptive ARK45 on vmse's accuracy grid at equal discretization error, by
 *                              {@code E} ({@code bench/peers/xmds2/ark45.sh}); empty when not asked for
 * @param references            the {@code .xsil} files of ARK45's references (RK4 on twice the accuracy grid), by
 *                              {@code E}; empty when not asked for
 */
public record XmdsPeer(Map<Integer, Double> secondsPerRealization, double example1Seconds, Map<Integer, Ark45> ark45,
                       Map<Integer, Path> references) {

    private static final Pattern SEC42 = Pattern.compile(
            "xmds2 sec42 eps=2\\^-(\\d+) M=\\d+ steps=\\d+ paths=\\d+: ([0-9.]+) s/realization");
    private static final Pattern EX1 = Pattern.compile("xmds2 ex1 eps=2\\^-8 \\(\\d+ RK4IP steps\\): ([0-9.]+) s");
    private static final String NUMBER = "([0-9.]+(?:[eE][-+]?[0-9]+)?)";
    private static final Pattern ARK45 = Pattern.compile("xmds2 ark45 eps=2\\^-(\\d+) M=(\\d+) tolerance=" + NUMBER
            + " error=" + NUMBER + "(?: steps=(\\d+))? paths=\\d+: ([0-9.]+) s/realization");
    private static final Pattern ARK45_NONE = Pattern.compile(
            "xmds2 ark45 eps=2\\^-(\\d+) M=(\\d+) tolerance=none error=" + NUMBER + ": above");
    private static final Pattern REFERENCE = Pattern.compile("xmds2 ark45 reference eps=2\\^-(\\d+) M=\\d+: (\\S+)");

    public XmdsPeer {
        secondsPerRealization = Collections.unmodifiableMap(new TreeMap<>(secondsPerRealization));
        ark45 = Collections.unmodifiableMap(new TreeMap<>(ark45));
        references = Collections.unmodifiableMap(new TreeMap<>(references));
    }

    /**
     * XMDS2's ARK45 on the grid {@code M} of vmse's accuracy mesh, against its own RK4 reference on {@code 2M} (the
     * L1 difference of the final densities, as {@code mesh.tolerance} bounds vmse's): the largest tolerance of the
     * script's ladder whose error is at most the target, and its time per realization; when no tolerance of the
     * ladder reaches the target, {@code tolerance} and {@code secondsPerRealization} are NaN and {@code error} is
     * the smallest seen.
     *
     * @param m                     the grid
     * @param tolerance             ARK45's {@code tolerance}, or NaN
     * @param error                 {@code dx sum |rho - rho_ref|} of that run
     * @param steps                 the steps ARK45 attempted, 0 where its log did not say
     * @param secondsPerRealization XMDS2's simulation time per path, or NaN
     */
    public record Ark45(int m, double tolerance, double error, int steps, double secondsPerRealization) {

        public Ark45 {
            if (!(m > 0)) {
                throw new IllegalArgumentException("ARK45 grid M must be positive, got " + m);
            }
            if (!(error >= 0)) {
                throw new IllegalArgumentException("ARK45 error must be >= 0, got " + error);
            }
            if (!(steps >= 0)) {
                throw new IllegalArgumentException("ARK45 steps must be >= 0, got " + steps);
            }
        }

        /** Whether a tolerance of the ladder reached the target. */
        public boolean reached() {
            return !Double.isNaN(tolerance);
        }
    }

    /**
     * The final density of an {@code accuracy42} run from its {@code .xsil} file (the data rows "x rho"), checked to
     * lie at {@code x_j = j length / points}, {@code j = 0..points-1}, as XMDS2 places a periodic dimension's points.
     *
     * @throws IOException              if the file cannot be read
     * @throws IllegalArgumentException if it holds another number of rows, other points or a non-finite density
     */
    public static double[] density(Path xsil, int points, double length) throws IOException {
        return densities(xsil, 1, points, length)[0];
    }

    /**
     * The densities of a run sampled at {@code samples} times, in time order, from its {@code .xsil} file: data rows
     * "x rho" for one sample, "t x rho" for several, or "t x mean_rho stderr_rho" over several paths; each row
     * checked to lie at {@code x_j = j length / points} as in {@link #density}.
     *
     * @throws IOException              if the file cannot be read
     * @throws IllegalArgumentException if it holds another number of rows, other points or a non-finite density
     */
    public static double[][] densities(Path xsil, int samples, int points, double length) throws IOException {
        double[][] rho = new double[samples][points];
        int at = samples == 1 ? 0 : 1; // the x column
        int n = 0;
        for (String line : Files.readAllLines(xsil)) {
            String[] f = line.trim().split("\\s+");
            boolean shape = samples == 1 ? f.length == 2 : f.length == 3 || f.length == 4;
            if (!shape || !finite(f[0]) || !finite(f[at])) {
                continue;
            }
            if (!finite(f[at + 1])) {
                throw new IllegalArgumentException(xsil + ": row " + n + " has rho = " + f[at + 1]
                        + ": XMDS2's solve did not stay finite");
            }
            if (n == samples * points) {
                throw new IllegalArgumentException(xsil + ": more than " + samples * points + " data rows");
            }
            int j = n % points;
            double x = Double.parseDouble(f[at]);
            if (!(Math.abs(x - j * length / points) <= 1e-9 * length)) {
                throw new IllegalArgumentException(xsil + ": row " + n + " is at x = " + x + ", not " + j * length
                        / points);
            }
            rho[n / points][j] = Double.parseDouble(f[at + 1]);
            n++;
        }
        if (n != samples * points) {
            throw new IllegalArgumentException(xsil + ": " + n + " data rows, expected " + samples * points);
        }
        return rho;
    }

    private static boolean finite(String s) {
        try {
            return Double.isFinite(Double.parseDouble(s));
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Section 4.2 per realization at {@code eps = 2^-exponent}, or NaN where the peer did not run it. */
    public double secondsPerRealization(int exponent) {
        return secondsPerRealization.getOrDefault(exponent, Double.NaN);
    }

    /**
     * Runs the peer script, or explains why it cannot.
     *
     * @param paths  Section 4.2 at {@code eps = 2^-E} for each key {@code E}, with that many realizations (paths)
     * @param grids  the accuracy mesh's grid {@code M} by {@code E}, for ARK45 at equal error (empty: not run)
     * @param target the error ARK45 must reach: vmse's {@code mesh.tolerance}
     * @return the peer's timings, or {@code null} with the reason printed to {@code out}
     */
    public static XmdsPeer run(Path script, Map<Integer, Integer> paths, Map<Integer, Integer> grids, double target,
                               java.io.PrintStream out) {
        if (!Files.isRegularFile(script)) {
            out.println("XMDS2 peer: " + script + " not found (the repository's bench/peers/xmds2/run.sh)");
            return null;
        }
        try {
            Process which = new ProcessBuilder("sh", "-c", "command -v xmds2").start();
            if (which.waitFor() != 0) {
                out.println("XMDS2 peer: xmds2 is not installed (apt-get install -y xmds2); ratios not printed");
                return null;
            }
            Path work = Files.createTempDirectory("vmse-xmds2");
            ProcessBuilder pb = new ProcessBuilder("bash", script.toString(), work.toString()).redirectErrorStream(true);
            StringBuilder eps = new StringBuilder();
            for (Map.Entry<Integer, Integer> e : new TreeMap<>(paths).entrySet()) {
                eps.append(eps.length() > 0 ? " " : "").append(e.getKey());
                pb.environment().put(e.getKey() == 6 ? "PATHS" : "PATHS_" + e.getKey(), e.getValue().toString());
            }
            pb.environment().put("SEC42_EPS", eps.toString());
            StringBuilder mesh = new StringBuilder();
            for (Map.Entry<Integer, Integer> e : new TreeMap<>(grids).entrySet()) {
                mesh.append(mesh.length() > 0 ? " " : "").append(e.getKey()).append(':').append(e.getValue());
            }
            if (mesh.length() > 0) {
                pb.environment().put("ARK45_MESH", mesh.toString());
                pb.environment().put("ARK45_TARGET", Double.toString(target));
            }
            Process p = pb.start();
            String output = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
                out.println("XMDS2 peer failed:\n" + output);
                return null;
            }
            XmdsPeer peer = parse(output);
            if (peer == null || !peer.ark45().keySet().equals(grids.keySet())) {
                out.println("XMDS2 peer: unexpected output:\n" + output);
                return null;
            }
            return peer;
        } catch (IOException e) {
            out.println("XMDS2 peer: " + e.getMessage());
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /**
     * The peer's timings from the script's output: its {@code xmds2 sec42}, {@code xmds2 ex1} and
     * {@code xmds2 ark45} lines, and the paths of {@code xmds2 ark45 reference} lines; {@code null} when a Section 4.2
     * line or the example 1 line is missing.
     */
    static XmdsPeer parse(String output) {
        Map<Integer, Double> perRealization = new TreeMap<>();
        Matcher m = SEC42.matcher(output);
        while (m.find()) {
            perRealization.put(Integer.parseInt(m.group(1)), Double.parseDouble(m.group(2)));
        }
        Matcher ex1 = EX1.matcher(output);
        if (perRealization.isEmpty() || !ex1.find()) {
            return null;
        }
        Map<Integer, Ark45> ark45 = new TreeMap<>();
        Matcher a = ARK45.matcher(output);
        while (a.find()) {
            ark45.put(Integer.parseInt(a.group(1)), new Ark45(Integer.parseInt(a.group(2)),
                    Double.parseDouble(a.group(3)), Double.parseDouble(a.group(4)),
                    a.group(5) == null ? 0 : Integer.parseInt(a.group(5)), Double.parseDouble(a.group(6))));
        }
        Matcher none = ARK45_NONE.matcher(output);
        while (none.find()) {
            ark45.put(Integer.parseInt(none.group(1)), new Ark45(Integer.parseInt(none.group(2)), Double.NaN,
                    Double.parseDouble(none.group(3)), 0, Double.NaN));
        }
        Map<Integer, Path> references = new TreeMap<>();
        Matcher r = REFERENCE.matcher(output);
        while (r.find()) {
            references.put(Integer.parseInt(r.group(1)), Path.of(r.group(2)));
        }
        return new XmdsPeer(perRealization, Double.parseDouble(ex1.group(1)), ark45, references);
    }
}
