package org.vmse.job.config;

/**
 * The checks the configuration records share. Every message names the key, the value and the rule; guards are in
 * positive form so that NaN fails.
 */
final class Require {

    private Require() {
    }

    /** {@code v > 0} and finite. */
    static void positive(String key, double v) {
        if (!(v > 0 && v < Double.POSITIVE_INFINITY)) {
            throw new ConfigurationException(key + " = " + show(v) + " must be positive and finite");
        }
    }

    /** {@code v} is one of {@code allowed}. */
    static void oneOf(String key, String v, String... allowed) {
        for (String a : allowed) {
            if (a.equals(v)) {
                return;
            }
        }
        throw new ConfigurationException(key + " = " + v + " is not one of " + String.join(", ", allowed));
    }

    /** A number as a user would write it: whole numbers without {@code .0}. */
    static String show(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
