package org.vmse.kernel.expr;

import java.util.Arrays;
import java.util.stream.Collectors;

import org.apache.commons.math3.analysis.differentiation.DerivativeStructure;

/** The one-argument functions of the formula language, each for doubles and for derivative structures. */
enum MathFunction {
    SIN {
        double apply(double a) { return Math.sin(a); }
        DerivativeStructure apply(DerivativeStructure a) { return a.sin(); }
    },
    COS {
        double apply(double a) { return Math.cos(a); }
        DerivativeStructure apply(DerivativeStructure a) { return a.cos(); }
    },
    TAN {
        double apply(double a) { return Math.tan(a); }
        DerivativeStructure apply(DerivativeStructure a) { return a.tan(); }
    },
    EXP {
        double apply(double a) { return Math.exp(a); }
        DerivativeStructure apply(DerivativeStructure a) { return a.exp(); }
    },
    LOG {
        double apply(double a) { return Math.log(a); }
        DerivativeStructure apply(DerivativeStructure a) { return a.log(); }
    },
    SQRT {
        double apply(double a) { return Math.sqrt(a); }
        DerivativeStructure apply(DerivativeStructure a) { return a.sqrt(); }
    },
    ABS {
        double apply(double a) { return Math.abs(a); }
        DerivativeStructure apply(DerivativeStructure a) { return a.abs(); }
    },
    SINH {
        double apply(double a) { return Math.sinh(a); }
        DerivativeStructure apply(DerivativeStructure a) { return a.sinh(); }
    },
    COSH {
        double apply(double a) { return Math.cosh(a); }
        DerivativeStructure apply(DerivativeStructure a) { return a.cosh(); }
    },
    TANH {
        double apply(double a) { return Math.tanh(a); }
        DerivativeStructure apply(DerivativeStructure a) { return a.tanh(); }
    },
    ATAN {
        double apply(double a) { return Math.atan(a); }
        DerivativeStructure apply(DerivativeStructure a) { return a.atan(); }
    };

    /** The name as written in formulas, e.g. {@code sin}. */
    final String symbol = name().toLowerCase(java.util.Locale.ROOT);

    abstract double apply(double a);

    abstract DerivativeStructure apply(DerivativeStructure a);

    /** The function written {@code symbol}, or {@code null}. */
    static MathFunction bySymbol(String symbol) {
        for (MathFunction f : values()) {
            if (f.symbol.equals(symbol)) {
                return f;
            }
        }
        return null;
    }

    /** All symbols, comma separated, for error messages. */
    static String symbols() {
        return Arrays.stream(values()).map(f -> f.symbol).collect(Collectors.joining(", "));
    }
}
