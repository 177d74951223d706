package dev.clawgate.upstream.transport;

import dev.clawgate.upstream.WireMeter;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** A response body that tells a {@link WireMeter} every byte read from the connection. */
final class MeteredInputStream extends FilterInputStream {

    private final WireMeter meter;

    MeteredInputStream(InputStream in, WireMeter meter) {
        super(in);
        this.meter = meter;
    }

    static InputStream of(InputStream in, WireMeter meter) {
        return meter == WireMeter.NONE ? in : new MeteredInputStream(in, meter);
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            meter.received(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
        int n = super.read(buf, off, len);
        if (n > 0) {
            meter.received(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(n);
        if (skipped > 0) {
            meter.received(skipped);
        }
        return skipped;
    }
}
