package org.vmse.job.nightly.report;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Text into HTML: escaping, numbers as the report prints them, and the one style sheet of every page. */
final class Html {

    /** Shown where a study does not measure a value (a deterministic run has no standard error). */
    static final String NONE = "\u2014";

    /** Inline, so that a page opens offline and from any file system copy. */
    static final String STYLE = """
            body { font-family: sans-serif; margin: 1.5em auto; max-width: 1000px; color: #222; line-height: 1.4; }
            h1 { font-size: 1.6em; margin-bottom: 0.3em; }
            h2 { border-bottom: 1px solid #ccc; padding-bottom: 0.2em; margin-top: 1.6em; }
            nav { margin-bottom: 1em; }
            table { border-collapse: collapse; margin: 0.6em 0; }
            th, td { border: 1px solid #ccc; padding: 0.25em 0.6em; text-align: right; }
            th { background: #f0f0f0; }
            td.text, th.text { text-align: left; }
            img { max-width: 100%; height: auto; display: block; margin: 0.6em 0; }
            .regressions { border: 3px solid #c00; background: #fde8e8; padding: 0.6em 1em; }
            .regressions h2 { color: #c00; border: none; margin: 0.2em 0; }
            .ok { border: 2px solid #2a2; background: #e8f6e8; padding: 0.5em 1em; color: #161; font-weight: bold; }
            tr.flagged td { background: #fde8e8; }
            .status-ok { color: #161; }
            .status-regressions, .status-unreadable { color: #c00; font-weight: bold; }
            .status-incomplete { color: #777; }
            .small { color: #555; font-size: 0.9em; }
            """;

    private Html() {
    }

    /** {@code text} safe inside an element or a quoted attribute; {@code null} as the empty string. */
    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /**
     * A name as one segment of a relative URL: letters, digits and {@code - _ .} stay, every other byte of its
     * UTF-8 is percent-encoded (so a study named "a/b" stays one segment, and "?" or "#" do not end the path).
     */
    static String pathSegment(String name) {
        StringBuilder b = new StringBuilder();
        for (byte octet : name.getBytes(StandardCharsets.UTF_8)) {
            int c = octet & 0xff;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_'
                    || c == '.' && !name.equals(".") && !name.equals("..")) {
                b.append((char) c);
            } else {
                b.append('%').append(String.format("%02X", c));
            }
        }
        return b.toString();
    }

    /** A value with four significant digits ({@code 1.072e-02}), or a dash for {@code null}. */
    static String sig(Double v) {
        return v == null ? NONE : String.format(Locale.ROOT, "%.4g", v);
    }

    /** A value with two significant digits (a standard error), or a dash for {@code null}. */
    static String sig2(Double v) {
        return v == null ? NONE : String.format(Locale.ROOT, "%.2g", v);
    }

    /** A value with {@code decimals} decimals, or a dash for {@code null}. */
    static String fixed(Double v, int decimals) {
        return v == null ? NONE : String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    /** A whole number, or a dash for {@code null}. */
    static String whole(Long v) {
        return v == null ? NONE : v.toString();
    }
}
