package org.vmse.job.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How many realizations the peer table times per {@code eps}, and the peer's paths. */
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
}
