package org.vmse.kernel.fft;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Plans measured once and replayed from their wisdom: the same plan (so the same bits) as the measured transform, a
 * correct transform, a clear refusal of a length the wisdom does not hold, and no effect on the estimate's plans.
 */
class FftwWisdomTest {

    @BeforeEach
    void needsFftw() {
        assumeTrue(FftwFft.available(), "libfftw3.so.3 is not installed here (Debian: libfftw3-double3)");
    }

    private static double[] random(int m, long seed) {
        Random r = new Random(seed);
        double[] a = new double[2 * m];
        for (int i = 0; i < a.length; i++) {
            a[i] = r.nextGaussian();
        }
        return a;
    }

    private static double[] forwardThenInverse(ComplexFft fft, double[] a) {
        double[] x = a.clone();
        fft.forward(x);
        fft.inverseUnscaled(x);
        return x;
    }

    @Test
    void aTransformPlannedFromWisdomRoundsAsTheMeasuredOneDid() {
        ComplexFft[] measured = new ComplexFft[2];
        FftwWisdom wisdom = FftwWisdom.record(() -> {
            measured[0] = new FftwFft(2700);
            measured[1] = new FftwFft(416);
        });
        for (int k = 0; k < 2; k++) {
            int m = measured[k].size();
            double[] a = random(m, m);
            // the same plan computes the same operations in the same order: equal to the last bit
            assertArrayEquals(forwardThenInverse(measured[k], a), forwardThenInverse(wisdom.create(m), a),
                    "M = " + m);
            // and it is a correct transform
            FftwFftTest.assertAgreesWithJTransforms(wisdom.create(m), a);
        }
    }

    @Test
    void aLengthTheWisdomDoesNotHoldIsRefusedNotPlannedOtherwise() {
        FftwWisdom wisdom = FftwWisdom.record(() -> new FftwFft(512));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> wisdom.create(300));
        assertTrue(e.getMessage().contains("no plan for a transform of length 300"), e.getMessage());
        assertTrue(e.getMessage().contains("fftw.planner = estimate"), e.getMessage());
    }

    @Test
    void replayingWhileRecordingIsRefused() {
        FftwWisdom wisdom = FftwWisdom.record(() -> new FftwFft(512));
        // the replay would forget the wisdom being recorded
        assertThrows(IllegalStateException.class, () -> FftwWisdom.record(() -> wisdom.create(512)));
        ComplexFft[] measured = new ComplexFft[1];
        FftwWisdom again = FftwWisdom.record(() -> measured[0] = new FftwFft(512));
        double[] a = random(512, 3);
        assertArrayEquals(forwardThenInverse(measured[0], a), forwardThenInverse(again.create(512), a),
                "recording and replaying work again after the refusal");
    }

    @Test
    void textThatIsNotWisdomIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new FftwWisdom("not wisdom at all"));
        assertTrue(e.getMessage().startsWith("not FFTW wisdom"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new FftwWisdom("  "));
    }

    @Test
    void recordingAndReplayingLeaveTheEstimatesPlansAsTheyWere() {
        int m = 2700;
        double[] a = random(m, 7);
        double[] before = forwardThenInverse(new FftwFft(m), a);
        FftwWisdom wisdom = FftwWisdom.record(() -> new FftwFft(m));
        wisdom.create(m);
        // FFTW_ESTIMATE would take any wisdom FFTW still held; none is left, so its plan is the one from before
        assertArrayEquals(before, forwardThenInverse(new FftwFft(m), a));
        assertArrayEquals(before, forwardThenInverse(FftBackend.FFTW.create(m), a));
    }
}
