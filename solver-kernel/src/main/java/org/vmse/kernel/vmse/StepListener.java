package org.vmse.kernel.vmse;

/** Told after every time step; used for progress reports. Must be cheap. */
@FunctionalInterface
public interface StepListener {

    StepListener NONE = (done, total, t) -> { };

    void stepDone(int done, int total, double t);
}
