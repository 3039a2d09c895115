package org.vmse.job.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    @Test
    void theReferenceLinesGiveEachEpsItsXsilFile() {
        XmdsPeer peer = XmdsPeer.parse(SEC42
                + "xmds2 ark45 reference eps=2^-6 M=720: /tmp/w/accuracy42-eps6-reference/accuracy42.xsil\n"
                + "xmds2 ark45 eps=2^-6 M=360 tolerance=1e-4 error=1.368e-05 steps=149 paths=201:"
                + " 0.0070 s/realization\n");
        assertEquals(Map.of(6, Path.of("/tmp/w/accuracy42-eps6-reference/accuracy42.xsil")), peer.references());
        assertTrue(XmdsPeer.parse(SEC42).references().isEmpty());
    }

    /** An .xsil as XMDS2 writes accuracy42's: XML around the rows "x rho", x_j = j L / M on (0, L). */
    private static Path xsil(Path dir, String rows) throws IOException {
        return Files.writeString(dir.resolve("accuracy42.xsil"), """
                <?xml version="1.0" ?><simulation xmds-version="2">
                    <operator kind="ip">
                  <Dim>4</Dim>
                  <Stream><Metalink Format="Text" Delimiter=" \\n"/>
                """ + rows + """
                  </Stream>
                </simulation>
                """);
    }

    @Test
    void aDensityIsReadFromItsRowsAtTheirPoints(@TempDir Path dir) throws IOException {
        Path file = xsil(dir, "0.000000000000e+00 1.0e-13\n4.062500000000e-01 2.5e-01\n"
                + "8.125000000000e-01 7.5e+00\n1.218750000000e+00 3.0e-02\n");
        assertArrayEquals(new double[] {1e-13, 0.25, 7.5, 0.03}, XmdsPeer.density(file, 4, 1.625), 0);
        assertThrows(IllegalArgumentException.class, () -> XmdsPeer.density(file, 3, 1.625)); // more rows
        assertThrows(IllegalArgumentException.class, () -> XmdsPeer.density(file, 5, 1.625)); // fewer rows
        assertThrows(IllegalArgumentException.class, () -> XmdsPeer.density(file, 4, 1.5)); // other points
    }

    /** The rows "t x rho", two samples of three points, as XMDS2 writes a run sampled at two times. */
    @Test
    void densitiesAreReadBySampleAndCheckedForTheirPoints(@TempDir Path dir) throws IOException {
        String rows = """
                2.0e-02 0.000000000000e+00 1.0e-01
                2.0e-02 1.000000000000e+00 2.0e-01
                2.0e-02 2.000000000000e+00 3.0e-01
                4.0e-01 0.000000000000e+00 4.0e-01
                4.0e-01 1.000000000000e+00 5.0e-01
                4.0e-01 2.000000000000e+00 6.0e-01
                """;
        Path file = xsil(dir, rows);
        double[][] rho = XmdsPeer.densities(file, 2, 3, 3.0);
        assertArrayEquals(new double[] {0.1, 0.2, 0.3}, rho[0]);
        assertArrayEquals(new double[] {0.4, 0.5, 0.6}, rho[1]);
        IllegalArgumentException few = assertThrows(IllegalArgumentException.class,
                () -> XmdsPeer.densities(file, 3, 3, 3.0));
        assertTrue(few.getMessage().contains("6 data rows, expected 9"), few.getMessage());
        IllegalArgumentException shifted = assertThrows(IllegalArgumentException.class,
                () -> XmdsPeer.densities(file, 2, 3, 1.5));
        assertTrue(shifted.getMessage().contains("row 1 is at x = 1.0, not 0.5"), shifted.getMessage());
        // over several paths XMDS2 writes the mean and its standard error
        Path paths = xsil(Files.createDirectory(dir.resolve("paths")), rows.replace("e-01\n", "e-01 0.0e+00\n"));
        assertArrayEquals(new double[] {0.4, 0.5, 0.6}, XmdsPeer.densities(paths, 2, 3, 3.0)[1]);
        Path blown = xsil(Files.createDirectory(dir.resolve("blown")), rows.replace("5.0e-01", "nan"));
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> XmdsPeer.densities(blown, 2, 3, 3.0));
        assertTrue(nan.getMessage().contains("row 4 has rho = nan: XMDS2's solve did not stay finite"),
                nan.getMessage());
    }
}
