package org.vmse.job.checkpoint;

import java.util.Arrays;

/**
 * One finished block of an ensemble as the checkpoint keeps it: the block's index, the realizations it covers and
 * its accumulation encoded by the caller (the exact sums; their encoding is the caller's, the store only keeps the
 * bytes intact).
 *
 * @param block   the block index, {@code >= 0}
 * @param first   the first realization of the block
 * @param end     one past the last realization; a block extended by a larger {@code samples} has another range
 * @param payload the encoded accumulation (copied in and out)
 */
public record StoredBlock(int block, long first, long end, byte[] payload) {

    public StoredBlock {
        if (block < 0) {
            throw new IllegalArgumentException("block index must be >= 0, got " + block);
        }
        if (!(first >= 0 && first < end)) {
            throw new IllegalArgumentException("block " + block + " must cover realizations first..end-1 with"
                    + " 0 <= first < end, got first = " + first + ", end = " + end);
        }
        if (payload == null) {
            throw new IllegalArgumentException("block " + block + " has no payload");
        }
        payload = payload.clone();
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    /** The number of realizations covered. */
    public long realizations() {
        return end - first;
    }

    /** Equal when index, range and payload bytes are equal. */
    @Override
    public boolean equals(Object o) {
        return o instanceof StoredBlock b && b.block == block && b.first == first && b.end == end
                && Arrays.equals(b.payload, payload);
    }

    @Override
    public int hashCode() {
        return (31 * Integer.hashCode(block) + Long.hashCode(first)) * 31 + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "StoredBlock[" + block + ", realizations " + first + ".." + (end - 1) + ", " + payload.length
                + " bytes]";
    }
}
