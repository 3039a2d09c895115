package org.vmse.job.nightly;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.vmse.job.nightly.NightJson.Fit;
import org.vmse.job.nightly.NightJson.Point;
import org.vmse.job.nightly.NightJson.Regression;
import org.vmse.job.nightly.NightJson.Series;
import org.vmse.job.nightly.NightJson.Study;
import org.vmse.job.nightly.NightJson.What;
import org.vmse.kernel.analysis.ConvergenceFit;

/**
 * What moved in a night: every figure is held to a band, and one outside it is a regression.
 * <ul>
 *   <li>A Liouville study's rate, fitted over its eps at most {@code liouvilleEpsMax} (where {@code Err} (4.11) is
 *       asymptotic), must lie in {@code liouvilleRate ± liouvilleTolerance} (2 ± 0.25: the paper's Figs. 2b and
 *       4b); checked every night, baseline or not.</li>
 *   <li>An ensemble study's fitted rate must lie within {@code standardErrors} combined standard errors
 *       {@code sqrt(se^2 + se_b^2)} of the baseline's: its band comes from its own history.</li>
 *   <li>An ensemble point's {@code err_l1}, likewise against the baseline's point; a deterministic point's within a
 *       relative {@code deterministicTolerance} of it (it changes only by rounding, unless the code changed).</li>
 *   <li>A study's run time at most {@code wallTimeFactor} times the baseline's (or fewer than
 *       {@code wallTimeMinSeconds} seconds more).</li>
 * </ul>
 * Points, series and studies absent from the baseline are not compared.
 */
final class Regressions {

    private Regressions() {
    }

    static List<Regression> find(List<Study> studies, Optional<NightJson.Night> baseline, RegressionRules rules) {
        List<Regression> found = new ArrayList<>();
        for (Study study : studies) {
            Optional<Study> before = baseline.flatMap(b -> b.studies().stream()
                    .filter(s -> s.name().equals(study.name())).findFirst());
            for (Series series : study.series()) {
                Optional<Series> old = before.flatMap(b -> b.series().stream()
                        .filter(s -> Objects.equals(s.xi(), series.xi())).findFirst());
                if (study.kind() == StudyKind.LIOUVILLE) {
                    liouvilleRate(study, series, rules).ifPresent(found::add);
                } else {
                    old.flatMap(o -> ensembleRate(study, series, o, rules)).ifPresent(found::add);
                }
                old.ifPresent(o -> found.addAll(errors(study, series, o, rules)));
            }
            before.flatMap(b -> wallTime(study, b, rules)).ifPresent(found::add);
        }
        return found;
    }

    private static Optional<Regression> liouvilleRate(Study study, Series series, RegressionRules rules) {
        List<Point> asymptotic = series.points().stream()
                .filter(p -> p.eps() <= rules.liouvilleEpsMax() * (1 + 1e-12)).toList();
        if (asymptotic.size() < 2) {
            return Optional.empty(); // no eps where the rate is asymptotic: nothing to hold it to
        }
        double[] eps = asymptotic.stream().mapToDouble(Point::eps).toArray();
        double[] err = asymptotic.stream().mapToDouble(Point::errL1).toArray();
        double lo = asymptotic.stream().mapToDouble(Point::eps).min().orElseThrow();
        double rate;
        try {
            rate = ConvergenceFit.fit(eps, err, lo, rules.liouvilleEpsMax()).rate();
        } catch (IllegalArgumentException e) { // a zero or negative error: no rate at all
            rate = Double.NaN;
        }
        String band = show(rules.liouvilleRate()) + " ± " + show(rules.liouvilleTolerance());
        if (Math.abs(rate - rules.liouvilleRate()) <= rules.liouvilleTolerance()) {
            return Optional.empty();
        }
        return Optional.of(new Regression(study.name(), series.xi(), What.RATE, null, rate, band,
                study.name() + ": the rate of Err over eps <= " + show(rules.liouvilleEpsMax()) + " is "
                        + String.format(Locale.ROOT, "%.3f", rate) + ", outside " + band));
    }

    private static Optional<Regression> ensembleRate(Study study, Series series, Series old, RegressionRules rules) {
        Fit now = series.fit();
        Fit then = old.fit();
        if (now == null || then == null || now.rateSe() == null || then.rateSe() == null) {
            return Optional.empty(); // no rate, or one without a standard error: no band to hold it to
        }
        double width = rules.standardErrors() * Math.hypot(now.rateSe(), then.rateSe());
        if (Math.abs(now.rate() - then.rate()) <= width) {
            return Optional.empty();
        }
        String band = String.format(Locale.ROOT, "%.3f ± %.3f", then.rate(), width);
        return Optional.of(new Regression(study.name(), series.xi(), What.RATE, null, now.rate(), band,
                String.format(Locale.ROOT, "%s, xi = %s: the fitted rate %.3f ± %.3f lies outside %s (the baseline's"
                        + " ± %s combined standard errors)", study.name(), series.xi(), now.rate(), now.rateSe(), band,
                        show(rules.standardErrors()))));
    }

    private static List<Regression> errors(Study study, Series series, Series old, RegressionRules rules) {
        List<Regression> found = new ArrayList<>();
        for (Point p : series.points()) {
            Optional<Point> match = old.points().stream().filter(o -> o.epsText().equals(p.epsText())).findFirst();
            if (match.isEmpty()) {
                continue;
            }
            Point o = match.get();
            double width;
            String band;
            if (p.errL1Se() != null && o.errL1Se() != null) {
                width = rules.standardErrors() * Math.hypot(p.errL1Se(), o.errL1Se());
                band = String.format(Locale.ROOT, "%.6g ± %.3g (%s combined standard errors)", o.errL1(), width,
                        show(rules.standardErrors()));
            } else {
                width = rules.deterministicTolerance() * Math.abs(o.errL1());
                band = String.format(Locale.ROOT, "%.9g ± %.3g (relative %s)", o.errL1(), width,
                        show(rules.deterministicTolerance()));
            }
            if (!(Math.abs(p.errL1() - o.errL1()) <= width)) {
                found.add(new Regression(study.name(), series.xi(), What.ERR_L1, p.epsText(), p.errL1(), band,
                        String.format(Locale.ROOT, "%s%s, eps = %s: err_l1 = %.9g, outside %s", study.name(),
                                series.xi() == null ? "" : ", xi = " + series.xi(), p.epsText(), p.errL1(), band)));
            }
        }
        return found;
    }

    private static Optional<Regression> wallTime(Study study, Study old, RegressionRules rules) {
        double limit = Math.max(rules.wallTimeFactor() * old.wallSeconds(),
                old.wallSeconds() + rules.wallTimeMinSeconds());
        if (study.wallSeconds() <= limit) {
            return Optional.empty();
        }
        String band = String.format(Locale.ROOT, "<= %.1f s", limit);
        return Optional.of(new Regression(study.name(), null, What.WALL_SECONDS, null, study.wallSeconds(), band,
                String.format(Locale.ROOT, "%s took %.1f s, %.0f %% more than the baseline's %.1f s", study.name(),
                        study.wallSeconds(), 100 * (study.wallSeconds() / old.wallSeconds() - 1), old.wallSeconds())));
    }

    /** A band's number as written in a configuration: whole numbers without a fraction. */
    private static String show(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
