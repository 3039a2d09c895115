import org.vmse.kernel.fft.FftBackend;
import org.vmse.kernel.fft.FftwWisdom;
import org.vmse.kernel.grid.PeriodicGrid;
import org.vmse.kernel.vmse.GridMass;
import org.vmse.kernel.vmse.Scheme;
import org.vmse.kernel.vmse.StabilityPolicy;
import org.vmse.kernel.vmse.TimeStepper;

/**
 * A fresh JVM's first RK4IP steps, as the JIT compiles them: the step of {@code StepTime} (Section 4.2's grid, the
 * paper's dt, a time-dependent mass filled by a copy, FFTW's measured plans), wall milliseconds per block of steps.
 * Run with and without the vector API ({@code VMSE_VECTOR_API=off bench/harness/run.sh WarmUp ...}) to see what the
 * JIT's compilation of the vector passes costs a JVM before they pay.
 *
 * <p>Arguments: M, steps, steps a block.
 */
public final class WarmUp {

    public static void main(String[] args) {
        int m = Integer.parseInt(args[0]);
        int steps = Integer.parseInt(args[1]);
        int block = Integer.parseInt(args[2]);
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
        FftwWisdom measured = FftwWisdom.record(() -> FftBackend.FFTW.create(m));
        TimeStepper stepper = Scheme.RK4IP.stepper(grid, eps, mass, null, measured, null, StabilityPolicy.SUBSTEP);
        double dt = Math.pow(eps, 1.2) / 8;
        double[] uHat = new double[2 * m];
        uHat[2] = 1;
        StringBuilder line = new StringBuilder(String.format("M = %d, ms per %d steps:", m, block));
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
        line.append(String.format("; all %d steps %.0f ms", steps, (System.nanoTime() - start) * 1e-6));
        System.out.println(line);
    }
}
