package org.vmse.job.spark;

import org.vmse.kernel.fft.FftBackend;
import org.vmse.kernel.krylov.KrylovSettings;
import org.vmse.kernel.problem.WavePacket;
import org.vmse.kernel.random.KarhunenLoeveBasis;
import org.vmse.kernel.random.RandomMassProblem;
import org.vmse.kernel.random.RealizationStream;
import org.vmse.kernel.problem.MassCovariance;
import org.vmse.kernel.random.Sampler;
import org.vmse.kernel.vmse.Scheme;

/** A small Section 4.2 problem (eps = 2^-5, M = 208, two output times) and its KL basis, for the job's unit tests. */
final class SmallEnsemble {

    static final double EPS = Math.pow(2, -5);
    static final int M = 208;
    static final RandomMassProblem PROBLEM = new RandomMassProblem(EPS, 1.625, M, new double[] {0.05, 0.1}, 1e-3,
            new WavePacket(256, 0.3, 1.5), "1 + 0.1*x", "0", 0.5, RealizationStream.XiDistribution.UNIFORM,
            Sampler.KARHUNEN_LOEVE, new MassCovariance(1.5, 100, 100), KrylovSettings.DEFAULT, true,
            FftBackend.JTRANSFORMS, Scheme.CRANK_NICOLSON);
    static final KarhunenLoeveBasis BASIS = KarhunenLoeveBasis.withThreshold(PROBLEM.covariance(), 0.1, 1.625, EPS, 0x1p-9);

    private SmallEnsemble() {
    }

    /** {@code samples} realizations in blocks of 8 over 3 partitions, covariance stride 4, 5 batches. */
    static EnsembleWork work(int samples, boolean excludeFailures) {
        return new EnsembleWork(PROBLEM, BASIS, 42, samples, 8, 3, 4, excludeFailures, 5);
    }
}
