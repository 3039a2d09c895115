package org.vmse.job.nightly.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An HTML page and the PNG files it shows, each named relative to the page's folder.
 *
 * @param images file name to PNG bytes, in the order the page shows them
 */
record ReportPage(String html, Map<String, byte[]> images) {

    ReportPage {
        if (html == null || html.isEmpty()) {
            throw new IllegalArgumentException("a report page needs its HTML");
        }
        images = Collections.unmodifiableMap(new LinkedHashMap<>(images));
    }
}
