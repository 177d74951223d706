package dev.clawgate.upstream.transport;

import java.util.Collection;
import java.util.regex.Pattern;

/**
 * Removes credentials from text an upstream sent back (some echo the key they rejected), so the text can
 * go into an exception message, a log line or an answer to a user.
 */
public final class SecretRedactor {

    static final String REDACTED = "[redacted]";
    /** Secrets shorter than this are too likely to match ordinary words to be replaced literally. */
    private static final int MIN_LITERAL_SECRET = 8;
    private static final Pattern KEY_LIKE = Pattern.compile(
            "(?i)\\b(?:sk|pk|rk|sess)-[A-Za-z0-9_\\-]{16,}|\\bBearer\\s+[A-Za-z0-9._~+/=\\-]{8,}|\\bAIza[0-9A-Za-z_\\-]{20,}");

    private SecretRedactor() {}

    /**
     * @param secrets credential values the request carried (header values); each occurrence is replaced,
     *     as are well-known key shapes ({@code sk-...}, {@code Bearer ...}, Google {@code AIza...})
     */
    public static String redact(String text, Collection<String> secrets) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String result = text;
        for (String secret : secrets) {
            if (secret != null && secret.length() >= MIN_LITERAL_SECRET && result.contains(secret)) {
                result = result.replace(secret, REDACTED);
            }
        }
        return KEY_LIKE.matcher(result).replaceAll(REDACTED);
    }
}
