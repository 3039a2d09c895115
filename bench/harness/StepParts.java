import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.vmse.kernel.fft.ComplexFft;
import org.vmse.kernel.fft.FftBackend;
import org.vmse.kernel.fft.FftwWisdom;
import org.vmse.kernel.grid.PeriodicGrid;
import org.vmse.kernel.vmse.GridMass;
import org.vmse.kernel.vmse.InteractionPictureRk4Stepper;
import org.vmse.kernel.vmse.StabilityPolicy;
import org.vmse.kernel.vmse.TimeStepper;

/**
 * What an RK4IP step costs besides its transforms: the step of {@code StepTime} (Section 4.2's grid, the paper's dt,
 * a time-dependent mass filled by a copy; the mass's bounds found by a scan, as {@code GridMass}'s default does) with
 * its transforms replaced by no-ops ({@code none}: the pointwise passes and the mass alone), by a copy of the array
 * out and back ({@code copy}: as FFTW's copies in and out of its buffers, without the transform), or left as FFTW's
 * measured plans ({@code fft}). The values are meaningless with the transforms replaced (the state is reset whenever
 * it grows or shrinks far), the work is not. The calling thread's CPU time per step, microseconds, 20,000 steps a
 * round, five rounds.
 *
 * <p>Arguments: M, none | copy | fft.
 */
public final class StepParts {

    public static void main(String[] args) {
        int m = Integer.parseInt(args[0]);
        String kind = args[1];
        double eps = 4 * 1.625 / m;
        PeriodicGrid grid = new PeriodicGrid(1.625, m);
        double[] sample = new double[m];
        for (int j = 0; j < m; j++) {
            sample[j] = 1 + 0.2 * Math.sin(2 * Math.PI * grid.x(j) / 1.625);
        }
        GridMass mass = new GridMass() {
            @Override
            public void fill(double t, double[] out) {
                System.arraycopy(sample, 0, out, 0, m);
            }

            @Override
            public boolean isTimeDependent() {
                return true;
            }
        };
        ComplexFft fftw = FftwWisdom.record(() -> FftBackend.FFTW.create(m)).create(m);
        double[] buffer = new double[2 * m];
        ComplexFft fft = switch (kind) {
            case "fft" -> fftw;
            case "none", "copy" -> new ComplexFft() {
                @Override
                public int size() {
                    return m;
                }

                @Override
                public String name() {
                    return kind;
                }

                @Override
                public void forward(double[] a) {
                    if (kind.equals("copy")) {
                        System.arraycopy(a, 0, buffer, 0, 2 * m);
                        System.arraycopy(buffer, 0, a, 0, 2 * m);
                    }
                }

                @Override
                public void inverse(double[] a) {
                    forward(a);
                }

                @Override
                public void inverseUnscaled(double[] a) {
                    forward(a);
                }
            };
            default -> throw new IllegalArgumentException("none, copy or fft, got " + kind);
        };
        TimeStepper stepper = new InteractionPictureRk4Stepper(grid, eps, mass, null, fft, StabilityPolicy.SUBSTEP);
        double dt = Math.pow(eps, 1.2) / 8;
        double[] uHat = new double[2 * m];
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        int steps = 20_000;
        StringBuilder line = new StringBuilder(String.format("M = %d, transforms %s, us per step:", m, kind));
        for (int round = 0; round < 5; round++) {
            long t0 = threads.getCurrentThreadCpuTime();
            for (int n = 0; n < steps; n++) {
                if (n % 256 == 0) {
                    reset(uHat);
                }
                stepper.step(n * dt, dt, uHat);
            }
            line.append(String.format(" %.2f", (threads.getCurrentThreadCpuTime() - t0) * 1e-3 / steps));
        }
        System.out.println(line);
    }

    private static void reset(double[] uHat) {
        for (int q = 0; q < uHat.length; q++) {
            uHat[q] = 1e-3 * Math.sin(q);
        }
    }
}
