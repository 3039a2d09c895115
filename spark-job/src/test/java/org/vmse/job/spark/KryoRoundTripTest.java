package org.vmse.job.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import org.apache.spark.serializer.KryoSerializer;
import org.apache.spark.serializer.SerializerInstance;
import org.junit.jupiter.api.Test;
import org.vmse.kernel.ensemble.ExactMoments;
import org.vmse.kernel.fft.FftBackend;
import org.vmse.kernel.krylov.KrylovSettings;
import org.vmse.kernel.problem.MassCovariance;
import org.vmse.kernel.problem.WavePacket;
import org.vmse.kernel.random.KarhunenLoeveBasis;
import org.vmse.kernel.random.RandomMassProblem;
import org.vmse.kernel.random.RealizationStream;
import org.vmse.kernel.random.Sampler;
import org.vmse.kernel.vmse.Scheme;
import scala.reflect.ClassTag$;

/** Everything an ensemble ships survives Kryo as Spark is configured (registration required). */
class KryoRoundTripTest {

    private static <T> T roundTrip(SerializerInstance kryo, T value, Class<T> type) {
        ByteBuffer bytes = kryo.serialize(value, ClassTag$.MODULE$.apply(type));
        return kryo.deserialize(bytes, ClassTag$.MODULE$.apply(type));
    }

    @Test
    void planAndBlockResultRoundTrip() {
        SerializerInstance kryo = new KryoSerializer(SparkContexts.conf("local[1]", "kryo-test")).newInstance();
        double eps = Math.pow(2, -5);
        RandomMassProblem problem = new RandomMassProblem(eps, 1.625, 208, new double[] {0.05, 0.1}, 1e-3,
                new WavePacket(256, 0.3, 1.5), "1 + 0.1*x", "0", 0.5, RealizationStream.XiDistribution.UNIFORM,
                Sampler.KARHUNEN_LOEVE, new MassCovariance(1.5, 100, 100), KrylovSettings.DEFAULT, true,
                FftBackend.JTRANSFORMS, Scheme.RK4IP);
        KarhunenLoeveBasis basis = KarhunenLoeveBasis.withThreshold(problem.covariance(), 0.1, 1.625, eps, 0x1p-9);
        EnsembleJob.Plan plan = new EnsembleJob.Plan(problem, basis, 42, 100, 8, 3, 4, true, 5);
        EnsembleJob.Plan back = roundTrip(kryo, plan, EnsembleJob.Plan.class);
        assertEquals(plan.seed(), back.seed());
        assertEquals(problem.massFormula(), back.problem().massFormula());
        assertArrayEquals(problem.outputTimes(), back.problem().outputTimes());
        assertEquals(problem.covariance(), back.problem().covariance());
        assertEquals(problem.scheme(), back.problem().scheme());
        assertEquals(problem.sampler(), back.problem().sampler());
        assertEquals(basis.nKL(), back.basis().nKL());
        assertEquals(basis.timeRoot(7), back.basis().timeRoot(7), 0.0);

        BlockResult block = EnsembleJob.empty(plan);
        block.full.add(new double[][] {new double[208], new double[208]});
        block.strided.add(new double[][] {new double[52], new double[52]});
        block.failed = 2;
        block.failures.put(5L, "realization 5 (seed 42) failed: test");
        BlockResult b = roundTrip(kryo, block, BlockResult.class);
        assertEquals(block.full, b.full);
        assertEquals(block.strided, b.strided);
        assertEquals(2, b.failed);
        assertEquals(block.failures, b.failures);
        assertEquals(1, roundTrip(kryo, new ExactMoments(1, 3, true), ExactMoments.class).outputTimes());
    }
}
