package org.vmse.job.nightly.report;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import org.vmse.job.nightly.NightJson.Fit;
import org.vmse.job.nightly.NightJson.LocalRate;
import org.vmse.job.nightly.NightJson.Night;
import org.vmse.job.nightly.NightJson.Point;
import org.vmse.job.nightly.NightJson.Regression;
import org.vmse.job.nightly.NightJson.Series;
import org.vmse.job.nightly.NightJson.Study;
import org.vmse.job.nightly.StudyKind;

/**
 * The page of one night, {@code nights/DATE/report/index.html}: its regressions first (a red box listing each, or
 * a green line), where the numbers came from, then each study's {@code Err(eps)} plot against the expected rate,
 * its points, fitted and local rates, and at the end the history up to that night.
 */
final class NightPage {

    /** From the page's folder {@code nights/DATE/report/} up to the root. */
    private static final String TO_ROOT = "../../../";

    private NightPage() {
    }

    /**
     * @param history the nights up to and including {@code night}
     * @param exists whether a file exists, by its path relative to the root ({@code nights/DATE/night.json}); only
     *               existing files are linked
     */
    static ReportPage of(Night night, NightHistory history, Predicate<String> exists) {
        Map<String, byte[]> images = new LinkedHashMap<>();
        StringBuilder h = new StringBuilder();
        String date = night.date().toString();
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>vmse night ")
                .append(date).append("</title>\n<style>\n").append(Html.STYLE).append("</style>\n</head>\n<body>\n");
        h.append("<nav><a href=\"").append(TO_ROOT).append("report/index.html\">all nights</a>");
        String nightDir = "nights/" + date + "/";
        for (String file : List.of("night.json", "regressions.json")) {
            if (exists.test(nightDir + file)) {
                h.append(" \u00b7 <a href=\"../").append(file).append("\">").append(file).append("</a>");
            }
        }
        h.append("</nav>\n");
        h.append("<h1>Night ").append(date).append(night.conf() == null ? "" : " \u2014 " + Html.escape(night.conf()))
                .append("</h1>\n");
        regressions(h, night);
        provenance(h, night, history);
        Night baseline = night.baseline() == null ? null : history.night(night.baseline()).orElse(null);
        h.append("<h2>Studies</h2>\n<ul>\n");
        for (int i = 0; i < night.studies().size(); i++) {
            Study s = night.studies().get(i);
            h.append("<li><a href=\"#").append(anchor(i)).append("\">").append(Html.escape(s.name())).append("</a>: ")
                    .append(Html.escape(s.title())).append("</li>\n");
        }
        h.append("</ul>\n");
        for (int i = 0; i < night.studies().size(); i++) {
            study(h, images, night, i, baseline, exists);
        }
        HistorySection.append(h, images, history);
        h.append("</body>\n</html>\n");
        return new ReportPage(h.toString(), images);
    }

    /** The anchor of the {@code i}-th study (names may hold any character; anchors must not). */
    static String anchor(int i) {
        return "study-" + (i + 1);
    }

    private static void regressions(StringBuilder h, Night night) {
        if (night.regressions().isEmpty()) {
            h.append("<p class=\"ok\" id=\"no-regressions\">No regressions")
                    .append(night.baseline() == null ? "" : " (compared with the accepted night " + night.baseline()
                            + ")").append(".</p>\n");
            return;
        }
        int n = night.regressions().size();
        h.append("<div class=\"regressions\" id=\"regressions\">\n<h2>").append(n)
                .append(n == 1 ? " regression" : " regressions").append("</h2>\n<ul>\n");
        for (Regression r : night.regressions()) {
            h.append("<li>");
            int i = studyIndex(night, r.study());
            String where = Html.escape(r.study()) + (r.xi() == null ? "" : ", xi = " + Html.escape(r.xi()));
            if (i >= 0) {
                h.append("<a href=\"#").append(anchor(i)).append("\">").append(where).append("</a>");
            } else {
                h.append(where);
            }
            h.append(": <b>").append(r.what().label()).append("</b>");
            if (r.epsText() != null) {
                h.append(" at eps = ").append(Html.escape(r.epsText()));
            }
            h.append(" is ").append(Html.sig(r.value()));
            if (r.expected() != null) {
                h.append(", expected ").append(Html.escape(r.expected()));
            }
            if (r.message() != null) {
                h.append(" \u2014 ").append(Html.escape(r.message()));
            }
            h.append("</li>\n");
        }
        h.append("</ul>\n</div>\n");
    }

    private static void provenance(StringBuilder h, Night night, NightHistory history) {
        h.append("<h2>Provenance</h2>\n<table>\n");
        row(h, "configuration", night.conf());
        row(h, "started", night.started());
        row(h, "finished", night.finished());
        row(h, "wall time", Html.fixed(night.wallSeconds(), 1) + " s");
        row(h, "compared with", night.baseline() == null ? "no accepted night yet" : "accepted night "
                + night.baseline());
        row(h, "accepted as a baseline", history.isAccepted(night) ? "yes" : "no");
        night.provenance().forEach((k, v) -> row(h, k, Objects.toString(v, "")));
        h.append("</table>\n");
    }

    private static void row(StringBuilder h, String key, String value) {
        h.append("<tr><th class=\"text\">").append(Html.escape(key)).append("</th><td class=\"text\">")
                .append(value == null ? Html.NONE : Html.escape(value)).append("</td></tr>\n");
    }

