package org.vmse.kernel.expr;

import org.apache.commons.math3.analysis.differentiation.DerivativeStructure;

/**
 * A node of the abstract syntax tree of a {@link Formula}. Nodes are immutable; evaluation allocates nothing for
 * doubles. Variables are resolved to argument indices at parse time.
 */
sealed interface Node {

    /** The value for the arguments {@code args} (in the order of the formula's variables). */
    double eval(double[] args);

    /** The value with derivatives; {@code zero} is a constant 0 of the arguments' shape (for literals). */
    DerivativeStructure eval(DerivativeStructure[] args, DerivativeStructure zero);

    /** Whether the variable with argument index {@code index} occurs in this subtree. */
    boolean uses(int index);

    /** Whether any variable occurs in this subtree. */
    boolean usesAny();

    /** A number literal or named constant. */
    record Num(double value) implements Node {
        public double eval(double[] args) { return value; }
        public DerivativeStructure eval(DerivativeStructure[] args, DerivativeStructure zero) {
            return zero.createConstant(value);
        }
        public boolean uses(int index) { return false; }
        public boolean usesAny() { return false; }
    }

    /** The variable with argument index {@code index}. */
    record Var(int index) implements Node {
        public double eval(double[] args) { return args[index]; }
        public DerivativeStructure eval(DerivativeStructure[] args, DerivativeStructure zero) { return args[index]; }
        public boolean uses(int i) { return i == index; }
        public boolean usesAny() { return true; }
    }

    /** Unary minus. */
    record Neg(Node arg) implements Node {
        public double eval(double[] args) { return -arg.eval(args); }
        public DerivativeStructure eval(DerivativeStructure[] args, DerivativeStructure zero) {
            return arg.eval(args, zero).negate();
        }
        public boolean uses(int index) { return arg.uses(index); }
        public boolean usesAny() { return arg.usesAny(); }
    }

    /** One of the binary operators {@code + - * /}. */
    record Binary(char op, Node left, Node right) implements Node {
        public double eval(double[] args) {
            double a = left.eval(args);
            double b = right.eval(args);
            return switch (op) {
                case '+' -> a + b;
                case '-' -> a - b;
                case '*' -> a * b;
                default -> a / b;
            };
        }
        public DerivativeStructure eval(DerivativeStructure[] args, DerivativeStructure zero) {
            DerivativeStructure a = left.eval(args, zero);
            DerivativeStructure b = right.eval(args, zero);
            return switch (op) {
                case '+' -> a.add(b);
                case '-' -> a.subtract(b);
                case '*' -> a.multiply(b);
                default -> a.divide(b);
            };
        }
        public boolean uses(int index) { return left.uses(index) || right.uses(index); }
        public boolean usesAny() { return left.usesAny() || right.usesAny(); }
    }

    /** {@code base ^ n} with a constant integer exponent. */
    record PowInt(Node base, int n) implements Node {
        public double eval(double[] args) { return Math.pow(base.eval(args), n); }
        public DerivativeStructure eval(DerivativeStructure[] args, DerivativeStructure zero) {
            return base.eval(args, zero).pow(n);
        }
        public boolean uses(int index) { return base.uses(index); }
        public boolean usesAny() { return base.usesAny(); }
    }

    /** {@code base ^ p} with a constant, non-integer exponent. */
    record PowConst(Node base, double p) implements Node {
        public double eval(double[] args) { return Math.pow(base.eval(args), p); }
        public DerivativeStructure eval(DerivativeStructure[] args, DerivativeStructure zero) {
            return base.eval(args, zero).pow(p);
        }
        public boolean uses(int index) { return base.uses(index); }
        public boolean usesAny() { return base.usesAny(); }
    }

    /** {@code base ^ exponent} with an exponent that depends on the variables. */
    record Pow(Node base, Node exponent) implements Node {
        public double eval(double[] args) { return Math.pow(base.eval(args), exponent.eval(args)); }
        public DerivativeStructure eval(DerivativeStructure[] args, DerivativeStructure zero) {
            return base.eval(args, zero).pow(exponent.eval(args, zero));
        }
        public boolean uses(int index) { return base.uses(index) || exponent.uses(index); }
        public boolean usesAny() { return base.usesAny() || exponent.usesAny(); }
    }

    /** A call of a one-argument function. */
    record Call(MathFunction function, Node arg) implements Node {
        public double eval(double[] args) { return function.apply(arg.eval(args)); }
        public DerivativeStructure eval(DerivativeStructure[] args, DerivativeStructure zero) {
            return function.apply(arg.eval(args, zero));
        }
        public boolean uses(int index) { return arg.uses(index); }
        public boolean usesAny() { return arg.usesAny(); }
    }

    /** {@code base ^ exponent}, choosing the cheapest exact form for a constant exponent. */
    static Node power(Node base, Node exponent) {
        if (exponent.usesAny()) {
            return new Pow(base, exponent);
        }
        double p = exponent.eval(new double[0]);
        if (p == Math.rint(p) && Math.abs(p) <= Integer.MAX_VALUE) {
            return new PowInt(base, (int) p);
        }
        return new PowConst(base, p);
    }
}
