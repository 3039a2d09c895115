package org.vmse.kernel.liouville;

import org.vmse.kernel.problem.MassField;

/** Hand-written closed-form masses for the Liouville tests. */
final class TestMasses {

    private TestMasses() {
    }

    /** m0 = c. */
    static MassField constant(double c) {
        return new MassField() {
            @Override
            public double value(double t, double x) {
                return c;
            }

            @Override
            public void spatialDerivatives(double t, double x, double[] out) {
                out[0] = c;
                out[1] = 0;
                out[2] = 0;
            }

            @Override
            public boolean isTimeDependent() {
                return false;
            }
        };
    }

    /** Example 1 (4.9): m0 = 1 + x^2. */
    static MassField quadratic() {
        return new MassField() {
            @Override
            public double value(double t, double x) {
                return 1 + x * x;
            }

            @Override
            public void spatialDerivatives(double t, double x, double[] out) {
                out[0] = 1 + x * x;
                out[1] = 2 * x;
                out[2] = 2;
            }

            @Override
            public boolean isTimeDependent() {
                return false;
            }
        };
    }

    /** Example 2 (4.12): m0 = (1 + 0.2 sin(2 pi x)) (1 + 0.2 cos(2 pi t)). */
    static MassField example2() {
        return new MassField() {
            @Override
            public double value(double t, double x) {
                return (1 + 0.2 * Math.sin(2 * Math.PI * x)) * (1 + 0.2 * Math.cos(2 * Math.PI * t));
            }

            @Override
            public void spatialDerivatives(double t, double x, double[] out) {
                double g = 1 + 0.2 * Math.cos(2 * Math.PI * t);
                double w = 2 * Math.PI;
                out[0] = (1 + 0.2 * Math.sin(w * x)) * g;
                out[1] = 0.2 * w * Math.cos(w * x) * g;
                out[2] = -0.2 * w * w * Math.sin(w * x) * g;
            }

            @Override
            public boolean isTimeDependent() {
                return true;
            }
        };
    }

    /**
     * m0 = 1 + 0.5 cos(2 pi x): decreasing around x0 = 0.25, so rays behind move faster and focus. With (2.15),
     * dX/dy = sqrt(m0(X)/m0(y)) (1 + t p0 m0'(y)/2), so the first caustic is at t = 2 / (p0 max(-m0')) = 2/(pi p0),
     * on the ray y = 1/4.
     */
    static MassField focusing() {
        return new MassField() {
            @Override
            public double value(double t, double x) {
                return 1 + 0.5 * Math.cos(2 * Math.PI * x);
            }

            @Override
            public void spatialDerivatives(double t, double x, double[] out) {
                double w = 2 * Math.PI;
                out[0] = 1 + 0.5 * Math.cos(w * x);
                out[1] = -0.5 * w * Math.sin(w * x);
                out[2] = -0.5 * w * w * Math.cos(w * x);
            }

            @Override
            public boolean isTimeDependent() {
                return false;
            }
        };
    }
}
