package org.vmse.kernel.ensemble;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class Int128ArrayTest {

    @Test
    void longAdditionCarriesAndBorrowsExactly() {
        Int128Array a = new Int128Array(1);
        BigInteger exact = BigInteger.ZERO;
        long[] terms = {Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE, 1, -1, Long.MIN_VALUE, Long.MIN_VALUE,
            Long.MIN_VALUE, Long.MIN_VALUE, Long.MIN_VALUE, -7, 3};
        for (long t : terms) {
            a.add(0, t);
            exact = exact.add(BigInteger.valueOf(t));
            assertEquals(exact, a.get(0), "after adding " + t);
        }
    }

    @Test
    void roundedDoublesMatchExactHalfUpRounding() {
        // Math.round rounds half up, floor(x + 1/2); above 2^52 every double is an integer
        SplittableRandom r = new SplittableRandom(11);
        Int128Array a = new Int128Array(2);
        BigInteger[] exact = {BigInteger.ZERO, BigInteger.ZERO};
        for (int i = 0; i < 20_000; i++) {
            double x = Math.scalb(r.nextDouble(-1, 1), r.nextInt(0, 90)); // magnitudes up to 2^90, both signs
            for (int c = 0; c < 2; c++) {
                double y = c == 0 ? x : -x;
                a.addRounded(c, y);
                exact[c] = exact[c].add(new BigDecimal(y).add(new BigDecimal("0.5"))
                        .setScale(0, RoundingMode.FLOOR).toBigIntegerExact());
                assertEquals(exact[c], a.get(c), "after adding " + y);
            }
        }
    }
}
