package org.vmse.job.nightly;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code night.json}, the record of one night: the nightly runner writes it and the report is drawn from it. The
 * night, its studies, their series of points with fits, and the regressions found. Field names are written in
 * snake case ({@code errL1Se} as {@code err_l1_se}); a figure that a kind of study does not have (the standard error
 * of a deterministic point) is {@code null}; a measurement that broke down is NaN (written as the string
 * {@code "NaN"}, as are the infinities).
 *
 * <p>Reading accepts what earlier runners wrote and what people write by hand: a missing list or map is empty, a
 * missing {@code accepted} is {@code false}, unknown keys are ignored; a missing number that every record has is an
 * error. Every problem is reported with the path of its key ({@code studies[1].series[0].points[3].eps}).
 */
public final class NightJson {

    private static final ObjectMapper MAPPER = mapper();

    private NightJson() {
    }

    /**
     * One night.
     *
     * @param date        the night, which names its folder
     * @param started     ISO instant the night (its first invocation) started
     * @param finished    ISO instant it ended
     * @param wallSeconds seconds from started to finished
     * @param conf        the nightly configuration's name
     * @param provenance  code version, backend and machine, in the order written
     * @param baseline    the accepted night compared against, or {@code null}
     * @param studies     in the configuration's order, names unique
     * @param regressions what moved beyond its band, empty for a quiet night
     * @param accepted    whether the night is (or was made) the baseline
     */
    public record Night(LocalDate date, String started, String finished, double wallSeconds, String conf,
                        Map<String, Object> provenance, LocalDate baseline, List<Study> studies,
                        List<Regression> regressions, boolean accepted) {

        public Night {
            if (date == null) {
                throw new IllegalArgumentException("date is missing; write it as yyyy-MM-dd");
            }
            provenance = Collections.unmodifiableMap(new LinkedHashMap<>(provenance));
            studies = List.copyOf(studies);
            regressions = List.copyOf(regressions);
            if (studies.stream().map(Study::name).distinct().count() != studies.size()) {
                throw new IllegalArgumentException("night.json of " + date + ": two studies share a name in "
                        + studies.stream().map(Study::name).toList() + "; study names must be unique within a night");
            }
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
     * @param expectedRate the paper's rate of {@code Err(eps)} (2 for the Liouville limit, 1 for the RTE), or
     *                     {@code null} where the paper states none
     * @param rateBand     the half width of the fixed band the fitted rate must lie in around {@code expectedRate}
     *                     ({@code null} where the band comes from the study's own history instead)
     * @param wallSeconds  the study's run time in this night's invocations
     */
    public record Study(String name, String title, StudyKind kind, Double expectedRate, Double rateBand,
                        double wallSeconds, List<Series> series) {

        public Study {
            if (name == null || name.isEmpty()) {
                throw new IllegalArgumentException("study name is missing; every study needs a unique name");
            }
            if (kind == null) {
                throw new IllegalArgumentException("study " + name + ": kind is missing; write liouville or rte");
            }
            if (expectedRate != null && !(expectedRate > 0 && expectedRate < Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException("study " + name + ": expected_rate must be positive and finite, or"
                        + " null, got " + expectedRate);
            }
            if (rateBand != null && !(rateBand > 0 && rateBand < Double.POSITIVE_INFINITY && expectedRate != null)) {
                throw new IllegalArgumentException("study " + name + ": rate_band must be positive and finite, beside"
                        + " an expected_rate, got " + rateBand);
            }
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
     * {@code Err(eps)} at one eps of a series, with what it cost; the ensemble-only figures are {@code null} for a
     * deterministic study.
     *
     * @param errL1Se     the standard error of an ensemble's {@code err_l1}
     * @param noiseFloor  the error a perfect solver would show from the sampling alone
     * @param samples     realizations
     * @param substeps    RK4IP substeps taken to keep the step stable (0 with Crank-Nicolson)
     * @param nKl         KL terms kept, {@code null} without a KL basis
     * @param wallSeconds the point's run time, {@code null} where unknown
     */
    public record Point(double eps, String epsText, double errL1, Double errL1Se, Double noiseFloor, Long samples,
                        Double secondsPerRealization, Double krylovItersMean, Long substeps, Long nKl,
                        Double wallSeconds) {

        public Point {
            if (!(eps > 0 && eps < Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException("point eps must be positive and finite, got " + eps);
            }
            if (epsText == null || epsText.isEmpty()) {
                throw new IllegalArgumentException("point at eps = " + eps + ": eps_text is missing; write e.g. 2^-8");
            }
        }
    }

    /**
     * A least-squares rate {@code Err ~ C eps^rate} of {@code log err} against {@code log eps} over
     * {@code [epsMin, epsMax]}.
     *
     * @param rateSe its standard error, {@code null} where it has none (a line through two points): a non-finite
     *               one is none
     */
    public record Fit(double rate, Double rateSe, double epsMin, double epsMax) {

        public Fit {
            rateSe = rateSe != null && Double.isFinite(rateSe) ? rateSe : null;
        }
    }

    /** The rate between two neighbouring eps, {@code log(Err(from)/Err(to)) / log(from/to)}. */
    public record LocalRate(String from, String to, double rate) {
    }

    /** What a regression is about: a rate left its band, an error left its baseline, or a study slowed down. */
    public enum What {
        RATE("rate", "rate"), ERR_L1("err_l1", "err_l1"), WALL_SECONDS("wall_seconds", "run time");

        private final String key;
        private final String label;

        What(String key, String label) {
            this.key = key;
            this.label = label;
        }

        @JsonValue
        public String key() {
            return key;
        }

        /** How the report names it. */
        public String label() {
            return label;
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

        public Regression {
            if (study == null || what == null) {
                throw new IllegalArgumentException("regression needs a study and a 'what', got study = " + study
                        + ", what = " + what);
            }
        }
    }

    /** The accepted night, {@code ROOT/baseline}. */
    public record Baseline(String date) {
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

    /**
     * Parses {@code json} as a {@code type} ({@link Night} for a {@code night.json}).
     *
     * @param origin names the file in the message of a bad one
     * @throws IllegalStateException naming the file, the path of the offending key (or of the record whose own check
     *                               failed), its value and what it must be
     */
    public static <T> T read(byte[] json, Class<T> type, String origin) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonMappingException e) {
            String path = path(e);
            throw new IllegalStateException(origin + ": " + (path.isEmpty() ? "" : path + ": ") + why(e), e);
        } catch (IOException e) {
            throw new IllegalStateException(origin + " is not JSON: "
                    + (e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()), e);
        }
    }

    /** The path of the key {@code e} is about, {@code studies[1].series[0].points[3].eps}; empty at the top. */
    private static String path(JsonMappingException e) {
        StringBuilder b = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                b.append(b.isEmpty() ? "" : ".").append(r.getFieldName());
            } else {
                b.append('[').append(r.getIndex()).append(']');
            }
        }
        return b.toString();
    }

    /** What is wrong at the end of {@code e}'s path, in the words of night.json rather than of Java types. */
    private static String why(JsonMappingException e) {
        if (e instanceof InvalidNullException) {
            return "missing; it must be a number";
        }
        if (e instanceof ValueInstantiationException) {
            return e.getCause().getMessage(); // a record's own check
        }
        if (e instanceof InvalidFormatException f && form(f.getTargetType()) != null) {
            return "must be " + form(f.getTargetType()) + ", got '" + f.getValue() + "'";
        }
        return e.getOriginalMessage();
    }

    /** What a value of {@code type} must be in night.json; {@code null} where Jackson's own words will do. */
    private static String form(Class<?> type) {
        if (type.isEnum()) {
            return "one of " + Stream.of(type.getEnumConstants()).map(c -> MAPPER.convertValue(c, String.class))
                    .toList();
        }
        if (type == LocalDate.class) {
            return "a date yyyy-MM-dd";
        }
        if (type == Long.class) {
            return "a whole number";
        }
        return type == double.class || type == Double.class ? "a number" : null;
    }

    private static ObjectMapper mapper() {
        ObjectMapper m = new ObjectMapper()
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .enable(SerializationFeature.INDENT_OUTPUT)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT) // samples: 2.5 is no count
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS) // kind: 1 is no kind
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS); // a date as yyyy-MM-dd
        m.configOverride(double.class).setSetterInfo(JsonSetter.Value.forValueNulls(Nulls.FAIL));
        m.configOverride(List.class).setSetterInfo(JsonSetter.Value.forValueNulls(Nulls.AS_EMPTY));
        m.configOverride(Map.class).setSetterInfo(JsonSetter.Value.forValueNulls(Nulls.AS_EMPTY));
        return m;
    }
}
