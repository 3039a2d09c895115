package org.vmse.job.spark;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.vmse.job.config.ConfigurationException;

/**
 * A Spark master URL, checked before a context is started: Spark itself answers a malformed URL with an internal
 * exception, and an unreachable standalone master only after its three 20-second registration attempts.
 *
 * @param url     the URL as given
 * @param kind    what runs the executors
 * @param masters for {@link Kind#STANDALONE}, the masters' addresses (more than one with ZooKeeper recovery)
 */
public record SparkMaster(String url, Kind kind, List<InetSocketAddress> masters) {

    /** What runs the executors. */
    public enum Kind {
        /** {@code local}, {@code local[N]}, {@code local[*]}, {@code local[N,F]}: threads of this JVM. */
        LOCAL,
        /** {@code local-cluster[N,C,M]}: Spark's test cluster, executors in other JVMs of this machine. */
        LOCAL_CLUSTER,
        /** {@code spark://HOST:PORT[,HOST:PORT...]}: a standalone cluster. */
        STANDALONE,
        /** {@code yarn} or {@code k8s://URL}: a cluster manager, reached by Spark's own client. */
        MANAGER;

        /** Whether executors are other JVMs, which need vmse's classes shipped to them. */
        public boolean remote() {
            return this != LOCAL;
        }
    }

    /** How long one master address may take to accept a TCP connection before it counts as unreachable. */
    static final int CONNECT_TIMEOUT_MILLIS = 3000;

    private static final Pattern LOCAL = Pattern.compile("local(\\[(\\*|[1-9]\\d*)(,[1-9]\\d*)?])?");
    private static final Pattern LOCAL_CLUSTER = Pattern.compile("local-cluster\\[[1-9]\\d*,[1-9]\\d*,[1-9]\\d*]");
    private static final Pattern HOST_PORT = Pattern.compile("([^\\s:,/]+):([1-9]\\d{0,4})");

    public SparkMaster {
        masters = List.copyOf(masters);
    }

    /** The master named by {@code url} (from {@code --master} or {@code spark.master}); refuses one Spark would not. */
    public static SparkMaster parse(String url) {
        String u = url == null ? "" : url.trim();
        if (LOCAL.matcher(u).matches()) {
            return new SparkMaster(u, Kind.LOCAL, List.of());
        }
        if (LOCAL_CLUSTER.matcher(u).matches()) {
            return new SparkMaster(u, Kind.LOCAL_CLUSTER, List.of());
        }
        if (u.equals("yarn") || (u.startsWith("k8s://") && u.length() > "k8s://".length())) {
            return new SparkMaster(u, Kind.MANAGER, List.of());
        }
        if (u.startsWith("spark://")) {
            List<InetSocketAddress> masters = new ArrayList<>();
            for (String hostPort : u.substring("spark://".length()).split(",", -1)) {
                Matcher m = HOST_PORT.matcher(hostPort);
                if (!m.matches() || !(Integer.parseInt(m.group(2)) <= 65535)) {
                    throw invalid(u, "'" + hostPort + "' is not HOST:PORT");
                }
                masters.add(InetSocketAddress.createUnresolved(m.group(1), Integer.parseInt(m.group(2))));
            }
            return new SparkMaster(u, Kind.STANDALONE, masters);
        }
        throw invalid(u, null);
    }

    /**
     * For a standalone master, that at least one of its addresses accepts a TCP connection within
     * {@link #CONNECT_TIMEOUT_MILLIS}; otherwise the run stops here, naming the master and what the connection said.
     */
    public void requireReachable() {
        if (kind != Kind.STANDALONE) {
            return;
        }
        List<String> failures = new ArrayList<>();
        for (InetSocketAddress a : masters) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(a.getHostString(), a.getPort()), CONNECT_TIMEOUT_MILLIS);
                return;
            } catch (IOException e) {
                failures.add(a.getHostString() + ":" + a.getPort() + " (" + e.getMessage() + ")");
            }
        }
        throw new ConfigurationException("--master " + url + ": no Spark master answers at "
                + String.join(", ", failures) + "; start one (submit/cluster up starts one on this machine at"
                + " spark://127.0.0.1:7177) or correct --master (spark.master)");
    }

    private static ConfigurationException invalid(String url, String why) {
        return new ConfigurationException("--master (spark.master) must be local, local[N], local[*],"
                + " spark://HOST:PORT, yarn or k8s://URL, got '" + url + "'" + (why == null ? "" : ": " + why));
    }
}
