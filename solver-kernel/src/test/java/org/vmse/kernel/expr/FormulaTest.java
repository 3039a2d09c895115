package org.vmse.kernel.expr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.DoubleUnaryOperator;

import org.apache.commons.math3.analysis.differentiation.DerivativeStructure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FormulaTest {

    private static final double[] POINTS = {-1.7, -0.3, 0.0, 0.25, 0.8, 2.2};

    private static double x(String text, double x) {
        return Formula.parse("k", text, "x").value(x);
    }

    private static FormulaException fails(String text, String... variables) {
        return assertThrows(FormulaException.class, () -> Formula.parse("mass.m0", text, variables));
    }

    private static void assertContains(String message, String... parts) {
        for (String part : parts) {
            assertTrue(message.contains(part), () -> "expected \"" + part + "\" in: " + message);
        }
    }

    private static void assertRel(double expected, double actual, double tol) {
        assertEquals(expected, actual, tol * Math.max(1, Math.abs(expected)));
    }

    // ---- values and precedence ----------------------------------------------------------------

    @Test
    void polynomial() {
        for (double x : POINTS) {
            assertEquals(1 + x * x, x("1 + x^2", x), 0);
        }
    }

    @Test
    void timeDependentMass() {
        Formula f = Formula.parse("mass.m0", "(1+0.2*sin(2*pi*x))*(1+0.2*cos(2*pi*t))", "t", "x");
        for (double t : new double[] {0, 0.1, 0.37}) {
            for (double x : POINTS) {
                double expected = (1 + 0.2 * Math.sin(2 * Math.PI * x)) * (1 + 0.2 * Math.cos(2 * Math.PI * t));
                assertEquals(expected, f.value(t, x), 1e-15);
            }
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "-x^2; -9", "2^-6; 0.015625", "2^3^2; 512", "1-2-3; -4", "8/4/2; 1", "-2^2; -4", "(-2)^2; 4",
        "2*-3; -6", "2^+3; 8", "--x; 3", "1+2*3^2; 19", "(1+2)*3; 9", "x^-1; 0.3333333333333333",
        ".5 + 1e-3 + 2E+1 + 3.; 23.501",
        "pi; 3.141592653589793", "e; 2.718281828459045", "e^x; 20.085536923187664", "x^0.5; 1.7320508075688772",
        "abs(-x) + sqrt(16); 7", "exp(log(x)); 3", "x^x; 27", "+x; 3"})
    void precedenceAndLiterals(String text, double expected) {
        assertEquals(expected, x(text, 3), 1e-15 * Math.abs(expected));
    }

    @Test
    void whitespaceIsIgnored() {
        assertEquals(6, x(" \t x\t*\n2 ", 3), 0);
        assertEquals(Math.sin(3), x("sin ( x )", 3), 0);
    }

    @Test
    void everyFunctionMatchesMath() {
        DoubleUnaryOperator[] ops = {Math::sin, Math::cos, Math::tan, Math::exp, Math::log, Math::sqrt, Math::abs,
            Math::sinh, Math::cosh, Math::tanh, Math::atan};
        String[] names = {"sin", "cos", "tan", "exp", "log", "sqrt", "abs", "sinh", "cosh", "tanh", "atan"};
        for (int i = 0; i < names.length; i++) {
            Formula f = Formula.parse("k", names[i] + "( x )", "x");
            for (double x : new double[] {0.3, 1.1, 2.5}) {
                assertEquals(ops[i].applyAsDouble(x), f.value(x), 0, names[i]);
            }
        }
    }

    @Test
    void argumentsFollowVariableOrder() {
        Formula f = Formula.parse("k", "x - 10*t", "t", "x");
        assertEquals(2 - 10, f.value(1, 2), 0);
        Formula g = Formula.parse("k", "x - 10*t", "x", "t");
        assertEquals(1 - 20, g.value(1, 2), 0);
    }

    @Test
    void constants() {
        assertEquals(0.015625, Formula.constant("hbar", "2^-6"), 0);
        assertEquals(0.3, Formula.constant("k", "0.3"), 0);
        assertEquals(1.625, Formula.constant("k", "1.625"), 0);
        assertEquals(Math.pow(2, -1.2 * 6 - 3), Formula.constant("k", "2^(-1.2*6-3)"), 0);
        assertEquals(2 * Math.PI, Formula.constant("k", "2*pi"), 0);
    }

    // ---- accessors ------------------------------------------------------------------------------

    @Test
    void dependsOnReportsOccurringVariablesOnly() {
        Formula f = Formula.parse("k", "1 + x^2", "t", "x");
        assertTrue(f.dependsOn("x"));
        assertFalse(f.dependsOn("t"));
        assertFalse(f.dependsOn("y"));
        Formula g = Formula.parse("k", "2^t", "t", "x");
        assertTrue(g.dependsOn("t"));
        assertFalse(g.dependsOn("x"));
        assertTrue(Formula.parse("k", "sin(x)^0 * t", "t", "x").dependsOn("x"));
    }

    @Test
    void textAndVariablesCopy() {
        Formula f = Formula.parse("k", "1 + x^2", "t", "x");
        assertEquals("1 + x^2", f.text());
        assertArrayEquals(new String[] {"t", "x"}, f.variables());
        f.variables()[0] = "changed";
        assertArrayEquals(new String[] {"t", "x"}, f.variables());
        assertNotSame(f.variables(), f.variables());
    }

    // ---- automatic differentiation --------------------------------------------------------------

    @Test
    void derivativesOfOneVariableMatchClosedForm() {
        // {formula, f, f', f''} over POINTS where all are defined
        record Case(String text, DoubleUnaryOperator f, DoubleUnaryOperator d1, DoubleUnaryOperator d2) {}
        Case[] cases = {
            new Case("1 + x^2", x -> 1 + x * x, x -> 2 * x, x -> 2),
            new Case("-x^3 + 2*x", x -> -x * x * x + 2 * x, x -> -3 * x * x + 2, x -> -6 * x),
            new Case("sin(2*pi*x)", x -> Math.sin(2 * Math.PI * x), x -> 2 * Math.PI * Math.cos(2 * Math.PI * x),
                x -> -4 * Math.PI * Math.PI * Math.sin(2 * Math.PI * x)),
            new Case("exp(-x^2/2)", x -> Math.exp(-x * x / 2), x -> -x * Math.exp(-x * x / 2),
                x -> (x * x - 1) * Math.exp(-x * x / 2)),
            new Case("1/(1+x^2)", x -> 1 / (1 + x * x), x -> -2 * x / Math.pow(1 + x * x, 2),
                x -> (6 * x * x - 2) / Math.pow(1 + x * x, 3)),
            new Case("(2+x)^-2", x -> Math.pow(2 + x, -2), x -> -2 * Math.pow(2 + x, -3), x -> 6 * Math.pow(2 + x, -4)),
            new Case("(3+x)^1.5", x -> Math.pow(3 + x, 1.5), x -> 1.5 * Math.sqrt(3 + x), x -> 0.75 / Math.sqrt(3 + x)),
            new Case("2^x", x -> Math.pow(2, x), x -> Math.log(2) * Math.pow(2, x),
                x -> Math.log(2) * Math.log(2) * Math.pow(2, x)),
            new Case("tanh(x) + atan(x) + cosh(x)",
                x -> Math.tanh(x) + Math.atan(x) + Math.cosh(x),
                x -> 1 / Math.pow(Math.cosh(x), 2) + 1 / (1 + x * x) + Math.sinh(x),
                x -> -2 * Math.tanh(x) / Math.pow(Math.cosh(x), 2) - 2 * x / Math.pow(1 + x * x, 2) + Math.cosh(x)),
            new Case("log(5+x) * sqrt(4+x)",
                x -> Math.log(5 + x) * Math.sqrt(4 + x),
                x -> Math.sqrt(4 + x) / (5 + x) + Math.log(5 + x) / (2 * Math.sqrt(4 + x)),
                x -> -Math.sqrt(4 + x) / Math.pow(5 + x, 2) + 1 / ((5 + x) * Math.sqrt(4 + x))
                    - Math.log(5 + x) / (4 * Math.pow(4 + x, 1.5))),
        };
        for (Case c : cases) {
            Formula f = Formula.parse("k", c.text(), "x");
            for (double x : POINTS) {
                DerivativeStructure r = f.value(new DerivativeStructure(1, 2, 0, x));
                assertRel(c.f().applyAsDouble(x), r.getValue(), 1e-12);
                assertRel(c.d1().applyAsDouble(x), r.getPartialDerivative(1), 1e-12);
                assertRel(c.d2().applyAsDouble(x), r.getPartialDerivative(2), 1e-12);
                assertEquals(f.value(x), r.getValue(), 1e-14 * Math.max(1, Math.abs(r.getValue())), c.text());
            }
        }
    }

    @Test
    void mixedPartialDerivativesOfTwoVariables() {
        Formula f = Formula.parse("k", "x^t * sin(t*x)", "t", "x");
        double t = 1.3;
        double x = 0.7;
        DerivativeStructure r = f.value(new DerivativeStructure(2, 2, 0, t), new DerivativeStructure(2, 2, 1, x));
        // closed form: f = x^t sin(tx); df/dx = t x^(t-1) sin(tx) + x^t t cos(tx)
        double dfdx = t * Math.pow(x, t - 1) * Math.sin(t * x) + Math.pow(x, t) * t * Math.cos(t * x);
        // df/dt = ln(x) x^t sin(tx) + x^t x cos(tx)
        double dfdt = Math.log(x) * Math.pow(x, t) * Math.sin(t * x) + Math.pow(x, t) * x * Math.cos(t * x);
        assertRel(Math.pow(x, t) * Math.sin(t * x), r.getValue(), 1e-14);
        assertRel(dfdx, r.getPartialDerivative(0, 1), 1e-12);
        assertRel(dfdt, r.getPartialDerivative(1, 0), 1e-12);
    }

    @Test
    void constantFormulaDerivativeStructure() {
        DerivativeStructure r = Formula.parse("k", "2^-6").value(new DerivativeStructure[0]);
        assertEquals(0.015625, r.getValue(), 0);
    }

    // ---- errors ---------------------------------------------------------------------------------

    @Test
    void missingOperandNamesKeyTextAndPosition() {
        FormulaException e = fails("1 + * x", "t", "x");
        assertContains(e.getMessage(), "mass.m0", "\"1 + * x\"", "position 4",
            "expected a number, variable, function or '('", "found '*'");
    }

    @Test
    void unexpectedEnd() {
        assertContains(fails("1 +", "x").getMessage(), "mass.m0", "\"1 +\"", "position 3", "unexpected end");
    }

    @Test
    void unknownVariableListsAllowedOnes() {
        FormulaException e = fails("1 + y", "t", "x");
        assertContains(e.getMessage(), "mass.m0", "\"1 + y\"", "position 4", "unknown variable 'y'",
            "allowed variables are t, x");
    }

    @Test
    void unknownFunctionListsKnownOnes() {
        FormulaException e = fails("1 + foo(x)", "x");
        assertContains(e.getMessage(), "mass.m0", "position 4", "unknown function 'foo'", "sin, cos, tan", "atan");
        assertContains(fails("x(1+x)", "x").getMessage(), "'x' is not a function", "x*(...)");
        assertContains(fails("sin x", "x").getMessage(), "'sin' needs its argument in parentheses");
        assertContains(fails("sin(x, x)", "x").getMessage(), "position 5", "exactly one argument");
    }

    @Test
    void unbalancedParentheses() {
        assertContains(fails("(1 + x", "x").getMessage(), "mass.m0", "\"(1 + x\"", "position 6",
            "missing ')'", "'(' at position 0");
        assertContains(fails("sin(x", "x").getMessage(), "missing ')'", "'(' at position 3");
        assertContains(fails("(1 + x))", "x").getMessage(), "position 7", "unmatched ')'");
        assertContains(fails(")", "x").getMessage(), "position 0", "found ')'");
        assertContains(fails("()", "x").getMessage(), "position 1", "found ')'");
    }

    @Test
    void emptyText() {
        assertContains(fails("", "t", "x").getMessage(), "mass.m0", "empty", "t, x");
        assertContains(fails("   ", "x").getMessage(), "mass.m0", "empty");
        assertContains(fails(null, "x").getMessage(), "mass.m0", "missing");
        assertContains(assertThrows(FormulaException.class, () -> Formula.constant("hbar", "")).getMessage(),
            "hbar", "empty", "0.015625 or 2^-6");
    }

    @Test
    void trailingGarbage() {
        assertContains(fails("2x", "x").getMessage(), "mass.m0", "\"2x\"", "position 1", "unexpected 'x'", "2*x");
        assertContains(fails("1 + x 3", "x").getMessage(), "position 6", "unexpected '3'");
        assertContains(fails("1.2.3", "x").getMessage(), "position 3", "unexpected '.'");
        assertContains(fails("1 $", "x").getMessage(), "position 2", "unexpected '$'");
    }

    @Test
    void badNumbers() {
        assertContains(fails(".", "x").getMessage(), "position 0", "lone '.'");
        assertContains(fails("1e999", "x").getMessage(), "position 0", "too large");
    }

    @Test
    void wrongArgumentCount() {
        Formula f = Formula.parse("mass.m0", "1 + x^2", "t", "x");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> f.value(1.0));
        assertContains(e.getMessage(), "mass.m0", "takes 2 argument(s) (t, x), got 1");
        assertThrows(IllegalArgumentException.class, () -> f.value(1.0, 2.0, 3.0));
        assertThrows(IllegalArgumentException.class, () -> f.value(new DerivativeStructure(1, 2, 0, 1.0)));
        assertThrows(IllegalArgumentException.class,
            () -> f.value(new DerivativeStructure(1, 2, 0, 1.0), new DerivativeStructure(1, 1, 0, 1.0)));
    }

    @Test
    void badVariableDeclarations() {
        assertThrows(IllegalArgumentException.class, () -> Formula.parse("k", "x", "x", "x"));
        assertThrows(IllegalArgumentException.class, () -> Formula.parse("k", "x", "2x"));
        assertThrows(IllegalArgumentException.class, () -> Formula.parse("k", "x", "pi"));
        assertThrows(IllegalArgumentException.class, () -> Formula.parse("k", "x", "sin"));
    }

    @Test
    void constantRejectsVariables() {
        FormulaException e = assertThrows(FormulaException.class, () -> Formula.constant("hbar", "2^x"));
        assertContains(e.getMessage(), "hbar", "\"2^x\"", "position 2", "must be a number like 0.015625 or 2^-6");
    }

    @Test
    void constantRejectsNonFiniteValues() {
        FormulaException e = assertThrows(FormulaException.class, () -> Formula.constant("hbar", "1/0"));
        assertContains(e.getMessage(), "hbar", "\"1/0\"", "Infinity", "finite");
        assertContains(assertThrows(FormulaException.class, () -> Formula.constant("k", "sqrt(-1)")).getMessage(),
            "k:", "NaN");
    }
}
