package dev.clawgate.upstream.transport;

import java.io.InputStream;

/** Returns at most {@code chunk} bytes per read, to split frames at every possible position. */
final class ChunkingInputStream extends InputStream {

    private final byte[] bytes;
    private final int chunk;
    private int pos;

    ChunkingInputStream(byte[] bytes, int chunk) {
        this.bytes = bytes;
        this.chunk = chunk;
    }

    @Override
    public int read() {
        return pos < bytes.length ? bytes[pos++] & 0xFF : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (len == 0) {
            return 0;
        }
        if (pos >= bytes.length) {
            return -1;
        }
        int n = Math.min(Math.min(len, chunk), bytes.length - pos);
        System.arraycopy(bytes, pos, b, off, n);
        pos += n;
        return n;
    }
}
