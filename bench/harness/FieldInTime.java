import java.util.Arrays;
import java.util.Random;
import org.vmse.kernel.fft.FftBackend;
import org.vmse.kernel.fft.FftwWisdom;
import org.vmse.kernel.problem.MassCovariance;
import org.vmse.kernel.random.KarhunenLoeveBasis;
import org.vmse.kernel.random.KarhunenLoeveField;
import org.vmse.kernel.vmse.TimePlan;

/**
 * The Karhunen-Loeve field of Section 4.2 on the paper's mesh ({@code dx = eps/4}, {@code dt = eps^1.2/8}, T = 0.4,
 * L = 1.625, D = 1.5, a = b = 100, truncation 2^-9) at every half step, computed exactly ({@link KarhunenLoeveField})
 * against computed exactly only at every E-th half step and interpolated between by a centred P-point Lagrange
 * stencil: the largest difference over all half steps and points relative to max |m1|, and the time of each per
 * step (two half steps). One realization, xi ~ N(0, 1) from a fixed seed; FFTW's measured plans, as a run with
 * {@code fftw.planner = measure} makes them.
 *
 * <p>Arguments: k (eps = 2^-k), E, P (even), repetitions of the timing.
 */
public final class FieldInTime {

    public static void main(String[] args) {
        int k = Integer.parseInt(args[0]);
        int every = Integer.parseInt(args[1]);
        int p = Integer.parseInt(args[2]);
        int repetitions = Integer.parseInt(args[3]);
        double eps = Math.pow(2, -k);
        double tEnd = 0.4;
        int m = (int) Math.round(1.625 / (eps / 4));
        int steps = TimePlan.stepsFor(tEnd, Math.pow(eps, 1.2) / 8);
        double half = tEnd / steps / 2;
        KarhunenLoeveBasis basis = KarhunenLoeveBasis.withThreshold(new MassCovariance(1.5, 100, 100), tEnd, 1.625,
                eps, 0x1p-9);
        KarhunenLoeveField.Tables tables = KarhunenLoeveField.tables(basis, m);
        FftwWisdom measured = FftwWisdom.record(
                () -> new KarhunenLoeveField(tables, KarhunenLoeveField.DEFAULT_BLOCK, FftBackend.FFTW));
        KarhunenLoeveField exact = new KarhunenLoeveField(tables, KarhunenLoeveField.DEFAULT_BLOCK, measured);
        KarhunenLoeveField nodes = new KarhunenLoeveField(tables, KarhunenLoeveField.DEFAULT_BLOCK, measured);
        double[] xi = new double[basis.pairCount()];
        Random normal = new Random(7);
        for (int i = 0; i < xi.length; i++) {
            xi[i] = normal.nextGaussian();
        }
        Interpolation in = new Interpolation(nodes, m, every, p, half);
        double[] a = new double[m];
        double[] b = new double[m];
        double worst = 0;
        double largest = 0;
        exact.reset(xi);
        exact.setSchedule(0, half);
        in.start(xi);
        for (int n = 1; n <= 2 * steps; n++) {
            exact.fill(n, a);
            in.fill(n, b);
            for (int j = 0; j < m; j++) {
                worst = Math.max(worst, Math.abs(a[j] - b[j]));
                largest = Math.max(largest, Math.abs(a[j]));
            }
        }
        System.out.printf("eps = 2^-%d  M = %d  steps = %d  E = %d  P = %d  relative error %.1e%n", k, m, steps,
                every, p, worst / largest);
        for (int r = 0; r < repetitions; r++) {
            long t0 = System.nanoTime();
            exact.reset(xi);
            exact.setSchedule(0, half);
            for (int n = 1; n <= 2 * steps; n++) {
                exact.fill(n, a);
            }
            long t1 = System.nanoTime();
            in.start(xi);
            for (int n = 1; n <= 2 * steps; n++) {
                in.fill(n, b);
            }
            long t2 = System.nanoTime();
            System.out.printf("  exact %.1f us a step, interpolated %.1f us a step%n", (t1 - t0) * 1e-3 / steps,
                    (t2 - t1) * 1e-3 / steps);
        }
    }

    /** The field at half step n from exact nodes at (j - P/2) E half steps, a ring of the last P of them. */
    private static final class Interpolation {
        private final KarhunenLoeveField nodes;
        private final int every;
        private final int p;
        private final double spacing;
        private final double[][] ring;
        private final double[][] weights;
        private int loaded;

        Interpolation(KarhunenLoeveField nodes, int m, int every, int p, double half) {
            this.nodes = nodes;
            this.every = every;
            this.p = p;
            this.spacing = every * half;
            this.ring = new double[p][m];
            this.weights = new double[every][p];
            for (int s = 0; s < every; s++) {
                double x = p / 2 - 1 + (double) s / every; // the target among stencil nodes 0..P-1
                for (int i = 0; i < p; i++) {
                    double w = 1;
                    for (int j = 0; j < p; j++) {
                        if (j != i) {
                            w *= (x - j) / (i - j);
                        }
                    }
                    weights[s][i] = w;
                }
            }
        }

        void start(double[] xi) {
            nodes.reset(xi);
            nodes.setSchedule(-(p / 2) * spacing, spacing);
            loaded = 0;
        }

        /** Half step n = c E + s lies between nodes c + P/2 and c + P/2 + 1; its stencil is nodes c + 1 .. c + P. */
        void fill(int n, double[] out) {
            int c = n / every;
            while (loaded <= c + p) {
                nodes.fill(loaded, ring[loaded % p]);
                loaded++;
            }
            Arrays.fill(out, 0);
            double[] w = weights[n % every];
            for (int i = 0; i < p; i++) {
                double wi = w[i];
                double[] y = ring[(c + 1 + i) % p];
                for (int j = 0; j < out.length; j++) {
                    out[j] += wi * y[j];
                }
            }
        }
    }
}
