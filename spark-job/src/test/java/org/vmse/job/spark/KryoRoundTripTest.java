package org.vmse.job.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import org.apache.spark.serializer.KryoSerializer;
import org.apache.spark.serializer.SerializerInstance;
import org.junit.jupiter.api.Test;
import org.vmse.kernel.ensemble.ExactMoments;
import org.vmse.kernel.random.RealizationResult;
import scala.reflect.ClassTag$;

/** Everything an ensemble ships survives Kryo as Spark is configured (registration required). */
class KryoRoundTripTest {

    private static <T> T roundTrip(SerializerInstance kryo, T value, Class<T> type) {
        ByteBuffer bytes = kryo.serialize(value, ClassTag$.MODULE$.apply(type));
        return kryo.deserialize(bytes, ClassTag$.MODULE$.apply(type));
    }

    @Test
    void workAndAccumulationRoundTrip() {
        SerializerInstance kryo = new KryoSerializer(SparkContexts.conf("local[1]", "kryo-test")).newInstance();
        EnsembleWork work = SmallEnsemble.work(100, true);
        EnsembleWork back = roundTrip(kryo, work, EnsembleWork.class);
        assertEquals(work.seed(), back.seed());
        assertEquals(work.problem().massFormula(), back.problem().massFormula());
        assertArrayEquals(work.problem().outputTimes(), back.problem().outputTimes());
        assertEquals(work.basis().nKL(), back.basis().nKL());
        assertEquals(work.basis().timeRoot(7), back.basis().timeRoot(7), 0.0);
        assertEquals(work.problem().covariance(), back.problem().covariance());
        assertEquals(work.problem().scheme(), back.problem().scheme());
        assertEquals(work.problem().sampler(), back.problem().sampler());

        EnsembleAccumulation acc = new EnsembleAccumulation(work);
        double[] rho = new double[SmallEnsemble.M];
        rho[3] = 0.25;
        acc.add(6, new RealizationResult(50, new double[][] {rho, rho}, 4, 0.5, 10, 30, 0));
        acc.addFailure(5, "realization 5 (seed 42) failed: test");
        acc.addFailure(7, "realization 7 (seed 42) failed: test");
        EnsembleAccumulation b = roundTrip(kryo, acc, EnsembleAccumulation.class);
        assertEquals(acc.full(), b.full());
        assertEquals(acc.strided(), b.strided());
        assertArrayEquals(acc.batchMeans(), b.batchMeans());
        assertEquals(2, b.failed());
        assertEquals(acc.failures(), b.failures());
        assertEquals(4, b.nonPositivePoints());
        assertEquals(0.5, b.massMinimum(), 0.0);
        assertEquals(3.0, b.meanKrylovIterations(), 0.0);
        assertEquals(1, roundTrip(kryo, new ExactMoments(1, 3, true), ExactMoments.class).outputTimes());
    }
}
