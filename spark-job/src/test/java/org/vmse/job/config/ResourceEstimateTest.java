package org.vmse.job.config;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vmse.job.experiment.Discretization;

class ResourceEstimateTest {

    static final Path CONF = Path.of("..", "conf");
    static final long FOUR_GIB = 4L << 30;

    private static ExperimentConfig load(String file, String... overrides) {
        return ExperimentFile.load(CONF.resolve(file), List.of(overrides));
    }

    /** The estimate of a run on {@code mesh.dx} and {@code mesh.dt} as written. */
    private static ResourceEstimate run(ExperimentConfig cfg, String master) {
        return ResourceEstimate.ofRun(cfg, master, ResourceEstimate::written);
    }

    /** The same for a study. */
    private static ResourceEstimate study(ExperimentConfig cfg, String master) {
        return ResourceEstimate.ofStudy(cfg, master, ResourceEstimate::written);
    }

    @Test
    void theKarhunenLoeveCountBoundsThePapersFromAbove() {
        // N_KL = pairs + 1 of (4.26) at eps = 2^-6, 2^-8, 2^-10: 663, 3157, 27968 (the paper's table, reproduced by
        // `vmse kl`). The estimate takes roots at the lower ends of their brackets, so it can only count more; the
        // bracket approximation adds 2-5 % here, hence the 6 % margin.
        int[] exponents = {6, 8, 10};
        long[] paper = {663, 3157, 27968};
        for (int i = 0; i < exponents.length; i++) {
            long estimate = ResourceEstimate.klPairs(load("paper-sec42.conf", "eps=2^-" + exponents[i])) + 1;
            assertTrue(estimate >= paper[i] && estimate <= 1.06 * paper[i],
                    "eps = 2^-" + exponents[i] + ": " + estimate + " against " + paper[i]);
        }
        assertEquals(500, ResourceEstimate.klPairs(load("paper-sec42.conf", "random.klTerms=500")),
                "random.klTerms fixes the count");
    }

    @Test
    void theSection42RunIsEstimatedNearItsMeasuredTimeAndAccepted() {
        // docs/performance.md: 10000 realizations at 2^-6 on local[2] with JTransforms spent 277 s in the Spark job
        // (another run on the 2-core VM of the calibration); within a factor of 2, the spread of the calibration
        ResourceEstimate e = run(load("paper-sec42.conf", "fft=jtransforms"), "local[2]");
        assertEquals(2, e.cores());
        double seconds = e.wallHours() * 3600;
        assertTrue(seconds > 277 / 2.0 && seconds < 277 * 2.0, seconds + " s");
        assertDoesNotThrow(() -> e.require(FOUR_GIB));
    }

    @Test
    void aBillionSamplesIsRefusedForItsBlockList() {
        ResourceEstimate e = run(load("paper-sec42.conf", "samples=1e9"), "local[2]");
        // 10^9 / ensemble.blockSize (8) blocks of 32 bytes each
        ResourceEstimate.Part largest = e.memory().get(0);
        assertEquals(1e9 / 8 * ResourceEstimate.BYTES_PER_BLOCK, largest.bytes());
        assertEquals("samples or ensemble.blockSize", largest.key());
        ConfigurationException x = assertThrows(ConfigurationException.class, () -> e.require(FOUR_GIB));
        assertTrue(x.getMessage().startsWith("eps = 2^-6, samples = 1000000000: the run needs about"),
                x.getMessage());
        assertTrue(x.getMessage().contains("Change samples or ensemble.blockSize (the largest part)")
                && x.getMessage().contains("limits.force = true"), x.getMessage());
        // with the memory there, the time is still out of reach: 10^9 realizations of ~0.06 s on two cores
        ConfigurationException t = assertThrows(ConfigurationException.class, () -> e.require(Long.MAX_VALUE));
        assertTrue(t.getMessage().contains("hours") && t.getMessage().contains("samples"), t.getMessage());
    }

