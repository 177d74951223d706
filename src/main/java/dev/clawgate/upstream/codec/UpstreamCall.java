package dev.clawgate.upstream.codec;

import dev.clawgate.upstream.CallOptions;
import dev.clawgate.upstream.transport.HttpTransport;
import dev.clawgate.upstream.transport.SecretRedactor;
import dev.clawgate.upstream.transport.UpstreamHttpRequest;
import dev.clawgate.upstream.transport.UpstreamHttpResponse;
import dev.clawgate.wire.EventStream;
import dev.clawgate.wire.FailureClass;
import dev.clawgate.wire.StreamEvent;
import dev.clawgate.wire.UpstreamException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One upstream call as an {@link EventStream}. The request is sent on the first {@link #next()}, so
 * opening never blocks and connection failures surface where the caller pulls. The body is sniffed
 * once: an HTML page (a proxy's error page, a captive portal) is a malformed response, a complete JSON
 * object where a stream was asked for is decoded whole, anything else is read frame by frame.
 */
public final class UpstreamCall implements EventStream {

    /** A complete JSON answer larger than this is not an answer we want to hold in memory. */
    private static final int MAX_WHOLE_BODY_BYTES = 32 * 1024 * 1024;
    private static final int SNIFF_BYTES = 512;

    private final HttpTransport transport;
    private final UpstreamHttpRequest request;
    private final CallOptions options;
    private final ResponseFormat format;
    private final ArrayDeque<StreamEvent> pending = new ArrayDeque<>();
    /** Where the feeder puts decoded events (one sink per call, not a new method reference per frame). */
    private final java.util.function.Consumer<StreamEvent> toPending = pending::add;

    private UpstreamHttpResponse response;
    private FrameFeeder feeder;
    private boolean ended;
    private UpstreamException failure;
    private volatile boolean closed;

    public UpstreamCall(HttpTransport transport, UpstreamHttpRequest request, CallOptions options,
            ResponseFormat format) {
        this.transport = transport;
        this.request = request;
        this.options = options;
        this.format = format;
    }

    @Override
    public StreamEvent next() {
        while (pending.isEmpty()) {
            if (failure != null) {
                throw failure;
            }
            if (ended || closed) {
                return null;
            }
            try {
                if (feeder == null) {
                    feeder = open();
                }
                boolean more = feeder.feed(toPending);
                if (!pending.isEmpty() && response != null) {
                    response.eventReceived(); // the transport's time limits count events, not bytes
                }
                if (!more) {
                    ended = true;
                    UpstreamHttpResponse r = response;
                    response = null;
                    if (r != null) {
                        r.finish(); // the answer is complete: keep the connection if its end is in flight
                    }
                }
            } catch (IOException e) {
                fail(closed ? null : transport.classify(e));
            } catch (UpstreamException e) {
                fail(e);
            } catch (RuntimeException e) {
                // A decoder tripping over an unexpected shape is the upstream's malformed answer, not a crash.
                fail(new UpstreamException(FailureClass.MALFORMED_RESPONSE, 0, format.api()
                        + " upstream sent a frame Clawgate could not decode (" + e.getClass().getSimpleName() + ")",
                        null, e));
            }
        }
        return pending.poll();
    }

    private void fail(UpstreamException e) {
        releaseResponse();
        if (closed || e == null) {
            ended = true; // the caller cancelled: the read failed because we closed it
            return;
        }
        failure = withoutCredentials(e);
        throw failure;
    }

    /** An upstream may echo what it was sent (a key in an error text); messages must never carry it. */
    private UpstreamException withoutCredentials(UpstreamException e) {
        String message = e.getMessage();
        if (message == null) {
            return e;
        }
        List<String> secrets = new ArrayList<>();
        request.headers().forEach((name, value) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.equals("authorization") || lower.contains("api-key") || lower.contains("token")) {
                secrets.add(value);
                int space = value.indexOf(' ');
                if (space > 0) {
                    secrets.add(value.substring(space + 1)); // the credential after "Bearer "
                }
            }
        });
        String redacted = SecretRedactor.redact(message, secrets);
        return redacted.equals(message) ? e
                : new UpstreamException(e.failure(), e.status(), redacted, e.retryAfter(), e.getCause());
    }

    private FrameFeeder open() throws IOException {
        response = transport.send(request, options);
        if (closed) { // cancelled while the request was on its way
            releaseResponse();
            return out -> false;
        }
        InputStream body = response.body();
        String contentType = response.header("Content-Type").orElse("").toLowerCase(Locale.ROOT);
        int first = response.firstNonWhitespace(); // sniffed from what the transport already read: no copy
        if (first == -1) {
            throw Json.malformed(format.api(), "an empty response body (status " + response.status() + ")", null, null);
        }
        if (first == '<' || contentType.contains("html")) {
            throw Json.malformed(format.api(), "an HTML page instead of an API response (status "
                    + response.status() + ", content-type " + (contentType.isEmpty() ? "none" : contentType) + ")",
                    response.headText(SNIFF_BYTES), null);
        }
        if (format.acceptsWholeJson() && (first == '{' || contentType.startsWith("application/json"))) {
            return wholeBody(body);
        }
        return format.stream(body);
    }

    private FrameFeeder wholeBody(InputStream body) throws IOException {
        byte[] bytes = body.readNBytes(MAX_WHOLE_BODY_BYTES + 1);
        if (bytes.length > MAX_WHOLE_BODY_BYTES) {
            throw Json.malformed(format.api(), "a response body over " + MAX_WHOLE_BODY_BYTES + " bytes", null, null);
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        format.wholeDecoder().decode(Json.parse(text, format.api(), "response body"), pending::add);
        return out -> false;
    }

    private void releaseResponse() {
        UpstreamHttpResponse r = response;
        response = null;
        if (r != null) {
            r.close();
        }
    }

    /** Cancels the call. Safe from another thread while {@link #next()} blocks on a read. */
    @Override
    public void close() {
        closed = true;
        UpstreamHttpResponse r = response;
        if (r != null) {
            r.close();
        }
    }
}
