package dev.clawgate.upstream.transport;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpHeaders;
import java.util.Optional;

/** A 2xx response from {@link JdkHttpTransport} whose body is still arriving. */
final class JdkUpstreamHttpResponse implements UpstreamHttpResponse {

    private final int status;
    private final HttpHeaders headers;
    private final LimitedBodyStream body;

    JdkUpstreamHttpResponse(int status, HttpHeaders headers, LimitedBodyStream body) {
        this.status = status;
        this.headers = headers;
        this.body = body;
    }

    @Override
    public int status() {
        return status;
    }

    @Override
    public Optional<String> header(String name) {
        return headers.firstValue(name);
    }

    @Override
    public InputStream body() {
        return body;
    }

    @Override
    public void eventReceived() {
        body.eventReceived();
    }

    /** Cancels the exchange: the JDK closes the connection of a body that has not been read to its end. */
    @Override
    public void close() {
        try {
            body.close();
        } catch (IOException ignored) {
            // the connection is gone either way
        }
    }
}
