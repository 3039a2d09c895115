package org.vmse.kernel.random;

import java.util.Arrays;

/**
 * The Karhunen-Loeve field (4.20) in time between exact nodes, and the a-priori bound that chooses them. On a schedule
 * {@code t_n = tFirst + n h} the field is computed exactly only at the nodes {@code tau_k = tFirst + k H},
 * {@code H = E h} (every {@code E}-th scheduled time; {@code k} may be negative: the time modes are analytic, so
 * nodes before {@code tFirst} are as valid as any), and {@code t_n = tau_c + s H}, {@code s = r/E},
 * {@code 0 < r < E}, is served by the centred {@code P}-point Lagrange stencil on the nodes
 * {@code tau_{c+k}}, {@code k = 1-P/2 .. P/2} ({@code P} even, the target between the two middle nodes).
 *
 * <p><b>Bound.</b> At a grid point {@code x} the field is {@code f(t) = sum_q coef_q g_i(t) phi_j(x)} over the kept
 * pairs {@code q = (i, j)}, {@code coef_q = D sqrt(lambda_i sigma_j) psiNorm_i xi_q}, with
 * {@code g_i = cos} or {@code sin(w_i (t - T/2))} (4.22), so {@code |g_i^(P)| <= w_i^P} and
 * {@code |phi_j(x)| <= phiNorm_j}. The Lagrange remainder
 * {@code f(t) - I_P f(t) = f^(P)(zeta) / P! * prod_k (t - tau_{c+k})}, {@code zeta} in the stencil's span, gives
 * <pre>
 *   |f - I_P f| <= Omega_P / P! * sum_i A_i (w_i H)^P,   A_i = sum_{q with time mode i} |coef_q| phiNorm_j,
 *   Omega_P = max_{s in [0,1]} prod_{k=1-P/2}^{P/2} |s - k| = prod_{m=1}^{P/2} (m - 1/2)^2 = ((P-1)!! / 2^{P/2})^2,
 * </pre>
 * the maximum at {@code s = 1/2}: on {@code (0,1)} no node lies inside, so {@code sum_k log|s - k|} is a sum of
 * concave functions, and the node set is symmetric under {@code s -> 1 - s}. Hence
 * {@code Omega_P / P! = prod_{m=1}^{P/2} (2m-1) / (8m) = 2^-P (P-1)!! / P!!}, about {@code 2^-P sqrt(2 / (pi P))}:
 * the bound falls with {@code P} while {@code w_max H < 2}.
 *
 * <p><b>Scale.</b> The non-uniform FFT meets {@link KarhunenLoeveField#NUFFT_TOLERANCE} relative to
 * {@code sum_j |c_j(t)| phiNorm_j}, a bound of the field at time {@code t} that changes with {@code t}. Its maximum
 * over all times is at most {@code S = sum_i A_i}, which also bounds {@code |m1|} everywhere, and it is a time-free
 * scale for a choice that must hold on the whole schedule; the choice requires
 * {@code bound <= NUFFT_TOLERANCE * S}, the same worst-case statement the non-uniform FFT makes with its scale raised
 * to its maximum. Served values are then within {@code bound + Lambda_P NUFFT_TOLERANCE S} of the field
 * ({@code Lambda_P = max_s sum_k |l_k(s)|} carries the nodes' own error; it is below 2 for {@code P <= 32} in the
 * middle interval, 1.94 at {@code P = 32}).
 *
 * <p><b>Choice.</b> The bound depends on {@code xi} (through {@code A_i}) and the schedule (through {@code h}) only,
 * and the cost model on the grid's tables, so the choice is a deterministic function of them: a realization still
 * depends on its {@code xi} alone, whatever the access order or the thread. For each even {@code P} in
 * {@code [}{@value #MIN_POINTS}{@code , }{@value #MAX_POINTS}{@code ]} the largest {@code E <= }{@value #MAX_SPACING}
 * that meets the bound is taken, and of these the cheapest per scheduled time by the cost model
 * {@code X / E + (1 - 1/E) P M c} ({@code X} the exact field's work per time,
 * {@link KarhunenLoeveField.Tables#stepCost}, {@code c = }{@value #INTERPOLATION_COST} dense multiply-adds per
 * interpolating one); {@code E = 1}, the exact field
 * at every time, costs {@code X} and needs no bound. The cap on {@code E} leaves the interpolation, {@code P M c} per
 * time, as the cost that remains; beyond 32 the exact part saves at most {@code X / 32}.
 *
 * <p>Workspaces are allocated once; a choice allocates nothing. Not thread-safe.
 */
