package org.vmse.kernel.random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.vmse.kernel.fft.FftBackend;
import org.vmse.kernel.krylov.KrylovSettings;
import org.vmse.kernel.problem.MassCovariance;
import org.vmse.kernel.problem.WavePacket;
import org.vmse.kernel.vmse.Scheme;

class SamplerTest {

    @Test
    void parsesItsConfigurationSpellingAndRefusesOthersListingTheAllowedValues() {
        assertEquals(Sampler.KARHUNEN_LOEVE, Sampler.parse("kl"));
        assertEquals(Sampler.ORNSTEIN_UHLENBECK, Sampler.parse(" OU "));
        for (Sampler s : Sampler.values()) {
            assertEquals(s, Sampler.parse(s.key()));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Sampler.parse("fft"));
        assertEquals("random.sampler = fft is not one of kl, ou", e.getMessage());
    }

    @Test
    void createsItsFieldAndTheKarhunenLoeveOneNeedsTheBasis() {
        double eps = Math.pow(2, -5);
        MassCovariance covariance = new MassCovariance(1.5, 100, 100);
        RandomMassProblem ou = problem(Sampler.ORNSTEIN_UHLENBECK, eps, covariance);
        assertInstanceOf(OrnsteinUhlenbeckField.class, ou.sampler().field(ou, null));
        RandomMassProblem kl = problem(Sampler.KARHUNEN_LOEVE, eps, covariance);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> kl.sampler().field(kl, null));
        assertTrue(e.getMessage().contains("random.sampler = kl"), e.getMessage());
        KarhunenLoeveBasis basis = KarhunenLoeveBasis.withTerms(covariance, 0.1, 1.625, eps, 10);
        assertInstanceOf(KarhunenLoeveMassField.class, kl.sampler().field(kl, basis));
    }

    private static RandomMassProblem problem(Sampler sampler, double eps, MassCovariance covariance) {
        return new RandomMassProblem(eps, 1.625, 208, new double[] {0.1}, 1e-3, new WavePacket(256, 0.3, 1.5), "1",
                null, 0.5, RealizationStream.XiDistribution.GAUSSIAN, sampler, covariance, KrylovSettings.DEFAULT,
                false, FftBackend.JTRANSFORMS, Scheme.CRANK_NICOLSON);
    }
}
