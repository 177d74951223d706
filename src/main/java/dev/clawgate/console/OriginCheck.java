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
 */
final class OriginCheck {

    private final List<String> allowed;

    OriginCheck(List<String> allowed) {
        this.allowed = allowed.stream().map(o -> o.toLowerCase(Locale.ROOT)).toList();
    }

    void check(ServerRequest req) {
        String origin = req.headers().first(HeaderNames.ORIGIN).orElse(null);
        if (origin == null) {
            return;
        }
        String o = origin.toLowerCase(Locale.ROOT);
        String host = req.headers().first(HeaderNames.HOST).orElse("").toLowerCase(Locale.ROOT);
        boolean sameOrigin = !host.isEmpty() && (o.equals("http://" + host) || o.equals("https://" + host));
        if (!sameOrigin && !allowed.contains(o)) {
            throw new ConsoleApiException(403, "Origin " + origin + " may not call the Control UI API; add it to "
                    + "gateway.controlUi.allowedOrigins to allow it");
        }
    }
}
