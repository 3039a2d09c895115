package org.vmse.kernel.vmse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The RK4IP step's pointwise passes on SIMD vectors give the bits of the passes one mode at a time: on random data,
 * on grids that are and are not a whole number of vectors (the rest is done mode by mode). The suite's JVM resolves
 * the vector API (pom.xml), so every stepper test without a potential runs the vector passes too; with a potential the
 * passes are the scalar ones.
 */
class Rk4ipPassesTest {

    /** The arrays of one set of passes, filled with the same random values for both implementations. */
    private static final class Arrays {
        final double[] physical, physicalV, a, acc, muPairs, nScale, phaseRe, phaseIm, uHat, mass, deviation;

        Arrays(int size, boolean potential, long seed) {
            SplittableRandom random = new SplittableRandom(seed);
            physical = values(random, 2 * size);
            physicalV = potential ? values(random, 2 * size) : null;
            a = values(random, 2 * size);
            acc = values(random, 2 * size);
            uHat = values(random, 2 * size);
            mass = values(random, size);
            deviation = new double[2 * size];
            muPairs = new double[2 * size];
            nScale = new double[2 * size];
            phaseRe = new double[2 * size];
            phaseIm = new double[2 * size];
            for (int s = 0; s < size; s++) {
                double mu = s < size / 2 ? s : s - size;
                double theta = random.nextDouble(-Math.PI, Math.PI);
                muPairs[2 * s] = mu;
                muPairs[2 * s + 1] = mu;
                nScale[2 * s] = 0.01 * mu;
                nScale[2 * s + 1] = -0.01 * mu;
                phaseRe[2 * s] = Math.cos(theta);
                phaseRe[2 * s + 1] = Math.cos(theta);
                phaseIm[2 * s] = Math.sin(theta);
                phaseIm[2 * s + 1] = -Math.sin(theta);
            }
        }

        private static double[] values(SplittableRandom random, int n) {
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                v[i] = random.nextDouble(-1, 1);
            }
            return v;
        }

        Rk4ipPasses scalar() {
            return new Rk4ipPasses(physical, physicalV, a, acc, muPairs, nScale, 40, phaseRe, phaseIm);
        }

        Rk4ipPasses vector() {
            return new Rk4ipVectorPasses(physical, physicalV, a, acc, muPairs, nScale, 40, phaseRe, phaseIm);
        }

        /** Copies the arrays the passes write from {@code other}. */
        void copyFrom(Arrays other) {
            for (double[][] pair : new double[][][] {{other.physical, physical}, {other.a, a}, {other.acc, acc},
                {other.uHat, uHat}, {other.deviation, deviation}}) {
                System.arraycopy(pair[0], 0, pair[1], 0, pair[0].length);
            }
        }

        boolean same(Arrays other) {
            return java.util.Arrays.equals(physical, other.physical) && java.util.Arrays.equals(a, other.a)
                    && java.util.Arrays.equals(acc, other.acc) && java.util.Arrays.equals(uHat, other.uHat)
                    && java.util.Arrays.equals(deviation, other.deviation);
        }

        void assertSameAs(Arrays other) {
            assertArrayEquals(physical, other.physical, "the next stage's input times mu");
            if (physicalV != null) {
                assertArrayEquals(physicalV, other.physicalV, "the next stage's input");
            }
            assertArrayEquals(a, other.a, "a = E U");
            assertArrayEquals(acc, other.acc, "the stages' sum");
            assertArrayEquals(uHat, other.uHat, "U");
            assertArrayEquals(deviation, other.deviation, "the deviation pairs");
        }
    }

    @ParameterizedTest(name = "M = {0}")
    @CsvSource({"416", "13", "1667"})
    void theVectorPassesGiveTheScalarBits(int size) {
        Arrays one = new Arrays(size, false, 7);
        Arrays other = new Arrays(size, false, 7);
        Rk4ipPasses scalar = one.scalar();
        Rk4ipPasses vector = other.vector();
        // the passes of a step in order, each reading what the last wrote (as after a transform)
        scalar.first(one.uHat, 1e-3 / 6, 1e-3 / 2);
        vector.first(other.uHat, 1e-3 / 6, 1e-3 / 2);
        one.assertSameAs(other);
        scalar.middle(1e-3 / 3, 1e-3 / 2, false);
        vector.middle(1e-3 / 3, 1e-3 / 2, false);
        one.assertSameAs(other);
        scalar.middle(1e-3 / 3, 1e-3, true);
        vector.middle(1e-3 / 3, 1e-3, true);
        one.assertSameAs(other);
        scalar.last(one.uHat, 1e-3 / 6);
        vector.last(other.uHat, 1e-3 / 6);
        one.assertSameAs(other);
        scalar.deviationPairs(one.mass, 0.3, 1.0 / size, one.deviation);
        vector.deviationPairs(other.mass, 0.3, 1.0 / size, other.deviation);
        one.assertSameAs(other);
        for (int j = 0; j < size; j++) {
            assertTrue(one.deviation[2 * j] == (one.mass[j] - 0.3) * (1.0 / size)
                    && one.deviation[2 * j + 1] == one.deviation[2 * j], "deviation pair " + j);
        }
    }

    /**
     * The same, repeated until the JIT has compiled the vector loops to SIMD code (the first thousands of calls run
     * the vector API's Java fallback): every repetition from the same inputs, compared in full.
     */
    @ParameterizedTest(name = "M = {0}")
    @CsvSource({"416", "1667"})
    void theCompiledVectorPassesGiveTheScalarBits(int size) {
        Arrays start = new Arrays(size, false, 11);
        Arrays one = new Arrays(size, false, 11);
        Arrays other = new Arrays(size, false, 11);
        Rk4ipPasses scalar = one.scalar();
        Rk4ipPasses vector = other.vector();
        for (int repetition = 0; repetition < 20_000; repetition++) {
            one.copyFrom(start);
            other.copyFrom(start);
            for (Rk4ipPasses passes : new Rk4ipPasses[] {scalar, vector}) {
                Arrays x = passes == scalar ? one : other;
                passes.first(x.uHat, 1e-3 / 6, 1e-3 / 2);
                passes.middle(1e-3 / 3, 1e-3 / 2, false);
                passes.middle(1e-3 / 3, 1e-3, true);
                passes.last(x.uHat, 1e-3 / 6);
                passes.deviationPairs(x.mass, 0.3, 1.0 / size, x.deviation);
            }
            if (!one.same(other)) {
                one.assertSameAs(other);
            }
        }
    }

    @ParameterizedTest(name = "M = {0}")
    @CsvSource({"416", "13"})
    void theSuitesJvmRunsTheVectorPasses(int size) {
        assertTrue(Rk4ipPasses.VECTOR_API, "the tests' JVM resolves jdk.incubator.vector (pom.xml's argLine)");
        Arrays arrays = new Arrays(size, false, 1);
        assertInstanceOf(Rk4ipVectorPasses.class, Rk4ipPasses.create(arrays.physical, null, arrays.a, arrays.acc,
                arrays.muPairs, arrays.nScale, 40, arrays.phaseRe, arrays.phaseIm));
        Arrays withPotential = new Arrays(size, true, 1);
        assertSame(Rk4ipPasses.class, Rk4ipPasses.create(withPotential.physical, withPotential.physicalV,
                withPotential.a, withPotential.acc, withPotential.muPairs, withPotential.nScale, 40,
                withPotential.phaseRe, withPotential.phaseIm).getClass(), "with a potential: the scalar passes");
    }
}
