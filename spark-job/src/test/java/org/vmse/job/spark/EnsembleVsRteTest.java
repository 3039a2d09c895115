package org.vmse.job.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmse.job.CliRunner;
import org.vmse.job.output.Json;

/**
 * Section 4.2 ensembles against their RTE limits, end to end: the error budget's comparison of the two RTE initial
 * data, the ensemble study's weighted rate, and the budget's terms. Every statistical assertion sits several
 * standard errors from its threshold and states its false-alarm rate (for a fresh seed; with the fixed seed here the
 * outcome is deterministic).
 */
class EnsembleVsRteTest {

    @TempDir
    Path tmp;

    /**
     * At eps = 2^-6 (Section 4.2 parameters, 300 realizations, seed 1) the packet's momentum spread, not the random
     * medium, dominates the paper's comparison: the ensemble mean is much closer to the RTE started from the
     * eps-Wigner data than to the RTE started from the paper's delta (4.17). Measured 0.0918 +- 0.0013 against
     * 0.0304 +- 0.0021, a ratio of 3.02 whose standard error (delta method, R sqrt((se_d/d)^2 + (se_w/w)^2)) is
     * 0.21. The assertion is a ratio of at least 2, 4.9 standard errors below the measured one: a one-sided
     * Gaussian false-alarm rate of 5e-7. A ratio of 2 still says what the comparison is for: at least half of the
     * error against the delta data is the initial data's.
     */
    @Test
    @Tag("slow")
    @SuppressWarnings("unchecked")
    void theMeanIsMuchCloserToTheEpsWignerLimit() throws Exception {
        Path out = tmp.resolve("ens");
        CliRunner.Result r = CliRunner.vmse("run", "../conf/paper-sec42.conf", "--set", "samples=300", "--set",
                "rte.dk=2^-9", "--set", "rte.dx=2^-8", "--master", "local[2]", "--out", out.toString(), "-q");
        assertEquals(0, r.code(), r.err());
        Map<String, Object> s = (Map<String, Object>) Json.parse(Files.readString(out.resolve("summary.json")));
        Map<String, Map<String, Number>> by = (Map<String, Map<String, Number>>) s.get("err_l1_by_rte_initial");
        double delta = by.get("delta").get("err_l1").doubleValue();
        double deltaSe = by.get("delta").get("err_l1_se").doubleValue();
        double wigner = by.get("epsWigner").get("err_l1").doubleValue();
        double wignerSe = by.get("epsWigner").get("err_l1_se").doubleValue();
        double ratio = delta / wigner;
        double ratioSe = ratio * Math.hypot(deltaSe / delta, wignerSe / wigner);
        String report = String.format("err_l1 vs delta %.4g +- %.2g, vs eps-Wigner %.4g +- %.2g, ratio %.3g +- %.2g",
                delta, deltaSe, wigner, wignerSe, ratio, ratioSe);
        assertTrue(ratio >= 2, report);
        assertTrue(wignerSe > 0 && wigner > 3 * by.get("epsWigner").get("err_l1_noise_floor").doubleValue(),
                "the eps-Wigner error is resolved above the Monte Carlo noise floor: " + report);
        List<String> header = List.of(Files.readAllLines(out.resolve("profiles.csv")).get(0).split(","));
        assertEquals(List.of("x", "rho_mean", "rho_std", "rho_se", "rho0"), header);
        Map<String, Object> rte = (Map<String, Object>) s.get("rte");
        assertEquals(Math.sqrt(Math.PI / 512), ((Number) rte.get("mass")).doubleValue(), 1e-10, "RTE mass");
    }

