package org.vmse.kernel.grid;

/**
 * The uniform periodic grid of Section 4.1.1: {@code x_j = j L / M}, {@code j = 0..M-1}, on {@code [0, L)}, and
 * its Fourier wavenumbers {@code mu_l = 2 pi l / L}, {@code l = -M/2..M/2-1} (4.6)-(4.7), stored in FFT order
 * ({@code l = 0..M/2-1} then {@code -M/2..-1}).
 *
 * @param L box length, positive
 * @param M number of points, even and at least 4
 */
public record PeriodicGrid(double L, int M) {

    public PeriodicGrid {
        if (!(L > 0 && L < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("domain.L must be positive and finite, got " + L);
        }
        if (M < 4 || M % 2 != 0) {
            throw new IllegalArgumentException("the number of grid points M must be even and at least 4, got " + M);
        }
    }

    /** The grid whose spacing is closest to {@code dx} from below with an even {@code M = 2 ceil(L / (2 dx))}. */
    public static PeriodicGrid withSpacingAtMost(double L, double dx) {
        if (!(dx > 0 && dx < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("mesh.dx must be positive and finite, got " + dx);
        }
        // the 1e-9 slack keeps L/dx that are integers up to round-off (1.25 / 2^-10) from gaining two points
        long half = (long) Math.ceil(L / (2 * dx) - 1e-9);
        if (half > Integer.MAX_VALUE / 4) {
            throw new IllegalArgumentException("mesh.dx = " + dx + " gives too many grid points for domain.L = " + L);
        }
        return new PeriodicGrid(L, (int) (2 * Math.max(half, 2)));
    }

    public double dx() {
        return L / M;
    }

    public double x(int j) {
        return j * L / M;
    }

    public double[] points() {
        double[] x = new double[M];
        for (int j = 0; j < M; j++) {
            x[j] = x(j);
        }
        return x;
    }

    /** Wavenumber {@code mu_l} of FFT slot {@code s}. */
    public double wavenumber(int s) {
        int l = s < M / 2 ? s : s - M;
        return 2 * Math.PI * l / L;
    }

    /**
     * Symbol of the spectral first derivative (4.6) in FFT order, with the Nyquist mode {@code l = -M/2}
     * set to zero: its {@code i mu} is not the derivative of a real mode, and keeping it breaks the skew-symmetry
     * of {@code D} that makes the CN operator unitary.
     */
    public double[] derivativeSymbol() {
        double[] mu = new double[M];
        for (int s = 0; s < M; s++) {
            mu[s] = s == M / 2 ? 0.0 : wavenumber(s);
        }
        return mu;
    }

    /** The Nyquist limit {@code pi / dx}: the largest wavenumber the grid represents. */
    public double nyquist() {
        return Math.PI / dx();
    }
}
