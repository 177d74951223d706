package dev.clawgate.upstream.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReadBuffersTest {

    @Test
    void aBufferGivenBackIsHandedOutAgainAndNeverTwiceAtOnce() {
        byte[] first = ReadBuffers.take();
        ReadBuffers.give(first);
        List<byte[]> taken = new ArrayList<>();
        IdentityHashMap<byte[], Boolean> distinct = new IdentityHashMap<>();
        for (int i = 0; i < 100; i++) { // more than the pool holds: the rest are new arrays
            byte[] b = ReadBuffers.take();
            taken.add(b);
            distinct.put(b, true);
        }
        assertThat(taken).hasSize(100).allSatisfy(b -> assertThat(b).hasSize(ReadBuffers.SIZE));
        assertThat(distinct).hasSize(100);
        assertThat(distinct).containsKey(first);
        taken.forEach(ReadBuffers::give);
    }

    @Test
    void anArrayOfAnotherSizeIsNeverPooled() {
        byte[] small = new byte[16];
        ReadBuffers.give(small);
        ReadBuffers.give(null);
        for (int i = 0; i < 100; i++) {
            assertThat(ReadBuffers.take()).isNotSameAs(small).hasSize(ReadBuffers.SIZE);
        }
    }
}
