package dev.clawgate.gateway;

/** Makes strings safe for a response header: printable ASCII only, bounded length. */
final class HeaderValues {

    private static final int MAX = 512;

    private HeaderValues() {}

    static String safe(String s) {
        StringBuilder sb = new StringBuilder(Math.min(s.length(), MAX));
        for (int i = 0; i < s.length() && sb.length() < MAX; i++) {
            char c = s.charAt(i);
            sb.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return sb.toString();
    }
}
