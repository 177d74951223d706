package dev.clawgate.agent.tools.web;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Permits public unicast addresses only, unless the URL's host is on an explicit allowlist.
 *
 * <p>Refused: loopback (127/8, ::1), unspecified (0.0.0.0/8, ::), private (10/8, 172.16/12, 192.168/16),
 * carrier-grade NAT (100.64/10), link-local (169.254/16 — which holds the cloud metadata service
 * 169.254.169.254 — and fe80::/10), unique-local (fc00::/7), the deprecated site-local fec0::/10,
 * multicast (224/4, ff00::/8), reserved and broadcast (240/4), the IETF protocol block 192.0.0/24 and the
 * benchmarking block 198.18/15. IPv6 forms that embed an IPv4 address (IPv4-mapped ::ffff:0:0/96,
 * IPv4-compatible ::/96, NAT64 64:ff9b::/96, 6to4 2002::/16) are judged by the IPv4 address inside.
 *
 * <p>The allowlist holds host names or IP literals exactly as they appear in URLs (case-insensitive,
 * IPv6 without brackets). It lets an operator reach, say, a LAN wiki by name; it is matched against the
 * host of each hop, so a redirect from an allowed host to a private address is still refused.
 */
public final class PublicAddressPolicy implements AddressPolicy {

    private final Set<String> allowedHosts;

    public PublicAddressPolicy(Set<String> allowedHosts) {
        this.allowedHosts = allowedHosts.stream().map(PublicAddressPolicy::canonicalHost).collect(Collectors.toUnmodifiableSet());
    }

    public static PublicAddressPolicy publicOnly() {
        return new PublicAddressPolicy(Set.of());
    }

    @Override
    public boolean permits(String host, InetAddress address) {
        return allowedHosts.contains(canonicalHost(host)) || isPublic(address);
    }

    static String canonicalHost(String host) {
        String h = host.trim().toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
    }

    /** True for addresses on the public internet. */
    public static boolean isPublic(InetAddress address) {
        if (address instanceof Inet4Address v4) {
            return isPublicV4(v4.getAddress());
        }
        if (address instanceof Inet6Address v6) {
            return isPublicV6(v6.getAddress());
        }
        return false;
    }

    private static boolean isPublicV4(byte[] a) {
        int b0 = a[0] & 0xFF;
        int b1 = a[1] & 0xFF;
        int b2 = a[2] & 0xFF;
        return !(b0 == 0                                   // 0.0.0.0/8 "this network", unspecified
                || b0 == 10                                // 10/8 private
                || b0 == 127                               // loopback
                || (b0 == 100 && (b1 & 0xC0) == 64)        // 100.64/10 carrier-grade NAT
                || (b0 == 169 && b1 == 254)                // link-local, cloud metadata
                || (b0 == 172 && (b1 & 0xF0) == 16)        // 172.16/12 private
                || (b0 == 192 && b1 == 0 && b2 == 0)       // 192.0.0/24 IETF protocol assignments
                || (b0 == 192 && b1 == 168)                // 192.168/16 private
                || (b0 == 198 && (b1 & 0xFE) == 18)        // 198.18/15 benchmarking
                || b0 >= 224);                             // multicast, reserved, broadcast
    }

    private static boolean isPublicV6(byte[] a) {
        if (allZero(a, 0, 12)) {
            // ::, ::1 and IPv4-compatible ::a.b.c.d
            if (allZero(a, 12, 16) || (allZero(a, 12, 15) && a[15] == 1)) {
                return false;
            }
            return isPublicV4(slice(a, 12));
        }
        if (allZero(a, 0, 10) && (a[10] & 0xFF) == 0xFF && (a[11] & 0xFF) == 0xFF) {
            return isPublicV4(slice(a, 12));                               // ::ffff:a.b.c.d mapped
        }
        if ((a[0] & 0xFF) == 0x00 && (a[1] & 0xFF) == 0x64 && (a[2] & 0xFF) == 0xFF && (a[3] & 0xFF) == 0x9B
                && allZero(a, 4, 12)) {
            return isPublicV4(slice(a, 12));                               // 64:ff9b::/96 NAT64
        }
        if ((a[0] & 0xFF) == 0x20 && (a[1] & 0xFF) == 0x02) {
            return isPublicV4(slice(a, 2));                                // 2002::/16 6to4
        }
        int b0 = a[0] & 0xFF;
        int b1 = a[1] & 0xFF;
        return !((b0 & 0xFE) == 0xFC                                       // fc00::/7 unique-local
                || (b0 == 0xFE && (b1 & 0xC0) == 0x80)                     // fe80::/10 link-local
                || (b0 == 0xFE && (b1 & 0xC0) == 0xC0)                     // fec0::/10 old site-local
                || b0 == 0xFF);                                            // ff00::/8 multicast
    }

    private static boolean allZero(byte[] a, int from, int to) {
        for (int i = from; i < to; i++) {
            if (a[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static byte[] slice(byte[] a, int from) {
        return new byte[] {a[from], a[from + 1], a[from + 2], a[from + 3]};
    }
}
