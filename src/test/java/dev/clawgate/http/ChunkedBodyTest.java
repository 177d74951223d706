package dev.clawgate.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ChunkedBodyTest {

    /** A source over fixed bytes that hands out at most {@code step} bytes per read (as a socket may). */
    private static final class BytesSource implements ChunkedBody.Source {
        private final ByteArrayInputStream in;
        private final int step;

        BytesSource(String wire, int step) {
            this.in = new ByteArrayInputStream(wire.getBytes(StandardCharsets.ISO_8859_1));
            this.step = step;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            return in.read(b, off, Math.min(len, step));
        }

        @Override
        public String readLine(int max) throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            for (int i = 0; i <= max; i++) {
                int c = in.read();
                if (c < 0) {
                    throw new EOFException("the source ended in the middle of a line");
                }
                if (c == '\n') {
                    String s = line.toString(StandardCharsets.ISO_8859_1);
                    return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
                }
                line.write(c);
            }
            throw new MalformedStreamException("a line longer than " + max + " bytes");
        }

        String rest() {
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void joinsChunksDropsExtensionsAndTrailersAndStopsAtTheNextMessage() throws IOException {
        BytesSource source = new BytesSource("5;name=value\r\nHello\r\n1A\r\n, chunked world of bytes!!\r\n"
                + "0\r\nX-Checksum: 1\r\n\r\nHTTP/1.1 200 OK\r\n", 3);
        ChunkedBody body = new ChunkedBody(source);

        assertThat(body.ended()).isFalse();
        assertThat(new String(body.readAllBytes(), StandardCharsets.ISO_8859_1))
                .isEqualTo("Hello, chunked world of bytes!!");
        assertThat(body.ended()).isTrue();
        assertThat(body.read()).isEqualTo(-1);
        assertThat(source.rest()).isEqualTo("HTTP/1.1 200 OK\r\n");
    }

    @Test
    void countsWhatIsLeftOfTheCurrentChunk() throws IOException {
        ChunkedBody body = new ChunkedBody(new BytesSource("a\r\n0123456789\r\n0\r\n\r\n", 64));
        byte[] four = new byte[4];

        assertThat(body.read(four, 0, 4)).isEqualTo(4);
        assertThat(body.remainingInChunk()).isEqualTo(6);
        assertThat(body.readAllBytes()).hasSize(6);
        assertThat(body.remainingInChunk()).isZero();
    }

    @Test
    void aChunkLongerThanItsSizeIsMalformed() {
        ChunkedBody body = new ChunkedBody(new BytesSource("3\r\nabcdef\r\n0\r\n\r\n", 64));

        assertThatThrownBy(body::readAllBytes).isInstanceOf(MalformedStreamException.class)
                .hasMessageContaining("longer than its declared size");
    }

    @Test
    void aSizeThatIsNotHexadecimalOrIsNegativeIsMalformed() {
        assertThatThrownBy(() -> new ChunkedBody(new BytesSource("zz\r\nabc\r\n", 64)).readAllBytes())
                .isInstanceOf(MalformedStreamException.class).hasMessageContaining("not hexadecimal: zz");
        assertThatThrownBy(() -> new ChunkedBody(new BytesSource("-3\r\nabc\r\n", 64)).readAllBytes())
                .isInstanceOf(MalformedStreamException.class).hasMessageContaining("negative");
    }

    @Test
    void theConnectionEndingInsideAChunkIsAnEofNotAnEnd() {
        ChunkedBody body = new ChunkedBody(new BytesSource("a\r\n01234", 64));

        assertThatThrownBy(body::readAllBytes).isInstanceOf(EOFException.class)
                .hasMessageContaining("middle of a chunk");
        assertThat(body.ended()).isFalse();
    }
}
