package dev.clawgate.upstream.transport;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A few 8 KB read buffers shared by all calls. Every call runs on its own virtual thread, so a thread-local
 * buffer would be a new one per call; without this, each streamed answer allocated two (the body's first read
 * and the line scanner's buffer). Bounded: when all slots are taken a buffer is simply allocated, and one given
 * back to a full pool is left to the collector. A buffer must be given back only by the one reader that took
 * it, once nothing reads from it any more.
 */
final class ReadBuffers {

    static final int SIZE = 8 * 1024;
    private static final int SLOTS = 64;
    private static final AtomicReferenceArray<byte[]> FREE = new AtomicReferenceArray<>(SLOTS);

    private ReadBuffers() {}

    /** A buffer of {@link #SIZE} bytes (its content is whatever the last user left). */
    static byte[] take() {
        int start = (int) Thread.currentThread().threadId();
        for (int i = 0; i < SLOTS; i++) {
            int slot = (start + i) & (SLOTS - 1);
            byte[] b = FREE.get(slot);
            if (b != null && FREE.compareAndSet(slot, b, null)) {
                return b;
            }
        }
        return new byte[SIZE];
    }

    /** Gives back a buffer from {@link #take()}; any other array is ignored. */
    static void give(byte[] b) {
        if (b == null || b.length != SIZE) {
            return;
        }
        int start = (int) Thread.currentThread().threadId();
        for (int i = 0; i < SLOTS; i++) {
            int slot = (start + i) & (SLOTS - 1);
            if (FREE.get(slot) == null && FREE.compareAndSet(slot, null, b)) {
                return;
            }
        }
    }
}
