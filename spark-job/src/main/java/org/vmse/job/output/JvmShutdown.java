package org.vmse.job.output;

/** Whether the JVM is running its shutdown hooks: a signal (SIGINT, SIGTERM) is ending the process. */
public final class JvmShutdown {

    private JvmShutdown() {
    }

    /** True once shutdown has begun: hooks can then no longer be added. */
    public static boolean inProgress() {
        Thread probe = new Thread(() -> { });
        try {
            Runtime.getRuntime().addShutdownHook(probe);
            Runtime.getRuntime().removeShutdownHook(probe);
            return false;
        } catch (IllegalStateException e) {
            return true;
        }
    }
}
