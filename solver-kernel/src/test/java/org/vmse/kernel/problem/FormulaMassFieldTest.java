package org.vmse.kernel.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.vmse.kernel.expr.Formula;
import org.vmse.kernel.expr.FormulaException;

class FormulaMassFieldTest {

    private static final double[] XS = {-2.5, -0.7, 0.0, 0.31, 1.0, 3.9};
    private static final double TWO_PI = 2 * Math.PI;

    @Test
    void polynomialMassIsExactAndTimeIndependent() {
        MassField m = FormulaMassField.parse("mass.m0", "1 + x^2");
        assertFalse(m.isTimeDependent());
        double[] out = new double[3];
        for (double t : new double[] {0, 0.5}) {
            for (double x : XS) {
                assertEquals(1 + x * x, m.value(t, x), 0);
                m.spatialDerivatives(t, x, out);
                assertEquals(1 + x * x, out[0], 0);
                assertEquals(2 * x, out[1], 0);
                assertEquals(2, out[2], 0);
            }
        }
    }

    @Test
    void timeDependentMassMatchesClosedForm() {
        MassField m = new FormulaMassField(
            Formula.parse("mass.m0", "(1+0.2*sin(2*pi*x))*(1+0.2*cos(2*pi*t))", "t", "x"));
        assertTrue(m.isTimeDependent());
        double[] out = new double[4];
        out[3] = 42;
        for (double t : new double[] {0, 0.13, 0.5, 1.7}) {
            double g = 1 + 0.2 * Math.cos(TWO_PI * t);
            for (double x : XS) {
                double m0 = (1 + 0.2 * Math.sin(TWO_PI * x)) * g;
                double m1 = 0.2 * TWO_PI * Math.cos(TWO_PI * x) * g;
                double m2 = -0.2 * TWO_PI * TWO_PI * Math.sin(TWO_PI * x) * g;
                assertEquals(m0, m.value(t, x), 1e-14);
                m.spatialDerivatives(t, x, out);
                assertEquals(m0, out[0], 1e-14);
                assertEquals(m1, out[1], 1e-12 * Math.abs(TWO_PI));
                assertEquals(m2, out[2], 1e-12 * TWO_PI * TWO_PI);
                assertEquals(42, out[3], 0, "only out[0..2] is written");
            }
        }
    }

    @Test
    void unusedTimeVariableMeansTimeIndependent() {
        assertFalse(FormulaMassField.parse("mass.m0", "exp(-x^2)").isTimeDependent());
        assertTrue(FormulaMassField.parse("mass.m0", "1 + 0*t").isTimeDependent());
    }

    @Test
    void requiresVariablesTAndX() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> new FormulaMassField(Formula.parse("mass.m0", "1 + x^2", "x", "t")));
        assertTrue(e.getMessage().contains("(t, x)"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new FormulaMassField(Formula.parse("mass.m0", "1 + x^2", "x")));
    }

    @Test
    void parseErrorsNameTheKey() {
        FormulaException e = assertThrows(FormulaException.class, () -> FormulaMassField.parse("mass.m0", "1 + y"));
        assertTrue(e.getMessage().startsWith("mass.m0: "), e.getMessage());
        assertTrue(e.getMessage().contains("t, x"), e.getMessage());
    }
}
