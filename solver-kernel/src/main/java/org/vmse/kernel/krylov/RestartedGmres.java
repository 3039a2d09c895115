package org.vmse.kernel.krylov;

/**
 * Restarted GMRES(k) for complex systems {@code A x = b}, right-preconditioned: it minimizes the residual of
 * {@code (A P^-1) z = b} over Krylov spaces and returns {@code x = x0 + P^-1 z}, so the residual it monitors is the
 * true residual {@code b - A x} (Saad, Iterative Methods for Sparse Linear Systems, 2nd ed., Alg. 9.5).
 *
 * <p>Vectors are interleaved complex {@code double[]} of length {@code 2n}. The Arnoldi basis, the Hessenberg matrix
 * and the Givens rotations are allocated once in the constructor and reused by every solve, so a solve allocates
 * nothing. Not thread-safe: one instance per time stepper.
 */
public final class RestartedGmres {

    private final int n;
    private final int restart;
    private final double[][] basis;
    private final double[] hRe;
    private final double[] hIm;
    private final double[] cs;
    private final double[] snRe;
    private final double[] snIm;
    private final double[] gRe;
    private final double[] gIm;
    private final double[] yRe;
    private final double[] yIm;
    private final double[] work;
    private final double[] precWork;

    private int lastIterations;
    private double lastRelativeResidual;

    /**
     * @param n       number of complex unknowns
     * @param restart Krylov dimension before a restart, at least 1
     */
    public RestartedGmres(int n, int restart) {
        if (n < 1) {
            throw new IllegalArgumentException("GMRES needs at least one unknown, got " + n);
        }
        if (restart < 1) {
            throw new IllegalArgumentException("krylov.restart must be at least 1, got " + restart);
        }
        this.n = n;
        this.restart = restart;
        this.basis = new double[restart + 1][2 * n];
        this.hRe = new double[(restart + 1) * restart];
        this.hIm = new double[(restart + 1) * restart];
        this.cs = new double[restart];
        this.snRe = new double[restart];
        this.snIm = new double[restart];
        this.gRe = new double[restart + 1];
        this.gIm = new double[restart + 1];
        this.yRe = new double[restart];
        this.yIm = new double[restart];
        this.work = new double[2 * n];
        this.precWork = new double[2 * n];
    }

    /**
     * Solves {@code A x = b} to {@code ||b - A x|| <= tolerance * scale}. The scale is a caller's choice: a system
     * for an increment {@code x = U^{n+1} - U^n} measures its residual against {@code ||U||}, not against its own
     * small right-hand side.
     *
     * @param a              the operator
     * @param precondition   {@code P^-1}: writes {@code P^-1 v} into its second argument
     * @param b              right-hand side, unchanged
     * @param x              initial guess on entry (all zeros costs no operator application), solution on exit
     * @param tolerance      relative residual tolerance, positive
     * @param scale          the norm the residual is measured against, positive ({@code ||b||} for the textbook
     *                       relative residual)
     * @param maxIterations  most Arnoldi steps in all restarts together
     * @return whether the tolerance was met; {@link #lastIterations()} and {@link #lastRelativeResidual()} tell more
     */
    public boolean solve(ComplexOperator a, ComplexOperator precondition, double[] b, double[] x,
                         double tolerance, double scale, int maxIterations) {
        lastIterations = 0;
        if (norm(b) == 0) {
            java.util.Arrays.fill(x, 0.0);
            lastRelativeResidual = 0;
            return true;
        }
        double bNorm = scale;
        double target = tolerance * scale;
        while (true) {
            double[] v0 = basis[0];
            if (isZero(x)) {
                System.arraycopy(b, 0, v0, 0, 2 * n);
            } else {
                a.apply(x, v0);
                for (int i = 0; i < 2 * n; i++) {
                    v0[i] = b[i] - v0[i];
                }
            }
            double beta = norm(v0);
            lastRelativeResidual = beta / bNorm;
            if (beta <= target) {
                return true;
            }
            if (lastIterations >= maxIterations || !Double.isFinite(beta)) {
                return false;
            }
            scale(v0, 1 / beta);
            java.util.Arrays.fill(gRe, 0.0);
            java.util.Arrays.fill(gIm, 0.0);
            gRe[0] = beta;
            int k = 0;
            double residual = beta;
            while (k < restart && lastIterations < maxIterations) {
                arnoldiStep(a, precondition, k);
                lastIterations++;
                k++;
                residual = Math.hypot(gRe[k], gIm[k]);
                if (residual <= target) {
                    break;
                }
            }
            update(precondition, x, k);
            if (residual <= target) {
                // the Givens estimate equals the true residual in exact arithmetic; trusting it saves an operator
                // application per solve
                lastRelativeResidual = residual / bNorm;
                return true;
            }
        }
    }

    /** Arnoldi steps taken by the last solve. */
    public int lastIterations() {
        return lastIterations;
    }

    /** {@code ||b - A x|| / scale} of the last solve: the Givens estimate on convergence, else the true residual. */
    public double lastRelativeResidual() {
        return lastRelativeResidual;
    }

