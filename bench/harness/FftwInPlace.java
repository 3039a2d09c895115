import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;

/**
 * One FFTW transform of n complex points followed by a pointwise pass (a phase times {@code 1/sqrt(n)}, like a
 * stage of RK4IP, which keeps the norm: the values neither overflow nor underflow over the repetitions),
 * three ways: the heap array copied into FFTW's input buffer and out of its output buffer around an out-of-place
 * plan by JNA's {@code Pointer.write} and {@code read}; the same with the copies made through {@link DoubleBuffer}
 * views of the buffers (as vmse's FftwFft makes them); and in place on FFTW's own buffer, the pass reading and
 * writing it through a {@link DoubleBuffer}. Also the transform and each pass alone. Measured plans
 * (FFTW_MEASURE), microseconds per repetition, three rounds.
 *
 * <p>Arguments: n.
 */
public final class FftwInPlace {

    static {
        Native.register(FftwInPlace.class, NativeLibrary.getInstance("fftw3"));
    }

    private static native Pointer fftw_malloc(long n);

    private static native Pointer fftw_plan_dft_1d(int n, Pointer in, Pointer out, int sign, int flags);

    private static native void fftw_execute(Pointer plan);

    private static final int FORWARD = -1;
    private static final int MEASURE = 0;
    private static final int REPETITIONS = 200_000;

    public static void main(String[] args) {
        int n = Integer.parseInt(args[0]);
        Pointer in = fftw_malloc(16L * n);
        Pointer out = fftw_malloc(16L * n);
        Pointer buffer = fftw_malloc(16L * n);
        Pointer outOfPlace = fftw_plan_dft_1d(n, in, out, FORWARD, MEASURE);
        Pointer inPlace = fftw_plan_dft_1d(n, buffer, buffer, FORWARD, MEASURE);
        double[] array = new double[2 * n];
        double[] cos = new double[n];
        double[] sin = new double[n];
        for (int i = 0; i < n; i++) {
            array[2 * i] = Math.sin(i);
            array[2 * i + 1] = Math.cos(3 * i);
            cos[i] = Math.cos(1e-3 * i) / Math.sqrt(n);
            sin[i] = Math.sin(1e-3 * i) / Math.sqrt(n);
        }
        buffer.write(0, array, 0, 2 * n);
        DoubleBuffer direct = buffer.getByteBuffer(0, 16L * n).order(ByteOrder.nativeOrder()).asDoubleBuffer();
        DoubleBuffer inView = in.getByteBuffer(0, 16L * n).order(ByteOrder.nativeOrder()).asDoubleBuffer();
        DoubleBuffer outView = out.getByteBuffer(0, 16L * n).order(ByteOrder.nativeOrder()).asDoubleBuffer();
        System.out.printf("n = %d, us per repetition:%n", n);
        for (int round = 0; round < 3; round++) {
            long t0 = System.nanoTime();
            for (int r = 0; r < REPETITIONS; r++) {
                in.write(0, array, 0, 2 * n);
                fftw_execute(outOfPlace);
                out.read(0, array, 0, 2 * n);
                rotate(array, cos, sin);
            }
            long t1 = System.nanoTime();
            for (int r = 0; r < REPETITIONS; r++) {
                fftw_execute(inPlace);
                rotate(direct, cos, sin);
            }
            long t2 = System.nanoTime();
            for (int r = 0; r < REPETITIONS; r++) {
                fftw_execute(inPlace);
            }
            long t3 = System.nanoTime();
            for (int r = 0; r < REPETITIONS; r++) {
                rotate(array, cos, sin);
            }
            long t4 = System.nanoTime();
            for (int r = 0; r < REPETITIONS; r++) {
                rotate(direct, cos, sin);
            }
            long t5 = System.nanoTime();
            for (int r = 0; r < REPETITIONS; r++) {
                inView.put(0, array);
                fftw_execute(outOfPlace);
                outView.get(0, array);
                rotate(array, cos, sin);
            }
            long t6 = System.nanoTime();
            System.out.printf("  JNA copies + out-of-place + pass on the array %.2f; buffer-view copies + out-of-place"
                    + " + pass on the array %.2f; in place + pass on the buffer %.2f; in-place transform alone %.2f;"
                    + " pass on the array %.2f; pass on the buffer %.2f%n",
                    per(t0, t1), per(t5, t6), per(t1, t2), per(t2, t3), per(t3, t4), per(t4, t5));
        }
    }

    private static double per(long from, long to) {
        return (to - from) * 1e-3 / REPETITIONS;
    }

    /** x_s <- x_s (cos_s + i sin_s) on the interleaved array. */
    private static void rotate(double[] x, double[] cos, double[] sin) {
        for (int s = 0; s < cos.length; s++) {
            double re = x[2 * s];
            double im = x[2 * s + 1];
            x[2 * s] = cos[s] * re - sin[s] * im;
            x[2 * s + 1] = cos[s] * im + sin[s] * re;
        }
    }

    /** The same on the buffer. */
    private static void rotate(DoubleBuffer x, double[] cos, double[] sin) {
        for (int s = 0; s < cos.length; s++) {
            double re = x.get(2 * s);
            double im = x.get(2 * s + 1);
            x.put(2 * s, cos[s] * re - sin[s] * im);
            x.put(2 * s + 1, cos[s] * im + sin[s] * re);
        }
    }
}
