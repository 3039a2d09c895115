package org.vmse.kernel.rte;

/**
 * The phase-space grid of the RTE solver: {@code x_j = j dx}, {@code j = 0..nx-1}, periodic on {@code [0, L)} with
 * {@code dx = L / nx}; {@code k_i = kMin + i dk}, {@code i = 0..nk-1}, the k window {@code [kMin, kMax]} with its end
 * points as nodes. W is stored flat, row-major in x: {@code W[j * nk + i] = W(x_j, k_i)} (k rows contiguous).
 *
 * <p>Quadrature in k: {@code ∫ W dk ≈ sum_i W_i dk}, the trapezoidal rule on the whole line for W extended by 0
 * outside the window (it differs from the trapezoidal rule on {@code [kMin, kMax]} by the end terms
 * {@code (W_0 + W_{nk-1}) dk / 2}, negligible when the window holds W). Both the WENO flux form and the symmetric
 * collision matrix conserve exactly this sum.
 */
public record RteGrid(double L, int nx, double kMin, double dk, int nk) {

    public RteGrid {
        if (!(L > 0 && L < Double.POSITIVE_INFINITY) || nx < 5) {
            throw new IllegalArgumentException("rte grid: need L > 0 and at least 5 x points, got L = " + L + ", nx = " + nx);
        }
        if (!(dk > 0 && dk < Double.POSITIVE_INFINITY) || !Double.isFinite(kMin) || nk < 5) {
            throw new IllegalArgumentException("rte grid: need dk > 0, finite kMin and at least 5 k points, got dk = "
                    + dk + ", kMin = " + kMin + ", nk = " + nk);
        }
    }

    /**
     * {@code nx = round(L / dx)} (dx must divide L to 1e-9 relative), {@code nk = round((kMax - kMin) / dk) + 1}
     * (dk must divide the window to 1e-9 relative).
     */
    public static RteGrid of(double L, double dx, double kMin, double kMax, double dk) {
        if (!(dx > 0) || !(dk > 0) || !(kMax > kMin)) {
            throw new IllegalArgumentException("rte grid: need dx > 0, dk > 0, kMax > kMin; got dx = " + dx + ", dk = "
                    + dk + ", k window [" + kMin + ", " + kMax + "]");
        }
        double mx = L / dx, mk = (kMax - kMin) / dk;
        if (Math.abs(mx - Math.rint(mx)) > 1e-9 * mx || Math.abs(mk - Math.rint(mk)) > 1e-9 * Math.max(mk, 1)) {
            throw new IllegalArgumentException("rte.dx = " + dx + " must divide domain.L = " + L + " and rte.dk = " + dk
                    + " must divide the k window [" + kMin + ", " + kMax + "]");
        }
        return new RteGrid(L, (int) Math.rint(mx), kMin, dk, (int) Math.rint(mk) + 1);
    }

    public double dx() {
        return L / nx;
    }

    public double x(int j) {
        return j * L / nx;
    }

    public double k(int i) {
        return kMin + i * dk;
    }

    public double kMax() {
        return k(nk - 1);
    }

    public double[] xPoints() {
        double[] x = new double[nx];
        for (int j = 0; j < nx; j++) {
            x[j] = x(j);
        }
        return x;
    }

    public double[] kPoints() {
        double[] k = new double[nk];
        for (int i = 0; i < nk; i++) {
            k[i] = k(i);
        }
        return k;
    }

    /** {@code nx * nk}, the length of a flat W. */
    public int cells() {
        return nx * nk;
    }
}
