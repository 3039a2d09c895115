package org.vmse.job.nightly;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.Path;
import org.vmse.job.config.ExperimentConfig;

/**
 * A finished study's figures for {@code night.json}, read from what {@code vmse study} wrote: {@code study.json}
 * and each point's {@code summary.json} (Krylov iterations, RK4IP substeps, seconds per realization, {@code N_KL}).
 * Reading the files rather than the objects in memory makes a study finished by an earlier invocation of the night
 * count the same as one finished now.
 */
final class StudyResults {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private StudyResults() {
    }

    /**
     * The study {@code study} of the experiment {@code cfg}, finished in {@code dir} on {@code root}; a Liouville
     * study carries the half width of its rate band from {@code rules}, for the report.
     */
    static NightJson.Study read(NightRoot root, Path dir, NightStudy study, ExperimentConfig cfg,
                                RegressionRules rules) throws IOException {
        Map<String, Object> json = map(root, new Path(dir, "study.json"));
        StudyKind kind = StudyKind.of(cfg);
        Double expected = study.expectedRate();
        List<NightJson.Series> series = kind == StudyKind.LIOUVILLE ? List.of(liouville(root, dir, json))
                : rte(root, dir, json, cfg);
        Double band = kind == StudyKind.LIOUVILLE && expected != null ? rules.liouvilleTolerance() : null;
        return new NightJson.Study(study.name(), study.title(), kind, expected, band, number(json, "wall_seconds"),
                series);
    }

    /** The one series of a deterministic study. */
    @SuppressWarnings("unchecked")
    private static NightJson.Series liouville(NightRoot root, Path dir, Map<String, Object> json) throws IOException {
        List<NightJson.Point> points = new ArrayList<>();
        for (Map<String, Object> r : (List<Map<String, Object>>) json.get("runs")) {
            String text = (String) r.get("eps_text");
            Map<String, Object> summary = map(root, new Path(new Path(dir, "runs"), "eps=" + text + "/summary.json"));
            points.add(new NightJson.Point(number(r, "eps"), text, number(r, "err_l1"), null, null, null, null,
                    number(r, "krylov_iters_mean"), whole(summary, "rk4ip_substeps"), null, number(r, "wall_seconds")));
        }
        List<NightJson.LocalRate> local = new ArrayList<>();
        for (Map<String, Object> l : (List<Map<String, Object>>) json.get("local_rates")) {
            local.add(new NightJson.LocalRate((String) l.get("from"), (String) l.get("to"), number(l, "rate")));
        }
        Map<String, Object> f = (Map<String, Object>) json.get("fit");
        NightJson.Fit fit = new NightJson.Fit(number(f, "rate"), number(f, "rate_std_error"),
                number(f, "eps_min"), number(f, "eps_max"));
        return new NightJson.Series(null, points, fit, local);
    }

    /** One series per {@code xi} of an ensemble study. */
    @SuppressWarnings("unchecked")
    private static List<NightJson.Series> rte(NightRoot root, Path dir, Map<String, Object> json,
                                              ExperimentConfig cfg) throws IOException {
        List<NightJson.Series> all = new ArrayList<>();
        for (Map<String, Object> s : (List<Map<String, Object>>) json.get("series")) {
            String xi = (String) s.get("xi");
            List<NightJson.Point> points = new ArrayList<>();
            List<String> texts = new ArrayList<>();
            for (Map<String, Object> p : (List<Map<String, Object>>) s.get("points")) {
                String text = (String) p.get("eps_text");
                texts.add(text);
                Map<String, Object> summary = map(root, new Path(new Path(dir, "runs"), "xi=" + xi + "_eps=" + text
                        + "/summary.json"));
                points.add(new NightJson.Point(number(p, "eps"), text, number(p, "err_l1"), number(p, "err_l1_se"),
                        number(p, "err_l1_noise_floor"), whole(p, "samples"),
                        number(summary, "seconds_per_realization"), number(summary, "krylov_iters_mean"),
                        whole(summary, "rk4ip_substeps"), summary.containsKey("n_kl") ? whole(summary, "n_kl") : null,
                        number(p, "wall_seconds")));
            }
            List<NightJson.LocalRate> local = new ArrayList<>();
            List<Object> rates = (List<Object>) s.get("local_rates");
            for (int i = 0; i < rates.size(); i++) {
                local.add(new NightJson.LocalRate(texts.get(i), texts.get(i + 1), asDouble(rates.get(i))));
            }
            NightJson.Fit fit = null;
            if (s.get("fit") instanceof Map<?, ?> f) { // else the text saying why there is none
                Map<String, Object> m = (Map<String, Object>) f;
                fit = new NightJson.Fit(number(m, "rate"), number(m, "rate_std_error"),
                        cfg.study().fitMin(), cfg.study().fitMax());
            }
            all.add(new NightJson.Series(xi, points, fit, local));
        }
        return all;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(NightRoot root, Path file) throws IOException {
        return MAPPER.readValue(root.read(file), Map.class);
    }

    private static double number(Map<String, Object> m, String key) {
        return asDouble(m.get(key));
    }

    /** A number of a JSON file; Jackson writes a non-finite one as text ("NaN"). */
    private static double asDouble(Object v) {
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v instanceof String s) {
            return Double.parseDouble(s);
        }
        throw new IllegalStateException("a study file lacks a number where vmse study writes one: " + v);
    }

    private static Long whole(Map<String, Object> m, String key) {
        return ((Number) m.get(key)).longValue();
    }
}
