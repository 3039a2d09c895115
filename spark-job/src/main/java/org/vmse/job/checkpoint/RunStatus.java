package org.vmse.job.checkpoint;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a run stands, as its driver last wrote it ({@link StatusFile}): realizations done of the total, the rate
 * of this session, failures, state, times and the driver. A status that says running but whose driver is gone
 * ({@link #isDead}) reads as dead.
 *
 * @param state         what the driver last said
 * @param done          realizations finished (including those resumed from a checkpoint and those that failed)
 * @param total         realizations of the run, {@code >= 1}
 * @param failures      realizations that failed and were excluded
 * @param ratePerSecond realizations per second in this session, 0 while unknown
 * @param started       when this session of the run started
 * @param updated       when the driver last wrote the status
 * @param driver        the driver process
 */
public record RunStatus(State state, long done, long total, long failures, double ratePerSecond, Instant started,
                        Instant updated, DriverProcess driver) {

    /** How often a running driver rewrites its status at least, even when no realization finished. */
    public static final Duration UPDATE_INTERVAL = Duration.ofSeconds(30);
    /** A running status not rewritten for this long is dead: 20 missed updates. */
    public static final Duration STALE_AFTER = UPDATE_INTERVAL.multipliedBy(20);

    /** The state a driver writes. */
    public enum State {
        RUNNING, FINISHED, FAILED, INTERRUPTED;

        /** {@code running}, as printed. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public RunStatus {
        Objects.requireNonNull(state, "status state");
        Objects.requireNonNull(started, "status started");
        Objects.requireNonNull(updated, "status updated");
        Objects.requireNonNull(driver, "status driver");
        if (!(total >= 1 && done >= 0 && done <= total)) {
            throw new IllegalArgumentException("status needs 0 <= done <= total and total >= 1, got done = " + done
                    + ", total = " + total);
        }
        if (!(failures >= 0 && failures <= done)) {
            throw new IllegalArgumentException("status failures must lie in [0, done = " + done + "], got "
                    + failures);
        }
        if (!(ratePerSecond >= 0 && ratePerSecond < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("status rate must be finite and >= 0 (0 while unknown), got "
                    + ratePerSecond);
        }
        if (updated.isBefore(started)) {
            throw new IllegalArgumentException("status updated " + updated + " precedes started " + started);
        }
    }

    /** The time left at the current rate, if running at a known rate. */
    public Optional<Duration> eta() {
        if (state != State.RUNNING || !(ratePerSecond > 0)) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofMillis(Math.round((total - done) / ratePerSecond * 1000)));
    }

    /**
     * Whether the run is said to be running but its driver is gone: the driver's process no longer exists on this
     * host, or the status has not been rewritten for {@link #STALE_AFTER}.
     */
    public boolean isDead(Instant now) {
        return state == State.RUNNING && (driver.isGone() || Duration.between(updated, now).compareTo(STALE_AFTER) > 0);
    }

    /**
     * One line for {@code vmse status}, e.g. {@code running: 1200/10000 realizations (12%), 3.40/s, ETA 43 min, 0
     * failed; driver pid 7 on host h, last update 5 s ago}, or {@code dead (last update ...)}.
     */
    public String describe(Instant now) {
        String progress = done + "/" + total + " realizations (" + (100 * done / total) + "%)";
        Duration age = Duration.between(updated, now);
        String driverLine = "driver " + driver + ", started " + started;
        if (isDead(now)) {
            return "dead (last update " + updated + ", " + approximately(age) + " ago; " + driver
                    + (driver.isGone() ? " is gone" : " stopped writing") + "): " + progress + ", " + failures
                    + " failed; " + driverLine;
        }
        if (state == State.RUNNING) {
            return "running: " + progress + String.format(Locale.ROOT, ", %.2f/s", ratePerSecond)
                    + eta().map(t -> ", ETA " + approximately(t)).orElse("") + ", " + failures + " failed; "
                    + driverLine + ", last update " + approximately(age) + " ago";
        }
        return state.label() + ": " + progress + ", " + failures + " failed; " + driverLine + ", ended " + updated;
    }

    /** {@code 45 s}, {@code 12 min}, {@code 3 h}: whole units, enough for a status line. */
    private static String approximately(Duration d) {
        long s = Math.max(0, d.toSeconds());
        return s < 120 ? s + " s" : s < 120 * 60 ? s / 60 + " min" : s / 3600 + " h";
    }
}
