package org.vmse.job.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How many realizations the peer table times per {@code eps}, the peer's paths, and the table's rows. */
class PeerTableTest {

    @Test
    void realizationsHalvePerHalvingOfEpsBelowTwoToTheMinusSixAndNeverFallBelowTwo() {
        // 40 at 2^-6, 40 / 2^2 at 2^-8, 40 / 2^4 = 2.5 -> 2 at 2^-10; 3 / 2^4 -> the floor 2
        assertEquals(40, PeerTable.realizationsAt(6, 40));
        assertEquals(40, PeerTable.realizationsAt(5, 40));
        assertEquals(10, PeerTable.realizationsAt(8, 40));
        assertEquals(2, PeerTable.realizationsAt(10, 40));
        assertEquals(2, PeerTable.realizationsAt(10, 3));
        // the peer runs as many paths, and its default 201 at 2^-6 (bench/peers/xmds2/run.sh)
        assertEquals(Map.of(6, 201, 8, 10, 10, 2), PeerTable.peerPaths(List.of(6, 8, 10), 40));
    }

    @Test
    void aRowCarriesBothMeshesAndTheRatiosOfXmdsToVmse() {
        // XMDS2 0.02 s against vmse 0.01 (OU) and 0.008 (KL): 2.00, 2.50; ARK45 0.006 s against vmse 0.004 s: 1.50
        PeerTable.Row row = new PeerTable.Row(6, 416, 471, 40, 0.01, 0.008, 0.02, 360, 384, 0.004,
                new XmdsPeer.Ark45(360, 1e-4, 1.368e-5, 149, 0.006));
        assertEquals("  2^-6   416   471    40   0.0100     0.0080     0.0200     2.00, 2.50           360/384     0.0040"
                + "       1e-04      1.4e-05    0.0060     1.50", row.format());
        // the columns line up with the header: each value starts where its head does
        String header = PeerTable.HEADER;
        String line = row.format();
        for (String head : new String[] {"acc. M/N", "vmse acc. s", "ARK45 tol", "ARK45 err", "ARK45 s", "ARK45/vmse"}) {
            int at = header.indexOf(head);
            assertTrue(at > 0 && line.charAt(at - 1) == ' ' && line.charAt(at) != ' ', head + " at " + at);
        }
    }

    @Test
    void withoutThePeerOrWithoutAReachedToleranceTheXmdsColumnsAreDashes() {
        assertEquals("  2^-8   1664  2484   10   0.1000     0.1200     -          -                    900/512     0.0300"
                + "       -          -          -          -", new PeerTable.Row(8, 1664, 2484, 10, 0.1, 0.12,
                Double.NaN, 900, 512, 0.03, null).format());
        assertEquals("  2^-8   1664  2484   10   0.1000     0.1200     -          -                    900/512     0.0300"
                + "       none       6.1e-05    -          -", new PeerTable.Row(8, 1664, 2484, 10, 0.1, 0.12,
                Double.NaN, 900, 512, 0.03, new XmdsPeer.Ark45(900, Double.NaN, 6.1e-5, 0, Double.NaN)).format());
    }
}
