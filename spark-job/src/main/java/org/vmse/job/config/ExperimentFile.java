package org.vmse.job.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
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
import org.vmse.kernel.fft.FftwWisdom;
import org.vmse.kernel.krylov.KrylovSettings;
import org.vmse.kernel.problem.MassCovariance;
import org.vmse.kernel.problem.WavePacket;
import org.vmse.kernel.random.Sampler;
import org.vmse.kernel.vmse.Scheme;

/**
 * Reads an experiment file (HOCON, Typesafe Config) with {@code --set key=value} overrides into an
 * {@link ExperimentConfig}, whose records validate the values. Every key must be one of the defaults'
 * ({@code defaults.conf}); numbers may be formulas such as {@code 2^-6}; every {@code include} must be found.
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
            user = ConfigFactory.parseFile(file.toFile(), ConfigParseOptions.defaults().setSyntax(ConfigSyntax.CONF)
                    .setAllowMissing(false).setIncluder(new RequiredIncludes()));
        } catch (ConfigException.IO e) {
            throw new ConfigurationException("cannot read " + file + ": " + e.getMessage() + " (every include must"
                    + " exist: fix its path, relative to the including file, or remove it)", e);
        } catch (ConfigException e) {
            throw new ConfigurationException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return fromConfig(applyOverrides(user, overrides), file.toString());
    }

    /** As {@link #load} for a configuration already parsed (tests, studies). */
    public static ExperimentConfig fromConfig(Config user, String origin) {
        Config defaults = defaults();
        rejectUnknownKeys(user, knownKeys(defaults), origin);
        Config c;
        try {
            c = user.withFallback(defaults).resolve();
        } catch (ConfigException e) {
            throw new ConfigurationException(origin + ": " + e.getMessage(), e);
        }
        return build(c);
    }

    /**
     * {@code key=value} overrides on top of {@code user}. A value in one level of quotes means the text inside
     * ({@code eps="2^-6"} is {@code eps=2^-6}); a list's items may be quoted or not ({@code [2^-6, 2^-7]}).
     */
    public static Config applyOverrides(Config user, List<String> overrides) {
        Set<String> known = knownKeys(defaults());
        Config c = user;
        for (String o : overrides) {
            int eq = o.indexOf('=');
            if (eq <= 0) {
                throw new ConfigurationException("--set expects key=value, got \"" + o + "\"");
            }
            String key = o.substring(0, eq).trim();
            ConfigValue v = overrideValue(key, o.substring(eq + 1).trim());
            rejectUnknownOverride(key, v, known);
            try {
                c = c.withValue(key, v);
            } catch (ConfigException e) {
                throw new ConfigurationException("--set: \"" + key + "\" is not a valid key: " + e.getMessage(), e);
            }
        }
        return c;
    }

    private static ConfigValue overrideValue(String key, String value) {
        if (value.startsWith("{") || value.startsWith("[")) {
            try {
                return ConfigFactory.parseString("v = " + value).getValue("v");
            } catch (ConfigException e) {
                if (value.startsWith("[") && value.endsWith("]")) {
                    // HOCON does not take 2^-6 unquoted; as items of a --set list they mean "2^-6"
                    return ConfigValueFactory.fromIterable(listItems(value.substring(1, value.length() - 1)),
                            "--set " + key);
                }
                throw new ConfigurationException("--set " + key + ": cannot parse " + value + ": "
                        + e.getMessage(), e);
            }
        }
        return ConfigValueFactory.fromAnyRef(unquote(value), "--set " + key);
    }

    /** The comma-separated items of a list's inside, each trimmed and unquoted; commas inside quotes stay. */
    private static List<String> listItems(String inside) {
        List<String> items = new ArrayList<>();
        if (inside.isBlank()) {
            return items;
        }
        StringBuilder item = new StringBuilder();
        char quote = 0;
        for (char ch : inside.toCharArray()) {
            if (quote == 0 && ch == ',') {
                items.add(unquote(item.toString().trim()));
                item.setLength(0);
                continue;
            }
            if (quote == 0 && (ch == '"' || ch == '\'')) {
                quote = ch;
            } else if (ch == quote) {
                quote = 0;
            }
            item.append(ch);
        }
        items.add(unquote(item.toString().trim()));
        return items;
    }

    /** {@code s} without one level of surrounding double or single quotes. */
    private static String unquote(String s) {
        boolean quoted = s.length() >= 2 && (s.charAt(0) == '"' || s.charAt(0) == '\'')
                && s.charAt(s.length() - 1) == s.charAt(0);
        return quoted ? s.substring(1, s.length() - 1) : s;
    }

    private static Set<String> knownKeys(Config defaults) {
        return defaults.entrySet().stream().map(Map.Entry::getKey).collect(Collectors.toCollection(TreeSet::new));
    }

    /** An override must name a key of the defaults (an object value: every key under it). */
    private static void rejectUnknownOverride(String key, ConfigValue v, Set<String> known) {
        List<String> keys = new ArrayList<>();
        if (v.valueType() == ConfigValueType.OBJECT) {
            for (Map.Entry<String, ConfigValue> e : ((ConfigObject) v).toConfig().entrySet()) {
                keys.add(key + "." + e.getKey());
            }
        } else {
            keys.add(key);
        }
        for (String k : keys) {
            if (!known.contains(k)) {
                throw new ConfigurationException("--set " + k + ": unknown key " + k
                        + KeySuggestion.didYouMean(k, known));
            }
        }
    }

    private static void rejectUnknownKeys(Config user, Set<String> known, String origin) {
        List<String> unknown = new ArrayList<>();
        for (Map.Entry<String, ConfigValue> e : user.entrySet()) {
            if (!known.contains(e.getKey())) {
                unknown.add(e.getKey());
            }
        }
        if (!unknown.isEmpty()) {
            throw new ConfigurationException(origin + ": unknown key" + (unknown.size() > 1 ? "s " : " ")
                    + String.join(", ", unknown) + KeySuggestion.didYouMean(unknown.get(0), known)
                    + ". Known keys: " + String.join(", ", known));
        }
    }

    private static ExperimentConfig build(Config c) {
        String epsText = string(c, "eps");
        double eps = number(c, "eps");
        double T = number(c, "T");
        double[] outputTimes = constants("outputTimes", list(c, "outputTimes", "[0.1, 0.4]"));
        MeshSpec mesh = new MeshSpec(formula(c, "mesh.dx", "eps"), formula(c, "mesh.dt", "eps"),
                bool(c, "mesh.allowUnresolved"), parsed(c, "mesh.rule", MeshRule::parse),
                number(c, "mesh.tolerance"));
        double A = number(c, "initial.A");
        double x0 = number(c, "initial.x0");
        double p0 = number(c, "initial.p0");
        double tolerance = number(c, "krylov.tolerance");
        int maxIterations = integer(c, "krylov.maxIterations");
        int restart = integer(c, "krylov.restart");
        WavePacket initial;
        KrylovSettings krylov;
        try { // kernel records: their messages name the key
            initial = new WavePacket(A, x0, p0);
            krylov = new KrylovSettings(tolerance, maxIterations, restart);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(e.getMessage(), e);
        }
        LiouvilleSpec liouville = new LiouvilleSpec(number(c, "liouville.tolerance"), integer(c, "liouville.rays"),
                number(c, "liouville.dx"), number(c, "liouville.dk"), number(c, "liouville.deltaWidth"));
        RandomSpec random = random(c);
        if (mesh.rule() == MeshRule.ACCURACY && !random.enabled()) {
            throw new ConfigurationException("mesh.rule = accuracy measures the mesh's error on pilot realizations of"
                    + " the random mass, so it needs random.enabled = true; for a deterministic run use mesh.rule ="
                    + " paper and set mesh.dx and mesh.dt");
        }
        return new ExperimentConfig(string(c, "name"), eps, epsText, T, outputTimes, number(c, "domain.L"), mesh,
                initial, formula(c, "mass.m0", "t", "x"), formula(c, "potential.V", "x"), krylov, liouville,
                study(c), random, ensemble(c), rte(c, initial.p0()), parsed(c, "scheme", Scheme::parse), fft(c),
                fftw(c), bool(c, "limits.force"), c);
    }

    private static FftBackend fft(Config c) {
        String name = oneOf(c, "fft", "auto", "jtransforms", "fftw");
        // auto resolves silently; the command layer tells the user when it fell back (fftFallbackNotice)
        return name.equals("auto") ? FftBackend.auto(FftwFft.available()) : FftBackend.parse(name);
    }

    private static FftwSpec fftw(Config c) {
        FftwPlanner planner = parsed(c, "fftw.planner", FftwPlanner::parse);
        String file = string(c, "fftw.wisdom").trim();
        if (file.isEmpty()) {
            return new FftwSpec(planner, null, "");
        }
        String text;
        try {
            text = Files.readString(Path.of(file), java.nio.charset.StandardCharsets.US_ASCII);
        } catch (java.io.IOException | RuntimeException e) {
            throw new ConfigurationException("fftw.wisdom = " + file + " cannot be read (" + e
                    + "): give a file a run with fftw.planner = measure wrote (its fftw-wisdom.txt)", e);
        }
        try {
            return new FftwSpec(planner, new FftwWisdom(text), file);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new ConfigurationException("fftw.wisdom = " + file + ": " + e.getMessage()
                    + "; give a file a run with fftw.planner = measure wrote (its fftw-wisdom.txt)", e);
        }
    }

    private static RteSpec rte(Config c, double p0) {
        String initial = string(c, "rte.initial").trim();
        if (!initial.equals("delta") && !initial.equals("epsWigner")) {
            throw new ConfigurationException("rte.initial = " + initial + " must be delta (the paper's (4.17)) or"
                    + " epsWigner (the Wigner transform of the packet at this eps)");
        }
        return new RteSpec(bool(c, "rte.enabled"), initial.equals("epsWigner"), number(c, "rte.dx"),
                number(c, "rte.dk"), number(c, "rte.dt"), formula(c, "rte.kMin", "p0").value(p0),
                formula(c, "rte.kMax", "p0").value(p0), number(c, "rte.deltaWidth"));
    }

    private static RandomSpec random(Config c) {
        return new RandomSpec(bool(c, "random.enabled"), number(c, "random.gamma"), covariance(c), lower(c, "random.xi"), parsed(c, "random.sampler", Sampler::parse),
                number(c, "random.klThreshold"), integer(c, "random.klTerms"), bool(c, "random.antithetic"));
    }

    private static EnsembleSpec ensemble(Config c) {
        double seed = number(c, "seed");
        if (!(seed == Math.rint(seed) && Math.abs(seed) < 0x1p53)) {
            throw new ConfigurationException("seed = " + string(c, "seed") + " must be a whole number");
        }
        boolean exclude = oneOf(c, "ensemble.onFailure", "fail", "exclude").equals("exclude");
        return new EnsembleSpec(count(c, "samples"), (long) seed, integer(c, "partitions"),
                count(c, "ensemble.blockSize"), integer(c, "ensemble.covarianceStride"), exclude,
                integer(c, "ensemble.batches"), integer(c, "ensemble.refinedRealizations"),
                string(c, "spark.master").trim());
    }

    /** {@code random.D, random.a, random.b}: the covariance (4.14), checked where it is defined. */
    private static MassCovariance covariance(Config c) {
        try {
            return new MassCovariance(number(c, "random.D"), number(c, "random.a"), number(c, "random.b"));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(e.getMessage(), e);
        }
    }

    /** {@code key} read by {@code parse}, whose refusal names the key, the value and the allowed values. */
    private static <T> T parsed(Config c, String key, Function<String, T> parse) {
        try {
            return parse.apply(string(c, key));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(e.getMessage(), e);
        }
    }

    private static StudySpec study(Config c) {
        List<String> texts = list(c, "study.eps", "[\"2^-6\", \"2^-7\"]");
        List<String> samplesText = list(c, "study.samples", "[2000, 400, 100]");
        int[] samples = new int[samplesText.size()];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = count("study.samples[" + i + "]", samplesText.get(i));
        }
        String[] xi = list(c, "study.xi", "[gaussian, uniform]").stream().map(x -> x.trim().toLowerCase())
                .toArray(String[]::new);
        return new StudySpec(constants("study.eps", texts), texts.toArray(String[]::new), number(c, "study.fitMin"),
                number(c, "study.fitMax"), samples, xi, number(c, "study.targetSe"), count(c, "study.maxSamples"));
    }

    /** The items of a list key, as text. */
    private static List<String> list(Config c, String key, String example) {
        try {
            return c.getList(key).unwrapped().stream().map(String::valueOf).toList();
        } catch (ConfigException e) {
            throw new ConfigurationException(key + " must be a list such as " + example + ": " + e.getMessage(), e);
        }
    }

    /** The items of a list key as numbers, named {@code key[i]} in messages. */
    private static double[] constants(String key, List<String> texts) {
        double[] v = new double[texts.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = constant(key + "[" + i + "]", texts.get(i));
        }
        return v;
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

    /** A choice, as the records compare it: trimmed, lower case. */
    private static String lower(Config c, String key) {
        return string(c, key).trim().toLowerCase();
    }

    /** A choice the reader itself turns into a value. */
    private static String oneOf(Config c, String key, String... allowed) {
        String v = lower(c, key);
        Require.oneOf(key, v, allowed);
        return v;
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

    /** A whole number within {@code +-2^53}, where doubles still count every integer. */
    private static long whole(String key, String text) {
        double v = constant(key, text);
        if (!(v == Math.rint(v) && Math.abs(v) < 0x1p53)) {
            throw new ConfigurationException(key + " = " + text + " must be a whole number");
        }
        return (long) v;
    }

    private static int integer(Config c, String key) {
        String text = string(c, key);
        long v = whole(key, text);
        if (v > Integer.MAX_VALUE) {
            throw new ConfigurationException(key + " = " + text + " is too large, at most " + Integer.MAX_VALUE);
        }
        if (v < Integer.MIN_VALUE) {
            throw new ConfigurationException(key + " = " + text + " is too small, at least " + Integer.MIN_VALUE);
        }
        return (int) v;
    }

    /** A number of realizations: the records refuse more than {@link EnsembleSpec#MAX_SAMPLES}, so does this. */
    private static int count(Config c, String key) {
        return count(key, string(c, key));
    }

    private static int count(String key, String text) {
        long v = whole(key, text);
        if (v > EnsembleSpec.MAX_SAMPLES) {
            throw EnsembleSpec.tooLarge(key, text);
        }
        return (int) Math.max(v, Integer.MIN_VALUE);
    }

    private static boolean bool(Config c, String key) {
        String v = lower(c, key);
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
