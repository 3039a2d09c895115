package org.vmse.job.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.io.CompressionCodec;
import org.apache.spark.io.CompressionCodec$;
import org.apache.spark.serializer.KryoSerializer;
import org.apache.spark.serializer.SerializerInstance;
import org.vmse.job.config.ExperimentConfig;
import org.vmse.job.config.ExperimentFile;
import org.vmse.job.experiment.Discretization;
import org.vmse.job.experiment.EnsembleRun;
import org.vmse.job.spark.EnsembleAccumulation;
import org.vmse.job.spark.EnsembleJob;
import org.vmse.job.spark.EnsembleWork;
import org.vmse.job.spark.SparkContexts;
import org.vmse.kernel.problem.FormulaMassField;
import org.vmse.kernel.random.KarhunenLoeveBasis;
import org.vmse.kernel.random.RandomMassProblem;
import scala.reflect.ClassTag$;

/**
 * What the driver of an ensemble handles per eps, measured without running realizations: the KL basis (time to build
 * it on the driver), the broadcast (the serialized {@link EnsembleWork}, basis included, raw and as Spark compresses
 * it), the bytes one task ships back (its serialized {@link EnsembleAccumulation}), the time to merge one task's
 * accumulation into the total, and the heap the driver holds for them.
 *
 * <p>An accumulation's size and merge cost do not depend on its values: it is fixed-width 128-bit cells (exact sums),
 * Java-serialized inside Kryo, so an empty one of the experiment's shape stands for any task's.
 */
public final class ScalingBenchmark {

    /** Merges timed per repetition, repetitions (the median is reported) and untimed ones before them. */
    private static final int MERGES = 20;
    private static final int REPETITIONS = 5;
    private static final int WARM_UP = 3;

    private ScalingBenchmark() {
    }

    /** One row per {@code eps = 2^-exponent} of {@code conf} (with {@code overrides}). */
    public static void run(Path conf, List<String> overrides, List<Integer> exponents, PrintStream out) {
        out.printf("vmse bench --scaling: %s %s; per eps, what the driver builds, broadcasts, receives and merges"
                + "%n", conf, String.join(" ", overrides));
        out.println("  eps    M     N_KL   basis s  broadcast B  broadcast lz4 B  result B/task  cells/task"
                + "  merge ms  encode ms  decode ms  driver heap MB");
        JavaSparkContext sc = SparkContexts.start("local[1]", "vmse bench --scaling");
        try {
            SparkConf sparkConf = sc.getConf();
            SerializerInstance kryo = new KryoSerializer(sparkConf).newInstance();
            CompressionCodec lz4 = CompressionCodec$.MODULE$.createCodec(sparkConf);
            for (int e : exponents) {
                row(sc, kryo, lz4, conf, overrides, e, out);
            }
        } finally {
            sc.stop();
        }
        out.printf("  JVM peak heap (all pools' peak usage): %.0f MB%n", peakHeapBytes() / 1e6);
    }

    private static void row(JavaSparkContext sc, SerializerInstance kryo, CompressionCodec lz4, Path conf,
                            List<String> overrides, int exponent, PrintStream out) {
        List<String> all = new ArrayList<>(overrides);
        all.add("eps=2^-" + exponent);
        ExperimentConfig cfg = ExperimentFile.load(conf, all);
        long heapBefore = liveHeap();
        long t0 = System.nanoTime();
        KarhunenLoeveBasis basis = cfg.random().sampler().needsBasis() ? EnsembleRun.basis(cfg) : null;
        double basisSeconds = (System.nanoTime() - t0) * 1e-9;
        RandomMassProblem problem = EnsembleRun.problem(cfg, Discretization.of(cfg, new FormulaMassField(
                cfg.mass())));
        var e = cfg.ensemble();
        EnsembleWork work = new EnsembleWork(problem, basis, e.seed(), e.samples(), e.blockSize(), e.partitions(),
                e.covarianceStride(), e.excludeFailures(), e.batches());
        byte[] broadcast = bytes(kryo.serialize(work, ClassTag$.MODULE$.apply(EnsembleWork.class)));

        // no ranges: the job returns the empty accumulation of the work's shape without running a task
        EnsembleAccumulation total = EnsembleJob.run(sc, work, List.of(), (r, a) -> { }, n -> { });
        EnsembleAccumulation task = EnsembleJob.run(sc, work, List.of(), (r, a) -> { }, n -> { });
        byte[] result = bytes(kryo.serialize(task, ClassTag$.MODULE$.apply(EnsembleAccumulation.class)));
        long heap = liveHeap() - heapBefore + result.length;

        double[] merge = new double[REPETITIONS];
        double[] encode = new double[REPETITIONS];
        double[] decode = new double[REPETITIONS];
        for (int r = -WARM_UP; r < REPETITIONS; r++) {
            long m0 = System.nanoTime();
            for (int i = 0; i < MERGES; i++) {
                total.merge(task);
            }
            double mergeMs = (System.nanoTime() - m0) * 1e-6 / MERGES;
            long s0 = System.nanoTime();
            byte[] checkpointPayload = javaSerialized(task); // as a checkpoint stores each task's block
            double encodeMs = (System.nanoTime() - s0) * 1e-6;
            long d0 = System.nanoTime();
            kryo.deserialize(ByteBuffer.wrap(result), ClassTag$.MODULE$.apply(EnsembleAccumulation.class));
            double decodeMs = (System.nanoTime() - d0) * 1e-6;
            if (checkpointPayload.length == 0) {
                throw new IllegalStateException("empty checkpoint payload");
            }
            if (r >= 0) { // the first rounds warm the JIT up
                merge[r] = mergeMs;
                encode[r] = encodeMs;
                decode[r] = decodeMs;
            }
        }
        out.printf("  2^-%-3d %-5d %-6d %-8.2f %-12d %-16d %-14d %-11d %-9.2f %-10.1f %-10.1f %.1f%n", exponent,
                problem.M(), basis == null ? 0 : basis.nKL(), basisSeconds, broadcast.length,
                compressed(lz4, broadcast), result.length, cells(work), median(merge), median(encode),
                median(decode), heap / 1e6);
    }

    /** The 128-bit cells of one accumulation of {@code work}: full moments, strided with covariance, batches. */
    static long cells(EnsembleWork work) {
        long k = work.problem().outputTimes().length;
        long m = work.problem().M();
        long n = work.stridedPoints();
        return 2 * k * m + k * (2 * n + n * (n - 1) / 2) + 2L * work.batches() * m;
    }

    private static byte[] bytes(ByteBuffer b) {
        byte[] a = new byte[b.remaining()];
        b.get(a);
        return a;
    }

    private static byte[] javaSerialized(Object o) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream s = new ObjectOutputStream(bytes)) {
            s.writeObject(o);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static long compressed(CompressionCodec codec, byte[] raw) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream s = codec.compressedOutputStream(bytes)) {
            s.write(raw);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.size();
    }

    /** Heap in use after a full collection: what is reachable. */
    private static long liveHeap() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static long peakHeapBytes() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    private static double median(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
