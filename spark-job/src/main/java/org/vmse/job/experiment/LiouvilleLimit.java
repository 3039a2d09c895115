package org.vmse.job.experiment;

import org.vmse.job.config.ExperimentConfig;
import org.vmse.job.config.LiouvilleSpec;
import org.vmse.kernel.grid.PeriodicGrid;
import org.vmse.kernel.liouville.BackwardParticleMethod;
import org.vmse.kernel.liouville.CausticException;
import org.vmse.kernel.liouville.ForwardCharacteristics;
import org.vmse.kernel.liouville.LagrangianManifold;
import org.vmse.kernel.liouville.PhaseSpaceDensity;
import org.vmse.kernel.problem.MassField;

/**
 * The Liouville limit (2.20) of an experiment: {@code rho0} on the VMSE grid at every output time by forward
 * characteristics (exact before caustics; after one, by the backward particle method, and the summary says so),
 * and {@code W0} at the final time on the phase-space grid by the backward particle method (4.8)/(4.13), whose own
 * {@code rho0} is compared with the forward one as an independent check.
 *
 * @param rho0          {@code rho0(t_k, x_j)} on the VMSE grid
 * @param method        {@code "forward-characteristics"} or {@code "backward-particle"}
 * @param caustic       the caustic that forced the backward method, or {@code null}
 * @param escapedMass   mass carried by rays that left {@code [0, L)} (forward method)
 * @param phaseSpace    {@code W0(T)} on the phase-space grid
 * @param manifold      the Lagrangian manifold at {@code T} (folded after a caustic)
 * @param methodsL1Diff {@code ∫ |rho0_forward - rho0_backward| dx} at {@code T} on the phase-space x grid
 *                      (NaN after a caustic)
 */
public record LiouvilleLimit(double[][] rho0, String method, String caustic, double escapedMass,
                             PhaseSpaceDensity phaseSpace, LagrangianManifold manifold, double methodsL1Diff) {

    public LiouvilleLimit {
        rho0 = copy(rho0);
    }

    @Override
    public double[][] rho0() {
        return copy(rho0);
    }

    /** {@code rho0} at output time {@code k}. */
    public double[] rho0(int k) {
        return rho0[k].clone();
    }

    private static double[][] copy(double[][] a) {
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i].clone();
        }
        return c;
    }

    static LiouvilleLimit solve(ExperimentConfig cfg, MassField mass, PeriodicGrid grid) {
        LiouvilleSpec spec = cfg.liouville();
        double[] times = cfg.outputTimes();
        double T = times[times.length - 1];
        ForwardCharacteristics forward = new ForwardCharacteristics(mass, cfg.initial(), cfg.L(), spec.rays(),
                spec.tolerance(), spec.tolerance(), ForwardCharacteristics.DEFAULT_ESCAPE_TOLERANCE);
        BackwardParticleMethod backward = new BackwardParticleMethod(mass, cfg.initial(), cfg.L(),
                spec.deltaWidth(), BackwardParticleMethod.DEFAULT_COARSE, spec.tolerance(), spec.tolerance());

        double[][] rho0 = new double[times.length][];
        String method = "forward-characteristics";
        String caustic = null;
        double escaped = 0;
        // the manifold exists past caustics too (folded): it sets the k window and is drawn in the figure
        LagrangianManifold manifold = forward.manifold(T);
        double[] window = kWindow(manifold, spec);
        try {
            for (int k = 0; k < times.length; k++) {
                var d = forward.density(times[k], grid.points());
                rho0[k] = d.rho();
                escaped = Math.max(escaped, d.escapedMass());
            }
        } catch (CausticException e) {
            method = "backward-particle";
            caustic = e.getMessage();
            for (int k = 0; k < times.length; k++) {
                rho0[k] = backward.compute(times[k], grid.points(), window[0], spec.dk(), (int) window[1]).rho();
            }
        }
        double[] xs = PeriodicGrid.withSpacingAtMost(cfg.L(), spec.dx()).points();
        PhaseSpaceDensity phase = backward.compute(T, xs, window[0], spec.dk(), (int) window[1]);
        double diff = Double.NaN;
        if (caustic == null) {
            double[] f = forward.density(T, xs).rho();
            double[] b = phase.rho();
            double s = 0;
            for (int i = 0; i < xs.length; i++) {
                s += Math.abs(f[i] - b[i]);
            }
            diff = s * (xs.length > 1 ? xs[1] - xs[0] : cfg.L());
        }
        return new LiouvilleLimit(rho0, method, caustic, escaped, phase, manifold, diff);
    }

    /** {kMin, nk}: the manifold's k range widened by 12 delta widths plus 10% on each side. */
    private static double[] kWindow(LagrangianManifold m, LiouvilleSpec spec) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double k : m.k()) {
            lo = Math.min(lo, k);
            hi = Math.max(hi, k);
        }
        return window(lo, hi, spec);
    }

    private static double[] window(double lo, double hi, LiouvilleSpec spec) {
        double pad = 0.1 * (hi - lo) + 12 * spec.deltaWidth() * spec.dk();
        double kMin = lo - pad;
        int nk = (int) Math.ceil((hi + pad - kMin) / spec.dk()) + 1;
        return new double[] {kMin, nk};
    }
}
