import java.util.Random;
import org.vmse.kernel.fft.FftBackend;
import org.vmse.kernel.fft.FftwWisdom;
import org.vmse.kernel.problem.MassCovariance;
import org.vmse.kernel.random.KarhunenLoeveBasis;
import org.vmse.kernel.random.KarhunenLoeveField;
import org.vmse.kernel.vmse.TimePlan;

/**
 * The Karhunen-Loeve field of Section 4.2 on the paper's mesh ({@code dx = eps/4}, {@code dt = eps^1.2/8}, T = 0.4,
 * L = 1.625, D = 1.5, a = b = 100, truncation 2^-9) at every half step, as a run serves it: exact nodes every E-th
 * half step and a centred P-point Lagrange stencil between, (E, P) chosen by the field's a-priori bound. Prints the
 * choice, the bound and the largest difference from the field evaluated exactly at each half step
 * ({@code fillAt}), relative to the bound's scale S and to max |m1|; then the time per step (two half steps) of the
 * field as chosen against the field forced exact at every half step (E = 1). One realization, xi ~ N(0, 1) from a
 * fixed seed; FFTW's measured plans, as a run with {@code fftw.planner = measure} makes them.
 *
 * <p>Arguments: k (eps = 2^-k), repetitions of the timing, and optionally E and P to force instead of the choice
 * (the bound is then printed for them, whatever its size).
 */
public final class FieldInTime {

    public static void main(String[] args) {
        int k = Integer.parseInt(args[0]);
        int repetitions = Integer.parseInt(args[1]);
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
        KarhunenLoeveField field = new KarhunenLoeveField(tables, KarhunenLoeveField.DEFAULT_BLOCK, measured);
        if (args.length == 4) {
            field.forceNodes(Integer.parseInt(args[2]), Integer.parseInt(args[3]));
        }
        KarhunenLoeveField exact = new KarhunenLoeveField(tables, KarhunenLoeveField.DEFAULT_BLOCK, measured);
        exact.forceNodes(1, 0);
        double[] xi = new double[basis.pairCount()];
        Random normal = new Random(7);
        for (int i = 0; i < xi.length; i++) {
            xi[i] = normal.nextGaussian();
        }
        double[] a = new double[m];
        double[] b = new double[m];
        double worst = 0;
        double largest = 0;
        field.reset(xi);
        field.setSchedule(0, half);
        for (int n = 1; n <= 2 * steps; n++) {
            field.fill(n, b);
            field.fillAt(n * half, a);
            for (int j = 0; j < m; j++) {
                worst = Math.max(worst, Math.abs(a[j] - b[j]));
                largest = Math.max(largest, Math.abs(a[j]));
            }
        }
        double s = field.fieldBound();
        System.out.printf("eps = 2^-%d  M = %d  steps = %d  E = %d  P = %d  bound %.1e S  error %.1e S = %.1e max|m1|"
                + "  (S = %.2f max|m1|)%n", k, m, steps, field.nodeSpacing(), field.stencilPoints(),
                field.interpolationBound(), worst / s, worst / largest, s / largest);
        for (int r = 0; r < repetitions; r++) {
            long t0 = System.nanoTime();
            exact.reset(xi);
            exact.setSchedule(0, half);
            for (int n = 1; n <= 2 * steps; n++) {
                exact.fill(n, a);
            }
            long t1 = System.nanoTime();
            field.reset(xi);
            field.setSchedule(0, half);
            for (int n = 1; n <= 2 * steps; n++) {
                field.fill(n, b);
            }
            long t2 = System.nanoTime();
            System.out.printf("  exact %.1f us a step, as chosen %.1f us a step%n", (t1 - t0) * 1e-3 / steps,
                    (t2 - t1) * 1e-3 / steps);
        }
    }
}
