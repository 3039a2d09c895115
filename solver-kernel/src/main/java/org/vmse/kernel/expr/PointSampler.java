package org.vmse.kernel.expr;

import java.util.Arrays;
import java.util.function.DoubleUnaryOperator;

/**
 * A {@link Formula} at fixed points {@code x_j} of one of its variables, for any values of the others: the value of
 * {@code m0(t, x_j)} at every grid point, at every stage of a time step. Each subtree is classified once:
 * <ul>
 *   <li>free of the other variables: tabulated at the points when the sampler is made;
 *   <li>free of the point variable: one number per {@link #fill};
 *   <li>using both: a whole array per operation, a loop the JIT compiles once instead of a tree walk per point.
 * </ul>
 * Every value is the one {@link Formula#value(double...)} gives at {@code x_j}, to the bit: each operation is the
 * same IEEE operation or {@link Math} call on the same operands, only the order of the points differs. So
 * {@code m0(t, x) = 1 + a cos(2 pi x / L) cos(pi t / T)} costs one multiply-add per point and {@code t}, not two
 * cosines.
 *
 * <p>A workspace: one array per subtree that uses both, allocated here; {@link #fill} allocates nothing. Not
 * thread-safe.
 */
public final class PointSampler {

    private final int pointIndex;
    private final double[] args;
    private final Op root;
    private final int size;

    PointSampler(Node root, int variableCount, int pointIndex, double[] points) {
        this.pointIndex = pointIndex;
        this.args = new double[variableCount];
        this.size = points.length;
        this.root = compile(root, points);
    }

    /** The number of points. */
    public int size() {
        return size;
    }

    /**
     * Writes the formula's value at every point into {@code out[0 .. size-1]}, the other variables set from
     * {@code values} (in the formula's variable order; the entry of the point variable is ignored).
     *
     * @throws IllegalArgumentException if {@code values} has the wrong count or {@code out} is shorter than the points
     */
    public void fill(double[] values, double[] out) {
        if (values.length != args.length) {
            throw new IllegalArgumentException("the formula takes " + args.length + " argument(s), got "
                    + values.length);
        }
        if (out.length < size) {
            throw new IllegalArgumentException("output holds " + out.length + " values, the points are " + size);
        }
        System.arraycopy(values, 0, args, 0, args.length);
        args[pointIndex] = 0;
        if (root instanceof Scalar s) {
            Arrays.fill(out, 0, size, s.node.eval(args));
        } else {
            System.arraycopy(((Vector) root).values(args), 0, out, 0, size);
        }
    }

    /** The classification of the class comment; {@code points} fills the tables. */
    private Op compile(Node node, double[] points) {
        if (!node.uses(pointIndex)) {
            return new Scalar(node);
        }
        boolean others = false;
        for (int i = 0; i < args.length; i++) {
            others |= i != pointIndex && node.uses(i);
        }
        if (!others) {
            double[] at = new double[args.length];
            double[] table = new double[size];
            for (int j = 0; j < size; j++) {
                at[pointIndex] = points[j];
                table[j] = node.eval(at);
            }
            return new Table(table);
        }
        if (node instanceof Node.Neg n) {
            return new Negated(compile(n.arg(), points), new double[size]);
        }
        if (node instanceof Node.Binary b) {
            return new Combined(b.op(), compile(b.left(), points), compile(b.right(), points), new double[size]);
        }
        if (node instanceof Node.Pow p) {
            return new Combined('^', compile(p.base(), points), compile(p.exponent(), points), new double[size]);
        }
        if (node instanceof Node.PowInt p) {
            int n = p.n();
            return new Unary(compile(p.base(), points), a -> Math.pow(a, n), new double[size]);
        }
        if (node instanceof Node.PowConst p) {
            double power = p.p();
            return new Unary(compile(p.base(), points), a -> Math.pow(a, power), new double[size]);
        }
        // what is left uses two variables through one argument: a call (a number uses none, a variable one)
        Node.Call c = (Node.Call) node;
        return new Unary(compile(c.arg(), points), c.function()::apply, new double[size]);
    }

    private sealed interface Op permits Scalar, Vector {
    }

    /** A subtree free of the point variable: evaluated once per fill. */
    private record Scalar(Node node) implements Op {
    }

    /** A subtree with a value per point. */
    private sealed interface Vector extends Op permits Table, Negated, Combined, Unary {
        double[] values(double[] args);
    }

    /** A subtree free of the other variables: its values at the points, computed once. */
    private record Table(double[] values) implements Vector {
        public double[] values(double[] args) {
            return values;
        }
    }

    private record Negated(Op arg, double[] out) implements Vector {
        public double[] values(double[] args) {
            double[] a = ((Vector) arg).values(args);
            for (int j = 0; j < out.length; j++) {
                out[j] = -a[j];
            }
            return out;
        }
    }

    /** One of {@code + - * /}, or {@code ^} with a variable exponent; at least one side has a value per point. */
    private record Combined(char op, Op left, Op right, double[] out) implements Vector {
        public double[] values(double[] args) {
            if (left instanceof Scalar s) {
                double a = s.node().eval(args);
                double[] b = ((Vector) right).values(args);
                switch (op) {
                    case '+' -> { for (int j = 0; j < out.length; j++) out[j] = a + b[j]; }
                    case '-' -> { for (int j = 0; j < out.length; j++) out[j] = a - b[j]; }
                    case '*' -> { for (int j = 0; j < out.length; j++) out[j] = a * b[j]; }
                    case '/' -> { for (int j = 0; j < out.length; j++) out[j] = a / b[j]; }
                    default -> { for (int j = 0; j < out.length; j++) out[j] = Math.pow(a, b[j]); }
                }
            } else if (right instanceof Scalar s) {
                double[] a = ((Vector) left).values(args);
                double b = s.node().eval(args);
                switch (op) {
                    case '+' -> { for (int j = 0; j < out.length; j++) out[j] = a[j] + b; }
                    case '-' -> { for (int j = 0; j < out.length; j++) out[j] = a[j] - b; }
                    case '*' -> { for (int j = 0; j < out.length; j++) out[j] = a[j] * b; }
                    case '/' -> { for (int j = 0; j < out.length; j++) out[j] = a[j] / b; }
                    default -> { for (int j = 0; j < out.length; j++) out[j] = Math.pow(a[j], b); }
                }
            } else {
                double[] a = ((Vector) left).values(args);
                double[] b = ((Vector) right).values(args);
                switch (op) {
                    case '+' -> { for (int j = 0; j < out.length; j++) out[j] = a[j] + b[j]; }
                    case '-' -> { for (int j = 0; j < out.length; j++) out[j] = a[j] - b[j]; }
                    case '*' -> { for (int j = 0; j < out.length; j++) out[j] = a[j] * b[j]; }
                    case '/' -> { for (int j = 0; j < out.length; j++) out[j] = a[j] / b[j]; }
                    default -> { for (int j = 0; j < out.length; j++) out[j] = Math.pow(a[j], b[j]); }
                }
            }
            return out;
        }
    }

    /** A one-argument function of a subtree with a value per point. */
    private record Unary(Op arg, DoubleUnaryOperator f, double[] out) implements Vector {
        public double[] values(double[] args) {
            double[] a = ((Vector) arg).values(args);
            for (int j = 0; j < out.length; j++) {
                out[j] = f.applyAsDouble(a[j]);
            }
            return out;
        }
    }
}
