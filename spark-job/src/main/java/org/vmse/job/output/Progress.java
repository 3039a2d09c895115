package org.vmse.job.output;

import java.io.PrintStream;
import org.vmse.kernel.vmse.StepListener;

/**
 * Progress of a long run on standard error: done/total, rate and ETA. On an interactive terminal the line is
 * rewritten in place a few times a second; otherwise (logs, CI) a line is printed every 10 s. Quiet prints nothing.
 */
public final class Progress implements StepListener {

    private final String label;
    private final String unit;
    private final PrintStream err;
    private final boolean enabled;
    private final boolean interactive;
    private final long startNanos = System.nanoTime();
    private long lastPrintNanos = startNanos;
    private boolean printedInPlace;

    /** Progress in time steps. */
    public Progress(String label, boolean quiet, PrintStream err) {
        this(label, "step", quiet, err);
    }

    /**
     * @param unit what is counted, e.g. {@code "step"} or {@code "realization"}
     */
    public Progress(String label, String unit, boolean quiet, PrintStream err) {
        this.label = label;
        this.unit = unit;
        this.err = err;
        this.enabled = !quiet;
        this.interactive = System.console() != null;
    }

    @Override
    public void stepDone(int done, int total, double t) {
        report(done, total, String.format(", t = %.4f", t));
    }

    /** Reports {@code done} of {@code total}, with {@code detail} after the count. */
    public void report(long done, long total, String detail) {
        if (!enabled) {
            return;
        }
        long now = System.nanoTime();
        long interval = interactive ? 200_000_000L : 10_000_000_000L;
        if (now - lastPrintNanos < interval && done < total) {
            return;
        }
        if (!interactive && done == total) {
            return;
        }
        lastPrintNanos = now;
        double elapsed = (now - startNanos) * 1e-9;
        double rate = done / Math.max(elapsed, 1e-9);
        double eta = (total - done) / Math.max(rate, 1e-9);
        String line = String.format("%s: %s %d/%d (%.0f%%)%s, %.1f %ss/s, ETA %s", label, unit, done, total,
                100.0 * done / total, detail, rate, unit, duration(eta));
        if (interactive) {
            err.print("\r" + line + "   ");
            printedInPlace = true;
            if (done == total) {
                err.println();
                printedInPlace = false;
            }
        } else {
            err.println(line);
        }
    }

    /** Ends an in-place line, if any, so the next message starts on its own line. */
    public void finish() {
        if (printedInPlace) {
            err.println();
            printedInPlace = false;
        }
    }

    static String duration(double seconds) {
        if (seconds < 60) {
            return String.format("%.1f s", seconds);
        }
        if (seconds < 3600) {
            return String.format("%d min %02d s", (long) seconds / 60, (long) seconds % 60);
        }
        return String.format("%d h %02d min", (long) seconds / 3600, ((long) seconds % 3600) / 60);
    }
}
