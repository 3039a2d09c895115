package org.vmse.job.config;

/**
 * A sweep over {@code eps}.
 *
 * @param eps    {@code study.eps}, in the order given
 * @param fitMin {@code study.fitMin}
 * @param fitMax {@code study.fitMax}
 */
public record StudySpec(double[] eps, String[] epsText, double fitMin, double fitMax) {

    public StudySpec {
        eps = eps.clone();
        epsText = epsText.clone();
    }

    @Override
    public double[] eps() {
        return eps.clone();
    }

    @Override
    public String[] epsText() {
        return epsText.clone();
    }
}
