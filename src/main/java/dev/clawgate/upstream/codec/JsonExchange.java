package dev.clawgate.upstream.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clawgate.upstream.CallOptions;
import dev.clawgate.upstream.transport.HttpTransport;
import dev.clawgate.upstream.transport.UpstreamHttpRequest;
import dev.clawgate.upstream.transport.UpstreamHttpResponse;
import dev.clawgate.wire.FailureClass;
import dev.clawgate.wire.UpstreamException;
import java.io.IOException;
import java.net.URI;
import java.util.Map;

/**
 * One JSON request, one whole JSON answer (embeddings, token counts): no stream to decode, the same
 * transport limits and failure classification as the streaming adapters.
 */
public final class JsonExchange {

    /** An answer larger than this is refused as malformed (a 3072-float embedding is ~60 KB of JSON). */
    public static final int MAX_ANSWER_BYTES = 64 * 1024 * 1024;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonExchange() {}

    /** POSTs {@code body} and reads the whole JSON answer; every failure classified as the transport does. */
    public static JsonNode post(HttpTransport transport, URI uri, Map<String, String> headers, ObjectNode body,
            CallOptions options, String modelRef) {
        byte[] bytes;
        try {
            bytes = MAPPER.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        try (UpstreamHttpResponse response = transport.send(UpstreamHttpRequest.post(uri, headers, bytes), options)) {
            byte[] answer;
            try {
                answer = response.body().readNBytes(MAX_ANSWER_BYTES + 1);
            } catch (IOException e) {
                throw transport.classify(e);
            }
            if (answer.length > MAX_ANSWER_BYTES) {
                throw new UpstreamException(FailureClass.MALFORMED_RESPONSE, 0, modelRef + ": answer larger than "
                        + MAX_ANSWER_BYTES + " bytes", null, null);
            }
            try {
                return MAPPER.readTree(answer);
            } catch (IOException e) {
                throw new UpstreamException(FailureClass.MALFORMED_RESPONSE, 0, modelRef + ": answer is not JSON", null, e);
            }
        }
    }
}
