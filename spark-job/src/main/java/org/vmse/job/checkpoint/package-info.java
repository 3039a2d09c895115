/**
 * Checkpoint and resume of an ensemble run through the Hadoop {@code FileSystem} API, so that a run on any Hadoop
 * URI ({@code file:}, {@code hdfs:}) loses at most the blocks that were being computed when it stopped.
 *
 * <p>The pieces: {@link org.vmse.job.checkpoint.RunManifest} (what the blocks were computed from, and whether a run
 * may resume them), {@link org.vmse.job.checkpoint.BlockStore} (one verified file per finished block),
 * {@link org.vmse.job.checkpoint.StatusFile} (where the run stands, for {@code vmse status}) and
 * {@link org.vmse.job.checkpoint.OutputLock} (one run per output). Every file is written to a temporary name in
 * its directory and renamed into place, so a reader finds the old version or the new one, never a part.
 *
 * <p>A layout for the checkpoint of an output {@code OUT}, beside it so that it outlives a failed run's staging
 * directory:
 * <pre>
 *   OUT.checkpoint/lock            the OutputLock, taken first
 *   OUT.checkpoint/manifest.json   written once when the checkpoint is created, compared on every resume
 *   OUT.checkpoint/status.json     rewritten by the driver
 *   OUT.checkpoint/blocks/         block-NNNNNNNNNN.vmsb, written by whoever finishes the block
 * </pre>
 */
package org.vmse.job.checkpoint;
