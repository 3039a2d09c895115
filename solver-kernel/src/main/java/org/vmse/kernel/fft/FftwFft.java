package org.vmse.kernel.fft;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;

/**
 * {@link ComplexFft} on the system's FFTW 3 (double precision), called through JNA direct mapping: one out-of-place
 * plan per direction between two FFTW-aligned buffers, the interleaved {@code double[]} copied into the first and
 * out of the second on every call (FFTW's {@code fftw_complex} has the same interleaved layout), through direct
 * {@link DoubleBuffer} views of them. Out of place
 * because the copies are made anyway, and FFTW's out-of-place plans are faster at the grids vmse uses, copies
 * included (docs/performance.md).
 *
 * <p>Plans are made with {@code FFTW_ESTIMATE} under a global lock (FFTW's planner is not thread-safe; executing
 * distinct plans is). {@code FFTW_MEASURE} would pick the algorithm by timing candidates, so two processes could pick
 * different ones and round differently: the same run twice gave {@code rho_std} differing at ~1e-11 relative.
 * {@code ESTIMATE} picks by a fixed cost model, the same plan in every process for one size, library build and
 * CPU instruction set ({@link #PLANNER}), at 10-90 % more time per transform, depending on the length
 * (docs/performance.md). Plans made from {@link FftwWisdom} are the measured ones, the same in every process that holds
 * that wisdom ({@code FFTW_MEASURE | FFTW_WISDOM_ONLY}); FFTW keeps no wisdom between such plannings (any it held would
 * also steer {@code ESTIMATE} plans). Executing never allocates. Not thread-safe per instance, like every {@link ComplexFft}. Needs
 * {@code libfftw3.so.3} (Debian: {@code apt-get install libfftw3-double3}); {@link #available()} says whether it
 * loaded, and the constructor fails with that instruction otherwise. The buffers and plans live as long as the
 * process (a few per solver workspace; FFTW keeps its plans' wisdom anyway).
 */
public final class FftwFft implements ComplexFft {

    private static final int FORWARD = -1;
    private static final int BACKWARD = 1;
    private static final int ESTIMATE = 1 << 6;
    private static final int MEASURE = 0;
    private static final int WISDOM_ONLY = 1 << 21;
    /** The planner flag every plan is made with, as {@code fftw3.h} names it (for provenance). */
    static final String PLANNER = "FFTW_ESTIMATE";
    private static final Object PLANNER_LOCK = new Object();
    /** Whether plans are being measured for {@link #recordWisdom} (by the thread holding the planner lock). */
    private static boolean recording;
    /** The library name that loaded (one element, set by {@link #load}; declared before the load runs). */
    private static final String[] LIBRARY = new String[1];
    private static final String LOAD_ERROR = load("fftw3", "libfftw3.so.3");

    private final int size;
    private final Pointer input;
    private final Pointer output;
    /** The two buffers as the JDK sees them: a bulk copy through them is a plain memory copy, with no JNI call. */
    private final DoubleBuffer inputView;
    private final DoubleBuffer outputView;
    private final Pointer forwardPlan;
    private final Pointer inversePlan;
    private final double scale;

    /** A transform planned with {@code FFTW_ESTIMATE} (measured instead while {@link #recordWisdom} runs). */
    public FftwFft(int size) {
        this(size, null);
    }

    /**
     * A transform planned from {@code wisdom}, or as {@link #FftwFft(int)} where it is {@code null}.
     *
     * @throws IllegalStateException if the wisdom holds no plan of this length for this machine
     */
    FftwFft(int size, FftwWisdom wisdom) {
        requireLoaded();
        if (!(size >= 2)) {
            throw new IllegalArgumentException("FFT length must be at least 2, got " + size);
        }
        this.size = size;
        this.scale = 1.0 / size;
        synchronized (PLANNER_LOCK) {
            if (wisdom != null && recording) { // replaying would forget what is being recorded
                throw new IllegalStateException("a transform planned from wisdom while wisdom is being recorded");
            }
            this.input = fftw_malloc(16L * size);
            this.output = fftw_malloc(16L * size);
            if (wisdom == null) {
                int flags = recording ? MEASURE : ESTIMATE;
                this.forwardPlan = fftw_plan_dft_1d(size, input, output, FORWARD, flags);
                this.inversePlan = fftw_plan_dft_1d(size, input, output, BACKWARD, flags);
            } else {
                fftw_forget_wisdom();
                fftw_import_wisdom_from_string(wisdom.text());
                this.forwardPlan = fftw_plan_dft_1d(size, input, output, FORWARD, MEASURE | WISDOM_ONLY);
                this.inversePlan = fftw_plan_dft_1d(size, input, output, BACKWARD, MEASURE | WISDOM_ONLY);
                fftw_forget_wisdom();
                if (forwardPlan == null || inversePlan == null) {
                    throw new IllegalStateException("the run's FFTW wisdom (" + wisdom.sha256().substring(0, 12)
                            + "...) holds no plan for a transform of length " + size + " on this machine: it was"
                            + " measured for other lengths or on another CPU type. Use fftw.planner = estimate, or"
                            + " measure the wisdom on this machine type");
                }
            }
        }
        if (input == null || output == null || forwardPlan == null || inversePlan == null) {
            throw new IllegalStateException("FFTW could not plan a transform of length " + size);
        }
        this.inputView = view(input, size);
        this.outputView = view(output, size);
    }

