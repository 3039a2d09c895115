package org.vmse.kernel.vmse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TimePlanTest {

    @Test
    void stepsForIsTheCeilingWithoutTheRoundOffStep() {
        // in binary 0.07 / 0.01 = 7.000000000000001: a plain ceiling would take an eighth step
        assertEquals(7.000000000000001, 0.07 / 0.01, 0.0);
        assertEquals(7, TimePlan.stepsFor(0.07, 0.01));
        assertEquals(2, TimePlan.stepsFor(0.4, 0.3));
        assertEquals(1, TimePlan.stepsFor(1e-3, 1)); // a span shorter than dt is one step
        assertThrows(IllegalArgumentException.class, () -> TimePlan.stepsFor(1, 1e-10));
    }

    @Test
    void everyOutputIntervalIsSplitByTheSameRule() {
        // each interval is split on its own: (0, 0.05] into ceil(2.5) = 3 steps, (0.05, 0.12] into ceil(3.5) = 4
        TimePlan plan = new TimePlan(new double[] {0.05, 0.12}, 0.02);
        assertEquals(3, plan.steps(0));
        assertEquals(4, plan.steps(1));
        assertEquals(7, plan.totalSteps());
        assertEquals(0.05 / 3, plan.stepLength(0), 0.0);
    }
}
