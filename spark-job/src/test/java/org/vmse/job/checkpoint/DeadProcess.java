package org.vmse.job.checkpoint;

import java.time.Instant;

/** A driver that is certainly gone: a process of this host that has exited. */
final class DeadProcess {

    private DeadProcess() {
    }

    static DriverProcess onThisHost() throws Exception {
        Process p = new ProcessBuilder("true").start();
        Instant started = p.info().startInstant().orElse(null);
        p.waitFor();
        return new DriverProcess(p.pid(), DriverProcess.localHost(), started);
    }
}
