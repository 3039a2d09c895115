package org.vmse.kernel.random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.RecordComponent;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.vmse.kernel.fft.FftBackend;
import org.vmse.kernel.krylov.KrylovSettings;
import org.vmse.kernel.problem.MassCovariance;
import org.vmse.kernel.problem.WavePacket;
import org.vmse.kernel.vmse.Scheme;

class RandomMassProblemTest {

    private static final RandomMassProblem PROBLEM = new RandomMassProblem(Math.pow(2, -5), 1.625, 208,
            new double[] {0.05, 0.1}, 1e-3, new WavePacket(256, 0.3, 1.5), "1 + 0.1*x", "0.5*cos(x)", 0.5,
            RealizationStream.XiDistribution.UNIFORM, Sampler.KARHUNEN_LOEVE, new MassCovariance(1.5, 100, 100),
            KrylovSettings.DEFAULT, true, FftBackend.JTRANSFORMS, Scheme.RK4IP);

    @Test
    void withMeshChangesTheMeshAlone() throws Exception {
        RandomMassProblem fine = PROBLEM.withMesh(2 * PROBLEM.M(), PROBLEM.dt() / 2);
        assertEquals(416, fine.M());
        assertEquals(5e-4, fine.dt(), 0.0);
        for (RecordComponent c : RandomMassProblem.class.getRecordComponents()) {
            if (!c.getName().equals("M") && !c.getName().equals("dt")) {
                Object before = c.getAccessor().invoke(PROBLEM);
                Object after = c.getAccessor().invoke(fine);
                assertTrue(Objects.deepEquals(before, after), c.getName() + ": " + before + " became " + after);
            }
        }
    }

    @Test
    void withMeshChecksTheNewMesh() {
        IllegalArgumentException m = assertThrows(IllegalArgumentException.class, () -> PROBLEM.withMesh(207, 1e-3));
        assertTrue(m.getMessage().contains("207"), m.getMessage());
        IllegalArgumentException dt = assertThrows(IllegalArgumentException.class, () -> PROBLEM.withMesh(208, 0));
        assertTrue(dt.getMessage().contains("mesh.dt"), dt.getMessage());
    }
}
