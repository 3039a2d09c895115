package org.vmse.job.experiment;

/**
 * How an adaptive ensemble point ({@code study.targetSe > 0}) grows: a Monte Carlo standard error falls as
 * {@code n^(-1/2)}, so {@code n (se / target)^2} realizations would reach the target; the next round runs that many,
 * rounded up to whole blocks, at least one block more and at most four times as many (a standard error from a
 * handful of batch means can be far off, and a round that overshoots cannot be taken back), never more than the cap.
 */
final class SampleGrowth {

    /** The most a round multiplies the sample count by. */
    static final int MAX_FACTOR = 4;

    private SampleGrowth() {
    }

    /**
     * The sample count of the next round, or {@code n} where the point is done: its standard error {@code se} is at
     * most {@code target} (or not a number), or {@code n} has reached {@code max}.
     *
     * @param n         realizations so far
     * @param se        standard error of {@code err_l1} with {@code n}
     * @param target    {@code study.targetSe}, positive
     * @param max       {@code study.maxSamples}
     * @param blockSize {@code ensemble.blockSize}
     */
    static int next(int n, double se, double target, int max, int blockSize) {
        if (!(se > target) || n >= max) {
            return n;
        }
        double ratio = se / target;
        double wanted = Math.min((double) n * ratio * ratio, (double) MAX_FACTOR * n);
        long blocks = Math.max((long) Math.ceil(wanted / blockSize), (long) n / blockSize + 1);
        return (int) Math.min(blocks * blockSize, max);
    }
}
