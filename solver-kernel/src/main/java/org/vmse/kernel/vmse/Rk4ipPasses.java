package org.vmse.kernel.vmse;

/**
 * The pointwise work of an RK4IP step between its transforms ({@link InteractionPictureRk4Stepper}), on interleaved
 * complex arrays of {@code M} Fourier modes: {@code N} read out of a transformed stage, the rotation by the phases
 * {@code E}, the sums of the stages and the next stage's input. This class does it one mode at a time;
 * {@link #create} returns {@link Rk4ipVectorPasses}, the same arithmetic on whole SIMD vectors, where the JVM has the
 * vector API and there is no potential. Both give the same bits: each value is the same products and sums of the
 * same operands, in the same order (IEEE 754 multiplication is commutative and {@code x - y} is {@code x + (-y)}).
 *
 * <p>Layout. The phases are held as pairs, {@code phaseRe = (Re E, Re E)} and {@code phaseIm = (-Im E, Im E)} per
 * mode, so that {@code E x = phaseRe x + phaseIm swap(x)} componentwise, {@code swap} exchanging the real and
 * imaginary part of each mode; likewise {@code N = nScale swap(w)}, {@code nScale = ((eps/2) mu, -(eps/2) mu)}, for
 * the mass term {@code -i (eps/2) mu w} of {@code N} (with a potential, {@code -(i/eps) w_V} is added to it). Not
 * thread-safe: it works on the stepper's arrays.
 */
class Rk4ipPasses {

    /** Whether the JVM resolved the vector API's module ({@code --add-modules jdk.incubator.vector}). */
    static final boolean VECTOR_API = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();

    final int size;
    /** The transformed stage {@code w} on entry to a pass; the next stage's input times {@code mu} on exit. */
    final double[] physical;
    /** With a potential, {@code w_V} on entry and the next stage's input on exit; else {@code null}. */
    final double[] physicalV;
    /** {@code a = E U} of the step, and the sum {@code acc} of the stages so far. */
    final double[] a, acc;
    final double[] muPairs, nScale;
    /** {@code 1/eps}, the factor of the potential term of {@code N}. */
    final double potentialScale;
    /** {@code E} as pairs (see the class comment); the stepper rewrites them whenever {@code E} changes. */
    final double[] phaseRe, phaseIm;

    Rk4ipPasses(double[] physical, double[] physicalV, double[] a, double[] acc, double[] muPairs, double[] nScale,
                double potentialScale, double[] phaseRe, double[] phaseIm) {
        this.size = muPairs.length / 2;
        this.physical = physical;
        this.physicalV = physicalV;
        this.a = a;
        this.acc = acc;
        this.muPairs = muPairs;
        this.nScale = nScale;
        this.potentialScale = potentialScale;
        this.phaseRe = phaseRe;
        this.phaseIm = phaseIm;
    }

    /**
     * The passes on these arrays: on SIMD vectors where the JVM has the vector API, its vectors hold a complex number
     * and there is no potential ({@code physicalV == null}), else one mode at a time.
     */
    static Rk4ipPasses create(double[] physical, double[] physicalV, double[] a, double[] acc, double[] muPairs,
                              double[] nScale, double potentialScale, double[] phaseRe, double[] phaseIm) {
        return VECTOR_API && physicalV == null && Rk4ipVectorPasses.fits()
                ? new Rk4ipVectorPasses(physical, physicalV, a, acc, muPairs, nScale, potentialScale, phaseRe, phaseIm)
                : new Rk4ipPasses(physical, physicalV, a, acc, muPairs, nScale, potentialScale, phaseRe, phaseIm);
    }

    /**
     * After the first stage's transform: {@code k1 = E N}, {@code a = E U}, {@code acc = a + h6 k1} and the next
     * stage's input {@code a + h2 k1}.
     */
    void first(double[] uHat, double h6, double h2) {
        first(uHat, h6, h2, 0);
    }

