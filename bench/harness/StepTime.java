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
 * One RK4IP step on Section 4.2's grid (L = 1.625, M points, eps = 4L/M, the paper's dt = eps^1.2/8), FFTW's measured
 * plans, the mass {@code 1 + 0.2 sin(2 pi x / L)} filled by a copy: declared time-independent ({@code constant}: the
 * stepper fills it once) or time-dependent ({@code moving}: filled at the three times of every step, so the step
 * carries what a random mass adds besides computing its field). The steps are taken at {@code t = n dt}, as the
 * solver takes them.
 *
 * <p>Arguments, one of:
 * <ul>
 *   <li>{@code M constant|moving}: the calling thread's CPU time per step, microseconds, 20,000 steps a round, five
 *       rounds;
 *   <li>{@code M constant|moving none|copy}: the same with the transforms replaced by no-ops (the step's pointwise
 *       passes and the mass alone) or by a copy of the array out and back (as FFTW's copies, without the transform);
 *       the values are then meaningless (the state is reset every 256 steps), the work is not;
 *   <li>{@code M warm-up STEPS BLOCK}: a fresh JVM's first {@code STEPS} steps with the moving mass, wall milliseconds
 *       per {@code BLOCK} steps, as the JIT compiles them.
 * </ul>
 * Run with {@code VMSE_VECTOR_API=off} in front of {@code bench/harness/run.sh} for the scalar passes.
 */
public final class StepTime {

    public static void main(String[] args) {
        int m = Integer.parseInt(args[0]);
        String mode = args[1];
        boolean warmUp = mode.equals("warm-up");
        String transforms = args.length == 3 ? args[2] : "fft";
        double eps = 4 * 1.625 / m;
        PeriodicGrid grid = new PeriodicGrid(1.625, m);
        double[] sample = new double[m];
        for (int j = 0; j < m; j++) {
            sample[j] = 1 + 0.2 * Math.sin(2 * Math.PI * grid.x(j) / 1.625);
        }
        boolean moving = warmUp || mode.equals("moving");
        GridMass mass = new GridMass() {
            @Override
            public void fill(double t, double[] out) {
                System.arraycopy(sample, 0, out, 0, m);
            }

            @Override
            public boolean isTimeDependent() {
                return moving;
            }
        };
        ComplexFft fft = switch (transforms) {
            case "fft" -> FftwWisdom.record(() -> FftBackend.FFTW.create(m)).create(m);
            case "none", "copy" -> replaced(m, transforms.equals("copy"));
            default -> throw new IllegalArgumentException("transforms none or copy, got " + transforms);
        };
        TimeStepper stepper = new InteractionPictureRk4Stepper(grid, eps, mass, null, fft, StabilityPolicy.SUBSTEP);
        double dt = Math.pow(eps, 1.2) / 8;
        double[] uHat = new double[2 * m];
        uHat[2] = 1;
        if (warmUp) {
            warmUp(stepper, dt, uHat, Integer.parseInt(args[2]), Integer.parseInt(args[3]));
            return;
        }
        boolean reset = !transforms.equals("fft");
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        int steps = 20_000;
        StringBuilder line = new StringBuilder(String.format("M = %d, %s mass%s, us per step:", m, mode,
                reset ? ", transforms " + transforms : ""));
        for (int round = 0; round < 5; round++) {
            long t0 = threads.getCurrentThreadCpuTime();
            for (int n = 0; n < steps; n++) {
                if (reset && n % 256 == 0) {
                    for (int q = 0; q < uHat.length; q++) {
                        uHat[q] = 1e-3 * Math.sin(q);
                    }
                }
                stepper.step(n * dt, dt, uHat);
            }
            line.append(String.format(" %.2f", (threads.getCurrentThreadCpuTime() - t0) * 1e-3 / steps));
        }
        System.out.println(line);
    }

    private static void warmUp(TimeStepper stepper, double dt, double[] uHat, int steps, int block) {
        StringBuilder line = new StringBuilder(String.format("first %d steps, ms per %d:", steps, block));
        long start = System.nanoTime();
        long t0 = start;
        for (int n = 0; n < steps; n++) {
            stepper.step(n * dt, dt, uHat);
            if ((n + 1) % block == 0) {
                long t1 = System.nanoTime();
                line.append(String.format(" %.1f", (t1 - t0) * 1e-6));
                t0 = t1;
            }
        }
        line.append(String.format("; all %.0f ms", (System.nanoTime() - start) * 1e-6));
        System.out.println(line);
    }

    /** A transform of length {@code m} that does nothing, or copies the array out and back. */
    private static ComplexFft replaced(int m, boolean copy) {
        double[] buffer = new double[2 * m];
        return new ComplexFft() {
            @Override
            public int size() {
                return m;
            }

            @Override
            public String name() {
                return copy ? "copy" : "none";
            }

            @Override
            public void forward(double[] a) {
                if (copy) {
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
    }
}
