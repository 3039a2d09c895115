package org.vmse.kernel.vmse;

/**
 * The result of one VMSE solve.
 *
 * @param outputTimes   the times at which densities were recorded
 * @param densities     {@code |u(t_k, x_j)|^2} per output time
 * @param finalWave     {@code u(T, x_j)}, interleaved complex
 * @param normDriftMax  {@code max_n | ||u^n|| / ||u^0|| - 1 |} over all steps
 * @param statistics    stepper work
 */
public record VmseSolution(double[] outputTimes, double[][] densities, double[] finalWave, double normDriftMax,
                           StepperStatistics statistics) {

    public VmseSolution {
        outputTimes = outputTimes.clone();
        densities = deepCopy(densities);
        finalWave = finalWave.clone();
    }

    @Override
    public double[] outputTimes() {
        return outputTimes.clone();
    }

    @Override
    public double[][] densities() {
        return deepCopy(densities);
    }

    @Override
    public double[] finalWave() {
        return finalWave.clone();
    }

    /** The density at output time {@code k}. */
    public double[] density(int k) {
        return densities[k].clone();
    }

    /** The density at the final time. */
    public double[] finalDensity() {
        return density(densities.length - 1);
    }

    private static double[][] deepCopy(double[][] a) {
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i].clone();
        }
        return c;
    }
}
