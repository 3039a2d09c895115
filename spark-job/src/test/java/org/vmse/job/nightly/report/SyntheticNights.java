package org.vmse.job.nightly.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A results root with three nights written by hand, in the night.json layout the nightly runner writes:
 * <ul>
 *   <li>{@value #ACCEPTED}: accepted (and named by the root's baseline file), no regressions;</li>
 *   <li>{@value #INCOMPLETE}: a folder without night.json (a night that died);</li>
 *   <li>{@value #BROKEN}: compared with {@value #ACCEPTED}, three regressions (a Liouville rate of 1.5 out of
 *       2 ± 0.25, an error at {@code 2^-9}, a slower study), and a title with markup characters to be escaped.</li>
 * </ul>
 * The Liouville errors are {@code C eps^rate} exactly, so their fitted line passes through every point.
 */
final class SyntheticNights {

    static final String ACCEPTED = "2026-11-28";
    static final String INCOMPLETE = "2026-11-29";
    static final String BROKEN = "2026-11-30";

    /** Shown verbatim on the page of {@value #BROKEN}: it must arrive escaped. */
    static final String MARKUP_TITLE = "Section 4.1 example 1 <script>alert('x')</script> & \"friends\"";

    /** The Liouville study's constant: {@code Err = 0.7 eps^rate} (a value chosen for the test). */
    static final double LIOUVILLE_C = 0.7;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private SyntheticNights() {
    }

    /** Writes the three nights and the baseline file under {@code root}. */
    static void write(Path root) throws IOException {
        night(root, ACCEPTED, night(ACCEPTED, null, true, 2.0, 100.0, "Section 4.1 example 1", List.of()));
        Files.createDirectories(root.resolve("nights").resolve(INCOMPLETE).resolve("runs"));
        night(root, BROKEN, night(BROKEN, ACCEPTED, false, 1.5, 140.0, MARKUP_TITLE, List.of(
                regression("sec41-ex1", null, "rate", null, 1.5, "2 \u00b1 0.25", "rate 1.50 \u00b1 0.01 left its band"),
                regression("sec41-ex1", null, "err_l1", "2^-9", 2.7e-5, "1.0e-5 ± 3 se",
                        "err_l1 moved 5 combined standard errors"),
                regression("sec41-ex1", null, "wall_seconds", null, 140.0, "<= 130", "run time up 40 %"))));
        Files.writeString(root.resolve("baseline"), "{\"date\": \"" + ACCEPTED + "\"}");
    }

    static void night(Path root, String date, Map<String, Object> night) throws IOException {
        Path dir = root.resolve("nights").resolve(date);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("night.json"), MAPPER.writeValueAsString(night));
    }

    /** A night with a Liouville study of the given rate and run time, and an RTE study with two media. */
    static Map<String, Object> night(String date, String baseline, boolean accepted, double liouvilleRate,
                                     double liouvilleSeconds, String liouvilleTitle,
                                     List<Map<String, Object>> regressions) {
        Map<String, Object> n = new LinkedHashMap<>();
        n.put("date", date);
        n.put("started", date + "T01:00:00Z");
        n.put("finished", date + "T01:25:00Z");
        n.put("wall_seconds", 1500.0);
        n.put("conf", "nightly-smoke");
        Map<String, Object> provenance = new LinkedHashMap<>();
        provenance.put("git_revision", "0123abc");
        provenance.put("java_version", "17.0.12");
        provenance.put("fft_backend", "jtransforms");
        provenance.put("host", "bench<1>");
        n.put("provenance", provenance);
        n.put("baseline", baseline);
        n.put("studies", List.of(
                liouville(liouvilleRate, liouvilleSeconds, liouvilleTitle),
                rte()));
        n.put("regressions", regressions);
        n.put("accepted", accepted);
        return n;
    }

    /** {@code Err = 0.7 eps^rate} at {@code eps = 2^-6 .. 2^-9}, fitted over the three finest. */
    private static Map<String, Object> liouville(double rate, double seconds, String title) {
        List<Map<String, Object>> points = new ArrayList<>();
        for (int k = 6; k <= 9; k++) {
            double eps = Math.pow(2, -k);
            Map<String, Object> p = point(eps, "2^-" + k, LIOUVILLE_C * Math.pow(eps, rate));
            p.put("krylov_iters_mean", 3.0 + k / 10.0);
            p.put("substeps", 0);
            p.put("wall_seconds", 2.0 * k);
            points.add(p);
        }
        Map<String, Object> series = new LinkedHashMap<>();
        series.put("xi", null);
        series.put("points", points);
        series.put("fit", Map.of("rate", rate, "rate_se", 0.01, "eps_min", Math.pow(2, -9), "eps_max", Math.pow(2, -7)));
        series.put("local_rates", List.of(Map.of("from", "2^-8", "to", "2^-9", "rate", rate)));
        return study("sec41-ex1", title, "liouville", 2.0, seconds, List.of(series));
    }

    /** Two media with Monte Carlo errors, noise floors and sample counts. */
    private static Map<String, Object> rte() {
        List<Map<String, Object>> all = new ArrayList<>();
        for (String xi : List.of("gaussian", "uniform")) {
            List<Map<String, Object>> points = new ArrayList<>();
            double scale = "gaussian".equals(xi) ? 0.9 : 0.6;
            for (int k = 3; k <= 6; k++) {
                double eps = Math.pow(2, -k);
                Map<String, Object> p = point(eps, "2^-" + k, scale * eps);
                p.put("err_l1_se", 0.1 * scale * eps);
                p.put("noise_floor", 0.004);
                p.put("samples", 256);
                p.put("seconds_per_realization", 0.05 * k);
                p.put("n_kl", 12);
                p.put("wall_seconds", 12.8 * k);
                points.add(p);
            }
            Map<String, Object> series = new LinkedHashMap<>();
            series.put("xi", xi);
            series.put("points", points);
            series.put("fit", Map.of("rate", 1.0, "rate_se", 0.08, "eps_min", Math.pow(2, -6), "eps_max",
                    Math.pow(2, -3)));
            series.put("local_rates", List.of());
            all.add(series);
        }
        return study("fig7b", "Fig. 7b: E[rho_eps] against the RTE limit", "rte", 1.0, 300.0, all);
    }

    private static Map<String, Object> study(String name, String title, String kind, double expectedRate,
                                             double seconds, List<Map<String, Object>> series) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("name", name);
        s.put("title", title);
        s.put("kind", kind);
        s.put("expected_rate", expectedRate);
        if (kind.equals("liouville")) {
            s.put("rate_band", 0.25); // the nightly runner's fixed band for the Liouville studies
        }
        s.put("wall_seconds", seconds);
        s.put("series", series);
        return s;
    }

    private static Map<String, Object> point(double eps, String text, double err) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("eps", eps);
        p.put("eps_text", text);
        p.put("err_l1", err);
        p.put("err_l1_se", null);
        p.put("noise_floor", null);
        p.put("samples", null);
        p.put("seconds_per_realization", null);
        p.put("krylov_iters_mean", null);
        p.put("substeps", null);
        p.put("n_kl", null);
        p.put("wall_seconds", null);
        return p;
    }

    private static Map<String, Object> regression(String study, String xi, String what, String epsText, double value,
                                                  String expected, String message) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("study", study);
        r.put("xi", xi);
        r.put("what", what);
        r.put("eps_text", epsText);
        r.put("value", value);
        r.put("expected", expected);
        r.put("message", message);
        return r;
    }
}
