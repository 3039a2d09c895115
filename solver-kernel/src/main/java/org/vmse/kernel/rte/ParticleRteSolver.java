package org.vmse.kernel.rte;

import java.util.stream.LongStream;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.vmse.kernel.problem.FormulaMassField;
import org.vmse.kernel.problem.MassField;
import org.vmse.kernel.problem.WavePacket;
import org.vmse.kernel.random.RealizationStream;

/**
 * Particle (Markov jump) Monte Carlo solution of the radiative transfer equation (3.6) in 1D, periodic on
 * {@code [0, L)}:
 * <pre>
 *   W_t + m0(x) k W_x - (k^2/2) m0'(x) W_k = ∫ sigma(m0(x); k, p) [W(p) - W(k)] dp,     sigma = ScatteringKernel.
 * </pre>
 * {@code W} is the density of independent particles {@code (x, k)} moving along the characteristics
 * {@code dx/dt = m0(x) k, dk/dt = -(k^2/2) m0'(x)} and jumping {@code k -> p} at rate density {@code sigma}. An
 * independent check of the grid solvers: it shares no discretization with them, only the equation.
 *
 * <p><b>Initial data.</b> (4.17) {@code W_I = exp(-2A (x-x0)^2) delta(k - p0)}: {@code x ~ N(x0, 1/(4A))},
 * {@code k = p0}. With {@code eps > 0}, the Wigner transform (2.4) of {@code u_I = exp(-A(x-x0)^2 + i p0 x/eps)},
 * <pre>
 *   W_I^eps(x, k) = exp(-2A (x-x0)^2) (2 pi A eps^2)^(-1/2) exp(-(k - p0)^2 / (2 A eps^2)),
 * </pre>
 * (from {@code u(x - eps y/2) conj u(x + eps y/2) = exp(-2A(x-x0)^2 - A eps^2 y^2/2 - i p0 y)}), i.e. {@code k ~ N(p0,
 * A eps^2)} independently of {@code x}. Both have mass {@code sqrt(pi / (2A))}, shared equally by the {@code N}
 * particles. {@code x} is wrapped into {@code [0, L)}.
 *
 * <p><b>Jumps.</b> Candidate jumps arrive at the rate {@code G(m0(x), k) >= Sigma} of {@link ParticleJumpSampler}
 * and are accepted with probability {@code sigma / g}: exact thinning, no {@code p} grid.
 * <ul>
 *   <li>Constant {@code m0} (a {@code double}, or a {@link FormulaMassField} in neither {@code x} nor {@code t}):
 *   {@code k} and hence {@code G} are constant between candidates, so waiting times are exactly exponential and the
 *   motion is exact, {@code x += m0 k tau}. The whole solution is exact up to sampling error.</li>
 *   <li>Variable, time-independent {@code m0(x)} (evaluated at {@code x mod L}, so it should be {@code L}-periodic):
 *   the characteristic ODE, augmented with {@code Lambda' = G(m0(x), k)}, is integrated by classical RK4 with the fixed
 *   step {@link ParticleRteSettings#odeStep()} (the last step shortened to land on each output time); a candidate
 *   fires when {@code Lambda} reaches an {@code Exp(1)} variate (time change of the inhomogeneous Poisson process),
 *   the crossing inside a step located by Illinois regula falsi on RK4 sub-steps from the step start. Error
 *   {@code O(h^4)} in the paths and the jump times. Costs 4 evaluations of {@code m0, m0'} per step.</li>
 * </ul>
 * A time-dependent {@code m0} is refused (the RTE (3.6) is posed here for {@code m0(x)}).
 *
 * <p><b>Reproducibility.</b> Particle {@code i} draws from {@code RealizationStream.of(seed, i)} alone; results are
 * integer counts, merged exactly, so they do not depend on blocks or threads. Immutable and thread-safe.
 */
public final class ParticleRteSolver {

    /** Particles per block of the parallel mode (results do not depend on it). */
    public static final int BLOCK = 4096;
    private static final int MAX_ROOT_ITERATIONS = 60;

    private final MassField mass;
    private final double constantMass;
    private final ParticleJumpSampler sampler;
    private final WavePacket packet;
    private final double length;
    private final double eps;

    /**
     * @param mass   {@code m0(x)}, time-independent, positive
     * @param kernel the scattering kernel
     * @param packet the initial wave packet {@code (A, x0, p0)}
     * @param L      the period, positive
     * @param eps    0 for the limit datum (4.17), {@code > 0} for the Wigner transform of {@code u_I} at that
     *               {@code eps}
     */
    public ParticleRteSolver(MassField mass, ScatteringKernel kernel, WavePacket packet, double L, double eps) {
        this(mass, constantValue(mass), kernel, packet, L, eps);
    }