    @Test
    void aTinyEpsIsRefusedForItsTime() {
        ExperimentConfig cfg = load("quickstart.conf", "eps=2^-20");
        ResourceEstimate e = run(cfg, null);
        // closed form: M = 2 ceil(L / (2 dx)) with L = 1.25, dx = eps/4 = 2^-22; steps = ceil(T / dt) with T = 0.5,
        // dt = eps^1.2 / 8 = 2^-27; one core
        double m = 2 * Math.ceil(1.25 / (2 * 0x1p-22));
        double steps = Math.ceil(0.5 / 0x1p-27);
        double hours = steps * m * (Math.log(m) / Math.log(2)) * ResourceEstimate.secondsPerPointStep(cfg.fft())
                / 3600;
        assertEquals(hours, e.wallHours(), 1e-9 * hours);
        ConfigurationException x = assertThrows(ConfigurationException.class, () -> e.require(FOUR_GIB));
        assertTrue(x.getMessage().startsWith("eps = 2^-20: the run would take about"), x.getMessage());
        assertTrue(x.getMessage().contains("change eps (or mesh.dx, mesh.dt)")
                && x.getMessage().contains("limits.force = true"), x.getMessage());
    }

    @Test
    void limitsForceStartsItAnyway() {
        ResourceEstimate time = run(load("quickstart.conf", "eps=2^-20", "limits.force=true"), null);
        assertDoesNotThrow(() -> time.require(FOUR_GIB));
        ResourceEstimate memory = run(load("paper-sec42.conf", "samples=1e9", "limits.force=on"),
                "local[2]");
        assertDoesNotThrow(() -> memory.require(1));
    }

    @Test
    void aClusterMasterHasNoTimeLimitButTheDriverMemoryStillCounts() {
        ResourceEstimate e = run(load("paper-sec42.conf", "samples=2^29"), "spark://head:7077");
        assertEquals(0, e.cores());
        assertTrue(Double.isNaN(e.wallHours()));
        assertDoesNotThrow(() -> e.require(Long.MAX_VALUE));
        assertThrows(ConfigurationException.class, () -> e.require(1L << 30));
    }

    @Test
    void refinedRealizationsAddTheirRunsOnBothMeshes() {
        ExperimentConfig plain = load("paper-sec42.conf", "samples=100");
        ExperimentConfig refined = load("paper-sec42.conf", "samples=100", "ensemble.refinedRealizations=10");
        // 10 realizations again on (M, N steps) and on (2M, 2N): 10 (1 + 4 log2(2M) / log2(M)) / 100 more, M = 416
        double m = 416;
        double more = 10 * (1 + 4 * Math.log(2 * m) / Math.log(m)) / 100;
        double plainSeconds = run(plain, "local[1]").coreSeconds();
        assertEquals(plainSeconds * (1 + more), run(refined, "local[1]").coreSeconds(),
                1e-9 * plainSeconds);
    }

    @Test
    void underTheAccuracyRuleARunIsEstimatedOnTheCoarsestMeshItCanChoose() {
        // paper-sec42 at eps = 2^-8, 200000 samples, one core, JTransforms (3.6e-8 s per step and M log2 M):
        // - the paper's mesh: M = 2 ceil(L / (2 dx)) with L = 1.625, dx = eps/4 = 2^-10, so 1664; steps
        //   ceil(T / dt) with T = 0.4, dt = eps^1.2 / 8 = 2^-12.6, so ceil(2483.4) = 2484: about 88 hours, refused;
        // - the accuracy rule's first grid: m0 = 1 widened by 4 eps^(1/2) D = 0.375 to [0.625, 1.375], so the packet
        //   reaches (p0 / eps) sqrt(1.375 / 0.625) + 8 sqrt(A) = 384 sqrt(2.2) + 128, and the field
        //   cot(pi/200) / (b eps) with b eps = 100 2^-8 (below the KL basis's last space root, 1479 at this eps); M is
        //   the smallest even 2^a 3^b 5^c at or above L k_top / (0.8 pi) = 556.4: the even 558 .. 574 each have a
        //   prime factor 7 or above, 576 = 2^6 3^2;
        //   its first step dt = eps: ceil(T / eps) = 103 raised to the ladder c 2^j, 112 = 7 2^4; about 1.2 hours.
        String[] keys = {"eps=2^-8", "samples=200000", "fft=jtransforms"};
        double top = 384 * Math.sqrt(2.2) + 128 + 1 / Math.tan(Math.PI / 200) / (100 * 0x1p-8);
        assertEquals(556.4, 1.625 * top / (0.8 * Math.PI), 0.05, "the grid the rule asks for before its rounding");
        double perStep = ResourceEstimate.SECONDS_PER_POINT_STEP_JTRANSFORMS;
        double paperHours = 2e5 * 2484 * 1664 * (Math.log(1664) / Math.log(2)) * perStep / 3600;
        double coarsestHours = 2e5 * 112 * 576 * (Math.log(576) / Math.log(2)) * perStep / 3600;
        assertTrue(paperHours > ResourceEstimate.MAX_HOURS && coarsestHours < ResourceEstimate.MAX_HOURS);

        ResourceEstimate paper = ResourceEstimate.ofRun(load("paper-sec42.conf", keys), "local[1]",
                Discretization::beforePilots);
        assertEquals(paperHours, paper.wallHours(), 1e-9 * paperHours);
        assertThrows(ConfigurationException.class, () -> paper.require(FOUR_GIB));

        ExperimentConfig cfg = load("paper-sec42.conf", keys[0], keys[1], keys[2], "mesh.rule=accuracy");
        ResourceEstimate accuracy = ResourceEstimate.ofRun(cfg, "local[1]", Discretization::beforePilots);
        assertEquals(coarsestHours, accuracy.wallHours(), 1e-9 * coarsestHours);
        assertDoesNotThrow(() -> accuracy.require(FOUR_GIB));
        // the solver workspaces are on the coarser grid too: (krylov.restart + 1 + 8) complex arrays and the density
        double workspace = (cfg.krylov().restart() + 1.0 + ResourceEstimate.STEPPER_ARRAYS) * 16 * 576 + 8.0 * 576;
        assertEquals(workspace, accuracy.memory().stream().filter(p -> p.what().equals("solver workspaces"))
                .findFirst().orElseThrow().bytes());
    }

