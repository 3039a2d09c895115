package org.vmse.job.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileNotFoundException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlockStoreTest {

    @TempDir
    Path tmp;

    private Path dir;
    private BlockStore store;

    @BeforeEach
    void open() throws Exception {
        dir = tmp.resolve("blocks");
        store = BlockStore.open(dir.toUri(), new Configuration());
    }

    private static StoredBlock block(int index, long first, long end, String payload) {
        return new StoredBlock(index, first, end, payload.getBytes(StandardCharsets.UTF_8));
    }

    private Path fileOf(int block) {
        return dir.resolve(String.format("block-%010d.vmsb", block));
    }

    @Test
    void blocksComeBackAsWrittenAndAreListedInOrder() throws Exception {
        StoredBlock b7 = block(7, 56, 64, "sums of block 7");
        StoredBlock b2 = block(2, 16, 24, "sums of block 2");
        StoredBlock b0 = block(0, 0, 8, "");
        store.write(b7);
        store.write(b2);
        store.write(b0);
        assertEquals(List.of(0, 2, 7), store.blocks());
        assertEquals(b7, store.read(7));
        assertEquals(b2, store.read(2));
        assertEquals(b0, store.read(0));
        assertThrows(FileNotFoundException.class, () -> store.read(3));
        // a rewrite (another attempt of the same block, or a last block extended by more samples) replaces it
        StoredBlock extended = block(7, 56, 63, "the block again");
        store.write(extended);
        assertEquals(extended, store.read(7));
        assertEquals(List.of(0, 2, 7), store.blocks());
        // no temporary file is left behind, and the raw local file system writes no .crc side files
        try (var files = Files.list(dir)) {
            assertEquals(3, files.count());
        }
    }

    @Test
    void theFileHasTheDocumentedLayoutAndDigest() throws Exception {
        byte[] payload = "exact sums".getBytes(StandardCharsets.US_ASCII);
        store.write(new StoredBlock(5, 40, 47, payload));
        byte[] bytes = Files.readAllBytes(fileOf(5));
        // the layout of the class comment: 32-byte header, payload, 32-byte SHA-256 of everything before it
        assertEquals(32 + payload.length + 32, bytes.length);
        ByteBuffer b = ByteBuffer.wrap(bytes);
        assertEquals("VMSB", new String(bytes, 0, 4, StandardCharsets.US_ASCII));
        assertEquals(BlockStore.FORMAT_VERSION, b.getInt(4));
        assertEquals(5, b.getInt(8));
        assertEquals(40, b.getLong(12));
        assertEquals(47, b.getLong(20));
        assertEquals(payload.length, b.getInt(28));
        assertArrayEquals(payload, Arrays.copyOfRange(bytes, 32, 32 + payload.length));
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(Arrays.copyOf(bytes, 32 + payload.length));
        assertArrayEquals(digest, Arrays.copyOfRange(bytes, 32 + payload.length, bytes.length));
    }

    @Test
    void aTruncatedBlockIsDetected() throws Exception {
        store.write(block(1, 8, 16, "a payload long enough to cut in the middle"));
        byte[] whole = Files.readAllBytes(fileOf(1));
        for (int length : new int[] {0, 10, 31, 40, whole.length - 32, whole.length - 1}) {
            Files.write(fileOf(1), Arrays.copyOf(whole, length));
            CorruptBlockException e = assertThrows(CorruptBlockException.class, () -> store.read(1),
                    "cut to " + length + " bytes");
            assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        }
        // still listed (the name is final), so a resumed run reads it, is told, and computes the block again
        assertEquals(List.of(1), store.blocks());
        store.discard(1);
        assertEquals(List.of(), store.blocks());
    }

    @Test
    void anAlteredByteAnywhereIsDetected() throws Exception {
        store.write(block(3, 24, 32, "payload"));
        byte[] whole = Files.readAllBytes(fileOf(3));
        for (int at = 0; at < whole.length; at++) {
            byte[] altered = whole.clone();
            altered[at] ^= 0x01;
            Files.write(fileOf(3), altered);
            assertThrows(CorruptBlockException.class, () -> store.read(3), "byte " + at + " altered");
        }
        // extra bytes after the digest are damage too
        byte[] longer = Arrays.copyOf(whole, whole.length + 1);
        Files.write(fileOf(3), longer);
        assertThrows(CorruptBlockException.class, () -> store.read(3));
    }

    @Test
    void aBlockUnderAnotherBlocksNameIsDetected() throws Exception {
        store.write(block(4, 32, 40, "block four"));
        Files.copy(fileOf(4), fileOf(9));
        CorruptBlockException e = assertThrows(CorruptBlockException.class, () -> store.read(9));
        assertTrue(e.getMessage().contains("holds block 4 under the name of block 9"), e.getMessage());
    }

    @Test
    void temporaryFilesOfUnfinishedWritersAreNeitherListedNorKept() throws Exception {
        store.write(block(0, 0, 8, "done"));
        // what a writer killed before its rename leaves: part of a block under a temporary name
        byte[] half = Arrays.copyOf(BlockStore.encode(block(1, 8, 16, "never finished")), 20);
        Path temporary = Path.of(HadoopFiles.temporary(store.file(1)).toUri());
        Files.write(temporary, half);
        Files.writeString(dir.resolve("notes.txt"), "not a block");
        assertEquals(List.of(0), store.blocks());
        assertEquals(1, store.removeTemporaries());
        assertTrue(Files.notExists(temporary));
        assertTrue(Files.exists(dir.resolve("notes.txt")));
        assertEquals(List.of(0), store.blocks());
    }

    @Test
    void aStoredBlockValidatesItsRange() {
        assertThrows(IllegalArgumentException.class, () -> block(-1, 0, 8, ""));
        assertThrows(IllegalArgumentException.class, () -> block(0, 8, 8, ""));
        assertThrows(IllegalArgumentException.class, () -> block(0, -1, 8, ""));
        assertThrows(IllegalArgumentException.class, () -> new StoredBlock(0, 0, 8, null));
        byte[] payload = {1, 2, 3};
        StoredBlock b = new StoredBlock(0, 0, 8, payload);
        payload[0] = 9;
        assertEquals(1, b.payload()[0]);
        b.payload()[1] = 9;
        assertEquals(2, b.payload()[1]);
    }
}
