package org.vmse.job.nightly.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Reads a {@code night.json} into a {@link Night}. Every problem is reported with the path of the offending key
 * ({@code studies[1].series[0].points[3].eps}) and its value. Numbers may also be the strings {@code "NaN"},
 * {@code "Infinity"} and {@code "-Infinity"}, as Jackson writes non-finite doubles.
 */
final class NightJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private NightJson() {
    }

    /** The night in {@code text}; {@code source} names the file in messages. */
    static Night parse(String text, String source) {
        JsonNode root;
        try {
            root = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(source + " is not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(source + " must hold one JSON object");
        }
        try {
            return night(root);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
        }
    }

    private static Night night(JsonNode n) {
        Map<String, String> provenance = new LinkedHashMap<>();
        JsonNode p = n.path("provenance");
        p.fieldNames().forEachRemaining(k -> provenance.put(k, p.get(k).isNull() ? "" : p.get(k).asText()));
        List<Night.Study> studies = new ArrayList<>();
        for (int i = 0; i < n.path("studies").size(); i++) {
            studies.add(study(n.path("studies").get(i), "studies[" + i + "]"));
        }
        List<Night.Regression> regressions = new ArrayList<>();
        for (int i = 0; i < n.path("regressions").size(); i++) {
            regressions.add(regression(n.path("regressions").get(i), "regressions[" + i + "]"));
        }
        String baseline = text(n, "baseline");
        return new Night(date(text(n, "date"), "date"), text(n, "started"), text(n, "finished"),
                number(n, "wall_seconds", ""), text(n, "conf"), provenance,
                baseline == null ? null : date(baseline, "baseline"), studies, regressions,
                n.path("accepted").asBoolean(false));
    }

    private static Night.Study study(JsonNode s, String where) {
        List<Night.Series> series = new ArrayList<>();
        for (int i = 0; i < s.path("series").size(); i++) {
            series.add(series(s.path("series").get(i), where + ".series[" + i + "]"));
        }
        Double expectedRate = optionalNumber(s, "expected_rate", where, null);
        Double rateBand = optionalNumber(s, "rate_band", where, null);
        double wallSeconds = number(s, "wall_seconds", where);
        return within(where, () -> new Night.Study(text(s, "name"), text(s, "title"), kind(text(s, "kind")),
                expectedRate, rateBand, wallSeconds, series));
    }

    private static Night.Series series(JsonNode s, String where) {
        List<Night.Point> points = new ArrayList<>();
        for (int i = 0; i < s.path("points").size(); i++) {
            points.add(point(s.path("points").get(i), where + ".points[" + i + "]"));
        }
        JsonNode f = s.path("fit");
        Night.Fit fit = f.isObject()
                ? new Night.Fit(number(f, "rate", where + ".fit"), optionalNumber(f, "rate_se", where + ".fit", Double.NaN),
                        number(f, "eps_min", where + ".fit"), number(f, "eps_max", where + ".fit"))
                : null;
        List<Night.LocalRate> local = new ArrayList<>();
        for (int i = 0; i < s.path("local_rates").size(); i++) {
            JsonNode r = s.path("local_rates").get(i);
            local.add(new Night.LocalRate(text(r, "from"), text(r, "to"),
                    number(r, "rate", where + ".local_rates[" + i + "]")));
        }
        return new Night.Series(text(s, "xi"), points, fit, local);
    }

    private static Night.Point point(JsonNode p, String where) {
        double eps = number(p, "eps", where);
        double err = number(p, "err_l1", where);
        Double se = optionalNumber(p, "err_l1_se", where, null);
        Double floor = optionalNumber(p, "noise_floor", where, null);
        Long samples = optionalLong(p, "samples", where);
        Double perRealization = optionalNumber(p, "seconds_per_realization", where, null);
        Double krylov = optionalNumber(p, "krylov_iters_mean", where, null);
        Long substeps = optionalLong(p, "substeps", where);
        Long nKl = optionalLong(p, "n_kl", where);
        Double wall = optionalNumber(p, "wall_seconds", where, null);
        return within(where, () -> new Night.Point(eps, text(p, "eps_text"), err, se, floor, samples, perRealization,
                krylov, substeps, nKl, wall));
    }

    private static Night.Regression regression(JsonNode r, String where) {
        double value = optionalNumber(r, "value", where, Double.NaN);
        return within(where, () -> new Night.Regression(text(r, "study"), text(r, "xi"), measure(text(r, "what")),
                text(r, "eps_text"), value, text(r, "expected"), text(r, "message")));
    }

    /** Builds a record, naming {@code where} in its complaint. */
    private static <T> T within(String where, Supplier<T> build) {
        try {
            return build.get();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
    }

    private static Night.Kind kind(String key) {
        return key == null ? null : Night.Kind.of(key);
    }

    private static Night.Measure measure(String key) {
        return key == null ? null : Night.Measure.of(key);
    }

    private static LocalDate date(String text, String key) {
        if (text == null) {
            throw new IllegalArgumentException(key + " is missing; write it as yyyy-MM-dd");
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(key + " must be a date yyyy-MM-dd, got '" + text + "'");
        }
    }

    /** The text at {@code key}, {@code null} when the key is absent or JSON null. */
    private static String text(JsonNode n, String key) {
        JsonNode v = n.get(key);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static double number(JsonNode n, String key, String where) {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException(path(where, key) + " is missing; it must be a number");
        }
        return toDouble(v, path(where, key));
    }

    private static Double optionalNumber(JsonNode n, String key, String where, Double absent) {
        JsonNode v = n.get(key);
        return v == null || v.isNull() ? absent : Double.valueOf(toDouble(v, path(where, key)));
    }

    private static Long optionalLong(JsonNode n, String key, String where) {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.canConvertToLong() || !v.isIntegralNumber()) {
            throw new IllegalArgumentException(path(where, key) + " must be a whole number, got " + v);
        }
        return v.asLong();
    }

    private static double toDouble(JsonNode v, String path) {
        if (v.isNumber()) {
            return v.asDouble();
        }
        if (v.isTextual()) {
            switch (v.asText()) {
                case "NaN":
                    return Double.NaN;
                case "Infinity":
                    return Double.POSITIVE_INFINITY;
                case "-Infinity":
                    return Double.NEGATIVE_INFINITY;
                default:
                    break;
            }
        }
        throw new IllegalArgumentException(path + " must be a number, got " + v);
    }

    private static String path(String where, String key) {
        return where.isEmpty() ? key : where + "." + key;
    }
}
