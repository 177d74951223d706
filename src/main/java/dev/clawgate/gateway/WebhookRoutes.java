package dev.clawgate.gateway;

import dev.clawgate.channel.Webhook;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Mounts chat channel webhooks: raw body bytes in (signatures are over the exact bytes), the handler's answer out. */
final class WebhookRoutes {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookRoutes.class);
    /** Webhook updates are small JSON documents; anything larger is refused before it is read. */
    static final int MAX_BODY_BYTES = 1024 * 1024;

    private WebhookRoutes() {}

    static void mount(HttpRouting.Builder r, List<Webhook> hooks) {
        for (Webhook hook : hooks) {
            switch (hook.method()) {
                case "GET" -> r.get(hook.path(), (req, res) -> serve(hook, req, res));
                case "POST" -> r.post(hook.path(), (req, res) -> serve(hook, req, res));
                default -> throw new IllegalArgumentException("unsupported webhook method " + hook.method());
            }
        }
    }

    private static void serve(Webhook hook, ServerRequest req, ServerResponse res) {
        byte[] body;
        try (InputStream in = req.content().inputStream()) {
            body = in.readNBytes(MAX_BODY_BYTES + 1);
        } catch (IOException e) {
            res.status(Status.BAD_REQUEST_400).send();
            return;
        }
        if (body.length > MAX_BODY_BYTES) {
            res.status(Status.REQUEST_ENTITY_TOO_LARGE_413).send();
            return;
        }
        Map<String, String> headers = new HashMap<>();
        for (io.helidon.http.Header h : req.headers()) {
            headers.putIfAbsent(h.name().toLowerCase(Locale.ROOT), h.get());
        }
        Map<String, String> query = new HashMap<>();
        for (String name : req.query().names()) {
            req.query().first(name).ifPresent(v -> query.put(name, v));
        }
        Webhook.Response answer;
        try {
            answer = hook.handler().handle(new Webhook.Request(Map.copyOf(headers), Map.copyOf(query), body));
        } catch (RuntimeException e) {
            LOG.error("webhook {} failed: {}", hook.path(), e.toString(), e);
            answer = Webhook.Response.text(500, "internal error");
        }
        res.status(Status.create(answer.status()));
        res.header(HeaderNames.CONTENT_TYPE, answer.contentType());
        res.send(answer.bytes());
    }
}
