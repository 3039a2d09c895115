package org.vmse.job.nightly.report;

import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One finished night as its {@code night.json} describes it: the studies that ran, their points and rates, the
 * regressions the runner found, and where the numbers came from. Measurements that a study does not make (a
 * standard error of a deterministic run, say) are {@code null}; a measurement that broke down is NaN.
 *
 * @param provenance ordered as in the file (code version, Java, FFT backend, host, ...)
 * @param baseline the accepted night the runner compared against, or {@code null}
 * @param accepted whether this night was made a baseline
 */
public record Night(LocalDate date, String started, String finished, double wallSeconds, String conf,
                    Map<String, String> provenance, LocalDate baseline, List<Study> studies,
                    List<Regression> regressions, boolean accepted) {

    public Night {
        if (date == null) {
            throw new IllegalArgumentException("night.json: date is missing; write it as yyyy-MM-dd");
        }
        provenance = Collections.unmodifiableMap(new LinkedHashMap<>(provenance));
        studies = List.copyOf(studies);
        regressions = List.copyOf(regressions);
        if (studies.stream().map(Study::name).distinct().count() != studies.size()) {
            throw new IllegalArgumentException("night.json of " + date + ": two studies share a name in "
                    + studies.stream().map(Study::name).toList() + "; study names must be unique within a night");
        }
    }

    /** What a study compares: a deterministic run against the Liouville limit, or an ensemble against the RTE. */
    public enum Kind {
        LIOUVILLE("liouville"), RTE("rte");

        private final String key;

        Kind(String key) {
            this.key = key;
        }

        static Kind of(String key) {
            for (Kind k : values()) {
                if (k.key.equals(key)) {
                    return k;
                }
            }
            throw new IllegalArgumentException("kind must be liouville or rte, got '" + key + "'");
        }
    }

    /** What moved in a regression: a rate left its band, an error left its baseline, or a study slowed down. */
    public enum Measure {
        RATE("rate", "rate"), ERR_L1("err_l1", "err_l1"), WALL_SECONDS("wall_seconds", "run time");

        private final String key;
        private final String label;

        Measure(String key, String label) {
            this.key = key;
            this.label = label;
        }

        /** How the report names it. */
        public String label() {
            return label;
        }

        static Measure of(String key) {
            for (Measure m : values()) {
                if (m.key.equals(key)) {
                    return m;
                }
            }
            throw new IllegalArgumentException("what must be rate, err_l1 or wall_seconds, got '" + key + "'");
        }
    }

    /**
     * One study of the night.
     *
     * @param expectedRate the paper's rate of {@code Err(eps)} (2 for the Liouville limit, 1 for the RTE), or
     *                     {@code null} where the paper states none
     * @param rateBand     the half width of the fixed band around {@code expectedRate}, or {@code null} for none
     */
    public record Study(String name, String title, Kind kind, Double expectedRate, Double rateBand, double wallSeconds,
                        List<Series> series) {

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
     * The points of one study for one random medium ({@code xi}, {@code null} for a deterministic study).
     *
     * @param fit the weighted least-squares rate, or {@code null} where too few points fit
     */
    public record Series(String xi, List<Point> points, Fit fit, List<LocalRate> localRates) {

        public Series {
            points = List.copyOf(points);
            localRates = List.copyOf(localRates);
        }
    }

    /**
     * {@code Err(eps)} at one {@code eps}, with what it cost.
     *
     * @param errL1Se the standard error of an ensemble's {@code err_l1}, {@code null} for a deterministic run
     * @param noiseFloor the error a perfect solver would show from the sampling alone, {@code null} if none
     * @param samples realizations, {@code null} for a deterministic run
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

    /** A fitted rate {@code Err ~ C eps^rate} over {@code [epsMin, epsMax]}; {@code rateSe} NaN where unknown. */
    public record Fit(double rate, double rateSe, double epsMin, double epsMax) {
    }

    /** The rate between two neighbouring {@code eps}, {@code log(Err(from)/Err(to)) / log(from/to)}. */
    public record LocalRate(String from, String to, double rate) {
    }

    /**
     * A value the runner flagged.
     *
     * @param xi the random medium of the series, {@code null} for a deterministic study or a whole-study measure
     * @param epsText the point, {@code null} for a rate or a run time
     * @param expected what was expected, as text ("2 ± 0.25")
     */
    public record Regression(String study, String xi, Measure what, String epsText, double value, String expected,
                             String message) {

        public Regression {
            if (study == null || what == null) {
                throw new IllegalArgumentException("regression needs a study and a 'what', got study = " + study
                        + ", what = " + what);
            }
        }
    }
}
