package dev.clawgate.config;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;

/**
 * IP addresses and CIDR ranges as written in {@code gateway.trustedProxies} ({@code 10.0.0.1}, {@code 10.0.0.0/8},
 * {@code ::1}, {@code ::ffff:10.0.0.0/104}). Parsed as literals only, never through DNS: a host name here would
 * make trust depend on a resolver. An IPv4-mapped IPv6 range is the same as its IPv4 range, as in OpenClaw.
 */
public final class AddressRanges {

    private AddressRanges() {}

    private record Range(byte[] network, int prefix) {}

    public static boolean isValid(String spec) {
        return parse(spec).isPresent();
    }

    /** True when {@code address} lies in any of {@code specs}; invalid specs match nothing. */
    public static boolean anyContains(List<String> specs, InetAddress address) {
        byte[] a = address.getAddress();
        for (String spec : specs) {
            Optional<Range> r = parse(spec);
            if (r.isPresent() && r.get().network().length == a.length && matches(r.get(), a)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(Range r, byte[] a) {
        int bits = r.prefix();
        for (int i = 0; i < a.length && bits > 0; i++, bits -= 8) {
            int mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
            if ((a[i] & mask) != (r.network()[i] & mask)) {
                return false;
            }
        }
        return true;
    }

    private static Optional<Range> parse(String spec) {
        if (spec == null) {
            return Optional.empty();
        }
        String s = spec.trim();
        int slash = s.indexOf('/');
        String host = slash < 0 ? s : s.substring(0, slash);
        if (host.isEmpty() || !host.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == '.' || c == ':')
                || (!host.contains(":") && !host.matches("\\d{1,3}(\\.\\d{1,3}){3}"))) {
            return Optional.empty();
        }
        InetAddress address;
        try {
            address = InetAddress.getByName(host); // a literal (checked above): no lookup happens
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
        int max = address.getAddress().length * 8;
        int prefix = max;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(s.substring(slash + 1));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
            if (address instanceof Inet4Address && host.contains(":")) {
                prefix -= 96; // ::ffff:a.b.c.d/104 is a.b.c.d/8
            }
            if (prefix < 0 || prefix > max) {
                return Optional.empty();
            }
        }
        return Optional.of(new Range(address.getAddress(), prefix));
    }
}
