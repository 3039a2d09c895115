package org.vmse.job.nightly.report;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.vmse.job.nightly.NightJson.Night;

/**
 * The nights under a results root, oldest first: each one finished (its {@code night.json} read), incomplete (no
 * {@code night.json}: running, or died and not yet resumed) or unreadable (a {@code night.json} that does not parse,
 * with the reason).
 *
 * @param baseline the night the root's {@code baseline} file names, or {@code null} when none was accepted yet
 */
public record NightHistory(List<Entry> entries, LocalDate baseline) {

    public NightHistory {
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparing(Entry::date));
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).date().equals(sorted.get(i - 1).date())) {
                throw new IllegalArgumentException("two nights dated " + sorted.get(i).date()
                        + "; a root holds one folder per night");
            }
        }
        entries = List.copyOf(sorted);
    }

    /** Where a night stands. */
    public enum Status {
        /** Finished without regressions. */
        OK,
        /** Finished with regressions. */
        REGRESSIONS,
        /** No {@code night.json} yet. */
        INCOMPLETE,
        /** A {@code night.json} that cannot be read. */
        UNREADABLE
    }

    /**
     * One night's folder.
     *
     * @param night the parsed night, {@code null} when incomplete or unreadable
     * @param problem why the night is unreadable, {@code null} otherwise
     */
    public record Entry(LocalDate date, Night night, String problem) {

        public Entry {
            if (date == null) {
                throw new IllegalArgumentException("a night needs its date");
            }
            if (night != null && !night.date().equals(date)) {
                throw new IllegalArgumentException("the night.json in the folder of " + date + " is dated "
                        + night.date() + "; a night's folder is named for its date");
            }
            if (night != null && problem != null) {
                throw new IllegalArgumentException("night " + date + " is read and unreadable at once: " + problem);
            }
        }

        public Status status() {
            if (night != null) {
                return night.regressions().isEmpty() ? Status.OK : Status.REGRESSIONS;
            }
            return problem == null ? Status.INCOMPLETE : Status.UNREADABLE;
        }
    }

    /** The finished nights, oldest first. */
    public List<Night> finished() {
        return entries.stream().filter(e -> e.night() != null).map(Entry::night).toList();
    }

    /** The finished night of {@code date}, if there is one. */
    public Optional<Night> night(LocalDate date) {
        return entries.stream().filter(e -> e.date().equals(date) && e.night() != null).map(Entry::night).findFirst();
    }

    /** The nights up to and including {@code date}: the history as it stood that night. */
    public NightHistory until(LocalDate date) {
        return new NightHistory(entries.stream().filter(e -> !e.date().isAfter(date)).toList(),
                baseline != null && !baseline.isAfter(date) ? baseline : null);
    }

    /** Whether {@code night} is a baseline: accepted in its own file, or named by the root's baseline file. */
    public boolean isAccepted(Night night) {
        return night.accepted() || night.date().equals(baseline);
    }
}
