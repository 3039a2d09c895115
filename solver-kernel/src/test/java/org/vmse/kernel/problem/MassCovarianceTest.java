package org.vmse.kernel.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class MassCovarianceTest {

    @Test
    void aNegativeOrNonFiniteStandardDeviationIsRefusedWithItsKey() {
        for (double d : new double[] {-1, -Double.MIN_VALUE, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertRefused("random.D", d, () -> new MassCovariance(d, 100, 100));
        }
    }

    @Test
    void aNonPositiveOrNonFiniteCorrelationIsRefusedWithItsKey() {
        for (double v : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertRefused("random.a", v, () -> new MassCovariance(1.5, v, 100));
            assertRefused("random.b", v, () -> new MassCovariance(1.5, 100, v));
        }
    }

    @Test
    void zeroStandardDeviationIsAllowed() {
        // D = 0: m1 vanishes, the random mass is m0; the paper's runs have D = 1.5 and a = b = 100
        assertEquals(0, new MassCovariance(0, 100, 100).D());
    }

    private static void assertRefused(String key, double value, Executable construct) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, construct);
        assertTrue(e.getMessage().startsWith(key + " = " + value + " must be"), e.getMessage());
    }
}