final class TimeInterpolation {

    /** The largest node spacing {@code E}. */
    static final int MAX_SPACING = 32;
    /** The narrowest stencil tried: linear interpolation ({@code P = 2}) would need {@code w_max H < 3e-6}. */
    static final int MIN_POINTS = 4;
    /** The widest stencil tried (even). */
    static final int MAX_POINTS = 32;
    /**
     * An interpolating multiply-add ({@code P} rows of {@code M}, four to a pass over the output) in units of the
     * dense multiply-adds of {@link KarhunenLoeveField.Tables#stepCost}: timed at {@code eps = 2^-8} on the paper's
     * mesh (docs/performance.md), the exact field takes 13.9 us a time (a cost model of 88.7k, 0.156 ns a unit) and a
     * row of 1664 points 0.12 us (0.075 ns a multiply-add), 0.48 times as much.
     */
    static final double INTERPOLATION_COST = 0.5;

    private final double[] w;
    private final int[] timeIndex, columnStart;
    /** {@code phiNorm_j} by column of the tables. */
    private final double[] phiNorm;
    /** {@code A_i / S} by time mode (0-based), and {@code S}. */
    private final double[] share;
    private double scale;
    /** {@code sum_i (A_i / S) (w_i h)^P} by {@code (P - MIN_POINTS) / 2}. */
    private final double[] moment = new double[(MAX_POINTS - MIN_POINTS) / 2 + 1];
    /** Row {@code r} ({@code 0 < r < E}) holds the {@code P} weights for {@code s = r/E} at {@code [r P + k]}. */
    private final double[] weights = new double[MAX_SPACING * MAX_POINTS];
    private int spacing = 1, points, forcedSpacing, forcedPoints;
    private double bound;

    TimeInterpolation(KarhunenLoeveField.Tables tables) {
        this.w = tables.w;
        this.timeIndex = tables.timeIndex;
        this.columnStart = tables.columnStart;
        this.phiNorm = new double[tables.nSpace];
        for (int k = 0; k < tables.nSpace; k++) {
            phiNorm[k] = tables.basis.phiNorm(k < tables.nCos ? 2 * k + 1 : 2 * (k - tables.nCos) + 2);
        }
        this.share = new double[tables.nTime];
    }

    /**
     * Installs a realization's {@code coef_q} (slot order): the sums {@code A_i} and {@code S}. A zero field
     * ({@code S = 0}) makes every bound NaN, so it stays exact.
     */
    void coefficients(double[] coef) {
        Arrays.fill(share, 0);
        for (int k = 0; k < phiNorm.length; k++) {
            for (int q = columnStart[k]; q < columnStart[k + 1]; q++) {
                share[timeIndex[q]] += Math.abs(coef[q]) * phiNorm[k];
            }
        }
        double s = 0;
        for (double a : share) {
            s += a;
        }
        for (int i = 0; i < share.length; i++) {
            share[i] /= s;
        }
        scale = s;
    }

