package org.vmse.job.bench;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.vmse.job.config.ExperimentConfig;
import org.vmse.job.config.ExperimentFile;
import org.vmse.job.experiment.DeterministicRun;
import org.vmse.kernel.fft.FftBackend;
import org.vmse.kernel.fft.FftwFft;
import org.vmse.kernel.vmse.Scheme;
import org.vmse.kernel.vmse.StepListener;

/**
 * Section 4.1 example 1 at {@code eps = 2^-8} ({@code conf/paper-sec41-ex1.conf}: M = 1280, 3105 steps) per scheme
 * and FFT backend: the VMSE solve's seconds ({@code vmse_seconds} of {@code submit/vmse run}) on its first solve in
 * this JVM (JIT compilation included, as a one-off run pays it) and the best of the later ones, with {@code Err}
 * (4.11). XMDS2's time for the same solve, when measured in the same invocation, gives the ratio. The first row
 * is the fastest path, so its first solve is the JVM's first VMSE solve.
 */
public final class Example1Benchmark {

    static final Path CONF = Path.of("conf", "paper-sec41-ex1.conf");
    private static final int REPEATS = 3;

    private Example1Benchmark() {
    }

    public static void run(XmdsPeer peer, PrintStream out) {
        if (!Files.isRegularFile(CONF)) {
            out.println("example 1: " + CONF + " not found (run from the repository root)");
            return;
        }
        out.println("Section 4.1 example 1 at eps = 2^-8 (" + CONF + "), VMSE solve only, one thread:");
        out.println("  scheme  fft          first solve s  best later s  Err (4.11)    XMDS2/vmse (first, best)");
        List<Case> cases = new ArrayList<>();
        for (Scheme scheme : List.of(Scheme.RK4IP, Scheme.CRANK_NICOLSON)) {
            if (FftwFft.available()) {
                cases.add(new Case(scheme, FftBackend.FFTW));
            }
            cases.add(new Case(scheme, FftBackend.JTRANSFORMS));
        }
        for (Case c : cases) {
            ExperimentConfig cfg = ExperimentFile.load(CONF, List.of("scheme=" + c.scheme().key(),
                    "fft=" + c.fft().key()));
            DeterministicRun first = DeterministicRun.execute(cfg, StepListener.NONE);
            double best = Double.POSITIVE_INFINITY;
            for (int r = 0; r < REPEATS; r++) {
                best = Math.min(best, DeterministicRun.execute(cfg, StepListener.NONE).vmseSeconds());
            }
            String ratio = peer == null ? "" : String.format("%.2f, %.2f", peer.example1Seconds()
                    / first.vmseSeconds(), peer.example1Seconds() / best);
            out.printf("  %-7s %-12s %-14.3f %-13.3f %-13.7f %s%n", c.scheme().key(), c.fft().key(),
                    first.vmseSeconds(), best, first.finalErrL1(), ratio);
        }
    }

    /** One row: a scheme on an FFT backend. */
    private record Case(Scheme scheme, FftBackend fft) {
    }
}
