package dev.clawgate.upstream.transport;

import java.io.InputStream;
import java.util.Optional;

/** A 2xx response from {@link Http1Transport} whose body is still arriving. */
final class Http1UpstreamResponse implements UpstreamHttpResponse {

    private final Http1Response response;
    private final LimitedBodyStream body;

    Http1UpstreamResponse(Http1Response response, LimitedBodyStream body) {
        this.response = response;
        this.body = body;
    }

    @Override
    public int status() {
        return response.status;
    }

    @Override
    public Optional<String> header(String name) {
        return response.header(name);
    }

    @Override
    public InputStream body() {
        return body;
    }

    @Override
    public int firstNonWhitespace() {
        return body.firstNonWhitespace();
    }

    @Override
    public String headText(int maxChars) {
        return body.headText(maxChars);
    }

    @Override
    public void eventReceived() {
        body.eventReceived();
    }

    @Override
    public void finish() {
        body.finish();
    }

    /** Gives the connection back when the body ended; otherwise closes it, which cancels the upstream's work. */
    @Override
    public void close() {
        body.close();
    }
}