    @Test
    void underTheAccuracyRuleWhatCannotFitOnItsCoarsestMeshIsRefusedSayingSo() {
        // 10^7 samples of 112 steps on M = 576 (above): 112 576 log2(576) 3.6e-8 s each, about 59 hours of one core
        ExperimentConfig cfg = load("paper-sec42.conf", "eps=2^-8", "samples=1e7", "fft=jtransforms",
                "mesh.rule=accuracy");
        ResourceEstimate e = ResourceEstimate.ofRun(cfg, "local[1]", Discretization::beforePilots);
        ConfigurationException x = assertThrows(ConfigurationException.class, () -> e.require(FOUR_GIB));
        assertTrue(x.getMessage().startsWith("eps = 2^-8, samples = 10000000 (mesh.rule = accuracy, assuming the"
                + " coarsest mesh it can choose before its pilot realizations: M = 576, 112 steps): the run would take"
                + " about"), x.getMessage());
        assertTrue(x.getMessage().contains("change samples, eps, the cores"), x.getMessage());
    }

    @Test
    void localMastersGiveTheirThreads() {
        assertEquals(1, ResourceEstimate.localCores("local"));
        assertEquals(3, ResourceEstimate.localCores("local[3]"));
        assertEquals(4, ResourceEstimate.localCores(" local[4,2] "));
        assertEquals(Runtime.getRuntime().availableProcessors(), ResourceEstimate.localCores("local[*]"));
        assertEquals(0, ResourceEstimate.localCores("yarn"));
    }

    @Test
    void aStudyAddsItsPointsAndKeepsTheLargestMemory() {
        ExperimentConfig cfg = load("paper-fig7.conf", "study.eps=[2^-6, 2^-7, 2^-8]", "study.samples=[400, 300, 200]",
                "study.xi=[gaussian, uniform]");
        ResourceEstimate study = study(cfg, "local[2]");
        // the same points as single runs, one series per xi
        double seconds = 0;
        double memory = 0;
        int[] samples = {400, 300, 200};
        String[] eps = {"2^-6", "2^-7", "2^-8"};
        for (int i = 0; i < 3; i++) {
            ResourceEstimate run = run(load("paper-fig7.conf", "eps=" + eps[i],
                    "samples=" + samples[i]), "local[2]");
            seconds += 2 * run.coreSeconds();
            memory = Math.max(memory, run.driverBytes());
        }
        assertEquals(seconds, study.coreSeconds(), 1e-9 * seconds);
        assertEquals(memory, study.driverBytes(), 1e-9 * memory);
    }
}
