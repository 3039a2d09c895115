package org.vmse.job.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.vmse.kernel.random.KarhunenLoeveBasis;
import org.vmse.kernel.random.RandomMassProblem;

/** The ensemble's parameters are checked where they are made, with messages naming the key and the value. */
class EnsembleWorkTest {

    private static final RandomMassProblem P = SmallEnsemble.PROBLEM;
    private static final KarhunenLoeveBasis B = SmallEnsemble.BASIS;

    private static void rejected(String key, Runnable make) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, make::run);
        assertTrue(e.getMessage().contains(key), e.getMessage());
    }

    /** {@code ceil(samples / blockSize)} blocks and {@code ceil(M / stride)} strided points, M = 208. */
    @Test
    void blocksAndStridedPoints() {
        assertEquals(13, new EnsembleWork(P, B, 1, 100, 8, 0, 4, false, 2).blocks());
        assertEquals(12, new EnsembleWork(P, B, 1, 96, 8, 0, 4, false, 2).blocks());
        assertEquals(52, new EnsembleWork(P, B, 1, 96, 8, 0, 4, false, 2).stridedPoints());
        assertEquals(30, new EnsembleWork(P, B, 1, 96, 8, 0, 7, false, 2).stridedPoints());
    }

    @Test
    void rejectsWhatTheJobCannotRun() {
        rejected("problem", () -> new EnsembleWork(null, B, 1, 10, 8, 0, 4, false, 2));
        rejected("random.sampler = kl", () -> new EnsembleWork(P, null, 1, 10, 8, 0, 4, false, 2));
        rejected("samples = 0", () -> new EnsembleWork(P, B, 1, 0, 8, 0, 4, false, 2));
        rejected("ensemble.blockSize = 0", () -> new EnsembleWork(P, B, 1, 10, 0, 0, 4, false, 2));
        rejected("partitions = -1", () -> new EnsembleWork(P, B, 1, 10, 8, -1, 4, false, 2));
        rejected("ensemble.covarianceStride = 0", () -> new EnsembleWork(P, B, 1, 10, 8, 0, 0, false, 2));
        rejected("ensemble.batches = 0", () -> new EnsembleWork(P, B, 1, 10, 8, 0, 4, false, 0));
    }

    /** {@code samples + blockSize - 1} and {@code M + stride - 1} are computed in int and must not overflow. */
    @Test
    void rejectsBlockArithmeticThatOverflows() {
        rejected("ensemble.blockSize = 2", () -> new EnsembleWork(P, B, 1, Integer.MAX_VALUE, 2, 0, 4, false, 2));
        rejected("ensemble.covarianceStride = " + Integer.MAX_VALUE,
                () -> new EnsembleWork(P, B, 1, 10, 8, 0, Integer.MAX_VALUE, false, 2));
        assertEquals(Integer.MAX_VALUE, new EnsembleWork(P, B, 1, Integer.MAX_VALUE, 1, 0, 4, false, 2).blocks());
    }
}
