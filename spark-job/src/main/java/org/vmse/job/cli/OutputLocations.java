package org.vmse.job.cli;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import org.vmse.job.config.ConfigurationException;

/** Output locations as the user writes them: a local path, or a Hadoop file-system URI ({@code scheme://...}). */
final class OutputLocations {

    private OutputLocations() {
    }

    /** {@code text} as a URI: {@code hdfs://nn/x} as it is, a plain path as an absolute {@code file:} URI. */
    static URI uri(String text) {
        if (text.matches("[A-Za-z][A-Za-z0-9+.-]*:.*") && !text.matches("[A-Za-z]:\\\\.*")) {
            try {
                URI uri = new URI(text);
                return "file".equals(uri.getScheme()) ? Path.of(uri).toAbsolutePath().normalize().toUri() : uri;
            } catch (URISyntaxException | IllegalArgumentException e) {
                throw new ConfigurationException("--out " + text + " is not a valid URI: " + e.getMessage(), e);
            }
        }
        try {
            return Path.of(text).toAbsolutePath().normalize().toUri();
        } catch (InvalidPathException e) {
            throw new ConfigurationException("--out " + text + " is not a valid path: " + e.getMessage(), e);
        }
    }
}
