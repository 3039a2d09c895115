package org.vmse.job.bench;

import com.sun.management.ThreadMXBean;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.vmse.job.config.ExperimentConfig;
import org.vmse.job.config.ExperimentFile;
import org.vmse.job.experiment.Discretization;
import org.vmse.job.experiment.EnsembleRun;
import org.vmse.job.experiment.MeshEstimate;
import org.vmse.kernel.fft.ComplexFft;
import org.vmse.kernel.fft.FftBackend;
import org.vmse.kernel.problem.FormulaMassField;
import org.vmse.kernel.random.KarhunenLoeveBasis;
import org.vmse.kernel.random.RandomMassSolver;
import org.vmse.kernel.random.RealizationResult;

/**
 * The accuracy mesh against the paper's on the same realizations: {@code conf/paper-sec42.conf} with
 * {@code scheme = rk4ip}, the KL field and {@code mesh.rule = paper} or {@code accuracy}, realizations
 * {@code 0..R-1} of seed 1 solved on both meshes in turn. Per realization: CPU seconds of the calling thread on each
 * mesh (their ratio is the speed-up) and the L1 difference of the final densities, {@code dx sum |rho_paper -
 * rho_accuracy|} on the paper's grid, the accuracy mesh's density brought there by Fourier interpolation (a density
 * {@code |u|^2} carries no carrier wave, so its spectrum lies far inside either grid's Nyquist limit); and the L1
 * difference of the two means over the realizations, which is what {@code err_l1} sees.
 */
public final class MeshBenchmark {

    private static final ThreadMXBean THREADS = (ThreadMXBean) ManagementFactory.getThreadMXBean();

    private MeshBenchmark() {
    }

    /**
     * @param exponents    {@code eps = 2^-e}
     * @param realizations realizations compared per {@code eps}
     * @param tolerance    {@code mesh.tolerance}
     * @param fft          the FFT backend and FFTW's planner
     */
    public static void run(List<Integer> exponents, int realizations, double tolerance, BenchFft fft,
                           PrintStream out) {
        if (!Files.isRegularFile(RunnerBenchmark.CONF)) {
            out.println("mesh: " + RunnerBenchmark.CONF + " not found (run from the repository root)");
            return;
        }
        out.printf("vmse bench --ensemble --mesh: %s, scheme = rk4ip, random.sampler = kl, fft = %s, realizations"
                + " 0..%d of seed 1 on both meshes, mesh.tolerance = %.1e; CPU s of one thread per realization%n",
                RunnerBenchmark.CONF, fft.label(), realizations - 1, tolerance);
        out.println("  eps    paper M/steps  accuracy M/steps  substeps  choice s  pilot term  paper s/real.  accuracy"
                + " s/real.  speed-up  L1(rho) max  L1(rho) mean  L1(means)");
        for (int e : exponents) {
            List<String> common = fft.keys("eps=2^-" + e, "scheme=rk4ip", "random.sampler=kl",
                    "rte.enabled=false");
            ExperimentConfig paper = ExperimentFile.load(RunnerBenchmark.CONF, common);
            ExperimentConfig accurate = ExperimentFile.load(RunnerBenchmark.CONF,
                    concat(common, "mesh.rule=accuracy", "mesh.tolerance=" + tolerance));
            Discretization dp = Discretization.of(paper, new FormulaMassField(paper.mass()));
            Discretization da = Discretization.of(accurate, new FormulaMassField(accurate.mass()));
            KarhunenLoeveBasis basis = EnsembleRun.basis(paper);
            RandomMassSolver sp = solver(paper, dp, basis);
            RandomMassSolver sa = solver(accurate, da, basis);
            sp.solve(99, 0); // JIT warm-up of both paths
            sa.solve(99, 0);
            int mp = dp.grid().M();
            double[] meanP = new double[mp];
            double[] meanA = new double[mp];
            double cpuP = 0;
            double cpuA = 0;
            double worst = 0;
            double sum = 0;
            long substeps = 0;
            for (int i = 0; i < realizations; i++) {
                long c0 = THREADS.getCurrentThreadCpuTime();
                RealizationResult rp = sp.solve(1, i);
                long c1 = THREADS.getCurrentThreadCpuTime();
                RealizationResult ra = sa.solve(1, i);
                long c2 = THREADS.getCurrentThreadCpuTime();
                cpuP += (c1 - c0) * 1e-9;
                cpuA += (c2 - c1) * 1e-9;
                substeps += ra.substeps();
                double[] p = last(rp);
                double[] a = resample(last(ra), mp);
                double d = 0;
                for (int j = 0; j < mp; j++) {
                    d += Math.abs(p[j] - a[j]);
                    meanP[j] += p[j] / realizations;
                    meanA[j] += a[j] / realizations;
                }
                d *= dp.grid().dx();
                worst = Math.max(worst, d);
                sum += d;
            }
            double means = 0;
            for (int j = 0; j < mp; j++) {
                means += Math.abs(meanP[j] - meanA[j]);
            }
            means *= dp.grid().dx();
            MeshEstimate est = da.estimate();
            out.printf("  2^-%-3d %-14s %-17s %-9d %-9.1f %-11.2e %-14.4f %-17.4f %-9.1f %-12.2e %-13.2e %.2e%n", e,
                    mp + "/" + dp.plan().totalSteps(), da.grid().M() + "/" + da.plan().totalSteps(),
                    substeps / realizations, est.seconds(), est.error(), cpuP / realizations, cpuA / realizations,
                    cpuP / cpuA, worst, sum / realizations, means);
        }
    }

