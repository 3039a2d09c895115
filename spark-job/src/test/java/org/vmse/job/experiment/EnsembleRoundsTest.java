package org.vmse.job.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vmse.job.config.ExperimentConfig;
import org.vmse.job.config.ExperimentFile;
import org.vmse.job.spark.EnsembleBlocks;

/**
 * A later round of an adaptive point takes the earlier round's basis, mesh (no pilots again) and RTE limit, which do
 * not depend on the sample count, and gives what a run of its own count gives; an earlier run of another experiment is
 * refused.
 */
class EnsembleRoundsTest {

    private static final Path SEC42 = Path.of("..", "conf", "paper-sec42.conf");

    private static ExperimentConfig config(String... more) {
        List<String> keys = new ArrayList<>(List.of("eps=2^-5", "scheme=rk4ip", "mesh.rule=accuracy", "mesh.tolerance=1e-3",
                "ensemble.blockSize=4", "rte.dx=2^-7", "rte.dk=2^-7", "spark.master=local[1]"));
        keys.addAll(List.of(more));
        return ExperimentFile.load(SEC42, keys);
    }

    @Test
    void aLaterRoundReusesWhatDoesNotDependOnTheSampleCount() {
        EnsembleRun first = EnsembleRun.execute(config("samples=8"), null, n -> { });
        EnsembleRun second = EnsembleRun.execute(config("samples=16"), null, n -> { }, EnsembleBlocks.ALL, first);
        assertSame(first.discretization(), second.discretization());
        assertSame(first.basis(), second.basis());
        assertSame(first.limit(), second.limit());
        assertEquals(16, second.full().count());

        // what a run of 16 from the start gives (its own pilots and limit): the same moments and Err
        EnsembleRun alone = EnsembleRun.execute(config("samples=16"), null, n -> { });
        assertEquals(alone.discretization().grid().M(), second.discretization().grid().M());
        assertEquals(alone.discretization().plan().totalSteps(), second.discretization().plan().totalSteps());
        int last = alone.config().outputTimes().length - 1;
        assertArrayEquals(alone.full().mean(last), second.full().mean(last), 0);
        assertEquals(alone.primaryComparison().errL1(), second.primaryComparison().errL1(), 0);
    }

    @Test
    void anEarlierRunOfAnotherExperimentIsRefused() {
        EnsembleRun first = EnsembleRun.execute(config("samples=4"), null, n -> { });
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EnsembleRun.execute(config("samples=8", "seed=2"), null, n -> { }, EnsembleBlocks.ALL, first));
        assertTrue(e.getMessage().contains("seed"), e.getMessage());
    }
}
