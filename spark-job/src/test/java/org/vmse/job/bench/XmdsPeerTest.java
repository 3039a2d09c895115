package org.vmse.job.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The XMDS2 peer script's output lines, as bench/peers/xmds2/run.sh and ark45.sh print them, parsed. */
class XmdsPeerTest {

    private static final String SEC42 = """
            xmds2 sec42 eps=2^-6 M=416 steps=471 paths=201: 0.0090 s/realization
            xmds2 sec42 eps=2^-8 M=1664 steps=2484 paths=10: 0.1500 s/realization
            xmds2 ex1 eps=2^-8 (3105 RK4IP steps): 0.140 s
            """;

    @Test
    void readsTheRk4ipLinesAndEachArk45LineWithOrWithoutItsStepCount() {
        XmdsPeer peer = XmdsPeer.parse(SEC42
                + "xmds2 ark45 eps=2^-6 M=360 tolerance=1e-4 error=1.368e-05 steps=149 paths=201: 0.0070 s/realization\n"
                + "xmds2 ark45 eps=2^-8 M=900 tolerance=1e-3 error=2.037e-05 paths=50: 0.0210 s/realization\n"
                + "outputs (models, build and run logs, .xsil densities) in /tmp/x\n");
        assertEquals(Map.of(6, 0.009, 8, 0.15), peer.secondsPerRealization());
        assertEquals(0.14, peer.example1Seconds());
        assertEquals(new XmdsPeer.Ark45(360, 1e-4, 1.368e-5, 149, 0.007), peer.ark45().get(6));
        assertEquals(new XmdsPeer.Ark45(900, 1e-3, 2.037e-5, 0, 0.021), peer.ark45().get(8));
        assertTrue(peer.ark45().get(6).reached());
    }

    @Test
    void aLadderThatMissesTheTargetKeepsItsSmallestErrorAndNoTolerance() {
        XmdsPeer peer = XmdsPeer.parse(SEC42 + "xmds2 ark45 eps=2^-10 M=2700 tolerance=none error=6.1e-05: above 4e-5\n");
        XmdsPeer.Ark45 none = peer.ark45().get(10);
        assertFalse(none.reached());
        assertEquals(2700, none.m());
        assertEquals(6.1e-5, none.error());
        assertTrue(Double.isNaN(none.secondsPerRealization()));
    }

    @Test
    void withoutArk45LinesTheMapIsEmptyAndWithoutTheExample1LineThereIsNoPeer() {
        assertTrue(XmdsPeer.parse(SEC42).ark45().isEmpty());
        assertNull(XmdsPeer.parse("xmds2 sec42 eps=2^-6 M=416 steps=471 paths=201: 0.0090 s/realization\n"));
    }
}
