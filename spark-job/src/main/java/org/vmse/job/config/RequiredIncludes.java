package org.vmse.job.config;

import com.typesafe.config.ConfigIncludeContext;
import com.typesafe.config.ConfigIncluder;
import com.typesafe.config.ConfigIncluderClasspath;
import com.typesafe.config.ConfigIncluderFile;
import com.typesafe.config.ConfigIncluderURL;
import com.typesafe.config.ConfigObject;
import java.io.File;
import java.net.URL;

/**
 * Makes every {@code include} of an experiment file required, as if written {@code include required(...)}: Typesafe
 * Config silently skips a plain {@code include "x.conf"} that is not found ({@code setAllowMissing(false)} applies to
 * the file itself, not to its includes), and the run would quietly use the defaults. Delegates to the default
 * includer with {@code allowMissing = false}, which is how the library implements {@code required(...)}.
 */
final class RequiredIncludes implements ConfigIncluder, ConfigIncluderFile, ConfigIncluderURL,
        ConfigIncluderClasspath {

    private final ConfigIncluder fallback;

    /** For {@code ConfigParseOptions.setIncluder}, which installs the default includer by {@link #withFallback}. */
    RequiredIncludes() {
        this(null);
    }

    private RequiredIncludes(ConfigIncluder fallback) {
        this.fallback = fallback;
    }

    @Override
    public ConfigIncluder withFallback(ConfigIncluder f) {
        return f == fallback ? this : new RequiredIncludes(f);
    }

    @Override
    public ConfigObject include(ConfigIncludeContext context, String what) {
        return fallback.include(required(context), what);
    }

    @Override
    public ConfigObject includeFile(ConfigIncludeContext context, File what) {
        return ((ConfigIncluderFile) fallback).includeFile(required(context), what);
    }

    @Override
    public ConfigObject includeURL(ConfigIncludeContext context, URL what) {
        return ((ConfigIncluderURL) fallback).includeURL(required(context), what);
    }

    @Override
    public ConfigObject includeResources(ConfigIncludeContext context, String what) {
        return ((ConfigIncluderClasspath) fallback).includeResources(required(context), what);
    }

    private static ConfigIncludeContext required(ConfigIncludeContext context) {
        return context.setParseOptions(context.parseOptions().setAllowMissing(false));
    }
}
