package dev.clawgate.catalog;

import java.net.URI;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides from a URL's host alone (no DNS lookup, so deciding never contacts anything) whether a
 * provider is local: loopback, private networks, link-local, {@code .local} names and bare host names.
 */
public final class NetworkLocality {

    /**
     * Answers for the URLs seen so far: the router asks for each candidate of each request, and parsing the URL
     * was ~2 % of a proxied request's CPU. The answer depends on the string alone; a config has a handful of
     * provider URLs, and the cap keeps arbitrary callers from growing the map.
     */
    private static final ConcurrentHashMap<String, Boolean> KNOWN_URLS = new ConcurrentHashMap<>();
    private static final int MAX_KNOWN_URLS = 512;

    private NetworkLocality() {}

    public static boolean isLocalUrl(String url) {
        if (url == null) {
            return false;
        }
        Boolean known = KNOWN_URLS.get(url);
        if (known != null) {
            return known;
        }
        boolean local = parsedIsLocal(url);
        if (KNOWN_URLS.size() < MAX_KNOWN_URLS) {
            KNOWN_URLS.put(url, local);
        }
        return local;
    }

    private static boolean parsedIsLocal(String url) {
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
