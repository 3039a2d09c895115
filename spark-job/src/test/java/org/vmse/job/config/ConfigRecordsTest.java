package org.vmse.job.config;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import org.vmse.kernel.problem.MassCovariance;
import org.vmse.kernel.random.Sampler;

import com.typesafe.config.ConfigFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The records validate themselves when built directly, not only through {@link ExperimentFile}. */
class ConfigRecordsTest {

    private static void refused(String start, Executable build) {
        ConfigurationException e = assertThrows(ConfigurationException.class, build);
        assertTrue(e.getMessage().startsWith(start), e.getMessage());
    }

    private static EnsembleSpec ensemble(int samples, int blockSize, int batches, int refined, String master) {
        return new EnsembleSpec(samples, 1, 0, blockSize, 4, false, batches, refined, master);
    }

    @Test
    void ensembleSpec() {
        refused("samples = 0 must be at least 1", () -> ensemble(0, 8, 20, 0, "local[*]"));
        refused("samples = 1073741825 is too large, at most 1073741824",
                () -> ensemble(EnsembleSpec.MAX_SAMPLES + 1, 8, 20, 0, "local[*]"));
        refused("ensemble.blockSize = 0", () -> ensemble(10, 0, 20, 0, "local[*]"));
        refused("ensemble.batches = 1", () -> ensemble(10, 8, 1, 0, "local[*]"));
        refused("ensemble.refinedRealizations = 11 must lie in [0, samples]", () -> ensemble(10, 8, 20, 11, "local"));
        refused("spark.master", () -> ensemble(10, 8, 20, 0, " "));
        refused("ensemble.covarianceStride = 0", () -> new EnsembleSpec(10, 1, 0, 8, 0, false, 20, 0, "local"));
    }

    @Test
    void studySpec() {
        double[] eps = {0x1p-6, 0x1p-7, 0x1p-8};
        String[] texts = {"2^-6", "2^-7", "2^-8"};
        refused("study.eps = [] is empty", () -> new StudySpec(new double[0], new String[0], 0x1p-8, 0x1p-6,
                new int[0], new String[0], 0, 1000));
        refused("study.eps[1] = 2^-7 must be positive", () -> new StudySpec(new double[] {0x1p-6, Double.NaN,
                0x1p-8}, texts, 0x1p-8, 0x1p-6, new int[0], new String[0], 0, 1000));
        refused("study.fitMin = 0.015625 exceeds study.fitMax = 0.00390625",
                () -> new StudySpec(eps, texts, 0x1p-6, 0x1p-8, new int[0], new String[0], 0, 1000));
        refused("study.fitMin = 0.001 .. study.fitMax = 0.004 holds 1 of study.eps",
                () -> new StudySpec(eps, texts, 0.001, 0.004, new int[0], new String[0], 0, 1000));
        refused("study.samples has 2 entries but study.eps has 3",
                () -> new StudySpec(eps, texts, 0x1p-8, 0x1p-6, new int[] {1, 2}, new String[0], 0, 1000));
        refused("study.samples[2] = 0 must be at least 1",
                () -> new StudySpec(eps, texts, 0x1p-8, 0x1p-6, new int[] {1, 2, 0}, new String[0], 0, 1000));
        refused("study.xi[0] = cauchy is not one of gaussian, uniform",
                () -> new StudySpec(eps, texts, 0x1p-8, 0x1p-6, new int[0], new String[] {"cauchy"}, 0, 1000));
        refused("study.targetSe = NaN must be 0 (off)",
                () -> new StudySpec(eps, texts, 0x1p-8, 0x1p-6, new int[0], new String[0], Double.NaN, 1000));
        refused("study.targetSe = -0.001 must be 0 (off)",
                () -> new StudySpec(eps, texts, 0x1p-8, 0x1p-6, new int[0], new String[0], -1e-3, 1000));
        refused("study.maxSamples = 0 must be at least 1",
                () -> new StudySpec(eps, texts, 0x1p-8, 0x1p-6, new int[0], new String[0], 0, 0));
        refused("study.samples[1] = 2000 exceeds study.maxSamples = 1000",
                () -> new StudySpec(eps, texts, 0x1p-8, 0x1p-6, new int[] {10, 2000, 10}, new String[0], 1e-3, 1000));
    }

    @Test
    void randomSpec() {
        MassCovariance cov = new MassCovariance(1.5, 100, 100);
        refused("random.gamma = 3 must lie in [0, 2]",
                () -> new RandomSpec(true, 3, cov, "gaussian", Sampler.KARHUNEN_LOEVE, 0x1p-9, 0, false));
        refused("random.sampler = ou samples a Gaussian field exactly",
                () -> new RandomSpec(true, 0.5, cov, "uniform", Sampler.ORNSTEIN_UHLENBECK, 0x1p-9, 0, false));
        refused("random.klThreshold = 1 must lie in (0, 1)",
                () -> new RandomSpec(true, 0.5, cov, "gaussian", Sampler.KARHUNEN_LOEVE, 1, 0, false));
        refused("random.klTerms = -1 must be >= 0",
                () -> new RandomSpec(true, 0.5, cov, "gaussian", Sampler.KARHUNEN_LOEVE, 0x1p-9, -1, false));
    }

    @Test
    void liouvilleAndRteSpecs() {
        refused("liouville.tolerance = 0.1 is too loose", () -> new LiouvilleSpec(0.1, 2000, 0.01, 0.01, 2));
        refused("liouville.rays = 8 must be at least 16", () -> new LiouvilleSpec(1e-10, 8, 0.01, 0.01, 2));
        refused("liouville.dk = -1 must be positive", () -> new LiouvilleSpec(1e-10, 2000, 0.01, -1, 2));
        refused("rte.kMin = 2 must be below rte.kMax = 1", () -> new RteSpec(true, false, 0.01, 0.01, 0.01, 2, 1, 2));
        refused("rte.dt = 0 must be positive", () -> new RteSpec(true, false, 0.01, 0.01, 0, 1, 2, 2));
    }

    @Test
    void theExperimentChecksWhatSpansItsParts() {
        refused("ensemble.refinedRealizations needs random.sampler = kl", () -> ExperimentFile.fromConfig(
                ConfigFactory.parseString("random.sampler = ou\nensemble.refinedRealizations = 2"), "test"));
        refused("name = \"a b\" must use only letters", () -> ExperimentFile.fromConfig(
                ConfigFactory.parseString("name = \"a b\""), "test"));
        refused("outputTimes[1] = 0.5 must lie in (0, T] with T = 0.4", () -> ExperimentFile.fromConfig(
                ConfigFactory.parseString("T = 0.4\noutputTimes = [0.1, 0.5]"), "test"));
    }
}
