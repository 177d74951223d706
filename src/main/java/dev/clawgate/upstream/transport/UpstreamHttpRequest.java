package dev.clawgate.upstream.transport;

import java.net.URI;
import java.util.Map;

/** One request to an upstream. Header values may hold credentials: never log them. */
public record UpstreamHttpRequest(String method, URI uri, Map<String, String> headers, byte[] body) {

    public UpstreamHttpRequest {
        headers = Map.copyOf(headers);
    }

    public static UpstreamHttpRequest post(URI uri, Map<String, String> headers, byte[] body) {
        return new UpstreamHttpRequest("POST", uri, headers, body);
    }

    public static UpstreamHttpRequest get(URI uri, Map<String, String> headers) {
        return new UpstreamHttpRequest("GET", uri, headers, null);
    }
}
