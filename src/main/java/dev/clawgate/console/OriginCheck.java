package dev.clawgate.console;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import java.util.List;
import java.util.Locale;

/**
 * Refuses API calls that a page of another origin makes from a browser (which sends {@code Origin}):
 * without this, any web site open in the same browser could post chat messages to a loopback gateway
 * running with {@code auth.mode: "none"}. Calls without {@code Origin} (the CLI, curl, same-origin GETs)
 * pass; {@code gateway.controlUi.allowedOrigins} lists other origins to accept.
 *
 * <p>Without a token, the {@code Host} must also be a loopback name: a site that points its own name at
 * 127.0.0.1 (DNS rebinding) would otherwise be "same origin" and could read everything.
 */
final class OriginCheck {

    private final List<String> allowed;

    OriginCheck(List<String> allowed) {
        this.allowed = allowed.stream().map(o -> o.toLowerCase(Locale.ROOT)).toList();
    }

    void check(ServerRequest req, boolean tokenless) {
        String host = req.headers().first(HeaderNames.HOST).orElse("").toLowerCase(Locale.ROOT);
        if (tokenless && !loopbackHost(host) && allowed.stream().noneMatch(o -> o.endsWith("://" + host))) {
            throw new ConsoleApiException(403, "Host '" + host + "' is not a loopback address, and the gateway has no "
                    + "token (gateway.auth.mode \"none\"): open the UI at http://127.0.0.1, or set a gateway token");
        }
        String origin = req.headers().first(HeaderNames.ORIGIN).orElse(null);
        if (origin == null) {
            return;
        }
        String o = origin.toLowerCase(Locale.ROOT);
        boolean sameOrigin = !host.isEmpty() && (o.equals("http://" + host) || o.equals("https://" + host));
        if (!sameOrigin && !allowed.contains(o)) {
            throw new ConsoleApiException(403, "Origin " + origin + " may not call the Control UI API; add it to "
                    + "gateway.controlUi.allowedOrigins to allow it");
        }
    }

    /** {@code localhost}, {@code 127.x.x.x} or {@code [::1]}, with or without a port. */
    static boolean loopbackHost(String host) {
        String name = host.startsWith("[") ? host.substring(0, host.indexOf(']') + 1)
                : host.contains(":") ? host.substring(0, host.indexOf(':')) : host;
        return name.equals("localhost") || name.startsWith("127.") || name.equals("[::1]");
    }
}
