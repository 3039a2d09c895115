package org.vmse.kernel.rte;

import java.util.Arrays;

/**
 * The particle histograms of {@link ParticleRteSolver}: exact integer counts, so results of disjoint particle ranges
 * {@link #merge} exactly and in any order. Each of the {@code particles} i.i.d. particles carries the weight
 * {@code mass / particles}; at output time {@code times[n]}
 * <pre>
 *   rho(t_n, x_j) ~= weight * xCounts[n][j] / dx,           dx = L / M,  bin [x_j - dx/2, x_j + dx/2) mod L,
 *   se_j          = (mass / dx) sqrt(f_j (1 - f_j) / particles),   f_j = xCounts[n][j] / particles (binomial),
 * </pre>
 * and likewise {@code ∫ W dx} on the {@code k} bins ({@code [kMin, kMax)}, particles outside are not counted).
 * Arrays are copied in and out.
 *
 * @param length     {@code L}
 * @param gridPoints {@code M}
 * @param mass       {@code ∫∫ W_I dx dk = sqrt(pi / (2A))}, conserved
 * @param particles  number of particles counted
 * @param times      output times
 * @param xCounts    {@code [time][j]} particles in the cell of {@code x_j}
 * @param kMin       lower edge of the {@code k} histogram
 * @param kMax       upper edge of the {@code k} histogram
 * @param kCounts    {@code [time][bin]} particles in each {@code k} bin ({@code [time][0]} when there is none)
 * @param jumps      accepted jumps, all particles, up to the last output time
 * @param candidates candidate jumps (accepted or not)
 */
public record ParticleRteResult(double length, int gridPoints, double mass, long particles, double[] times,
        long[][] xCounts, double kMin, double kMax, long[][] kCounts, long jumps, long candidates) {

    public ParticleRteResult {
        if (!(particles > 0) || xCounts.length != times.length || kCounts.length != times.length) {
            throw new IllegalArgumentException("inconsistent particle result: " + particles + " particles, "
                    + times.length + " times, " + xCounts.length + " and " + kCounts.length + " histograms");
        }
        times = times.clone();
        xCounts = deepCopy(xCounts);
        kCounts = deepCopy(kCounts);
    }

    @Override
    public double[] times() {
        return times.clone();
    }

    @Override
    public long[][] xCounts() {
        return deepCopy(xCounts);
    }

    @Override
    public long[][] kCounts() {
        return deepCopy(kCounts);
    }

    /** The weight of one particle, {@code mass / particles}. */
    public double weight() {
        return mass / particles;
    }

    /** {@code dx = L / M}. */
    public double dx() {
        return length / gridPoints;
    }

    /** The grid {@code x_j = j L / M}. */
    public double[] x() {
        double[] x = new double[gridPoints];
        for (int j = 0; j < gridPoints; j++) {
            x[j] = j * length / gridPoints;
        }
        return x;
    }

    /** {@code rho(t_n, x_j)}, cell averages. */
    public double[] rho(int n) {
        return density(xCounts[n], dx());
    }

    /** The binomial standard error of {@link #rho(int)}. */
    public double[] rhoStandardError(int n) {
        return standardError(xCounts[n], dx());
    }

    /** Number of {@code k} bins (0 when none was asked for). */
    public int kBins() {
        return kCounts[0].length;
    }

    /** The {@code k} bin centres. */
    public double[] kCentres() {
        int nk = kBins();
        double[] c = new double[nk];
        for (int i = 0; i < nk; i++) {
            c[i] = kMin + (i + 0.5) * (kMax - kMin) / nk;
        }
        return c;
    }

    /** {@code ∫ W(t_n, x, k) dx} averaged over each {@code k} bin. */
    public double[] kDensity(int n) {
        return density(kCounts[n], (kMax - kMin) / kBins());
    }

    /** The binomial standard error of {@link #kDensity(int)}. */
    public double[] kStandardError(int n) {
        return standardError(kCounts[n], (kMax - kMin) / kBins());
    }

    /** Mean number of accepted jumps per particle by the last output time. */
    public double meanJumpsPerParticle() {
        return (double) jumps / particles;
    }

    /** The result of both particle sets (disjoint index ranges of the same run); exact and order-independent. */
    public ParticleRteResult merge(ParticleRteResult o) {
        if (length != o.length || gridPoints != o.gridPoints || mass != o.mass || !Arrays.equals(times, o.times)
                || kMin != o.kMin || kMax != o.kMax || kBins() != o.kBins()) {
            throw new IllegalArgumentException("cannot merge particle results of different runs");
        }
        long[][] x = deepCopy(xCounts);
        long[][] k = deepCopy(kCounts);
        for (int n = 0; n < times.length; n++) {
            for (int j = 0; j < x[n].length; j++) {
                x[n][j] += o.xCounts[n][j];
            }
            for (int j = 0; j < k[n].length; j++) {
                k[n][j] += o.kCounts[n][j];
            }
        }
        return new ParticleRteResult(length, gridPoints, mass, particles + o.particles, times, x, kMin, kMax, k,
                jumps + o.jumps, candidates + o.candidates);
    }

    private double[] density(long[] counts, double width) {
        double[] d = new double[counts.length];
        for (int j = 0; j < counts.length; j++) {
            d[j] = weight() * counts[j] / width;
        }
        return d;
    }

    private double[] standardError(long[] counts, double width) {
        double[] se = new double[counts.length];
        for (int j = 0; j < counts.length; j++) {
            double f = (double) counts[j] / particles;
            se[j] = mass / width * Math.sqrt(f * (1 - f) / particles);
        }
        return se;
    }

    private static long[][] deepCopy(long[][] a) {
        long[][] c = new long[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i].clone();
        }
        return c;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ParticleRteResult r && length == r.length && gridPoints == r.gridPoints
                && mass == r.mass && particles == r.particles && Arrays.equals(times, r.times)
                && Arrays.deepEquals(xCounts, r.xCounts) && kMin == r.kMin && kMax == r.kMax
                && Arrays.deepEquals(kCounts, r.kCounts) && jumps == r.jumps && candidates == r.candidates;
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(xCounts) * 31 + Long.hashCode(jumps);
    }

    @Override
    public String toString() {
        return "ParticleRteResult[L=" + length + ", M=" + gridPoints + ", particles=" + particles + ", times="
                + Arrays.toString(times) + ", jumps=" + jumps + ", candidates=" + candidates + "]";
    }
}
