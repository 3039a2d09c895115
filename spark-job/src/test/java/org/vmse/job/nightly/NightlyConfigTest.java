package org.vmse.job.nightly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmse.job.config.ConfigurationException;
import org.vmse.job.config.ExperimentConfig;
import org.vmse.job.config.ExperimentFile;

/** The shipped nightly configurations load, and every study's experiment with them; bad ones say what to fix. */
class NightlyConfigTest {

    @TempDir
    Path tmp;

    @Test
    void theShippedNightsAndAllTheirExperimentsLoad() {
        for (String name : List.of("nightly", "nightly-smoke", "nightly-paper")) {
            NightlyConfig c = NightlyConfig.load(Path.of("..", "conf", name + ".conf"));
            assertEquals(name, c.name());
            assertEquals(List.of("sec41-ex1", "sec41-ex2", "fig7b", "fig9-gamma1", "fig10-gamma0.4"),
                    c.studies().stream().map(NightStudy::name).toList(), name);
            for (NightStudy s : c.studies()) {
                List<String> sets = new ArrayList<>(s.set());
                sets.addAll(c.set());
                ExperimentConfig cfg = ExperimentFile.load(s.conf(), sets);
                assertEquals(s.name().startsWith("sec41") ? StudyKind.LIOUVILLE : StudyKind.RTE, StudyKind.of(cfg),
                        name + " " + s.name());
            }
            assertEquals(new RegressionRules(2, 0.25, 0x1p-8, 3, 1e-6, 1.3,
                    name.equals("nightly-smoke") ? 60 : 10), c.rules(), name);
        }
        NightlyConfig paper = NightlyConfig.load(Path.of("..", "conf", "nightly-paper.conf"));
        assertTrue(paper.studies().stream().filter(s -> s.name().startsWith("fig"))
                .allMatch(s -> ExperimentFile.load(s.conf(), s.set()).ensemble().samples() == 10000
                        || ExperimentFile.load(s.conf(), s.set()).study().samples()[0] == 10000),
                "the paper's 10000 realizations");
    }

    @Test
    void badConfigurationsAreRefusedWithTheirKey() throws Exception {
        refused("studies: the name \"a\" appears twice", """
                root = "r"
                studies = [ { name = a, title = t, conf = x.conf }, { name = a, title = t, conf = y.conf } ]
                """);
        refused("studies = [] is empty", "root = r\nstudies = []\n");
        refused("regressions.wallTimeFactor = 0.9 must exceed 1", """
                root = r
                regressions.wallTimeFactor = 0.9
                studies = [ { name = a, title = t, conf = x.conf } ]
                """);
        refused("studies[].name = \"a/b\"", "root = r\nstudies = [ { name = \"a/b\", title = t, conf = x.conf } ]\n");
    }

    private void refused(String start, String text) throws Exception {
        Path f = tmp.resolve("bad.conf");
        Files.writeString(f, text);
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> NightlyConfig.load(f));
        assertTrue(e.getMessage().startsWith(start), e.getMessage());
    }
}
