package dev.clawgate.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which provider URLs count as local, decided from the string alone; a second answer (remembered) is the same. */
class NetworkLocalityTest {

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:1234/v1", "http://localhost:11434", "http://192.168.1.20:8000/v1",
            "http://10.0.0.5/v1", "http://172.20.0.2:4000", "http://[::1]:8080/v1", "http://gpu-box:8000/v1",
            "http://studio.local:1234/v1", "http://100.101.1.2:1234/v1"})
    void loopbackLanAndBareNamesAreLocal(String url) {
        assertThat(NetworkLocality.isLocalUrl(url)).isTrue();
        assertThat(NetworkLocality.isLocalUrl(url)).as("asked again").isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://api.openai.com/v1", "https://openrouter.ai/api/v1", "http://8.8.8.8/v1",
            "http://172.32.0.1/v1", "not a url at all", "https://[2001:db8::1]/v1"})
    void publicAddressesAndUnparsableUrlsAreNot(String url) {
        assertThat(NetworkLocality.isLocalUrl(url)).isFalse();
        assertThat(NetworkLocality.isLocalUrl(url)).as("asked again").isFalse();
    }

    @Test
    void manyDistinctUrlsStillGetTheirOwnAnswer() {
        for (int i = 0; i < 2_000; i++) { // past the remembered set's cap
            assertThat(NetworkLocality.isLocalUrl("http://10.1." + (i / 250) + "." + (i % 250) + ":8000/v1")).isTrue();
            assertThat(NetworkLocality.isLocalUrl("https://h" + i + ".example.com/v1")).isFalse();
        }
        assertThat(NetworkLocality.isLocalUrl(null)).isFalse();
    }
}
