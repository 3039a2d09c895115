package org.vmse.job.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmse.job.CliRunner;
import org.vmse.job.output.Json;

/**
 * The check on the error budget: at eps = 2^-6 (Section 4.2 parameters, 300 realizations, seed 1) the
 * ensemble mean is at least three times closer to the RTE started from the eps-Wigner data than to the RTE started
 * from the paper's delta (4.17): at this eps the packet's momentum spread, not the random medium, dominates the
 * paper's comparison. Measured: 0.0918 +- 0.0013 against 0.0304 +- 0.0021, a ratio of 3.02 whose own standard
 * error is about 0.2: the margin over the 3 is thin, and this is what the physics gives here.
 */
class EnsembleVsRteTest {

    @TempDir
    Path tmp;

    @Test
    @SuppressWarnings("unchecked")
    void theMeanIsThreeTimesCloserToTheEpsWignerLimit() throws Exception {
        Path out = tmp.resolve("ens");
        CliRunner.Result r = CliRunner.vmse("run", "../conf/paper-sec42.conf", "--set", "samples=300", "--set",
                "rte.dk=2^-9", "--set", "rte.dx=2^-8", "--master", "local[2]", "--out", out.toString(), "-q");
        assertEquals(0, r.code(), r.err());
        Map<String, Object> s = (Map<String, Object>) Json.parse(Files.readString(out.resolve("summary.json")));
        Map<String, Map<String, Number>> by = (Map<String, Map<String, Number>>) s.get("err_l1_by_rte_initial");
        double delta = by.get("delta").get("err_l1").doubleValue();
        double wigner = by.get("epsWigner").get("err_l1").doubleValue();
        double wignerSe = by.get("epsWigner").get("err_l1_se").doubleValue();
        String report = String.format("err_l1 vs delta %.4g +- %.2g, vs eps-Wigner %.4g +- %.2g", delta,
                by.get("delta").get("err_l1_se").doubleValue(), wigner, wignerSe);
        assertTrue(delta >= 3 * wigner, report);
        assertTrue(wignerSe > 0 && wigner > 3 * by.get("epsWigner").get("err_l1_noise_floor").doubleValue(),
                "the eps-Wigner error is resolved above the Monte Carlo noise floor: " + report);
        List<String> header = List.of(Files.readAllLines(out.resolve("profiles.csv")).get(0).split(","));
        assertEquals(List.of("x", "rho_mean", "rho_std", "rho_se", "rho0"), header);
        Map<String, Object> rte = (Map<String, Object>) s.get("rte");
        assertEquals(Math.sqrt(Math.PI / 512), ((Number) rte.get("mass")).doubleValue(), 1e-10, "RTE mass");
    }

    @Test
    @SuppressWarnings("unchecked")
    void anEnsembleStudyReportsEveryPointWithItsErrorAndAWeightedRate() throws Exception {
        Path out = tmp.resolve("study");
        CliRunner.Result r = CliRunner.vmse("study", "../conf/paper-fig7.conf", "--set", "study.eps=[\"2^-4\", \"2^-5\"]",
                "--set", "study.samples=[40, 24]", "--set", "study.xi=[gaussian, uniform]", "--set", "rte.dk=2^-8",
                "--set", "rte.dx=2^-8", "--set", "study.fitMin=2^-5", "--set", "study.fitMax=2^-4", "--master",
                "local[2]", "--out", out.toString(), "-q");
        assertEquals(0, r.code(), r.err());
        Map<String, Object> s = (Map<String, Object>) Json.parse(Files.readString(out.resolve("study.json")));
        List<Map<String, Object>> series = (List<Map<String, Object>>) s.get("series");
        assertEquals(List.of("gaussian", "uniform"), series.stream().map(m -> m.get("xi")).toList());
        for (Map<String, Object> one : series) {
            List<Map<String, Object>> points = (List<Map<String, Object>>) one.get("points");
            assertEquals(2, points.size());
            assertEquals(40, ((Number) points.get(0).get("samples")).intValue());
            for (Map<String, Object> p : points) {
                assertTrue(((Number) p.get("err_l1_se")).doubleValue() > 0, p.toString());
                assertTrue(p.containsKey("within_noise_floor"), p.toString());
            }
        }
        assertTrue(Files.size(out.resolve("figures/convergence.png")) > 1000);
        assertTrue(Files.size(out.resolve("figures/densities_xi=gaussian.png")) > 1000, "Fig. 7a, Gaussian xi");
        assertTrue(Files.size(out.resolve("figures/densities_xi=uniform.png")) > 1000, "Fig. 7a, uniform xi");
        assertTrue(Files.isRegularFile(out.resolve("runs/xi=uniform_eps=2^-5/summary.json")));
        assertTrue(Files.isDirectory(out.resolve("runs/xi=uniform_eps=2^-5")));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theErrorBudgetNamesEveryTermAndPairsTheRefinedMeshRealizations() throws Exception {
        Path out = tmp.resolve("budget");
        CliRunner.Result r = CliRunner.vmse("run", "../conf/paper-sec42.conf", "--set", "eps=2^-5", "--set",
                "samples=24", "--set", "ensemble.refinedRealizations=6", "--set", "rte.dx=2^-7", "--set",
                "rte.dk=2^-8", "--master", "local[2]", "--out", out.toString(), "-q");
        assertEquals(0, r.code(), r.err());
        Map<String, Object> s = (Map<String, Object>) Json.parse(Files.readString(out.resolve("summary.json")));
        Map<String, Object> budget = (Map<String, Object>) s.get("error_budget");
        for (String key : List.of("monte_carlo_se", "monte_carlo_noise_floor", "initial_data", "kl_variance_left_out",
                "remaining_limit_error")) {
            assertTrue(Double.isFinite(((Number) budget.get(key)).doubleValue()), key + " in " + budget);
        }
        Map<String, Object> disc = (Map<String, Object>) budget.get("discretization");
        assertEquals(6, ((Number) disc.get("realizations")).intValue());
        double l1 = ((Number) disc.get("l1_of_mean_difference")).doubleValue();
        // the same realizations on dx/2, dt/2: the densities differ by the scheme's error, small against Err
        assertTrue(l1 > 0 && l1 < 0.1 * ((Number) s.get("err_l1")).doubleValue(), "discretization " + l1);
    }
}
