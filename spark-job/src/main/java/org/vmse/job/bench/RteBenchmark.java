package org.vmse.job.bench;

import java.io.PrintStream;
import org.vmse.kernel.fft.FftBackend;
import org.vmse.kernel.problem.FormulaMassField;
import org.vmse.kernel.problem.WavePacket;
import org.vmse.kernel.rte.RteGrid;
import org.vmse.kernel.rte.RteInitialData;
import org.vmse.kernel.rte.RteOperator;
import org.vmse.kernel.rte.RteSolution;
import org.vmse.kernel.rte.ScatteringKernel;
import org.vmse.kernel.rte.SpectralSplittingScheme;

/**
 * The RTE at the paper's resolution (Section 4.2.2: {@code dx = dk = 2^-10}, {@code T = 0.4}, {@code a = b = 100},
 * {@code D = 1.5}, {@code A = 256}, {@code x0 = 0.3}, {@code p0 = 1.5}, {@code m0 = 1}): the time of the spectral
 * splitting scheme at a coarse step {@code 2^-8} and at the paper's {@code dt = 2^-12}, its splitting error, and how
 * much scattering changes {@code rho} against free transport.
 */
public final class RteBenchmark {

    private static final WavePacket PACKET = new WavePacket(256, 0.3, 1.5);
    private static final double L = 1.625;
    private static final double T = 0.4;
    /** The coarse splitting step: within ~3e-6 (relative L1) of the paper's step at this resolution. */
    private static final double COARSE_STEP = 0x1p-8;

    private RteBenchmark() {
    }

    private static RteSolution solve(double d, double kMin, double kMax, double dt, PrintStream out, String label) {
        RteGrid g = RteGrid.of(L, 0x1p-10, kMin, kMax, 0x1p-10);
        long t0 = System.nanoTime();
        RteOperator operator = new RteOperator(FormulaMassField.parse("mass.m0", "1"), new ScatteringKernel(d, 100, 100),
                g);
        RteSolution r = new SpectralSplittingScheme(operator, dt, FftBackend.JTRANSFORMS)
                .solve(RteInitialData.delta(PACKET).sample(g), new double[] {T});
        double seconds = (System.nanoTime() - t0) * 1e-9;
        if (label != null) {
            out.printf("  %-34s nx = %d, nk = %d, dt = 2^%d, %d steps: %.2f s (setup included), mass %.12f,"
                    + " backscatter leak %.2e%n", label, g.nx(), g.nk(), Math.getExponent(dt), r.steps(), seconds,
                    r.totalMass()[0], r.scatterLeak()[0]);
        }
        return r;
    }

    private static double l1(double[] a, double[] b) {
        double s = 0;
        for (int j = 0; j < a.length; j++) {
            s += Math.abs(a[j] - b[j]);
        }
        return s * L / a.length;
    }

    public static void run(PrintStream out) {
        out.println("vmse bench --rte: Section 4.2.2 at dx = dk = 2^-10, T = 0.4, k window [1, 2]"
                + " (exact transport + collision propagator, Strang splitting)");
        RteSolution d = solve(1.5, 1.0, 2.0, COARSE_STEP, out, "D = 1.5, coarse step");
        RteSolution paper = solve(1.5, 1.0, 2.0, 0x1p-12, out, "D = 1.5, the paper's dt");
        RteSolution free = solve(0, 1.0, 2.0, COARSE_STEP, out, "D = 0 (free transport)");
        double mass = d.totalMass()[0];
        out.printf("  splitting: L1(rho at 2^-8 - rho at 2^-12) / mass = %.2e%n", l1(d.rho(0), paper.rho(0)) / mass);
        out.printf("  scattering: L1(rho(D = 1.5) - rho(D = 0)) / mass = %.4f at t = 0.4%n",
                l1(d.rho(0), free.rho(0)) / mass);
        RteSolution narrow = solve(1.5, 1.25, 1.75, COARSE_STEP, out, null);
        out.printf("  k window: L1(rho with [1.25, 1.75] - rho with [1, 2]) / mass = %.2e%n",
                l1(narrow.rho(0), d.rho(0)) / mass);
    }
}
