package org.vmse.job.output;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Columns of equal length written as CSV with a header; numbers as {@link Double#toString} (shortest exact round trip). */
public final class CsvTable {

    private final Map<String, double[]> columns = new LinkedHashMap<>();

    /** Adds a column (copied). */
    public CsvTable column(String name, double[] values) {
        if (!columns.isEmpty()) {
            int n = columns.values().iterator().next().length;
            if (values.length != n) {
                throw new IllegalArgumentException("column " + name + " has " + values.length + " rows, expected " + n);
            }
        }
        columns.put(name, values.clone());
        return this;
    }

    public void write(Path file) {
        try (BufferedWriter w = Files.newBufferedWriter(file)) {
            w.write(String.join(",", columns.keySet()));
            w.newLine();
            int n = columns.isEmpty() ? 0 : columns.values().iterator().next().length;
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < n; i++) {
                line.setLength(0);
                for (double[] col : columns.values()) {
                    if (line.length() > 0) {
                        line.append(',');
                    }
                    line.append(Double.toString(col[i]));
                }
                w.write(line.toString());
                w.newLine();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
