package org.vmse.kernel.fft;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The FFTW backend against JTransforms, where the system has FFTW (skipped, and said so, where it has not). */
class FftwFftTest {

    @Test
    void agreesWithJTransformsAtTheSection42Sizes() {
        assumeTrue(FftwFft.available(), "libfftw3.so.3 is not installed here (Debian: libfftw3-double3)");
        Random r = new Random(5);
        for (int m : new int[] {416, 1664, 6656, 10}) {
            double[] a = new double[2 * m];
            for (int i = 0; i < a.length; i++) {
                a[i] = r.nextGaussian();
            }
            FftwFft fftw = new FftwFft(m);
            assertAgreesWithJTransforms(fftw, a);
            double[] f = a.clone();
            fftw.forward(f);
            fftw.inverse(f);
            double back = 0;
            for (int i = 0; i < a.length; i++) {
                back = Math.max(back, Math.abs(f[i] - a[i]));
            }
            assertTrue(back < 1e-13, "M = " + m + ": inverse(forward(a)) - a = " + back);
        }
    }

    /** {@code fft.forward(a)} against JTransforms': two correct FFTs of length m differ by a few ulps times log m. */
    static void assertAgreesWithJTransforms(ComplexFft fft, double[] a) {
        int m = fft.size();
        double[] f = a.clone();
        double[] j = a.clone();
        fft.forward(f);
        new JTransformsFft(m).forward(j);
        double err = 0;
        double norm = 0;
        for (int i = 0; i < a.length; i++) {
            err = Math.max(err, Math.abs(f[i] - j[i]));
            norm = Math.max(norm, Math.abs(j[i]));
        }
        assertTrue(err < 1e-13 * norm, "M = " + m + ": " + err);
    }
}
