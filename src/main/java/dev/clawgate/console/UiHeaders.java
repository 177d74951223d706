package dev.clawgate.console;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerResponse;

/**
 * Response headers of the UI and its API. The Content-Security-Policy allows scripts, styles and
 * connections to the gateway's own origin only: no inline script, no CDN, no font or image from anywhere
 * else, no framing; so the page works with no internet and nothing it shows can be sent elsewhere.
 */
final class UiHeaders {

    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private UiHeaders() {}

    static void page(ServerResponse res) {
        res.header(HeaderNames.create("Content-Security-Policy"), CSP);
        common(res);
        res.header(HeaderNames.CACHE_CONTROL, "no-cache");
    }

    static void api(ServerResponse res) {
        common(res);
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
    }

    private static void common(ServerResponse res) {
        res.header(HeaderNames.create("X-Content-Type-Options"), "nosniff");
        res.header(HeaderNames.create("Referrer-Policy"), "no-referrer");
        res.header(HeaderNames.create("X-Frame-Options"), "DENY");
    }
}
