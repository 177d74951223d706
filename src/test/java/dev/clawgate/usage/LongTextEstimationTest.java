package dev.clawgate.usage;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Text without spaces (one repeated character, random letters, base64) is estimated with bounded work:
 * the encoder never sees a piece longer than a sample, and the count stays close to the real one.
 */
@Timeout(60)
class LongTextEstimationTest {

    private static final int FOUR_MIB = 4 * 1024 * 1024;

    /** Records what reaches the byte-pair encoder, and counts like the real one. */
    private static final class RecordingEncoder {
        final List<Integer> pieces = new ArrayList<>();

        int count(String piece) {
            pieces.add(piece.length());
            return TokenEstimator.shared().countText(piece);
        }

        int longest() {
            return pieces.stream().mapToInt(Integer::intValue).max().orElse(0);
        }

        long total() {
            return pieces.stream().mapToLong(Integer::longValue).sum();
        }
    }

    @Test
    void aSpacelessRunReachesTheEncoderOnlyAsASample() {
        RecordingEncoder recorder = new RecordingEncoder();
        TokenEstimator estimator = new TokenEstimator(recorder::count);

        int tokens = estimator.countText("a".repeat(FOUR_MIB));

        assertThat(recorder.longest()).isLessThanOrEqualTo(TokenEstimator.RUN_SAMPLE + 1);
        assertThat(recorder.total()).isLessThanOrEqualTo(TokenEstimator.RUN_SAMPLE + 1);
        assertThat(tokens).isBetween(FOUR_MIB / 64, FOUR_MIB);
    }

    @Test
    void ordinaryTextIsEncodedInBoundedChunksAndCountedExactlyAsBefore() {
        RecordingEncoder recorder = new RecordingEncoder();
        TokenEstimator estimator = new TokenEstimator(recorder::count);
        String text = "The quick brown fox jumps over the lazy dog. ".repeat(10_000); // 450,000 chars

        int tokens = estimator.countText(text);

        assertThat(recorder.longest()).isLessThanOrEqualTo(TokenEstimator.CHUNK + TokenEstimator.LONG_RUN);
        assertThat(recorder.total()).isEqualTo(text.length());
        int unchunked = com.knuddels.jtokkit.Encodings.newLazyEncodingRegistry()
                .getEncoding(com.knuddels.jtokkit.api.EncodingType.O200K_BASE).countTokensOrdinary(text);
        assertThat(tokens).isEqualTo(unchunked); // cuts fall before whitespace, where the encoder splits anyway
    }

    @Test
    void randomLettersWithoutSpacesAreEstimatedCloseToTheEncoder() {
        Random random = new Random(7);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 4096; i++) {
            sb.append((char) ('a' + random.nextInt(26)));
        }
        String run = sb.toString();
        String[] words = new String[run.length() / 8];
        for (int i = 0; i < words.length; i++) {
            words[i] = run.substring(i * 8, i * 8 + 8);
        }
        int exactForWords = TokenEstimator.shared().countText(String.join("", words).substring(0, 200));
        int estimated = TokenEstimator.shared().countText(run);
        // about the same characters per token as a 200-char piece encoded exactly
        assertThat((double) estimated / run.length()).isBetween(0.5 * exactForWords / 200, 2.0 * exactForWords / 200);
    }

    @Test
    void fourMibWithoutSpacesAllocatesLittle() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Random random = new Random(1);
        char[] letters = new char[FOUR_MIB];
        for (int i = 0; i < letters.length; i++) {
            letters[i] = (char) ('a' + random.nextInt(26));
        }
        String text = new String(letters);
        TokenEstimator.shared().countText("warm up the vocabulary");

        long before = threads.getCurrentThreadAllocatedBytes();
        int tokens = TokenEstimator.shared().countText(text);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        assertThat(tokens).isBetween(FOUR_MIB / 16, FOUR_MIB);
        assertThat(allocated).as("bytes allocated estimating 4 MiB").isLessThan(16L * 1024 * 1024);
    }

    @Test
    void aStreamedCounterHoldsLittleAndAgreesWithTheWholeCount() {
        TokenEstimator.Counter counter = TokenEstimator.shared().counter();
        StringBuilder whole = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            String delta = i % 3 == 0 ? "Hello there, " : "how are you today? ";
            counter.append(delta);
            whole.append(delta);
        }
        long exact = TokenEstimator.shared().countText(whole.toString());
        assertThat(counter.tokens()).isBetween((long) (exact * 0.99), (long) (exact * 1.01));

        TokenEstimator.Counter flood = TokenEstimator.shared().counter();
        for (int i = 0; i < 1024; i++) {
            flood.append("x".repeat(4096));
        }
        assertThat(flood.tokens()).isBetween(FOUR_MIB / 64L, (long) FOUR_MIB);
    }
}