    private static RandomMassSolver solver(ExperimentConfig cfg, Discretization d, KarhunenLoeveBasis basis) {
        return RandomMassSolver.of(BenchFft.planned(cfg, EnsembleRun.problem(cfg, d), basis), basis);
    }

    private static double[] last(RealizationResult r) {
        return r.densities()[r.densities().length - 1];
    }

    /**
     * {@code values} on {@code n} points by Fourier interpolation: the spectrum zero-padded (or cut) to {@code n}
     * modes, the Nyquist mode of an even length split evenly between {@code +-} its wavenumber.
     */
    static double[] resample(double[] values, int n) {
        int m = values.length;
        if (m == n) {
            return values.clone();
        }
        ComplexFft from = FftBackend.JTRANSFORMS.create(m);
        ComplexFft to = FftBackend.JTRANSFORMS.create(n);
        double[] c = new double[2 * m];
        for (int j = 0; j < m; j++) {
            c[2 * j] = values[j];
        }
        from.forward(c);
        double[] d = new double[2 * n];
        int keep = Math.min(m, n) / 2; // modes -keep+1 .. keep-1 copied, +-keep split
        for (int k = 0; k < keep; k++) {
            d[2 * k] = c[2 * k];
            d[2 * k + 1] = c[2 * k + 1];
            if (k > 0) {
                d[2 * (n - k)] = c[2 * (m - k)];
                d[2 * (n - k) + 1] = c[2 * (m - k) + 1];
            }
        }
        // the wavenumber keep: on the smaller grid one mode stands for both signs
        int kn = keep;
        if (m < n) {
            d[2 * kn] = c[2 * kn] / 2;
            d[2 * kn + 1] = c[2 * kn + 1] / 2;
            d[2 * (n - kn)] = c[2 * kn] / 2;
            d[2 * (n - kn) + 1] = c[2 * kn + 1] / 2;
        } else {
            d[2 * kn] = c[2 * kn] + c[2 * (m - kn)];
            d[2 * kn + 1] = c[2 * kn + 1] + c[2 * (m - kn) + 1];
        }
        to.inverse(d);
        double[] out = new double[n];
        double scale = (double) n / m;
        for (int j = 0; j < n; j++) {
            out[j] = d[2 * j] * scale;
        }
        return out;
    }

    private static List<String> concat(List<String> a, String... more) {
        List<String> all = new java.util.ArrayList<>(a);
        all.addAll(List.of(more));
        return all;
    }
}
