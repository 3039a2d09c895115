package org.vmse.job.nightly.report;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.vmse.job.nightly.NightJson.Night;

/**
 * The part of a page that looks back over the nights: each study's fitted rate across nights with its error band,
 * and the run time of each study; accepted nights are ringed in both. The night's page and the index show it.
 */
final class HistorySection {

    private HistorySection() {
    }

    /** Appends the section to {@code html} and its plots to {@code images}. */
    static void append(StringBuilder html, Map<String, byte[]> images, NightHistory history) {
        List<Night> nights = history.finished();
        html.append("<h2 id=\"history\">History</h2>\n");
        if (nights.isEmpty()) {
            html.append("<p>No finished night yet.</p>\n");
            return;
        }
        List<Boolean> accepted = nights.stream().map(history::isAccepted).toList();
        html.append("<p class=\"small\">").append(nights.size()).append(nights.size() == 1 ? " night" : " nights")
                .append(" from ").append(nights.get(0).date()).append(" to ").append(nights.get(nights.size() - 1)
                        .date()).append("; accepted (baseline) nights are marked with a black diamond.</p>\n");
        html.append("<h3>Fitted rates</h3>\n");
        List<String> names = studyNames(nights);
        for (int i = 0; i < names.size(); i++) {
            String file = "history-rate-" + (i + 1) + ".png";
            images.put(file, ReportCharts.png(ReportCharts.rateHistory(names.get(i), nights, accepted)));
            image(html, file, "fitted rate of " + names.get(i) + " across nights");
        }
        html.append("<h3>Run time</h3>\n");
        String file = "history-run-time.png";
        images.put(file, ReportCharts.png(ReportCharts.runTimeHistory(nights, accepted)));
        image(html, file, "run time per study across nights");
    }

    /** An image tag; {@code file} is a name this package made, {@code alt} is escaped. */
    static void image(StringBuilder html, String file, String alt) {
        html.append("<img src=\"").append(file).append("\" alt=\"").append(Html.escape(alt)).append("\">\n");
    }

    /** The studies of all nights, those of the latest night first, in its order. */
    private static List<String> studyNames(List<Night> nights) {
        Set<String> names = new LinkedHashSet<>();
        for (int i = nights.size() - 1; i >= 0; i--) {
            nights.get(i).studies().forEach(s -> names.add(s.name()));
        }
        return new ArrayList<>(names);
    }
}
