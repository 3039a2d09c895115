package org.vmse.job.checkpoint;

import java.io.IOException;

/**
 * A block file that is not a complete, intact block: truncated, altered, of another format, or under another
 * block's name. Its realizations must be computed again, never merged.
 */
public final class CorruptBlockException extends IOException {

    private static final long serialVersionUID = 1L;

    public CorruptBlockException(String message) {
        super(message);
    }
}
