package org.vmse.kernel.fft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The contract of {@link ComplexFft} on every backend this machine has. */
class ComplexFftTest {

    private static List<ComplexFft> backends(int m) {
        List<ComplexFft> list = new ArrayList<>(List.of(new JTransformsFft(m)));
        if (FftwFft.available()) {
            list.add(new FftwFft(m));
        }
        return list;
    }

    @Test
    void inverseUnscaledIsMTimesTheInverse() {
        Random r = new Random(11);
        for (int m : new int[] {416, 13, 64}) {
            double[] a = new double[2 * m];
            for (int i = 0; i < a.length; i++) {
                a[i] = r.nextGaussian();
            }
            for (ComplexFft fft : backends(m)) {
                double[] scaled = a.clone();
                double[] unscaled = a.clone();
                fft.inverse(scaled);
                fft.inverseUnscaled(unscaled);
                double err = 0;
                for (int i = 0; i < a.length; i++) {
                    err = Math.max(err, Math.abs(unscaled[i] - m * scaled[i]));
                }
                assertTrue(err < 1e-12 * m, fft.name() + ", M = " + m + ": " + err);
                fft.forward(unscaled);
                assertEquals(m * a[3], unscaled[3], 1e-10 * m, fft.name() + ": forward(inverseUnscaled(a)) = M a");
            }
        }
    }
}
