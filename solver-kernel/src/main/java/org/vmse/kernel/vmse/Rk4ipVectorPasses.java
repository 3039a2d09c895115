package org.vmse.kernel.vmse;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Rk4ipPasses} on whole SIMD vectors of the JVM's preferred width (the JDK's incubating vector API, which the
 * JIT compiles to SIMD instructions; initialized only where the JVM was started with
 * {@code --add-modules jdk.incubator.vector}). The interleaved layout needs no gather: a complex product is
 * {@code phaseRe x + phaseIm swap(x)} with {@code swap} a fixed lane shuffle, so each mode gets the products and
 * sums that {@link Rk4ipPasses} computes, in the same order: the same bits. The modes beyond the last whole vector
 * are left to {@link Rk4ipPasses}.
 *
 * <p>Each loop is written out in full, with no method of this class taking or returning a vector, and straight-line:
 * the JIT keeps a vector in a register only where every operation on it is inlined into one compiled loop, and boxes
 * it (an object per vector, slower than the scalar pass) where a call of a compiled helper, or the merge of two
 * branches, stands between. Hence also no potential here ({@link Rk4ipPasses#create}).
 */
final class Rk4ipVectorPasses extends Rk4ipPasses {

    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;

    /** The lane shuffles, made where a vector holds at least one complex number ({@link #fits}). */
    private static final class Shuffles {
        /** Exchanges the real and imaginary parts of each complex number in a vector. */
        static final VectorShuffle<Double> SWAP = VectorShuffle.fromOp(SPECIES, i -> i ^ 1);
        /** Lane {@code i} takes lane {@code i/2}, or lane {@code L/2 + i/2}: the values of a vector, each twice. */
        static final VectorShuffle<Double> LOWER_TWICE = VectorShuffle.fromOp(SPECIES, i -> i / 2);
        static final VectorShuffle<Double> UPPER_TWICE =
                VectorShuffle.fromOp(SPECIES, i -> SPECIES.length() / 2 + i / 2);
    }

    /** The doubles the whole vectors cover: a multiple of the vector length, at most {@code 2M}. */
    private final int bound;

    /**
     * Whether the JVM's vectors hold a complex number (two doubles): one that runs the JIT without SIMD, or limits it
     * to 8-byte vectors, has one-lane vectors, where the passes stay scalar.
     */
    static boolean fits() {
        return SPECIES.length() >= 2;
    }

    Rk4ipVectorPasses(double[] physical, double[] physicalV, double[] a, double[] acc, double[] muPairs,
                      double[] nScale, double potentialScale, double[] phaseRe, double[] phaseIm) {
        super(physical, physicalV, a, acc, muPairs, nScale, potentialScale, phaseRe, phaseIm);
        if (physicalV != null) {
            throw new IllegalArgumentException("the vector passes take no potential");
        }
        bound = SPECIES.loopBound(2 * size);
    }

    @Override
    void first(double[] uHat, double h6, double h2) {
        int q = 0;
        for (; q < bound; q += SPECIES.length()) {
            DoubleVector pr = DoubleVector.fromArray(SPECIES, phaseRe, q);
            DoubleVector pi = DoubleVector.fromArray(SPECIES, phaseIm, q);
            DoubleVector n = DoubleVector.fromArray(SPECIES, physical, q).rearrange(Shuffles.SWAP)
                    .mul(DoubleVector.fromArray(SPECIES, nScale, q));
            DoubleVector k = n.mul(pr).add(n.rearrange(Shuffles.SWAP).mul(pi));
            DoubleVector u = DoubleVector.fromArray(SPECIES, uHat, q);
            DoubleVector av = u.mul(pr).add(u.rearrange(Shuffles.SWAP).mul(pi));
            av.intoArray(a, q);
            av.add(k.mul(h6)).intoArray(acc, q);
            av.add(k.mul(h2)).mul(DoubleVector.fromArray(SPECIES, muPairs, q)).intoArray(physical, q);
        }
        first(uHat, h6, h2, q / 2);
    }

    /** A loop per value of {@code rotate}, each straight-line (see the class comment). */
    @Override
    void middle(double h3, double h, boolean rotate) {
        int q = rotate ? middleRotated(h3, h) : middleAsIs(h3, h);
        middle(h3, h, rotate, q / 2);
    }

    private int middleAsIs(double h3, double h) {
        int q = 0;
        for (; q < bound; q += SPECIES.length()) {
            DoubleVector k = DoubleVector.fromArray(SPECIES, physical, q).rearrange(Shuffles.SWAP)
                    .mul(DoubleVector.fromArray(SPECIES, nScale, q));
            DoubleVector.fromArray(SPECIES, acc, q).add(k.mul(h3)).intoArray(acc, q);
            DoubleVector.fromArray(SPECIES, a, q).add(k.mul(h)).mul(DoubleVector.fromArray(SPECIES, muPairs, q))
                    .intoArray(physical, q);
        }
        return q;
    }

    private int middleRotated(double h3, double h) {
        int q = 0;
        for (; q < bound; q += SPECIES.length()) {
            DoubleVector k = DoubleVector.fromArray(SPECIES, physical, q).rearrange(Shuffles.SWAP)
                    .mul(DoubleVector.fromArray(SPECIES, nScale, q));
            DoubleVector.fromArray(SPECIES, acc, q).add(k.mul(h3)).intoArray(acc, q);
            DoubleVector x = DoubleVector.fromArray(SPECIES, a, q).add(k.mul(h));
            x.mul(DoubleVector.fromArray(SPECIES, phaseRe, q))
                    .add(x.rearrange(Shuffles.SWAP).mul(DoubleVector.fromArray(SPECIES, phaseIm, q)))
                    .mul(DoubleVector.fromArray(SPECIES, muPairs, q)).intoArray(physical, q);
        }
        return q;
    }

    @Override
    void last(double[] uHat, double h6) {
        int q = 0;
        for (; q < bound; q += SPECIES.length()) {
            DoubleVector k = DoubleVector.fromArray(SPECIES, physical, q).rearrange(Shuffles.SWAP)
                    .mul(DoubleVector.fromArray(SPECIES, nScale, q));
            DoubleVector x = DoubleVector.fromArray(SPECIES, acc, q);
            x.mul(DoubleVector.fromArray(SPECIES, phaseRe, q))
                    .add(x.rearrange(Shuffles.SWAP).mul(DoubleVector.fromArray(SPECIES, phaseIm, q)))
                    .add(k.mul(h6)).intoArray(uHat, q);
        }
        last(uHat, h6, q / 2);
    }

    @Override
    void deviationPairs(double[] m, double mbar, double scale, double[] out) {
        int j = 0;
        int length = SPECIES.length();
        for (int end = SPECIES.loopBound(size); j < end; j += length) {
            DoubleVector d = DoubleVector.fromArray(SPECIES, m, j).sub(mbar).mul(scale);
            d.rearrange(Shuffles.LOWER_TWICE).intoArray(out, 2 * j);
            d.rearrange(Shuffles.UPPER_TWICE).intoArray(out, 2 * j + length);
        }
        deviationPairs(m, mbar, scale, out, j);
    }
}
