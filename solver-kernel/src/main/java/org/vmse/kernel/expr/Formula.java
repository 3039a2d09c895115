package org.vmse.kernel.expr;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

import org.apache.commons.math3.analysis.differentiation.DerivativeStructure;

/**
 * A real-valued formula from an experiment file, e.g. {@code (1+0.2*sin(2*pi*x))*(1+0.2*cos(2*pi*t))}, evaluated
 * for doubles or, with exact derivatives by automatic differentiation, for {@link DerivativeStructure}s.
 *
 * <p>Grammar: numbers ({@code 1}, {@code 0.5}, {@code 1e-3}, {@code .5}), the declared variables, the constants
 * {@code pi} and {@code e}, {@code + - * /}, right-associative {@code ^} binding tighter than a unary sign on its
 * left ({@code -x^2 = -(x^2)}) but accepting one in the exponent ({@code 2^-6}), unary {@code + -}, parentheses
 * and the one-argument functions {@code sin cos tan exp log sqrt abs sinh cosh tanh atan}.
 *
 * <p>Instances are immutable and thread-safe. Evaluation walks a small tree whose variables were resolved to
 * argument indices at parse time.
 */
public final class Formula {

    private static final String[] NO_VARIABLES = {};

    private final String key;
    private final String text;
    private final String[] variables;
    private final Node root;
    private final boolean[] uses;

    private Formula(String key, String text, String[] variables, Node root) {
        this.key = key;
        this.text = text;
        this.variables = variables;
        this.root = root;
        this.uses = new boolean[variables.length];
        for (int i = 0; i < variables.length; i++) {
            uses[i] = root.uses(i);
        }
    }

    /**
     * Parses {@code text} as a formula in {@code variables}.
     *
     * @param key       the configuration key, used in error messages, e.g. {@code mass.m0}
     * @param text      the formula
     * @param variables the variable names, in the order of the arguments of {@code value}
     * @throws FormulaException         if the text is not a valid formula in these variables
     * @throws IllegalArgumentException if a variable name is not an identifier, repeated, or reserved
     */
    public static Formula parse(String key, String text, String... variables) {
        String[] names = checkVariables(key, variables);
        if (text == null) {
            throw new FormulaException(key + ": the formula is missing; write "
                    + (names.length == 0 ? "a number like 0.015625 or 2^-6"
                            : "an expression in " + String.join(", ", names)));
        }
        return new Formula(key, text, names, Parser.parse(key, text, names));
    }

    /**
     * The value of a formula without variables, e.g. {@code 2^-6 = 0.015625}.
     *
     * @throws FormulaException if the text is not such a formula or its value is not finite
     */
    public static double constant(String key, String text) {
        double value = parse(key, text).value(new double[0]);
        if (!Double.isFinite(value)) {
            throw new FormulaException(key + ": \"" + text + "\" evaluates to " + value
                    + "; it must be a finite number like 0.015625 or 2^-6");
        }
        return value;
    }

    /** The formula as written. */
    public String text() {
        return text;
    }

    /** The variable names, in argument order (a copy). */
    public String[] variables() {
        return variables.clone();
    }

    /** Whether {@code variable} occurs in the formula; {@code false} for a name that is not one of its variables. */
    public boolean dependsOn(String variable) {
        for (int i = 0; i < variables.length; i++) {
            if (variables[i].equals(variable)) {
                return uses[i];
            }
        }
        return false;
    }

    /**
     * The value at {@code args}, given in the order of {@link #variables()}.
     *
     * @throws IllegalArgumentException if the number of arguments is wrong
     */
    public double value(double... args) {
        checkCount(args.length);
        return root.eval(args);
    }

    /**
     * The formula at the fixed points {@code points} of {@code pointVariable}, for any values of the other variables
     * (see {@link PointSampler}; the points are copied into its tables).
     *
     * @throws IllegalArgumentException if {@code pointVariable} is not one of the formula's variables
     */
    public PointSampler sampler(String pointVariable, double[] points) {
        int index = Arrays.asList(variables).indexOf(pointVariable);
        if (index < 0) {
            throw new IllegalArgumentException(key + ": \"" + pointVariable + "\" is not a variable of \"" + text
                    + "\" (" + String.join(", ", variables) + ")");
        }
        return new PointSampler(root, variables.length, index, points);
    }

    /**
     * The value and its derivatives at {@code args} (in the order of {@link #variables()}), which must all have the
     * same number of free parameters and derivation order.
     *
     * @throws IllegalArgumentException if the number of arguments is wrong or their shapes differ
     */
    public DerivativeStructure value(DerivativeStructure... args) {
        checkCount(args.length);
        if (args.length == 0) {
            return new DerivativeStructure(0, 0, root.eval(new double[0]));
        }
        DerivativeStructure first = args[0];
        for (DerivativeStructure a : args) {
            if (a.getFreeParameters() != first.getFreeParameters() || a.getOrder() != first.getOrder()) {
                throw new IllegalArgumentException(key + ": the arguments of \"" + text
                        + "\" must all have the same free parameters and order");
            }
        }
        return root.eval(args, first.createConstant(0));
    }

    @Override
    public String toString() {
        return key + " = " + text;
    }

    private void checkCount(int count) {
        if (count != variables.length) {
            throw new IllegalArgumentException(key + ": the formula \"" + text + "\" takes " + variables.length
                    + " argument(s) (" + String.join(", ", variables) + "), got " + count);
        }
    }

    private static String[] checkVariables(String key, String[] variables) {
        if (variables == null || variables.length == 0) {
            return NO_VARIABLES;
        }
        String[] names = variables.clone();
        Set<String> seen = new HashSet<>();
        for (String name : names) {
            if (name == null || !name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw new IllegalArgumentException(key + ": variable name " + name + " is not an identifier");
            }
            if (name.equals("pi") || name.equals("e") || MathFunction.bySymbol(name) != null) {
                throw new IllegalArgumentException(key + ": '" + name + "' is reserved and cannot be a variable");
            }
            if (!seen.add(name)) {
                throw new IllegalArgumentException(key + ": variable '" + name + "' is declared twice");
            }
        }
        return names;
    }
}