    /**
     * The study's weighted fit, checked against its closed form: with two points weighted by (err/se)^2 the least
     * squares line is the local rate log(E1/E2)/log 2 and its standard error the delta method's
     * sqrt((se1/E1)^2 + (se2/E2)^2)/log 2 (round-off: 1e-12). And the rate is positive, as Theorem 3.1 says Err
     * falls with eps: measured 0.230 +- 0.026 (Gaussian xi) and 0.153 +- 0.020 (uniform), 9 and 7.5 standard errors
     * above 0 (2^-4 and 2^-5 are far from the asymptotic O(eps) of Fig. 7, so the value itself is not the paper's).
     * The assertion, rate > 3 standard errors, fails on a correct code only if the estimate falls at least 4.5 of
     * its standard errors below its expectation: a one-sided Gaussian false-alarm rate below 4e-6 per series.
     */
    @Test
    @Tag("slow")
    @SuppressWarnings("unchecked")
    void anEnsembleStudyReportsEveryPointWithItsErrorAndAWeightedRate() throws Exception {
        Path out = tmp.resolve("study");
        CliRunner.Result r = CliRunner.vmse("study", "../conf/paper-fig7.conf", "--set", "study.eps=[\"2^-4\", \"2^-5\"]",
                "--set", "study.samples=[40, 24]", "--set", "study.xi=[gaussian, uniform]", "--set", "rte.dk=2^-8",
                "--set", "rte.dx=2^-8", "--set", "study.fitMin=2^-5", "--set", "study.fitMax=2^-4", "--set",
                "ensemble.refinedRealizations=4", "--master", "local[2]", "--out", out.toString(), "-q");
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
                assertEquals(false, p.get("within_noise_floor"), "both points take part in the fit: " + p);
            }
            double e1 = ((Number) points.get(0).get("err_l1")).doubleValue();
            double s1 = ((Number) points.get(0).get("err_l1_se")).doubleValue();
            double e2 = ((Number) points.get(1).get("err_l1")).doubleValue();
            double s2 = ((Number) points.get(1).get("err_l1_se")).doubleValue();
            Map<String, Object> fit = (Map<String, Object>) one.get("fit");
            double rate = ((Number) fit.get("rate")).doubleValue();
            double rateSe = ((Number) fit.get("rate_std_error")).doubleValue();
            assertEquals(Math.log(e1 / e2) / Math.log(2), rate, 1e-12, "two-point rate, " + one.get("xi"));
            assertEquals(Math.hypot(s1 / e1, s2 / e2) / Math.log(2), rateSe, 1e-12, "its standard error");
            assertTrue(rate > 3 * rateSe, one.get("xi") + ": rate " + rate + " +- " + rateSe);
            // with two points the local rate and its standard error are the fit's
            assertEquals(rate, ((Number) ((List<Object>) one.get("local_rates")).get(0)).doubleValue(), 1e-12);
            assertEquals(rateSe, ((Number) ((List<Object>) one.get("local_rate_std_errors")).get(0)).doubleValue(),
                    1e-12);
            // beside each point's Monte Carlo error, the discretization term its run's refined pairs measured
            for (Map<String, Object> p : points) {
                Map<String, Object> run = (Map<String, Object>) Json.parse(Files.readString(out.resolve("runs/xi="
                        + one.get("xi") + "_eps=" + p.get("eps_text") + "/summary.json")));
                Map<String, Object> budget = (Map<String, Object>) run.get("error_budget");
                Map<String, Object> disc = (Map<String, Object>) budget.get("discretization");
                assertEquals(((Number) disc.get("l1_of_mean_difference")).doubleValue(),
                        ((Number) p.get("discretization_term")).doubleValue(), 0.0, p.toString());
                assertTrue(String.valueOf(p.get("discretization_source")).startsWith("refined pairs"), p.toString());
            }
        }
        assertTrue(Files.size(out.resolve("figures/convergence.png")) > 1000);
        assertTrue(Files.size(out.resolve("figures/densities_xi=gaussian.png")) > 1000, "Fig. 7a, Gaussian xi");
        assertTrue(Files.size(out.resolve("figures/densities_xi=uniform.png")) > 1000, "Fig. 7a, uniform xi");
        assertTrue(Files.isRegularFile(out.resolve("runs/xi=uniform_eps=2^-5/summary.json")));
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
        assertEquals(disc, s.get("refined_pairs"));

        // the same realizations without the limit: the term is still reported, and it is the same
        Path alone = tmp.resolve("budget-without-rte");
        CliRunner.Result r2 = CliRunner.vmse("run", "../conf/paper-sec42.conf", "--set", "eps=2^-5", "--set",
                "samples=24", "--set", "ensemble.refinedRealizations=6", "--set", "rte.enabled=false", "--master",
                "local[2]", "--out", alone.toString(), "-q");
        assertEquals(0, r2.code(), r2.err());
        Map<String, Object> s2 = (Map<String, Object>) Json.parse(Files.readString(alone.resolve("summary.json")));
        assertNull(s2.get("error_budget"));
        assertEquals(disc, s2.get("refined_pairs"));
    }
}