    /** The same with the constant mass {@code m0} (exact motion between jumps). */
    public ParticleRteSolver(double m0, ScatteringKernel kernel, WavePacket packet, double L, double eps) {
        this(null, m0, kernel, packet, L, eps);
        if (!(m0 > 0 && m0 < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("mass.m0 must be positive and finite, got " + m0);
        }
    }

    private ParticleRteSolver(MassField mass, double constantMass, ScatteringKernel kernel, WavePacket packet,
            double L, double eps) {
        if (mass != null && mass.isTimeDependent()) {
            throw new IllegalArgumentException("mass.m0 must not depend on t for the particle RTE solver, got " + mass);
        }
        if (!(L > 0 && L < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("domain.L must be positive and finite, got " + L);
        }
        if (!(eps >= 0 && eps < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("eps must be >= 0 (0: the limit datum) and finite, got " + eps);
        }
        this.mass = Double.isNaN(constantMass) ? mass : null;
        this.constantMass = constantMass;
        this.sampler = new ParticleJumpSampler(kernel);
        this.packet = packet;
        this.length = L;
        this.eps = eps;
        if (this.mass == null) {
            sampler.envelopeRate(constantMass, 1); // validates m0 > 0
        }
    }

    /** The value of a {@link FormulaMassField} in neither {@code x} nor {@code t}; NaN otherwise. */
    private static double constantValue(MassField mass) {
        if (mass instanceof FormulaMassField f && !f.formula().dependsOn("x") && !f.formula().dependsOn("t")) {
            return f.value(0, 0);
        }
        return Double.NaN;
    }

    /** Whether {@code m0} is constant (exact motion and exponential waiting times). */
    public boolean isConstantMass() {
        return mass == null;
    }

    /** The jump sampler. */
    public ParticleJumpSampler sampler() {
        return sampler;
    }

    /** {@code ∫∫ W_I dx dk = sqrt(pi / (2A))} (over the real line; the wrapped box holds the same mass). */
    public double mass() {
        return Math.sqrt(Math.PI / (2 * packet.A()));
    }

    /** All {@code settings.particles()} particles, in parallel blocks if asked; identical either way. */
    public ParticleRteResult solve(ParticleRteSettings settings) {
        long n = settings.particles();
        if (!settings.parallel()) {
            return solve(settings, 0, n);
        }
        long blocks = (n + BLOCK - 1) / BLOCK;
        return LongStream.range(0, blocks).parallel()
                .mapToObj(b -> solve(settings, b * BLOCK, Math.min(n, (b + 1) * BLOCK)))
                .reduce(ParticleRteResult::merge).orElseThrow();
    }

    /**
     * The particles with indices {@code [from, to)} (a block of a larger run: results of disjoint blocks
     * {@link ParticleRteResult#merge merge} exactly).
     */
    public ParticleRteResult solve(ParticleRteSettings settings, long from, long to) {
        if (!(0 <= from && from < to)) {
            throw new IllegalArgumentException("particle range must satisfy 0 <= from < to, got [" + from + ", " + to
                    + ")");
        }
        double[] times = settings.times();
        int M = settings.gridPoints();
        double dx = length / M;
        int nk = settings.kBins();
        double kMin = settings.kMin();
        double dk = (settings.kMax() - kMin) / Math.max(nk, 1);
        long[][] xCounts = new long[times.length][M];
        long[][] kCounts = new long[times.length][nk];
        Particle particle = new Particle(settings.odeStep());
        double sx = 0.5 / Math.sqrt(packet.A()); // x ~ N(x0, 1/(4A))
        double sk = Math.sqrt(packet.A()) * eps; // k ~ N(p0, A eps^2)
        for (long i = from; i < to; i++) {
            UniformRandomProvider rng = RealizationStream.of(settings.seed(), i);
            ZigguratSampler.NormalizedGaussian gauss = ZigguratSampler.NormalizedGaussian.of(rng);
            particle.start(rng, packet.x0() + sx * gauss.sample(), eps > 0 ? packet.p0() + sk * gauss.sample()
                    : packet.p0());
            for (int n = 0; n < times.length; n++) {
                particle.advance(times[n]);
                int j = (int) Math.floor(particle.x / dx + 0.5);
                xCounts[n][j >= M ? j - M : j]++;
                double kb = Math.floor((particle.k - kMin) / dk);
                if (kb >= 0 && kb < nk) {
                    kCounts[n][(int) kb]++;
                }
            }
        }
        return new ParticleRteResult(length, M, mass(), to - from, times, xCounts, kMin, settings.kMax(), kCounts,
                particle.jumps, particle.candidates);
    }

    /** The state of the particle being traced, and the workspace of its integrator. */
    private final class Particle {
        final double h;
        final double[] der = new double[3];
        final double[] f = new double[3];
        final double[] y1 = new double[3];
        final double[] tmp = new double[3];
        final double[] acc = new double[3];
        UniformRandomProvider rng;
        double t;
        double x;
        double k;
        /** Constant mass: time of the next candidate. Variable mass: integrated rate and its Exp(1) target. */
        double next;
        double lambda;
        /** Constant mass: {@code G(m0, rateK)}. */
        double rate;
        double rateK;
        long jumps;
        long candidates;

        Particle(double h) {
            this.h = h;
        }

        void start(UniformRandomProvider r, double x0, double k0) {
            rng = r;
            t = 0;
            x = wrap(x0);
            k = k0;
            lambda = 0;
            rateK = Double.NaN;
            next = mass == null ? waitingTime(constantMass) : exponential();
        }

        void advance(double tEnd) {
            if (mass == null) {
                advanceConstant(tEnd);
            } else {
                advanceVariable(tEnd);
            }
            x = wrap(x);
        }

        private void advanceConstant(double tEnd) {
            double m = constantMass;
            while (next <= tEnd) { // next = +inf when G = 0 (D = 0 or k = 0)
                x += m * k * (next - t);
                t = next;
                candidate(m);
                next = t + waitingTime(m);
            }
            x += m * k * (tEnd - t);
            t = tEnd;
        }

        private void advanceVariable(double tEnd) {
            while (t < tEnd) {
                double step = Math.min(h, tEnd - t);
                rk4(step, y1);
                if (y1[2] < next) {
                    x = wrap(y1[0]);
                    k = y1[1];
                    lambda = y1[2];
                    t = step == tEnd - t ? tEnd : t + step;
                    continue;
                }
                double tau = crossing(step);
                x = wrap(y1[0]);
                k = y1[1];
                t += tau;
                mass.spatialDerivatives(0, x, der);
                candidate(der[0]);
                lambda = 0;
                next = exponential();
            }
        }

        /** Illinois regula falsi for {@code Lambda(tau) = next} in {@code (0, step]}; leaves the state in y1. */
        private double crossing(double step) {
            double a = 0;
            double fa = lambda - next;
            double b = step;
            double fb = y1[2] - next;
            int side = 0;
            for (int it = 0; it < MAX_ROOT_ITERATIONS && b - a > 1e-15 * Math.max(1, t); it++) {
                double c = (a * fb - b * fa) / (fb - fa);
                rk4(c, y1);
                double fc = y1[2] - next;
                if (fc >= 0) {
                    b = c;
                    fb = fc;
                    if (side == -1) {
                        fa *= 0.5;
                    }
                    side = -1;
                } else {
                    a = c;
                    fa = fc;
                    if (side == 1) {
                        fb *= 0.5;
                    }
                    side = 1;
                }
                if (Math.abs(fc) <= 1e-13 * Math.max(1, next)) {
                    return c;
                }
            }
            rk4(b, y1);
            return b;
        }

        /** One classical RK4 step of length {@code s} from the current state into {@code out = (x, k, Lambda)}. */
        private void rk4(double s, double[] out) {
            rhs(x, k, f);
            acc[0] = f[0];
            acc[1] = f[1];
            acc[2] = f[2];
            rhs(x + 0.5 * s * f[0], k + 0.5 * s * f[1], f);
            acc[0] += 2 * f[0];
            acc[1] += 2 * f[1];
            acc[2] += 2 * f[2];
            rhs(x + 0.5 * s * f[0], k + 0.5 * s * f[1], tmp);
            acc[0] += 2 * tmp[0];
            acc[1] += 2 * tmp[1];
            acc[2] += 2 * tmp[2];
            rhs(x + s * tmp[0], k + s * tmp[1], f);
            out[0] = x + s / 6 * (acc[0] + f[0]);
            out[1] = k + s / 6 * (acc[1] + f[1]);
            out[2] = lambda + s / 6 * (acc[2] + f[2]);
        }

        /** {@code (dx/dt, dk/dt, dLambda/dt) = (m0 k, -(k^2/2) m0', G(m0, k))} at {@code (x mod L, k)}. */
        private void rhs(double xs, double ks, double[] out) {
            double xw = wrap(xs);
            mass.spatialDerivatives(0, xw, der);
            if (!(der[0] > 0)) {
                throw new IllegalStateException("mass.m0 must be positive along the particles, got m0(" + xw + ") = "
                        + der[0]);
            }
            out[0] = der[0] * ks;
            out[1] = -0.5 * ks * ks * der[1];
            out[2] = sampler.envelopeRate(der[0], ks);
        }

        private void candidate(double m) {
            candidates++;
            double p = sampler.propose(rng, m, k);
            if (!Double.isNaN(p)) {
                k = p;
                jumps++;
            }
        }

        /** {@code Exp(G(m, k))}, {@code +inf} when {@code G = 0}; {@code G} recomputed only when {@code k} changed. */
        private double waitingTime(double m) {
            if (k != rateK) {
                rateK = k;
                rate = sampler.envelopeRate(m, k);
            }
            return rate > 0 ? exponential() / rate : Double.POSITIVE_INFINITY;
        }

        /** {@code Exp(1)}; {@code 1 - u} lies in {@code (0, 1]}. */
        private double exponential() {
            return -Math.log1p(-rng.nextDouble());
        }
    }

    private double wrap(double x) {
        double w = x - length * Math.floor(x / length);
        return w < length ? w : 0; // w = L by rounding when x is a tiny negative number
    }
}
