import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.vmse.kernel.fft.FftBackend;
import org.vmse.kernel.fft.FftwWisdom;
import org.vmse.kernel.grid.PeriodicGrid;
import org.vmse.kernel.vmse.GridMass;
import org.vmse.kernel.vmse.Scheme;
import org.vmse.kernel.vmse.StabilityPolicy;
import org.vmse.kernel.vmse.TimeStepper;

/**
 * One RK4IP step on Section 4.2's grid (L = 1.625, M points, eps = 4L/M, the paper's dt = eps^1.2/8), FFTW's measured
 * plans, the mass {@code 1 + 0.2 sin(2 pi x / L)} filled by a copy: declared time-independent ({@code constant}: the
 * stepper fills it once) or time-dependent ({@code moving}: filled at the three times of every step, so the step
 * carries what a random mass adds besides computing its field). The steps are taken at {@code t = n dt}, as the
 * solver takes them. The calling thread's CPU time per step, microseconds, 20,000 steps a round, five rounds.
 *
 * <p>Arguments: M, constant | moving.
 */
public final class StepTime {

    public static void main(String[] args) {
        int m = Integer.parseInt(args[0]);
        boolean moving = args[1].equals("moving");
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
                return moving;
            }
        };
        FftwWisdom measured = FftwWisdom.record(() -> FftBackend.FFTW.create(m));
        TimeStepper stepper = Scheme.RK4IP.stepper(grid, eps, mass, null, measured, null, StabilityPolicy.SUBSTEP);
        double dt = Math.pow(eps, 1.2) / 8;
        double[] uHat = new double[2 * m];
        uHat[2] = 1;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        int steps = 20_000;
        StringBuilder line = new StringBuilder(String.format("M = %d, %s mass, us per step:", m, args[1]));
        for (int round = 0; round < 5; round++) {
            long t0 = threads.getCurrentThreadCpuTime();
            for (int n = 0; n < steps; n++) {
                stepper.step(n * dt, dt, uHat);
            }
            line.append(String.format(" %.2f", (threads.getCurrentThreadCpuTime() - t0) * 1e-3 / steps));
        }
        System.out.println(line);
    }
}
