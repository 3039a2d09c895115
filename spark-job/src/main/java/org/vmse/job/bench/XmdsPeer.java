package org.vmse.job.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The peer a physicist would use instead: XMDS2 on the same two workloads (the repository's
 * {@code bench/peers/xmds2/run.sh}, see {@link PeerPrograms}), run in the same invocation as vmse's own benchmark
 * so that ratios compare like with like.
 *
 * @param secondsPerRealization Section 4.2 per realization at {@code eps = 2^-6}
 * @param example1Seconds       Section 4.1 example 1 at {@code eps = 2^-8}, 3105 RK4IP steps
 */
public record XmdsPeer(double secondsPerRealization, double example1Seconds) {

    private static final Pattern LINE = Pattern.compile(
            "xmds2 sec42 eps=2\\^-6: ([0-9.]+) s/realization; ex1 eps=2\\^-8 \\(\\d+ RK4IP steps\\): ([0-9.]+) s");

    /**
     * Runs the peer script, or explains why it cannot.
     *
     * @return the peer's timings, or {@code null} with the reason printed to {@code out}
     */
    public static XmdsPeer run(Path script, java.io.PrintStream out) {
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
            Process p = new ProcessBuilder("bash", script.toString(), work.toString()).redirectErrorStream(true)
                    .start();
            String output = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
                out.println("XMDS2 peer failed:\n" + output);
                return null;
            }
            Matcher m = LINE.matcher(output);
            if (!m.find()) {
                out.println("XMDS2 peer: unexpected output:\n" + output);
                return null;
            }
            return new XmdsPeer(Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2)));
        } catch (IOException e) {
            out.println("XMDS2 peer: " + e.getMessage());
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
