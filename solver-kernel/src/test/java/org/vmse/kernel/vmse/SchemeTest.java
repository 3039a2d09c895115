package org.vmse.kernel.vmse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.vmse.kernel.fft.FftBackend;
import org.vmse.kernel.grid.PeriodicGrid;
import org.vmse.kernel.krylov.KrylovSettings;

class SchemeTest {

    @Test
    void parsesItsConfigurationSpellingAndRefusesOthersListingTheAllowedValues() {
        assertEquals(Scheme.CRANK_NICOLSON, Scheme.parse("cn"));
        assertEquals(Scheme.RK4IP, Scheme.parse(" RK4IP "));
        for (Scheme s : Scheme.values()) {
            assertEquals(s, Scheme.parse(s.key()));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Scheme.parse("euler"));
        assertEquals("scheme = euler is not one of cn, rk4ip", e.getMessage());
    }

    @Test
    void buildsItsStepper() {
        PeriodicGrid grid = new PeriodicGrid(1, 16);
        GridMass mass = GridMass.of(CrankNicolsonStepperTest.mass((t, x) -> 1 + x * x, false), grid);
        assertInstanceOf(CrankNicolsonStepper.class, Scheme.CRANK_NICOLSON.stepper(grid, 0.1, mass, null,
                FftBackend.JTRANSFORMS, KrylovSettings.DEFAULT, StabilityPolicy.REFUSE));
        assertInstanceOf(InteractionPictureRk4Stepper.class, Scheme.RK4IP.stepper(grid, 0.1, mass, null,
                FftBackend.JTRANSFORMS, KrylovSettings.DEFAULT, StabilityPolicy.REFUSE));
    }
}
