package org.vmse.job.checkpoint;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The process of a vmse driver: its pid, its host and when the process started. The start time tells a live driver
 * from another process that has since been given the same pid.
 *
 * @param pid     the operating system's process id, {@code > 0}
 * @param host    the host name, as {@link #localHost()} gives it
 * @param started when the process started, or {@code null} where the system does not say
 */
public record DriverProcess(long pid, String host, Instant started) {

    /** Slack when comparing process start times, which the system reports in clock ticks. */
    private static final Duration START_SLACK = Duration.ofSeconds(1);

    public DriverProcess {
        if (!(pid > 0)) {
            throw new IllegalArgumentException("a driver pid must be positive, got " + pid);
        }
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("a driver needs a host name, got \"" + host + "\"");
        }
    }

    /** This process. */
    public static DriverProcess current() {
        ProcessHandle self = ProcessHandle.current();
        return new DriverProcess(self.pid(), localHost(), self.info().startInstant().orElse(null));
    }

    /** This host's name ({@code localhost} if it has none). */
    public static String localHost() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    /** Whether this process runs on this host. */
    public boolean isOnThisHost() {
        return host.equals(localHost());
    }

    /**
     * Whether this process is known to be gone: it ran on this host and no process with its pid and start time is
     * alive. A process on another host is never known to be gone (it cannot be asked).
     */
    public boolean isGone() {
        if (!isOnThisHost()) {
            return false;
        }
        Optional<ProcessHandle> p = ProcessHandle.of(pid);
        if (p.isEmpty() || !p.get().isAlive()) {
            return true;
        }
        Optional<Instant> start = p.get().info().startInstant();
        return started != null && start.isPresent()
                && Duration.between(started, start.get()).abs().compareTo(START_SLACK) > 0;
    }

    /** {@code pid 123 on host h}. */
    @Override
    public String toString() {
        return "pid " + pid + " on host " + host;
    }
}
