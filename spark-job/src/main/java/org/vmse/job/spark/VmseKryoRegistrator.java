package org.vmse.job.spark;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.serializers.JavaSerializer;
import org.apache.spark.serializer.KryoRegistrator;

/**
 * Registers what an ensemble ships (registration is required, so an unregistered class fails loudly rather than
 * travelling with its full name). vmse's own types are records and small final classes with array fields; they go
 * through Java serialization inside Kryo, which handles records' canonical constructors correctly.
 */
public final class VmseKryoRegistrator implements KryoRegistrator {

    /** The vmse classes that travel between driver and executors. */
    static final Class<?>[] SHIPPED = {
        EnsembleWork.class,
        EnsembleAccumulation.class,
        EnsembleJob.TaskResult.class,
        BlockRange.class,
        org.vmse.kernel.random.RandomMassProblem.class,
        org.vmse.kernel.random.KarhunenLoeveBasis.class,
        org.vmse.kernel.random.RealizationStream.XiDistribution.class,
        org.vmse.kernel.random.Sampler.class,
        org.vmse.kernel.vmse.Scheme.class,
        org.vmse.kernel.problem.WavePacket.class,
        org.vmse.kernel.problem.MassCovariance.class,
        org.vmse.kernel.krylov.KrylovSettings.class,
        org.vmse.kernel.ensemble.ExactMoments.class,
    };

    @Override
    public void registerClasses(Kryo kryo) {
        for (Class<?> c : SHIPPED) {
            kryo.register(c, new JavaSerializer());
        }
        kryo.register(double[].class);
        kryo.register(double[][].class);
        kryo.register(long[].class);
        kryo.register(int[].class);
        kryo.register(Integer.class);
        kryo.register(java.util.ArrayList.class);
        kryo.register(java.util.TreeMap.class);
    }
}
