/*
 * The native floor under vmse's FFT cost: FFTW 3 (double precision, one thread, FFTW_MEASURE plans) on the
 * complex transform of one grid, forward + backward + the 1/n scaling, which is what one "bare FFT pair" costs
 * vmse's spectral schemes. `vmse bench` compiles and runs it beside its own timings and divides.
 *
 *   cc -O2 fftw_bench.c -lfftw3 -lm -o fftw_bench && ./fftw_bench [--estimate-too] [N ...]
 *                                                                    (default: 416 1664 6656)
 *
 * Per size: a warm-up of ~0.2 s, then 7 timed batches of ~0.1 s each; the median batch is reported as
 *   n=N  fft+ifft pair P us  (one FFT P/2 us, scaling included)
 * The data are renormalized only by the scaling, so they neither grow nor decay; a final check says so.
 * --estimate-too: before each size's line, the same with FFTW_ESTIMATE plans (the plans vmse makes by default),
 *   n=N  FFTW_ESTIMATE fft+ifft pair P us  (one FFT P/2 us, ...)
 * Every plan is made with no wisdom held (FFTW_ESTIMATE would take a measured plan's wisdom).
 */
#include <fftw3.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum { BATCHES = 7 };

static double seconds(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double) t.tv_sec + 1e-9 * (double) t.tv_nsec;
}

static void pairs(fftw_plan forward, fftw_plan backward, fftw_complex *x, int n, long count) {
    const double scale = 1.0 / n;
    for (long r = 0; r < count; r++) {
        fftw_execute(forward);
        fftw_execute(backward);
        for (int i = 0; i < n; i++) {
            x[i][0] *= scale;
            x[i][1] *= scale;
        }
    }
}

static int by_value(const void *a, const void *b) {
    double d = *(const double *) a - *(const double *) b;
    return (d > 0) - (d < 0);
}

static int time_size(int n, unsigned flags, const char *label) {
    fftw_complex *x = fftw_malloc(sizeof(fftw_complex) * (size_t) n);
    if (x == NULL) {
        fprintf(stderr, "n=%d: out of memory\n", n);
        return 1;
    }
    /* FFTW_MEASURE overwrites the array: plan first, then fill */
    fftw_forget_wisdom();
    fftw_plan forward = fftw_plan_dft_1d(n, x, x, FFTW_FORWARD, flags);
    fftw_plan backward = fftw_plan_dft_1d(n, x, x, FFTW_BACKWARD, flags);
    double norm0 = 0;
    for (int i = 0; i < n; i++) {
        x[i][0] = cos(0.7 * i) + 0.25;
        x[i][1] = sin(1.3 * i);
        norm0 += x[i][0] * x[i][0] + x[i][1] * x[i][1];
    }
    /* size a batch to ~0.1 s while warming up */
    long count = 1;
    double elapsed = 0;
    while (elapsed < 0.1) {
        count *= 2;
        double t0 = seconds();
        pairs(forward, backward, x, n, count);
        elapsed = seconds() - t0;
    }
    count = (long) ceil(count * 0.1 / elapsed);
    pairs(forward, backward, x, n, count);
    double us[BATCHES];
    for (int b = 0; b < BATCHES; b++) {
        double t0 = seconds();
        pairs(forward, backward, x, n, count);
        us[b] = (seconds() - t0) * 1e6 / (double) count;
    }
    qsort(us, BATCHES, sizeof us[0], by_value);
    double norm = 0;
    for (int i = 0; i < n; i++) {
        norm += x[i][0] * x[i][0] + x[i][1] * x[i][1];
    }
    fftw_destroy_plan(forward);
    fftw_destroy_plan(backward);
    fftw_free(x);
    if (!(fabs(sqrt(norm / norm0) - 1) < 1e-6)) {
        fprintf(stderr, "n=%d: the data drifted (||x||/||x0|| = %g): the transforms are wrong\n", n,
                sqrt(norm / norm0));
        return 1;
    }
    double median = us[BATCHES / 2];
    printf("n=%d  %sfft+ifft pair %.3f us  (one FFT %.3f us, scaling included; batches %.3f..%.3f us)\n", n, label,
           median, median / 2, us[0], us[BATCHES - 1]);
    fflush(stdout);
    return 0;
}

int main(int argc, char **argv) {
    static const char *defaults[] = {"416", "1664", "6656"};
    int estimate_too = argc > 1 && strcmp(argv[1], "--estimate-too") == 0;
    int given = argc - 1 - estimate_too;
    const char **args = given > 0 ? (const char **) argv + 1 + estimate_too : defaults;
    int count = given > 0 ? given : (int) (sizeof defaults / sizeof defaults[0]);
    int sizes[count];
    for (int s = 0; s < count; s++) {
        char *end;
        long v = strtol(args[s], &end, 10);
        if (*end != '\0' || v < 1 || v > (1L << 26)) {
            fprintf(stderr, "not a grid size: '%s' (give positive integers, e.g. 416 1664 6656)\n", args[s]);
            return 2;
        }
        sizes[s] = (int) v;
    }
    int failed = 0;
    for (int s = 0; s < count; s++) {
        if (estimate_too) {
            failed |= time_size(sizes[s], FFTW_ESTIMATE, "FFTW_ESTIMATE ");
        }
        failed |= time_size(sizes[s], FFTW_MEASURE, "");
    }
    fftw_cleanup();
    return failed;
}
