package org.vmse.kernel.fft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Choosing a backend by name, {@code auto}'s fallback, and what provenance says of each. */
class FftBackendTest {

    @Test
    void autoFallsBackToJTransformsWhenFftwDidNotLoad() {
        assertEquals(FftBackend.JTRANSFORMS, FftBackend.auto(false));
        assertEquals(FftBackend.FFTW, FftBackend.auto(true));
    }

    @Test
    void aLibraryThatCannotBeFoundIsReportedNotThrown() {
        String error = FftwFft.load("vmse-no-such-fftw-library");
        assertNotNull(error, "a missing library must give the reason");
        assertTrue(!error.isBlank(), error);
    }

    @Test
    void namesAreParsedAndUnknownOnesRefused() {
        assertEquals(FftBackend.FFTW, FftBackend.parse("fftw"));
        assertEquals(FftBackend.JTRANSFORMS, FftBackend.parse("jtransforms"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FftBackend.parse("cufft"));
        assertTrue(e.getMessage().contains("auto, jtransforms or fftw"), e.getMessage());
    }

    @Test
    void provenanceNamesTheLibraryAndItsVersion() {
        String jt = FftBackend.JTRANSFORMS.library();
        assertTrue(jt.matches("JTransforms \\d+\\.\\d+.*"), jt);
        if (FftwFft.available()) {
            assertTrue(FftBackend.FFTW.library().startsWith("fftw-3."), FftBackend.FFTW.library());
        } else {
            assertEquals("FFTW (not loaded)", FftBackend.FFTW.library());
        }
        // FFTW_MEASURE times candidate algorithms, so two processes may round differently: only ESTIMATE is stable
        assertEquals("FFTW_ESTIMATE", FftBackend.FFTW.planner());
    }
}