    /** {@link #first(double[], double, double)} from mode {@code from} on. */
    final void first(double[] uHat, double h6, double h2, int from) {
        for (int s = from; s < size; s++) {
            int re = 2 * s;
            int im = re + 1;
            double nr = kRe(s);
            double ni = kIm(s);
            double er = phaseRe[re];
            double ei = phaseIm[im];
            double kr = er * nr - ei * ni;
            double ki = er * ni + ei * nr;
            double ar = er * uHat[re] - ei * uHat[im];
            double ai = er * uHat[im] + ei * uHat[re];
            a[re] = ar;
            a[im] = ai;
            acc[re] = ar + h6 * kr;
            acc[im] = ai + h6 * ki;
            stageInto(s, ar + h2 * kr, ai + h2 * ki);
        }
    }

    /**
     * After a middle stage's transform: {@code acc += h3 k} and the next stage's input {@code a + h k}, times
     * {@code E} where {@code rotate} (the input of the last stage).
     */
    void middle(double h3, double h, boolean rotate) {
        middle(h3, h, rotate, 0);
    }

    /** {@link #middle(double, double, boolean)} from mode {@code from} on. */
    final void middle(double h3, double h, boolean rotate, int from) {
        for (int s = from; s < size; s++) {
            int re = 2 * s;
            int im = re + 1;
            double kr = kRe(s);
            double ki = kIm(s);
            acc[re] += h3 * kr;
            acc[im] += h3 * ki;
            double xr = a[re] + h * kr;
            double xi = a[im] + h * ki;
            if (rotate) {
                double er = phaseRe[re];
                double ei = phaseIm[im];
                stageInto(s, er * xr - ei * xi, er * xi + ei * xr);
            } else {
                stageInto(s, xr, xi);
            }
        }
    }

    /** After the last stage's transform: {@code U_new = E acc + h6 k4}. */
    void last(double[] uHat, double h6) {
        last(uHat, h6, 0);
    }

    /** {@link #last(double[], double)} from mode {@code from} on. */
    final void last(double[] uHat, double h6, int from) {
        for (int s = from; s < size; s++) {
            int re = 2 * s;
            int im = re + 1;
            double kr = kRe(s);
            double ki = kIm(s);
            double xr = acc[re];
            double xi = acc[im];
            double er = phaseRe[re];
            double ei = phaseIm[im];
            uHat[re] = er * xr - ei * xi + h6 * kr;
            uHat[im] = er * xi + ei * xr + h6 * ki;
        }
    }

    /**
     * {@code out[2j] = out[2j+1] = (m_j - mbar) scale}, {@code j < M}: a mass sample as the factor of a transformed
     * stage in the interleaved layout.
     */
    void deviationPairs(double[] m, double mbar, double scale, double[] out) {
        deviationPairs(m, mbar, scale, out, 0);
    }

    /** {@link #deviationPairs(double[], double, double, double[])} from {@code j = from} on. */
    final void deviationPairs(double[] m, double mbar, double scale, double[] out, int from) {
        for (int j = from; j < size; j++) {
            double dm = (m[j] - mbar) * scale;
            out[2 * j] = dm;
            out[2 * j + 1] = dm;
        }
    }

    /** The next stage's input {@code (re, im)} at mode {@code s}: times {@code mu_s} for the mass term, as is for V. */
    private void stageInto(int s, double re, double im) {
        double m = muPairs[2 * s];
        physical[2 * s] = m * re;
        physical[2 * s + 1] = m * im;
        if (physicalV != null) {
            physicalV[2 * s] = re;
            physicalV[2 * s + 1] = im;
        }
    }

    /** {@code Re N} at mode {@code s}: {@code (eps/2) mu Im w + Im w_V / eps}. */
    private double kRe(int s) {
        double y = nScale[2 * s] * physical[2 * s + 1];
        if (physicalV != null) {
            y += potentialScale * physicalV[2 * s + 1];
        }
        return y;
    }

    /** {@code Im N} at mode {@code s}: {@code -(eps/2) mu Re w - Re w_V / eps}. */
    private double kIm(int s) {
        double y = nScale[2 * s + 1] * physical[2 * s];
        if (physicalV != null) {
            y -= potentialScale * physicalV[2 * s];
        }
        return y;
    }
}