    /** Extends the basis by {@code A P^-1 v_j}, orthogonalizes (modified Gram-Schmidt) and updates the QR of H. */
    private void arnoldiStep(ComplexOperator a, ComplexOperator precondition, int j) {
        precondition.apply(basis[j], precWork);
        double[] w = basis[j + 1];
        a.apply(precWork, w);
        for (int i = 0; i <= j; i++) {
            double[] vi = basis[i];
            double re = 0;
            double im = 0;
            for (int p = 0; p < 2 * n; p += 2) {
                // <v_i, w> = sum conj(v_i) w
                re += vi[p] * w[p] + vi[p + 1] * w[p + 1];
                im += vi[p] * w[p + 1] - vi[p + 1] * w[p];
            }
            hRe[i * restart + j] = re;
            hIm[i * restart + j] = im;
            for (int p = 0; p < 2 * n; p += 2) {
                w[p] -= re * vi[p] - im * vi[p + 1];
                w[p + 1] -= re * vi[p + 1] + im * vi[p];
            }
        }
        double h = norm(w);
        if (h > 0) {
            scale(w, 1 / h);
        }
        // previous rotations on column j: (h_i, h_i+1) -> (c h_i + s h_i+1, -conj(s) h_i + c h_i+1)
        for (int i = 0; i < j; i++) {
            double aRe = hRe[i * restart + j];
            double aIm = hIm[i * restart + j];
            double bRe = hRe[(i + 1) * restart + j];
            double bIm = hIm[(i + 1) * restart + j];
            double c = cs[i];
            double sRe = snRe[i];
            double sIm = snIm[i];
            hRe[i * restart + j] = c * aRe + sRe * bRe - sIm * bIm;
            hIm[i * restart + j] = c * aIm + sRe * bIm + sIm * bRe;
            hRe[(i + 1) * restart + j] = -(sRe * aRe + sIm * aIm) + c * bRe;
            hIm[(i + 1) * restart + j] = -(sRe * aIm - sIm * aRe) + c * bIm;
        }
        // new rotation zeroing the real subdiagonal h: c = |a|/t, s = (a/|a|) h / t
        double aRe = hRe[j * restart + j];
        double aIm = hIm[j * restart + j];
        double aAbs = Math.hypot(aRe, aIm);
        double t = Math.hypot(aAbs, h);
        double c;
        double sRe;
        double sIm;
        if (aAbs == 0) {
            c = 0;
            sRe = 1;
            sIm = 0;
            hRe[j * restart + j] = h;
            hIm[j * restart + j] = 0;
        } else {
            c = aAbs / t;
            sRe = aRe / aAbs * h / t;
            sIm = aIm / aAbs * h / t;
            hRe[j * restart + j] = aRe / aAbs * t;
            hIm[j * restart + j] = aIm / aAbs * t;
        }
        hRe[(j + 1) * restart + j] = 0;
        hIm[(j + 1) * restart + j] = 0;
        cs[j] = c;
        snRe[j] = sRe;
        snIm[j] = sIm;
        double gjRe = gRe[j];
        double gjIm = gIm[j];
        gRe[j] = c * gjRe;
        gIm[j] = c * gjIm;
        gRe[j + 1] = -(sRe * gjRe + sIm * gjIm);
        gIm[j + 1] = -(sRe * gjIm - sIm * gjRe);
    }

    /** Back-substitution {@code R y = g} and {@code x += P^-1 (V y)}. */
    private void update(ComplexOperator precondition, double[] x, int k) {
        for (int i = k - 1; i >= 0; i--) {
            double re = gRe[i];
            double im = gIm[i];
            for (int l = i + 1; l < k; l++) {
                double hr = hRe[i * restart + l];
                double hi = hIm[i * restart + l];
                re -= hr * yRe[l] - hi * yIm[l];
                im -= hr * yIm[l] + hi * yRe[l];
            }
            double dr = hRe[i * restart + i];
            double di = hIm[i * restart + i];
            double den = dr * dr + di * di;
            yRe[i] = (re * dr + im * di) / den;
            yIm[i] = (im * dr - re * di) / den;
        }
        java.util.Arrays.fill(work, 0.0);
        for (int l = 0; l < k; l++) {
            double[] v = basis[l];
            double yr = yRe[l];
            double yi = yIm[l];
            for (int p = 0; p < 2 * n; p += 2) {
                work[p] += yr * v[p] - yi * v[p + 1];
                work[p + 1] += yr * v[p + 1] + yi * v[p];
            }
        }
        precondition.apply(work, precWork);
        for (int p = 0; p < 2 * n; p++) {
            x[p] += precWork[p];
        }
    }

    private boolean isZero(double[] v) {
        for (int p = 0; p < 2 * n; p++) {
            if (v[p] != 0) {
                return false;
            }
        }
        return true;
    }

    private double norm(double[] v) {
        double s = 0;
        for (int p = 0; p < 2 * n; p++) {
            s += v[p] * v[p];
        }
        return Math.sqrt(s);
    }

    private void scale(double[] v, double f) {
        for (int p = 0; p < 2 * n; p++) {
            v[p] *= f;
        }
    }
}
