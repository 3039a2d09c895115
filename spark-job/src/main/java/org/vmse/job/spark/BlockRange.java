package org.vmse.job.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * The blocks {@code first .. end-1} of an ensemble: the unit of one task and of one checkpoint file. Blocks, not
 * partitions, fix which realizations are summed together, so any cut of the blocks into ranges merges into the
 * same bits.
 *
 * @param first the first block
 * @param end   one past the last block, above {@code first}
 */
public record BlockRange(int first, int end) implements Serializable {

    public BlockRange {
        if (!(first >= 0 && end > first)) {
            throw new IllegalArgumentException("a block range needs 0 <= first < end, got [" + first + ", " + end
                    + ")");
        }
    }

    /** The number of blocks. */
    public int size() {
        return end - first;
    }

    /**
     * {@code [first, end)} cut into {@code parts} ranges of nearly equal size (fewer when there are fewer blocks),
     * in order.
     */
    public static List<BlockRange> split(int first, int end, int parts) {
        if (!(parts >= 1)) {
            throw new IllegalArgumentException("parts must be at least 1, got " + parts);
        }
        List<BlockRange> ranges = new ArrayList<>();
        int blocks = end - first;
        int n = Math.min(parts, blocks);
        for (int p = 0; p < n; p++) {
            int a = first + (int) ((long) blocks * p / n);
            int b = first + (int) ((long) blocks * (p + 1) / n);
            ranges.add(new BlockRange(a, b));
        }
        return ranges;
    }
}
