package org.vmse.job.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmse.kernel.expr.Formula;

/** {@code mesh.rule} and {@code mesh.tolerance}: parsed, defaulted and refused with the key named. */
class MeshSpecTest {

    @TempDir
    Path tmp;

    private static MeshSpec spec(MeshRule rule, double tolerance) {
        return new MeshSpec(Formula.parse("mesh.dx", "eps/4", "eps"), Formula.parse("mesh.dt", "eps^1.2/8", "eps"),
                false, rule, tolerance);
    }

    @Test
    void theToleranceMustBePositiveAndFinite() {
        for (double bad : new double[] {0, -1e-5, Double.NaN, Double.POSITIVE_INFINITY}) {
            ConfigurationException e = assertThrows(ConfigurationException.class,
                    () -> spec(MeshRule.ACCURACY, bad));
            assertTrue(e.getMessage().startsWith("mesh.tolerance = " + bad + " must be positive and finite"),
                    e.getMessage());
        }
        assertEquals(1e-6, spec(MeshRule.ACCURACY, 1e-6).tolerance());
        assertThrows(NullPointerException.class, () -> spec(null, 1e-5));
    }

    @Test
    void theRuleIsParsedInAnyCaseAndRefusedByName() {
        assertEquals(MeshRule.ACCURACY, MeshRule.parse(" Accuracy "));
        assertEquals(MeshRule.PAPER, MeshRule.parse("paper"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MeshRule.parse("fine"));
        assertEquals("mesh.rule = fine is not one of paper, accuracy", e.getMessage());
    }

    @Test
    void theDefaultsAreThePapersRuleAndAFifthOfTheMonteCarloError() throws Exception {
        Path f = tmp.resolve("e.conf");
        Files.writeString(f, "name = m");
        MeshSpec m = ExperimentFile.load(f, List.of()).mesh();
        assertEquals(MeshRule.PAPER, m.rule());
        // defaults.conf: a fifth of err_l1's Monte Carlo standard error with 10,000 samples at 2^-10 (~2e-4)
        assertEquals(4e-5, m.tolerance());
        MeshSpec a = ExperimentFile.load(f, List.of("random.enabled=true", "mesh.rule=accuracy",
                "mesh.tolerance=1e-5")).mesh();
        assertEquals(MeshRule.ACCURACY, a.rule());
        assertEquals(1e-5, a.tolerance());
    }

    @Test
    void theAccuracyRuleNeedsARandomMassAndAValidTolerance() throws Exception {
        Path f = tmp.resolve("e.conf");
        Files.writeString(f, "name = m");
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> ExperimentFile.load(f, List.of("mesh.rule=accuracy")));
        assertTrue(e.getMessage().startsWith("mesh.rule = accuracy measures the mesh's error on pilot realizations")
                && e.getMessage().contains("random.enabled = true"), e.getMessage());
        ConfigurationException r = assertThrows(ConfigurationException.class,
                () -> ExperimentFile.load(f, List.of("mesh.rule=finest")));
        assertTrue(r.getMessage().contains("mesh.rule = finest is not one of paper, accuracy"), r.getMessage());
        ConfigurationException t = assertThrows(ConfigurationException.class,
                () -> ExperimentFile.load(f, List.of("mesh.tolerance=0")));
        assertTrue(t.getMessage().startsWith("mesh.tolerance = 0.0 must be positive"), t.getMessage());
    }
}
