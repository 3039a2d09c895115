package org.vmse.job.nightly;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code night.json}, the record of one night that the report is drawn from: the night, its studies, their series
 * of points with fits, and the regressions found. Field names are written in snake case ({@code errL1Se} as
 * {@code err_l1_se}); a figure that a kind of study does not have (the standard error of a deterministic point) is
 * {@code null}.
 */
public final class NightJson {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private NightJson() {
    }

    /**
     * One night.
     *
     * @param date        {@code yyyy-MM-dd}, the night's folder
     * @param started     ISO instant the night (its first invocation) started
     * @param finished    ISO instant it ended
     * @param wallSeconds seconds from started to finished
     * @param conf        the nightly configuration's name
     * @param provenance  code version, backend and machine
     * @param baseline    the accepted night compared against, or {@code null}
     * @param studies     in the configuration's order
     * @param regressions what moved beyond its band, empty for a quiet night
     * @param accepted    whether the night is (or was made) the baseline
     */
    public record Night(String date, String started, String finished, double wallSeconds, String conf,
                        Map<String, Object> provenance, String baseline, List<Study> studies,
                        List<Regression> regressions, boolean accepted) {

        public Night {
            Objects.requireNonNull(date, "night date");
            studies = List.copyOf(studies);
            regressions = List.copyOf(regressions);
        }

        /** The same night, accepted as the baseline. */
        public Night asAccepted() {
            return new Night(date, started, finished, wallSeconds, conf, provenance, baseline, studies, regressions,
                    true);
        }
    }

    /**
     * One study of a night.
     *
     * @param expectedRate the paper's rate ({@code null} where it states none)
     * @param rateBand     the half width of the band the fitted rate must lie in around {@code expectedRate}
     *                     ({@code null} where the band comes from the study's own history instead)
     * @param wallSeconds  the study's run time in this night's invocations
     */
    public record Study(String name, String title, StudyKind kind, Double expectedRate, Double rateBand,
                        double wallSeconds,
                        List<Series> series) {

        public Study {
            series = List.copyOf(series);
        }
    }

    /**
     * The points of one distribution of the KL coefficients ({@code xi}, {@code null} for a deterministic study).
     *
     * @param fit the study's fitted rate, {@code null} where too few points lie above the noise floor
     */
    public record Series(String xi, List<Point> points, Fit fit, List<LocalRate> localRates) {

        public Series {
            points = List.copyOf(points);
            localRates = List.copyOf(localRates);
        }
    }

    /**
     * One eps of a series; the ensemble-only figures are {@code null} for a deterministic study.
     *
     * @param substeps RK4IP substeps taken to keep the step stable (0 with Crank-Nicolson)
     * @param nKl      KL terms kept, {@code null} without a KL basis
     */
    public record Point(double eps, String epsText, double errL1, Double errL1Se, Double noiseFloor, Long samples,
                        Double secondsPerRealization, Double krylovItersMean, Long substeps, Long nKl,
                        double wallSeconds) {
    }

    /**
     * A least-squares rate of {@code log err} against {@code log eps} over {@code [epsMin, epsMax]}.
     *
     * @param rateSe its standard error, {@code null} where it has none (a line through two points)
     */
    public record Fit(double rate, Double rateSe, double epsMin, double epsMax) {
    }

    /** The rate between neighbouring eps. */
    public record LocalRate(String from, String to, double rate) {
    }

    /** What a regression is about. */
    public enum What {
        RATE("rate"), ERR_L1("err_l1"), WALL_SECONDS("wall_seconds");

        private final String key;

        What(String key) {
            this.key = key;
        }

        @JsonValue
        public String key() {
            return key;
        }
    }

    /**
     * A figure outside its band.
     *
     * @param xi       the series, {@code null} for a deterministic study or a study's run time
     * @param epsText  the point, {@code null} for a rate or a run time
     * @param expected the band, e.g. {@code 2 ± 0.25}
     */
    public record Regression(String study, String xi, What what, String epsText, double value, String expected,
                             String message) {
    }

    /** The JSON text of {@code value} (a night, or a list of regressions). */
    static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON: "
                    + e.getMessage(), e);
        }
    }

    /** The accepted night, {@code ROOT/baseline}. */
    public record Baseline(String date) {
    }

    /** Parses {@code json} as a {@code type}; {@code origin} names the file in the message of a bad one. */
    static <T> T read(byte[] json, Class<T> type, String origin) {
        try {
            return MAPPER.readValue(json, type);
        } catch (IOException e) {
            throw new IllegalStateException(origin + " is not a " + type.getSimpleName().toLowerCase() + " record: "
                    + e.getMessage(), e);
        }
    }
}
