package org.vmse.job.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The sample count of an adaptive point's next round; every expected count worked out by hand from the rule. */
class SampleGrowthTest {

    @Test
    void growsByTheSquareOfTheStandardErrorsRatioInWholeBlocks() {
        // 64 (2e-3 / 1e-3)^2 = 256 = 32 blocks of 8
        assertEquals(256, SampleGrowth.next(64, 2e-3, 1e-3, 10_000, 8));
        // 64 (1.1)^2 = 77.44 -> 10 blocks of 8 = 80
        assertEquals(80, SampleGrowth.next(64, 1.1e-3, 1e-3, 10_000, 8));
    }

    @Test
    void aRoundAtMostQuadruplesAndAddsAtLeastOneBlock() {
        // 64 (10)^2 = 6400, held to 4 * 64
        assertEquals(256, SampleGrowth.next(64, 1e-2, 1e-3, 10_000, 8));
        // 64 (1.0001)^2 = 64.01 -> at least one block more: 72
        assertEquals(72, SampleGrowth.next(64, 1.0001e-3, 1e-3, 10_000, 8));
        // a partial last block (61 of 8) grows to the next whole block and one more: 64 is 8 blocks, 61/8 + 1 = 8
        assertEquals(64, SampleGrowth.next(61, 1.0001e-3, 1e-3, 10_000, 8));
    }

    @Test
    void stopsAtTheTargetAtTheCapAndOnNaN() {
        assertEquals(64, SampleGrowth.next(64, 1e-3, 1e-3, 10_000, 8));
        assertEquals(64, SampleGrowth.next(64, 5e-4, 1e-3, 10_000, 8));
        assertEquals(64, SampleGrowth.next(64, Double.NaN, 1e-3, 10_000, 8));
        assertEquals(100, SampleGrowth.next(64, 2e-3, 1e-3, 100, 8));
        assertEquals(100, SampleGrowth.next(100, 2e-3, 1e-3, 100, 8));
    }
}
