package org.vmse.job.nightly.report;

import java.net.URI;
import org.apache.hadoop.conf.Configuration;

/**
 * STUB, so that the nightly runner compiles on its own branch: the report package's real class replaces this file
 * when the branches are merged. It writes nothing.
 */
public final class NightReport {

    private NightReport() {
    }

    /** The real class writes {@code ROOT/nights/DATE/report/index.html} and the index across nights. */
    public static void writeAll(URI root, Configuration conf, String date) {
    }
}
