package dev.clawgate.catalog;

import java.net.URI;
import java.util.Locale;

/**
 * Decides from a URL's host alone (no DNS lookup, so deciding never contacts anything) whether a
 * provider is local: loopback, private networks, link-local, {@code .local} names and bare host names.
 */
public final class NetworkLocality {

    private NetworkLocality() {}

    public static boolean isLocalUrl(String url) {
        if (url == null) {
            return false;
        }
        String host;
        try {
            host = URI.create(url).getHost();
        } catch (IllegalArgumentException e) {
            return false;
        }
        return host != null && isLocalHost(host);
    }

    public static boolean isLocalHost(String rawHost) {
        String host = rawHost.toLowerCase(Locale.ROOT);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (host.equals("localhost") || host.endsWith(".localhost") || host.endsWith(".local")
                || host.equals("0.0.0.0") || host.equals("::") || host.equals("::1")) {
            return true;
        }
        if (host.contains(":")) { // IPv6 literal
            return host.startsWith("fc") || host.startsWith("fd") || host.startsWith("fe80:");
        }
        String[] octets = host.split("\\.");
        if (octets.length == 4 && host.chars().allMatch(c -> c == '.' || Character.isDigit(c))) {
            int a = Integer.parseInt(octets[0]);
            int b = Integer.parseInt(octets[1]);
            return a == 127 || a == 10 || (a == 172 && b >= 16 && b <= 31) || (a == 192 && b == 168)
                    || (a == 169 && b == 254) || (a == 100 && b >= 64 && b <= 127);
        }
        return !host.contains("."); // a bare name ("gpu-box") resolves on the LAN
    }
}
