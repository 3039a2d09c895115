package org.vmse.job.config;

import java.util.ArrayList;
import java.util.List;

/**
 * A sweep over {@code eps}.
 *
 * @param eps     {@code study.eps}, in the order given: at least one, each positive
 * @param epsText {@code study.eps} as written, for labels
 * @param fitMin  {@code study.fitMin}
 * @param fitMax  {@code study.fitMax}; {@code [fitMin, fitMax]} holds at least two of {@code eps}
 * @param samples {@code study.samples}: realizations per {@code eps} of an ensemble study, empty for {@code samples}
 * @param xi      {@code study.xi}: one ensemble series per distribution, empty for {@code random.xi}
 * @param targetSe   {@code study.targetSe}: an ensemble point grows in rounds of whole blocks until the standard
 *                   error of its {@code err_l1} is at most this; 0 runs the sample count given, nothing more
 * @param maxSamples {@code study.maxSamples}: where a point stops growing, 1 to {@link EnsembleSpec#MAX_SAMPLES}
 */
public record StudySpec(double[] eps, String[] epsText, double fitMin, double fitMax, int[] samples, String[] xi,
                        double targetSe, int maxSamples) {

    public StudySpec {
        eps = eps.clone();
        epsText = epsText.clone();
        samples = samples.clone();
        xi = xi.clone();
        if (eps.length == 0) {
            throw new ConfigurationException("study.eps = [] is empty: list the eps of the study, e.g. study.eps ="
                    + " [\"2^-6\", \"2^-7\", \"2^-8\"]");
        }
        if (epsText.length != eps.length) {
            throw new IllegalArgumentException("study.eps: " + eps.length + " values but " + epsText.length
                    + " texts");
        }
        for (int i = 0; i < eps.length; i++) {
            if (!(eps[i] > 0 && eps[i] < Double.POSITIVE_INFINITY)) {
                throw new ConfigurationException("study.eps[" + i + "] = " + epsText[i] + " must be positive");
            }
        }
        Require.positive("study.fitMin", fitMin);
        Require.positive("study.fitMax", fitMax);
        if (!(fitMin <= fitMax)) {
            throw new ConfigurationException("study.fitMin = " + Require.show(fitMin) + " exceeds study.fitMax = "
                    + Require.show(fitMax) + "; swap them");
        }
        List<String> inRange = new ArrayList<>();
        for (int i = 0; i < eps.length; i++) {
            // the relative slack of ConvergenceFit's range, so that 2^-9 written two ways counts as inside
            if (eps[i] >= fitMin * (1 - 1e-12) && eps[i] <= fitMax * (1 + 1e-12)) {
                inRange.add(epsText[i]);
            }
        }
        if (inRange.size() < 2) {
            throw new ConfigurationException("study.fitMin = " + Require.show(fitMin) + " .. study.fitMax = "
                    + Require.show(fitMax) + " holds " + inRange.size() + " of study.eps = " + List.of(epsText)
                    + ": a fitted rate needs at least two; widen study.fitMin/study.fitMax or add eps inside it");
        }
        if (samples.length != 0 && samples.length != eps.length) {
            throw new ConfigurationException("study.samples has " + samples.length + " entries but study.eps has "
                    + eps.length + ": give one sample count per eps, or none");
        }
        for (int i = 0; i < samples.length; i++) {
            if (samples[i] < 1) {
                throw new ConfigurationException("study.samples[" + i + "] = " + samples[i] + " must be at least 1");
            }
            if (samples[i] > EnsembleSpec.MAX_SAMPLES) {
                throw EnsembleSpec.tooLarge("study.samples[" + i + "]", samples[i]);
            }
        }
        for (int i = 0; i < xi.length; i++) {
            Require.oneOf("study.xi[" + i + "]", xi[i], "gaussian", "uniform");
        }
        if (!(targetSe >= 0 && targetSe < Double.POSITIVE_INFINITY)) {
            throw new ConfigurationException("study.targetSe = " + Require.show(targetSe) + " must be 0 (off) or a"
                    + " positive standard error of err_l1, e.g. 1e-3");
        }
        if (maxSamples < 1) {
            throw new ConfigurationException("study.maxSamples = " + maxSamples + " must be at least 1");
        }
        if (maxSamples > EnsembleSpec.MAX_SAMPLES) {
            throw EnsembleSpec.tooLarge("study.maxSamples", maxSamples);
        }
        for (int i = 0; i < samples.length && targetSe > 0; i++) {
            if (samples[i] > maxSamples) {
                throw new ConfigurationException("study.samples[" + i + "] = " + samples[i] + " exceeds"
                        + " study.maxSamples = " + maxSamples + ", where an adaptive point (study.targetSe > 0)"
                        + " stops: raise study.maxSamples or lower the first round");
            }
        }
    }

    /** Whether ensemble points grow until their standard error reaches {@link #targetSe}. */
    public boolean adaptive() {
        return targetSe > 0;
    }

    @Override
    public double[] eps() {
        return eps.clone();
    }

    @Override
    public String[] epsText() {
        return epsText.clone();
    }

    @Override
    public int[] samples() {
        return samples.clone();
    }

    @Override
    public String[] xi() {
        return xi.clone();
    }
}
