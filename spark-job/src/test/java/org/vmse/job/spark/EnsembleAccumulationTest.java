package org.vmse.job.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.vmse.kernel.random.RealizationResult;

/**
 * The accumulation adds and merges exactly: any merge order gives what adding every realization into one
 * accumulation gives. The densities are multiples of 2^-6, so their means are exact in the moments' 2^-40 fixed
 * point and are compared with tolerance 0.
 */
class EnsembleAccumulationTest {

    private static final EnsembleWork WORK = SmallEnsemble.work(40, true);

    /** Realization {@code i}: densities {@code ((31 i + 7 j + 3 k) mod 101) / 64}, statistics from {@code i}. */
    private static RealizationResult realization(int i) {
        double[][] rho = new double[2][SmallEnsemble.M];
        for (int k = 0; k < rho.length; k++) {
            for (int j = 0; j < SmallEnsemble.M; j++) {
                rho[k][j] = ((31 * i + 7 * j + 3 * k) % 101) / 64.0;
            }
        }
        return new RealizationResult(i, rho, i % 3, 0.5 + i / 64.0, 10, 20 + i, i % 2);
    }

    /** Realizations {@code from..to-1} (block {@code i / 8}); those divisible by 4 fail. */
    private static EnsembleAccumulation over(int from, int to) {
        EnsembleAccumulation acc = new EnsembleAccumulation(WORK);
        for (int i = from; i < to; i++) {
            if (i % 4 == 0) {
                acc.addFailure(i, "realization " + i + " failed");
            } else {
                acc.add(i / 8, realization(i));
            }
        }
        return acc;
    }

    private static void assertSame(EnsembleAccumulation expected, EnsembleAccumulation actual) {
        assertEquals(expected.full(), actual.full());
        assertEquals(expected.strided(), actual.strided());
        assertArrayEquals(expected.batchMeans(), actual.batchMeans());
        assertEquals(expected.failed(), actual.failed());
        assertEquals(expected.failures(), actual.failures());
        assertEquals(expected.nonPositivePoints(), actual.nonPositivePoints());
        assertEquals(expected.meanKrylovIterations(), actual.meanKrylovIterations(), 0.0);
        assertEquals(expected.substeps(), actual.substeps());
        assertEquals(expected.massMinimum(), actual.massMinimum(), 0.0);
    }

    @Test
    void mergeOrderDoesNotMatter() {
        EnsembleAccumulation one = over(0, 40);
        assertSame(one, over(0, 13).merge(over(13, 29)).merge(over(29, 40)));
        assertSame(one, over(29, 40).merge(over(0, 13).merge(over(13, 29))));
        assertSame(one, new EnsembleAccumulation(WORK).merge(over(13, 29)).merge(over(29, 40)).merge(over(0, 13)));
    }

    /** 10 of 40 fail (every fourth); all are kept, by index. */
    @Test
    void failuresAreCountedAndTheFirstKept() {
        EnsembleAccumulation acc = over(20, 40).merge(over(0, 20));
        assertEquals(10, acc.failed());
        assertEquals(List.of(0L, 4L, 8L, 12L, 16L, 20L, 24L, 28L, 32L, 36L), List.copyOf(acc.failures().keySet()));
        assertEquals(30, acc.full().count());
    }

    /** Beyond {@value EnsembleAccumulation#FAILURES_KEPT}, the failures with the smallest indices are kept. */
    @Test
    void onlyTheFirstFailuresAreKept() {
        EnsembleAccumulation late = new EnsembleAccumulation(WORK);
        EnsembleAccumulation early = new EnsembleAccumulation(WORK);
        for (int i = 0; i < 15; i++) {
            late.addFailure(100 + i, "late");
            early.addFailure(i, "early");
        }
        late.merge(early);
        assertEquals(30, late.failed());
        List<Long> kept = IntStream.range(0, EnsembleAccumulation.FAILURES_KEPT)
                .mapToObj(i -> i < 15 ? (long) i : 100L + i - 15).toList();
        assertEquals(kept, List.copyOf(late.failures().keySet()));
    }

    /**
     * One realization of block 6: its final density is batch 6 mod 5 = 1's mean; the strided mean holds every
     * fourth point; the statistics are its own.
     */
    @Test
    void oneRealizationLandsWhereItBelongs() {
        EnsembleAccumulation acc = new EnsembleAccumulation(WORK);
        RealizationResult r = realization(5);
        acc.add(6, r);
        double[][] rho = r.densities();
        assertEquals(1, acc.batchMeans().length);
        assertArrayEquals(rho[1], acc.batchMeans()[0], 0.0);
        for (int k = 0; k < rho.length; k++) {
            double[] row = rho[k];
            double[] every4th = IntStream.range(0, SmallEnsemble.M / 4).mapToDouble(p -> row[4 * p]).toArray();
            assertArrayEquals(every4th, acc.strided().result().mean(k), 0.0, "output time " + k);
        }
        assertEquals(r.nonPositivePoints(), acc.nonPositivePoints());
        assertEquals(r.massMinimum(), acc.massMinimum(), 0.0);
        assertEquals(25.0 / 10, acc.meanKrylovIterations(), 0.0);
    }

    @Test
    void accumulationsOfDifferentEnsemblesDoNotMerge() {
        EnsembleWork other = new EnsembleWork(SmallEnsemble.PROBLEM, SmallEnsemble.BASIS, 42, 40, 8, 3, 4, true, 7);
        assertThrows(IllegalArgumentException.class,
                () -> new EnsembleAccumulation(WORK).merge(new EnsembleAccumulation(other)));
    }
}