    private static void study(StringBuilder h, Map<String, byte[]> images, Night night, int i, Night baseline,
                              Predicate<String> exists) {
        Study s = night.studies().get(i);
        h.append("<h2 id=\"").append(anchor(i)).append("\">").append(Html.escape(s.name())).append("</h2>\n");
        h.append("<p>").append(Html.escape(s.title())).append("<br>\n<span class=\"small\">")
                .append(s.kind() == StudyKind.LIOUVILLE ? "deterministic, against the Liouville limit"
                        : "ensemble, against the radiative transfer limit")
                .append(s.expectedRate() == null ? "; the paper states no rate"
                        : "; expected rate " + Html.fixed(s.expectedRate(), 2));
        if (s.rateBand() != null) {
            h.append(" \u00b1 ").append(Html.fixed(s.rateBand(), 2));
        }
        h.append("; run time ").append(Html.fixed(s.wallSeconds(), 1)).append(" s");
        String studyJson = "nights/" + night.date() + "/runs/" + s.name() + "/study.json";
        if (exists.test(studyJson)) {
            h.append("; <a href=\"../runs/").append(Html.pathSegment(s.name())).append("/study.json\">study.json</a>");
        }
        h.append("</span></p>\n");
        String file = anchor(i) + "-err.png";
        images.put(file, ReportCharts.png(ReportCharts.err(s)));
        HistorySection.image(h, file, "Err(eps) of " + s.name());
        Study before = baseline == null ? null : baseline.studies().stream()
                .filter(b -> b.name().equals(s.name())).findFirst().orElse(null);
        Set<String> flagged = flaggedPoints(night, s.name());
        for (Series series : s.series()) {
            points(h, series, before == null ? null : sameXi(before, series.xi()), flagged, night.baseline());
            rates(h, series);
        }
    }

    /** The points of one series; {@code before} is the same series on the baseline night, or {@code null}. */
    private static void points(StringBuilder h, Series series, Series before, Set<String> flagged,
                               LocalDate baselineDate) {
        if (series.xi() != null) {
            h.append("<h3>xi = ").append(Html.escape(series.xi())).append("</h3>\n");
        }
        h.append("<table>\n<tr><th>eps</th><th>err_l1</th><th>\u00b1 se</th><th>noise floor</th><th>samples</th>"
                + "<th>s / realization</th><th>Krylov iterations</th><th>substeps</th><th>N_KL</th>"
                + "<th>wall s</th>");
        if (before != null) {
            h.append("<th>err_l1 on ").append(baselineDate).append("</th>");
        }
        h.append("</tr>\n");
        for (Point p : series.points()) {
            boolean red = flagged.contains(key(series.xi(), p.epsText()));
            h.append(red ? "<tr class=\"flagged\">" : "<tr>");
            cell(h, Html.escape(p.epsText()) + " <span class=\"small\">(" + Html.sig(p.eps()) + ")</span>");
            cell(h, Html.sig(p.errL1()));
            cell(h, Html.sig2(p.errL1Se()));
            cell(h, Html.sig(p.noiseFloor()));
            cell(h, Html.whole(p.samples()));
            cell(h, Html.sig(p.secondsPerRealization()));
            cell(h, Html.fixed(p.krylovItersMean(), 1));
            cell(h, Html.whole(p.substeps()));
            cell(h, Html.whole(p.nKl()));
            cell(h, Html.fixed(p.wallSeconds(), 1));
            if (before != null) {
                Point b = before.points().stream().filter(q -> q.epsText().equals(p.epsText())).findFirst()
                        .orElse(null);
                cell(h, b == null ? Html.NONE : Html.sig(b.errL1())
                        + (b.errL1Se() == null ? "" : " \u00b1 " + Html.sig2(b.errL1Se())));
            }
            h.append("</tr>\n");
        }
        h.append("</table>\n");
    }

    private static void rates(StringBuilder h, Series series) {
        h.append("<p>Fitted rate: ");
        Fit fit = series.fit();
        if (fit == null) {
            h.append("none (too few points)");
        } else {
            h.append("<b>").append(Html.fixed(fit.rate(), 3)).append("</b>");
            if (fit.rateSe() != null) {
                h.append(" \u00b1 ").append(Html.fixed(fit.rateSe(), 3));
            }
            h.append(" over eps in [").append(Html.sig(fit.epsMin())).append(", ").append(Html.sig(fit.epsMax()))
                    .append("]");
        }
        h.append("</p>\n");
        if (!series.localRates().isEmpty()) {
            h.append("<table>\n<tr><th class=\"text\">local rate</th>");
            for (LocalRate r : series.localRates()) {
                h.append("<th>").append(Html.escape(r.from())).append(" \u2192 ").append(Html.escape(r.to()))
                        .append("</th>");
            }
            h.append("</tr>\n<tr><td class=\"text\">rate</td>");
            for (LocalRate r : series.localRates()) {
                cell(h, Html.fixed(r.rate(), 3));
            }
            h.append("</tr>\n</table>\n");
        }
    }

    private static void cell(StringBuilder h, String html) {
        h.append("<td>").append(html).append("</td>");
    }

    private static int studyIndex(Night night, String name) {
        for (int i = 0; i < night.studies().size(); i++) {
            if (night.studies().get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private static Series sameXi(Study study, String xi) {
        return study.series().stream().filter(s -> Objects.equals(s.xi(), xi)).findFirst().orElse(null);
    }

    /** The points of {@code study} with a regression of their own, as {@link #key}s. */
    private static Set<String> flaggedPoints(Night night, String study) {
        Set<String> keys = new HashSet<>();
        for (Regression r : night.regressions()) {
            if (r.study().equals(study) && r.epsText() != null) {
                keys.add(key(r.xi(), r.epsText()));
            }
        }
        return keys;
    }

    private static String key(String xi, String epsText) {
        return xi + "\u0000" + epsText;
    }
}
