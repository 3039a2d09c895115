package org.vmse.job.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigSyntax;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import com.typesafe.config.ConfigValueType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.vmse.kernel.expr.Formula;
import org.vmse.kernel.expr.FormulaException;
import org.vmse.kernel.fft.FftBackend;
import org.vmse.kernel.fft.FftwFft;
import org.vmse.kernel.krylov.KrylovSettings;
import org.vmse.kernel.problem.WavePacket;
import org.vmse.kernel.random.Sampler;
import org.vmse.kernel.vmse.Scheme;

/**
 * Reads an experiment file (HOCON, Typesafe Config) with {@code --set key=value} overrides into a validated
 * {@link ExperimentConfig}. Every key must be one of the defaults' ({@code defaults.conf}); numbers may be formulas
 * such as {@code 2^-6}.
 */
public final class ExperimentFile {

    private static final String DEFAULTS = "org/vmse/job/config/defaults.conf";

    private ExperimentFile() {
    }

    /** The defaults, every key vmse knows. */
    public static Config defaults() {
        return ConfigFactory.parseResources(ExperimentFile.class.getClassLoader(), DEFAULTS,
                ConfigParseOptions.defaults().setAllowMissing(false));
    }

    /**
     * Loads {@code file} and applies {@code overrides} ({@code key=value}, later ones win).
     *
     * @throws ConfigurationException naming the key and the fix, for any bad input
     */
    public static ExperimentConfig load(Path file, List<String> overrides) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigurationException("experiment file " + file + " does not exist or is not a file");
        }
        Config user;
        try {
            user = ConfigFactory.parseFile(file.toFile(),
                    ConfigParseOptions.defaults().setSyntax(ConfigSyntax.CONF).setAllowMissing(false));
        } catch (ConfigException e) {
            throw new ConfigurationException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return fromConfig(applyOverrides(user, overrides), file.toString());
    }

    /** As {@link #load} for a configuration already parsed (tests, studies). */
    public static ExperimentConfig fromConfig(Config user, String origin) {
        Config defaults = defaults();
        rejectUnknownKeys(user, defaults, origin);
        Config c;
        try {
            c = user.withFallback(defaults).resolve();
        } catch (ConfigException e) {
            throw new ConfigurationException(origin + ": " + e.getMessage(), e);
        }
        return build(c);
    }

    static Config applyOverrides(Config user, List<String> overrides) {
        Config c = user;
        for (String o : overrides) {
            int eq = o.indexOf('=');
            if (eq <= 0) {
                throw new ConfigurationException("--set expects key=value, got \"" + o + "\"");
            }
            String key = o.substring(0, eq).trim();
            String value = o.substring(eq + 1).trim();
            ConfigValue v;
            if (value.startsWith("[") || value.startsWith("{")) {
                try {
                    v = ConfigFactory.parseString("v = " + value).getValue("v");
                } catch (ConfigException e) {
                    throw new ConfigurationException("--set " + key + ": cannot parse " + value + ": "
                            + e.getMessage(), e);
                }
            } else {
                v = ConfigValueFactory.fromAnyRef(value, "--set " + key);
            }
            try {
                c = c.withValue(key, v);
            } catch (ConfigException e) {
                throw new ConfigurationException("--set: \"" + key + "\" is not a valid key: " + e.getMessage(), e);
            }
        }
        return c;
    }

    private static void rejectUnknownKeys(Config user, Config defaults, String origin) {
        Set<String> known = defaults.entrySet().stream().map(Map.Entry::getKey)
                .collect(Collectors.toCollection(TreeSet::new));
        List<String> unknown = new ArrayList<>();
        for (Map.Entry<String, ConfigValue> e : user.entrySet()) {
            if (!known.contains(e.getKey())) {
                unknown.add(e.getKey());
            }
        }
        if (!unknown.isEmpty()) {
            String first = unknown.get(0);
            throw new ConfigurationException(origin + ": unknown key" + (unknown.size() > 1 ? "s " : " ")
                    + String.join(", ", unknown) + suggestion(first, known)
                    + ". Known keys: " + String.join(", ", known));
        }
    }

    private static String suggestion(String key, Set<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String k : known) {
            int d = editDistance(key.toLowerCase(), k.toLowerCase());
            if (d < bestDistance) {
                bestDistance = d;
                best = k;
            }
        }
        return best != null && bestDistance <= Math.max(2, key.length() / 3) ? " (did you mean " + best + "?)" : "";
    }

    private static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    private static ExperimentConfig build(Config c) {
        String name = string(c, "name");
        if (!name.matches("[A-Za-z0-9._-]+")) {
            throw new ConfigurationException("name = \"" + name + "\" must use only letters, digits, '.', '_' and '-'"
                    + " (it names output directories)");
        }
        String epsText = string(c, "eps");
        double eps = positive(c, "eps");
        double T = positive(c, "T");
        double L = positive(c, "domain.L");
        double[] outputTimes = outputTimes(c, T);

        MeshSpec mesh = new MeshSpec(formula(c, "mesh.dx", "eps"), formula(c, "mesh.dt", "eps"),
                bool(c, "mesh.allowUnresolved"));

        double A = positive(c, "initial.A");
        double x0 = number(c, "initial.x0");
        if (!(x0 >= 0 && x0 < L)) {
            throw new ConfigurationException("initial.x0 = " + x0 + " must lie in the box [0, domain.L) = [0, " + L
                    + ")");
        }
        WavePacket initial = new WavePacket(A, x0, number(c, "initial.p0"));

        Formula mass = formula(c, "mass.m0", "t", "x");
        Formula potential = formula(c, "potential.V", "x");

        KrylovSettings krylov;
        try {
            krylov = new KrylovSettings(positive(c, "krylov.tolerance"), integer(c, "krylov.maxIterations"),
                    integer(c, "krylov.restart"));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(e.getMessage(), e);
        }

        double tol = positive(c, "liouville.tolerance");
        if (!(tol < 1e-2)) {
            throw new ConfigurationException("liouville.tolerance = " + tol + " is too loose; use 1e-10 (default)");
        }
        int rays = integer(c, "liouville.rays");
        if (rays < 16) {
            throw new ConfigurationException("liouville.rays = " + rays + " must be at least 16 (default 2000)");
        }
        LiouvilleSpec liouville = new LiouvilleSpec(tol, rays, positive(c, "liouville.dx"),
                positive(c, "liouville.dk"), positive(c, "liouville.deltaWidth"));

        return new ExperimentConfig(name, eps, epsText, T, outputTimes, L, mesh, initial, mass, potential, krylov,
                liouville, study(c), random(c), ensemble(c), rte(c, initial.p0()), parsed(c, "scheme", Scheme::parse),
                fft(c), c);
    }

    private static FftBackend fft(Config c) {
        String name = oneOf(c, "fft", "auto", "jtransforms", "fftw");
        if (name.equals("auto")) {
            FftBackend b = FftBackend.auto(FftwFft.available());
            if (b != FftBackend.FFTW) {
                fallbackNotice();
            }
            return b;
        }
        FftBackend b = FftBackend.parse(name);
        if (b == FftBackend.FFTW && !FftwFft.available()) {
            throw new ConfigurationException("fft = fftw needs the FFTW 3 library, which is not installed here"
                    + " (Debian: apt-get install libfftw3-double3); use fft = jtransforms");
        }
        return b;
    }

    private static boolean fallbackSaid;

    /** One line per process: {@code fft = auto} without FFTW is legitimate, but slower, and the user should know. */
    private static synchronized void fallbackNotice() {
        if (!fallbackSaid) {
            fallbackSaid = true;
            System.err.println("vmse: fft = auto: FFTW did not load (" + FftwFft.loadError() + "); using JTransforms."
                    + " apt-get install libfftw3-double3 for the faster backend");
        }
    }

    private static RteSpec rte(Config c, double p0) {
        String initial = string(c, "rte.initial").trim();
        if (!initial.equals("delta") && !initial.equals("epsWigner")) {
            throw new ConfigurationException("rte.initial = " + initial + " must be delta (the paper's (4.17)) or"
                    + " epsWigner (the Wigner transform of the packet at this eps)");
        }
        double kMin = windowEnd(c, "rte.kMin", p0);
        double kMax = windowEnd(c, "rte.kMax", p0);
        if (!(kMin < kMax)) {
            throw new ConfigurationException("rte.kMin = " + kMin + " must be below rte.kMax = " + kMax);
        }
        return new RteSpec(bool(c, "rte.enabled"), initial.equals("epsWigner"), positive(c, "rte.dx"),
                positive(c, "rte.dk"), positive(c, "rte.dt"), kMin, kMax, positive(c, "rte.deltaWidth"));
    }

    private static double windowEnd(Config c, String key, double p0) {
        double v = formula(c, key, "p0").value(p0);
        if (!Double.isFinite(v)) {
            throw new ConfigurationException(key + " = " + string(c, key) + " is " + v + " at p0 = " + p0);
        }
        return v;
    }

    private static RandomSpec random(Config c) {
        double gamma = number(c, "random.gamma");
        if (!(gamma >= 0 && gamma <= 2)) {
            throw new ConfigurationException("random.gamma = " + gamma + " must lie in [0, 2] (the paper uses 0.4,"
                    + " 0.5 and 1)");
        }
        double D = number(c, "random.D");
        if (!(D >= 0 && D < Double.POSITIVE_INFINITY)) {
            throw new ConfigurationException("random.D = " + string(c, "random.D") + " must be >= 0 (it is the"
                    + " standard deviation of m1)");
        }
        double a = positive(c, "random.a");
        double b = positive(c, "random.b");
        String xi = oneOf(c, "random.xi", "gaussian", "uniform");
        Sampler sampler = parsed(c, "random.sampler", Sampler::parse);
        if (sampler == Sampler.ORNSTEIN_UHLENBECK && xi.equals("uniform")) {
            throw new ConfigurationException("random.sampler = ou samples a Gaussian field exactly and has no xi"
                    + " coefficients: set random.xi = gaussian, or random.sampler = kl for uniform xi");
        }
        double threshold = positive(c, "random.klThreshold");
        if (!(threshold < 1)) {
            throw new ConfigurationException("random.klThreshold = " + threshold + " must lie in (0, 1) (the paper"
                    + " uses 2^-9)");
        }
        int terms = integer(c, "random.klTerms");
        if (terms < 0) {
            throw new ConfigurationException("random.klTerms = " + terms + " must be >= 0 (0 lets"
                    + " random.klThreshold decide)");
        }
        return new RandomSpec(bool(c, "random.enabled"), gamma, D, a, b, xi, sampler, threshold, terms,
                bool(c, "random.antithetic"));
    }

    private static EnsembleSpec ensemble(Config c) {
        int samples = integer(c, "samples");
        if (samples < 1) {
            throw new ConfigurationException("samples = " + samples + " must be at least 1 (the paper uses 10000)");
        }
        int partitions = integer(c, "partitions");
        if (partitions < 0) {
            throw new ConfigurationException("partitions = " + partitions + " must be >= 0 (0 = 4 per core, at least 64)");
        }
        int block = integer(c, "ensemble.blockSize");
        if (block < 1) {
            throw new ConfigurationException("ensemble.blockSize = " + block + " must be at least 1");
        }
        int stride = integer(c, "ensemble.covarianceStride");
        if (stride < 1) {
            throw new ConfigurationException("ensemble.covarianceStride = " + stride + " must be at least 1");
        }
        String onFailure = oneOf(c, "ensemble.onFailure", "fail", "exclude");
        int batches = integer(c, "ensemble.batches");
        if (batches < 2) {
            throw new ConfigurationException("ensemble.batches = " + batches + " must be at least 2 (a standard error"
                    + " needs two batch means; 20 is the default)");
        }
        double seed = number(c, "seed");
        if (!(seed == Math.rint(seed) && Math.abs(seed) < 0x1p53)) {
            throw new ConfigurationException("seed = " + string(c, "seed") + " must be a whole number");
        }
        String master = string(c, "spark.master").trim();
        if (master.isEmpty()) {
            throw new ConfigurationException("spark.master must name a Spark master, e.g. local[*]");
        }
        int refined = integer(c, "ensemble.refinedRealizations");
        if (refined < 0 || refined > samples) {
            throw new ConfigurationException("ensemble.refinedRealizations = " + refined + " must lie in [0, samples]"
                    + " (0 skips the discretization term of the error budget)");
        }
        if (refined > 0 && parsed(c, "random.sampler", Sampler::parse) == Sampler.ORNSTEIN_UHLENBECK) {
            throw new ConfigurationException("ensemble.refinedRealizations needs random.sampler = kl: the OU field"
                    + " on a finer grid is another realization, so the difference would not be paired");
        }
        return new EnsembleSpec(samples, (long) seed, partitions, block, stride, onFailure.equals("exclude"), batches,
                refined, master);
    }

    /** {@code key} read by {@code parse}, whose refusal names the key, the value and the allowed values. */
    private static <T> T parsed(Config c, String key, Function<String, T> parse) {
        try {
            return parse.apply(string(c, key));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(e.getMessage(), e);
        }
    }

    private static String oneOf(Config c, String key, String... allowed) {
        String v = string(c, key).trim().toLowerCase();
        for (String a : allowed) {
            if (a.equals(v)) {
                return a;
            }
        }
        throw new ConfigurationException(key + " = " + string(c, key) + " is not one of " + String.join(", ", allowed));
    }

    private static StudySpec study(Config c) {
        List<String> texts;
        try {
            texts = c.getList("study.eps").unwrapped().stream().map(String::valueOf).toList();
        } catch (ConfigException e) {
            throw new ConfigurationException("study.eps must be a list such as [\"2^-6\", \"2^-7\"]: "
                    + e.getMessage(), e);
        }
        double[] eps = new double[texts.size()];
        for (int i = 0; i < eps.length; i++) {
            eps[i] = constant("study.eps[" + i + "]", texts.get(i));
            if (!(eps[i] > 0)) {
                throw new ConfigurationException("study.eps[" + i + "] = " + texts.get(i) + " must be positive");
            }
        }
        double lo = positive(c, "study.fitMin");
        double hi = positive(c, "study.fitMax");
        if (!(lo <= hi)) {
            throw new ConfigurationException("study.fitMin = " + lo + " exceeds study.fitMax = " + hi
                    + "; swap them");
        }
        return new StudySpec(eps, texts.toArray(String[]::new), lo, hi);
    }

    private static double[] outputTimes(Config c, double T) {
        List<String> texts;
        try {
            texts = c.getList("outputTimes").unwrapped().stream().map(String::valueOf).toList();
        } catch (ConfigException e) {
            throw new ConfigurationException("outputTimes must be a list such as [0.1, 0.4]: " + e.getMessage(), e);
        }
        TreeSet<Double> times = new TreeSet<>();
        for (int i = 0; i < texts.size(); i++) {
            double t = constant("outputTimes[" + i + "]", texts.get(i));
            if (!(t > 0 && t <= T)) {
                throw new ConfigurationException("outputTimes[" + i + "] = " + texts.get(i)
                        + " must lie in (0, T] with T = " + T);
            }
            times.add(t);
        }
        times.add(T);
        return times.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static String string(Config c, String key) {
        try {
            ConfigValue v = c.getValue(key);
            if (v.valueType() == ConfigValueType.OBJECT || v.valueType() == ConfigValueType.LIST) {
                throw new ConfigurationException(key + " must be a single value, got " + v.render());
            }
            return String.valueOf(v.unwrapped());
        } catch (ConfigException e) {
            throw new ConfigurationException(key + ": " + e.getMessage(), e);
        }
    }

    private static double constant(String key, String text) {
        try {
            return Formula.constant(key, text);
        } catch (FormulaException e) {
            throw new ConfigurationException(e.getMessage(), e);
        }
    }

    private static double number(Config c, String key) {
        return constant(key, string(c, key));
    }

    private static double positive(Config c, String key) {
        double v = number(c, key);
        if (!(v > 0)) {
            throw new ConfigurationException(key + " = " + string(c, key) + " must be positive");
        }
        return v;
    }

    private static int integer(Config c, String key) {
        double v = number(c, key);
        if (!(v == Math.rint(v) && Math.abs(v) < Integer.MAX_VALUE)) {
            throw new ConfigurationException(key + " = " + string(c, key) + " must be a whole number");
        }
        return (int) v;
    }

    private static boolean bool(Config c, String key) {
        String v = string(c, key).trim().toLowerCase();
        if (v.equals("true") || v.equals("yes") || v.equals("on")) {
            return true;
        }
        if (v.equals("false") || v.equals("no") || v.equals("off")) {
            return false;
        }
        throw new ConfigurationException(key + " = " + v + " must be true or false");
    }

    private static Formula formula(Config c, String key, String... variables) {
        try {
            return Formula.parse(key, string(c, key), variables);
        } catch (FormulaException e) {
            throw new ConfigurationException(e.getMessage(), e);
        }
    }
}
