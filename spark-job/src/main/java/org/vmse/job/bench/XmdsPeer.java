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
 */
public record XmdsPeer(Map<Integer, Double> secondsPerRealization, double example1Seconds) {

    private static final Pattern SEC42 = Pattern.compile(
            "xmds2 sec42 eps=2\\^-(\\d+) M=\\d+ steps=\\d+ paths=\\d+: ([0-9.]+) s/realization");
    private static final Pattern EX1 = Pattern.compile("xmds2 ex1 eps=2\\^-8 \\(\\d+ RK4IP steps\\): ([0-9.]+) s");

    public XmdsPeer {
        secondsPerRealization = Collections.unmodifiableMap(new TreeMap<>(secondsPerRealization));
    }

    /** Section 4.2 per realization at {@code eps = 2^-exponent}, or NaN where the peer did not run it. */
    public double secondsPerRealization(int exponent) {
        return secondsPerRealization.getOrDefault(exponent, Double.NaN);
    }

    /**
     * Runs the peer script, or explains why it cannot.
     *
     * @param paths Section 4.2 at {@code eps = 2^-E} for each key {@code E}, with that many realizations (paths)
     * @return the peer's timings, or {@code null} with the reason printed to {@code out}
     */
    public static XmdsPeer run(Path script, Map<Integer, Integer> paths, java.io.PrintStream out) {
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
            Process p = pb.start();
            String output = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
                out.println("XMDS2 peer failed:\n" + output);
                return null;
            }
            Map<Integer, Double> perRealization = new TreeMap<>();
            Matcher m = SEC42.matcher(output);
            while (m.find()) {
                perRealization.put(Integer.parseInt(m.group(1)), Double.parseDouble(m.group(2)));
            }
            Matcher ex1 = EX1.matcher(output);
            if (perRealization.isEmpty() || !ex1.find()) {
                out.println("XMDS2 peer: unexpected output:\n" + output);
                return null;
            }
            return new XmdsPeer(perRealization, Double.parseDouble(ex1.group(1)));
        } catch (IOException e) {
            out.println("XMDS2 peer: " + e.getMessage());
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
