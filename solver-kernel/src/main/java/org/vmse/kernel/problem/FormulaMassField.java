package org.vmse.kernel.problem;

import java.util.Arrays;

import org.apache.commons.math3.analysis.differentiation.DerivativeStructure;
import org.vmse.kernel.expr.Formula;
import org.vmse.kernel.expr.PointSampler;

/**
 * A {@link MassField} given by a {@link Formula} in the variables {@code (t, x)}, e.g.
 * {@code (1+0.2*sin(2*pi*x))*(1+0.2*cos(2*pi*t))}; its spatial derivatives are exact (automatic differentiation).
 */
public final class FormulaMassField implements MassField {

    private final Formula formula;
    private final boolean timeDependent;

    /**
     * @param formula a formula whose variables are exactly {@code t, x}, in this order
     * @throws IllegalArgumentException otherwise
     */
    public FormulaMassField(Formula formula) {
        if (!Arrays.equals(formula.variables(), new String[] {"t", "x"})) {
            throw new IllegalArgumentException("the mass formula \"" + formula.text()
                    + "\" must be parsed with the variables (t, x), not " + Arrays.toString(formula.variables()));
        }
        this.formula = formula;
        this.timeDependent = formula.dependsOn("t");
    }

    /** Parses {@code text} as a mass {@code m0(t, x)}; {@code key} names it in error messages. */
    public static FormulaMassField parse(String key, String text) {
        return new FormulaMassField(Formula.parse(key, text, "t", "x"));
    }

    /** The formula. */
    public Formula formula() {
        return formula;
    }

    @Override
    public double value(double t, double x) {
        return formula.value(t, x);
    }

    /** The formula's {@link PointSampler}: the parts free of {@code t} are tabulated once, at the points. */
    @Override
    public MassSamples at(double[] x) {
        PointSampler sampler = formula.sampler("x", x);
        double[] args = new double[2];
        return (t, out) -> {
            args[0] = t;
            sampler.fill(args, out);
        };
    }

    @Override
    public void spatialDerivatives(double t, double x, double[] out) {
        DerivativeStructure dt = new DerivativeStructure(1, 2, t);
        DerivativeStructure dx = new DerivativeStructure(1, 2, 0, x);
        DerivativeStructure m = formula.value(dt, dx);
        out[0] = m.getValue();
        out[1] = m.getPartialDerivative(1);
        out[2] = m.getPartialDerivative(2);
    }

    @Override
    public boolean isTimeDependent() {
        return timeDependent;
    }

    @Override
    public String toString() {
        return "FormulaMassField[m0(t, x) = " + formula.text() + "]";
    }
}
