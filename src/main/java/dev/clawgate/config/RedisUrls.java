package dev.clawgate.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;

/** Checks {@code state.redis} URLs and hides the password in any {@code scheme://user:password@host} text. */
final class RedisUrls {

    private static final Pattern USER_INFO_PASSWORD = Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*://[^/@:\\s]*):[^/@\\s]+@");

    private RedisUrls() {}

    /** {@code text} with every URL password replaced by {@code <redacted>}. */
    static String withoutPassword(String text) {
        return text == null ? null : USER_INFO_PASSWORD.matcher(text).replaceAll("$1:<redacted>@");
    }

    static boolean hasPassword(String text) {
        return text != null && USER_INFO_PASSWORD.matcher(text).find();
    }

    /** Why {@code url} is not a Redis address, or null when it is one. */
    static String problem(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return "is not a URL (" + e.getReason() + ")";
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("redis") && !scheme.equals("rediss")) {
            return "must start with redis:// (or rediss:// for TLS), found '" + (scheme.isEmpty() ? "no scheme" : scheme + "://") + "'";
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            return "has no host";
        }
        return null;
    }
}