    /**
     * Chooses {@code (E, P)} for scheduled times {@code h} apart (see the class comment), or takes the forced pair;
     * {@code stepCost} is the exact field's work per time, {@code gridPoints} the interpolation's length.
     */
    void choose(double h, double stepCost, int gridPoints) {
        Arrays.fill(moment, 0);
        for (int i = 0; i < share.length; i++) {
            double y = w[i] * h, y2 = y * y, power = Math.pow(y, MIN_POINTS) * share[i];
            for (int k = 0; k < moment.length; k++, power *= y2) {
                moment[k] += power;
            }
        }
        spacing = 1;
        points = 0;
        bound = 0;
        if (forcedSpacing > 1) {
            spacing = forcedSpacing;
            points = forcedPoints;
            bound = relativeBound(spacing, points);
        } else if (forcedSpacing == 0) {
            double best = stepCost;
            for (int p = MIN_POINTS; p <= MAX_POINTS; p += 2) {
                for (int e = MAX_SPACING; e > 1; e--) {
                    double b = relativeBound(e, p);
                    if (b <= KarhunenLoeveField.NUFFT_TOLERANCE) {
                        double cost = stepCost / e + (1 - 1.0 / e) * p * gridPoints * INTERPOLATION_COST;
                        if (cost < best) {
                            best = cost;
                            spacing = e;
                            points = p;
                            bound = b;
                        }
                        break;
                    }
                }
            }
        }
        for (int r = 1; r < spacing; r++) {
            lagrangeWeights(points, (double) r / spacing, weights, r * points);
        }
    }

    /** {@code Omega_P / P! sum_i (A_i / S) (w_i E h)^P} from the moments of the last {@link #choose}. */
    private double relativeBound(int e, int p) {
        return remainderFactor(p) * Math.pow(e, p) * moment[(p - MIN_POINTS) / 2];
    }

    /** {@code Omega_P / P! = prod_{m=1}^{P/2} (2m - 1) / (8m)}, {@code P} even. */
    static double remainderFactor(int p) {
        double f = 1;
        for (int m = 1; m <= p / 2; m++) {
            f *= (2.0 * m - 1) / (8.0 * m);
        }
        return f;
    }

    /**
     * The Lagrange weights {@code l_k(s) = prod_{l != k} (s - l) / (k - l)} of the nodes {@code k = 1-P/2 .. P/2} at
     * {@code s}, written to {@code out[at .. at + P - 1]}.
     */
    static void lagrangeWeights(int p, double s, double[] out, int at) {
        int first = 1 - p / 2;
        for (int a = 0; a < p; a++) {
            double num = 1, den = 1;
            for (int b = 0; b < p; b++) {
                if (b != a) {
                    num *= s - (first + b);
                    den *= a - b;
                }
            }
            out[at + a] = num / den;
        }
    }

    /**
     * Forces {@code (E, P)} whatever the bound (tests, measurements), from now on: {@code E = 1} (exact, {@code P}
     * ignored), or {@code E >= 2} with an even {@code P in [MIN_POINTS, MAX_POINTS]}.
     */
    void force(int e, int p) {
        boolean interpolated = e >= 2 && e <= MAX_SPACING && p >= MIN_POINTS && p <= MAX_POINTS && p % 2 == 0;
        if (!(e == 1 || interpolated)) {
            throw new IllegalArgumentException("forced spacing must be 1, or in [2, " + MAX_SPACING + "] with"
                    + " points even in [" + MIN_POINTS + ", " + MAX_POINTS + "], got " + e + ", " + p);
        }
        forcedSpacing = e;
        forcedPoints = interpolated ? p : 0;
    }

    /** {@code E}: 1 when every scheduled time is computed exactly. */
    int spacing() {
        return spacing;
    }

    /** {@code P}: 0 when {@code E = 1}. */
    int points() {
        return points;
    }

    /** The bound relative to {@code S}; 0 when {@code E = 1}. */
    double bound() {
        return bound;
    }

    /** {@code S = sum_q |coef_q| phiNorm_j}. */
    double scale() {
        return scale;
    }

    double[] weights() {
        return weights;
    }
}
