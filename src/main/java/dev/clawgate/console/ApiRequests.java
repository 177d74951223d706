package dev.clawgate.console;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.webserver.http.ServerRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Reads an API request's JSON body, refusing one larger than {@link #MAX_BODY_BYTES}. */
final class ApiRequests {

    static final int MAX_BODY_BYTES = 1024 * 1024;

    private ApiRequests() {}

    static JsonNode body(ServerRequest req) {
        if (!req.content().hasEntity()) {
            return ConsoleJson.object();
        }
        try (InputStream in = req.content().inputStream()) {
            byte[] b = in.readNBytes(MAX_BODY_BYTES + 1);
            if (b.length > MAX_BODY_BYTES) {
                throw new ConsoleApiException(413, "request body over " + MAX_BODY_BYTES + " bytes");
            }
            return ConsoleJson.parse(new String(b, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
