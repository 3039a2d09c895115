package org.vmse.job.nightly;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.vmse.job.nightly.NightJson.Fit;
import org.vmse.job.nightly.NightJson.LocalRate;
import org.vmse.job.nightly.NightJson.Point;
import org.vmse.job.nightly.NightJson.Series;
import org.vmse.job.nightly.NightJson.Study;

/**
 * The nights' figures as one Parquet table, {@code ROOT/history/date=DATE/} (Hive-style partitions, which Spark
 * SQL, pandas/pyarrow and DuckDB read as a {@code date} column): a row per point ({@code row = 'point'}: {@code
 * err_l1 ± se}, noise floor, samples, seconds per realization, Krylov iterations, substeps, {@code N_KL}), per
 * series fit ({@code 'fit'}: rate ± se over {@code [eps_min, eps_max]}) and per local rate ({@code 'local_rate'},
 * from {@code eps_text} to {@code eps_to}), each with the study's and the night's run times and the provenance.
 *
 * <p>A night's partition is appended atomically: Spark writes it into a hidden folder of the table
 * ({@code _incoming-...}, which readers skip), then one rename puts it in place. A night that dies leaves at most
 * a hidden folder, removed by the next append of that date; a night appended again replaces its partition.
 */
final class HistoryTable {

    /** What a row holds. */
    enum RowKind {
        POINT("point"), FIT("fit"), LOCAL_RATE("local_rate");

        final String key;

        RowKind(String key) {
            this.key = key;
        }
    }

    static final StructType SCHEMA = new StructType(new StructField[] {
        field("conf", DataTypes.StringType), field("study", DataTypes.StringType),
        field("kind", DataTypes.StringType), field("xi", DataTypes.StringType), field("row", DataTypes.StringType),
        field("eps", DataTypes.DoubleType), field("eps_text", DataTypes.StringType),
        field("eps_to", DataTypes.StringType), field("err_l1", DataTypes.DoubleType),
        field("err_l1_se", DataTypes.DoubleType), field("noise_floor", DataTypes.DoubleType),
        field("samples", DataTypes.LongType), field("seconds_per_realization", DataTypes.DoubleType),
        field("krylov_iters_mean", DataTypes.DoubleType), field("substeps", DataTypes.LongType),
        field("n_kl", DataTypes.LongType), field("point_wall_seconds", DataTypes.DoubleType),
        field("rate", DataTypes.DoubleType), field("rate_se", DataTypes.DoubleType),
        field("eps_min", DataTypes.DoubleType), field("eps_max", DataTypes.DoubleType),
        field("study_wall_seconds", DataTypes.DoubleType), field("night_wall_seconds", DataTypes.DoubleType),
        field("git_revision", DataTypes.StringType), field("java_version", DataTypes.StringType),
        field("fft_backend", DataTypes.StringType), field("fft_library", DataTypes.StringType),
        field("host", DataTypes.StringType), field("cpu_model", DataTypes.StringType)});

    private HistoryTable() {
    }

    /** Writes {@code night}'s partition of {@code ROOT/history}, replacing one of the same date. */
    static void append(NightRoot root, NightJson.Night night) throws IOException {
        FileSystem fs = root.fileSystem();
        Path history = root.history();
        fs.mkdirs(history);
        for (FileStatus left : fs.globStatus(new Path(history, "_*-" + night.date() + "-*"))) {
            fs.delete(left.getPath(), true); // what a night that died left
        }
        Path incoming = new Path(history, "_incoming-" + night.date() + "-" + UUID.randomUUID());
        SparkSession spark = session(root.hadoopConfiguration());
        try {
            spark.createDataFrame(rows(night), SCHEMA).coalesce(1).write().parquet(incoming.toString());
        } finally {
            spark.stop();
        }
        Path target = new Path(history, "date=" + night.date());
        Path replaced = new Path(history, "_replaced-" + night.date() + "-" + UUID.randomUUID());
        boolean again = fs.exists(target);
        if (again && !fs.rename(target, replaced)) {
            throw new IOException("cannot move the earlier partition " + target + " aside");
        }
        if (!fs.rename(incoming, target)) {
            throw new IOException("cannot rename " + incoming + " to " + target);
        }
        if (again) {
            fs.delete(replaced, true);
        }
    }

    /**
     * A Spark session of its own on the driver ({@code local[1]}: the table is small, and executors of a cluster
     * may not see a {@code file:} root), ignoring {@code spark-submit}'s settings; the outputs' Hadoop settings passed
     * on. The caller stops it.
     */
    static SparkSession session(Configuration hadoop) {
        SparkConf conf = new SparkConf(false).setMaster("local[1]").setAppName("vmse nightly history")
                .set("spark.ui.enabled", "false").set("spark.driver.bindAddress", "127.0.0.1")
                .set("spark.driver.host", "127.0.0.1").set("spark.sql.shuffle.partitions", "1")
                .set("spark.sql.debug.maxToStringFields", "100");
        SparkSession spark = SparkSession.builder().config(conf).getOrCreate();
        for (Map.Entry<String, String> e : hadoop) {
            spark.sparkContext().hadoopConfiguration().set(e.getKey(), e.getValue());
        }
        return spark;
    }

    static List<Row> rows(NightJson.Night night) {
        Map<String, Object> p = night.provenance();
        Object[] provenance = {text(p.get("git_revision")), text(p.get("java_version")), text(p.get("fft_backend")),
            text(p.get("fft_library")), text(p.get("host")), text(p.get("cpu_model"))};
        List<Row> rows = new ArrayList<>();
        for (Study s : night.studies()) {
            for (Series series : s.series()) {
                for (Point pt : series.points()) {
                    rows.add(row(night, s, series, RowKind.POINT, provenance, pt.eps(), pt.epsText(), null,
                            pt.errL1(), pt.errL1Se(), pt.noiseFloor(), pt.samples(), pt.secondsPerRealization(),
                            pt.krylovItersMean(), pt.substeps(), pt.nKl(), pt.wallSeconds(), null, null, null, null));
                }
                Fit f = series.fit();
                if (f != null) {
                    rows.add(row(night, s, series, RowKind.FIT, provenance, null, null, null, null, null, null, null,
                            null, null, null, null, null, f.rate(), f.rateSe(), f.epsMin(), f.epsMax()));
                }
                for (LocalRate l : series.localRates()) {
                    rows.add(row(night, s, series, RowKind.LOCAL_RATE, provenance, null, l.from(), l.to(), null, null,
                            null, null, null, null, null, null, null, l.rate(), null, null, null));
                }
            }
        }
        return rows;
    }

    private static Row row(NightJson.Night night, Study s, Series series, RowKind kind, Object[] provenance,
                           Object... values) {
        List<Object> v = new ArrayList<>(Arrays.asList(night.conf(), s.name(), s.kind().key(), series.xi(),
                kind.key));
        v.addAll(Arrays.asList(values));
        v.add(s.wallSeconds());
        v.add(night.wallSeconds());
        v.addAll(Arrays.asList(provenance));
        return RowFactory.create(v.toArray());
    }

    private static String text(Object o) {
        return o == null ? null : o.toString();
    }

    private static StructField field(String name, DataType type) {
        return DataTypes.createStructField(name, type, true);
    }
}