    private static void requireLoaded() {
        if (LOAD_ERROR != null) {
            throw new IllegalStateException("fft = fftw needs the FFTW 3 library (libfftw3.so.3; Debian: apt-get"
                    + " install libfftw3-double3), which did not load: " + LOAD_ERROR + ". Use fft = jtransforms");
        }
    }

    /** Runs {@code build} with every FFTW plan measured, and returns the wisdom of those plans (see FftwWisdom). */
    static String recordWisdom(Runnable build) {
        requireLoaded();
        synchronized (PLANNER_LOCK) {
            fftw_forget_wisdom();
            recording = true;
            try {
                build.run();
                Pointer text = fftw_export_wisdom_to_string();
                if (text == null) {
                    throw new IllegalStateException("FFTW could not export its wisdom");
                }
                try {
                    return text.getString(0, "US-ASCII");
                } finally {
                    fftw_free(text);
                }
            } finally {
                recording = false;
                fftw_forget_wisdom();
            }
        }
    }

    /** Whether FFTW accepts {@code text} as wisdom (tried, then forgotten). */
    static boolean acceptsWisdom(String text) {
        requireLoaded();
        synchronized (PLANNER_LOCK) {
            fftw_forget_wisdom();
            try {
                return fftw_import_wisdom_from_string(text) != 0;
            } finally {
                fftw_forget_wisdom();
            }
        }
    }

    /** Whether the FFTW library loaded. */
    public static boolean available() {
        return LOAD_ERROR == null;
    }

    /** Why the FFTW library did not load, or {@code null} if it did. */
    public static String loadError() {
        return LOAD_ERROR;
    }

    /** FFTW's own version string ({@code fftw_version}, e.g. {@code fftw-3.3.10-sse2-avx}). */
    static String version() {
        return NativeLibrary.getInstance(LIBRARY[0]).getGlobalVariableAddress("fftw_version").getString(0);
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public void forward(double[] a) {
        execute(forwardPlan, a);
    }

    @Override
    public void inverse(double[] a) {
        inverseUnscaled(a);
        for (int i = 0; i < 2 * size; i++) {
            a[i] *= scale;
        }
    }

    @Override
    public void inverseUnscaled(double[] a) {
        execute(inversePlan, a);
    }

    /**
     * {@code a <- plan(a)}: copied into the input buffer, transformed out of place, copied back. The copies go through
     * the buffers' {@link DoubleBuffer} views, plain memory copies, rather than JNA's {@code Pointer.write} and
     * {@code read}, a JNI call each (docs/performance.md times both).
     */
    private void execute(Pointer plan, double[] a) {
        ComplexFft.requireLength(size, a);
        inputView.put(0, a);
        fftw_execute(plan);
        outputView.get(0, a);
    }

    /** The {@code 2 size} doubles at {@code p} as a direct buffer in the machine's byte order (FFTW's layout). */
    private static DoubleBuffer view(Pointer p, int size) {
        return p.getByteBuffer(0, 16L * size).order(ByteOrder.nativeOrder()).asDoubleBuffer();
    }

    @Override
    public String name() {
        return "fftw";
    }

    /**
     * Binds the natives to the first of {@code names} that loads; returns {@code null} on success, else the last
     * loader's message (package-private so a test can ask for a library that does not exist).
     */
    static String load(String... names) {
        String error = "no library name given";
        for (String name : names) {
            try {
                NativeLibrary library = NativeLibrary.getInstance(name);
                Native.register(FftwFft.class, library);
                LIBRARY[0] = name;
                return null;
            } catch (UnsatisfiedLinkError | RuntimeException e) {
                error = e.getMessage();
            }
        }
        return error;
    }

    // FFTW 3 API, direct-mapped (fftw3.h)
    private static native Pointer fftw_malloc(long n);

    private static native Pointer fftw_plan_dft_1d(int n, Pointer in, Pointer out, int sign, int flags);

    private static native void fftw_execute(Pointer plan);

    private static native void fftw_free(Pointer p);

    private static native void fftw_forget_wisdom();

    private static native int fftw_import_wisdom_from_string(String text);

    private static native Pointer fftw_export_wisdom_to_string();
}
