package org.vmse.job.nightly.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import org.vmse.job.nightly.NightJson.Night;

/**
 * The page across nights, {@code report/index.html} under the root: one row per night, newest first (its status,
 * whether it was accepted, links to its page and files), then the history of every study's rate and run time.
 */
final class IndexPage {

    private IndexPage() {
    }

    /**
     * @param exists whether a file exists, by its path relative to the root; only existing files are linked
     */
    static ReportPage of(NightHistory history, Predicate<String> exists) {
        Map<String, byte[]> images = new LinkedHashMap<>();
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<title>vmse nightly convergence studies</title>\n<style>\n").append(Html.STYLE)
                .append("</style>\n</head>\n<body>\n<h1>vmse nightly convergence studies</h1>\n");
        h.append("<p class=\"small\">Current baseline: ")
                .append(history.baseline() == null ? "none accepted yet" : history.baseline().toString())
                .append(".</p>\n");
        h.append("<table>\n<tr><th class=\"text\">night</th><th class=\"text\">configuration</th>"
                + "<th class=\"text\">status</th><th class=\"text\">accepted</th><th>studies</th><th>wall s</th>"
                + "<th class=\"text\">files</th></tr>\n");
        List<NightHistory.Entry> newestFirst = new ArrayList<>(history.entries());
        Collections.reverse(newestFirst);
        for (NightHistory.Entry e : newestFirst) {
            row(h, e, history, exists);
        }
        h.append("</table>\n");
        HistorySection.append(h, images, history);
        h.append("</body>\n</html>\n");
        return new ReportPage(h.toString(), images);
    }

    private static void row(StringBuilder h, NightHistory.Entry e, NightHistory history, Predicate<String> exists) {
        String dir = "nights/" + e.date() + "/";
        String page = dir + "report/index.html";
        Night night = e.night();
        h.append("<tr><td class=\"text\">");
        if (exists.test(page)) {
            h.append("<a href=\"../").append(page).append("\">").append(e.date()).append("</a>");
        } else {
            h.append(e.date());
        }
        h.append("</td><td class=\"text\">").append(night == null ? Html.NONE : Html.escape(night.conf()))
                .append("</td><td class=\"text status-").append(e.status().name().toLowerCase(Locale.ROOT))
                .append("\">").append(status(e)).append("</td><td class=\"text\">");
        if (night == null) {
            h.append(Html.NONE);
        } else if (night.date().equals(history.baseline())) {
            h.append("yes (current baseline)");
        } else {
            h.append(history.isAccepted(night) ? "yes" : "no");
        }
        h.append("</td><td>").append(night == null ? Html.NONE : String.valueOf(night.studies().size()))
                .append("</td><td>").append(night == null ? Html.NONE : Html.fixed(night.wallSeconds(), 1))
                .append("</td><td class=\"text\">");
        List<String> links = new ArrayList<>();
        if (exists.test(page)) {
            links.add("<a href=\"../" + page + "\">report</a>");
        }
        for (String file : List.of("night.json", "regressions.json")) {
            if (exists.test(dir + file)) {
                links.add("<a href=\"../" + dir + file + "\">" + file + "</a>");
            }
        }
        h.append(links.isEmpty() ? Html.NONE : String.join(" \u00b7 ", links)).append("</td></tr>\n");
    }

    private static String status(NightHistory.Entry e) {
        return switch (e.status()) {
            case OK -> "ok";
            case REGRESSIONS -> {
                int n = e.night().regressions().size();
                yield n + (n == 1 ? " regression" : " regressions");
            }
            case INCOMPLETE -> "incomplete (no night.json)";
            case UNREADABLE -> "unreadable: " + Html.escape(e.problem());
        };
    }
}
