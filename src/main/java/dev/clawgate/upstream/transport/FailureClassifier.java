package dev.clawgate.upstream.transport;

import dev.clawgate.http.MalformedStreamException;
import dev.clawgate.wire.FailureClass;
import dev.clawgate.wire.UpstreamException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import javax.net.ssl.SSLException;

/**
 * Decides the {@link FailureClass} of a failed upstream call: from an HTTP status and error body, from a
 * message alone (errors inside a stream), or from the exception a connection or read threw. Pure: no I/O,
 * no state.
 */
public final class FailureClassifier {

    /** Bodies are classified on their first characters only; error bodies are short. */
    private static final int MAX_CLASSIFIED_CHARS = 64 * 1024;

    private FailureClassifier() {}

    /**
     * The class of a non-2xx answer. {@code body} is the raw error body (JSON fields such as {@code type}
     * and {@code code} take part in the match).
     */
    public static FailureClass classifyStatus(int status, String body) {
        String t = lower(body);
        if (status == 529) {
            return FailureClass.OVERLOADED;
        }
        if (status == 401 || status == 403) {
            if (FailureTexts.BILLING.matcher(t).find()) {
                return FailureClass.BILLING;
            }
            return FailureTexts.AUTH_PERMANENT.matcher(t).find() ? FailureClass.AUTH_PERMANENT : FailureClass.AUTH;
        }
        if (status == 402) {
            return FailureTexts.PERIODIC_LIMIT.matcher(t).find() ? FailureClass.RATE_LIMIT : FailureClass.BILLING;
        }
        if (status == 429) {
            // OpenAI answers an empty account with 429 insufficient_quota: waiting will not help.
            return t.contains("insufficient_quota") || t.contains("credit balance")
                    ? FailureClass.BILLING : FailureClass.RATE_LIMIT;
        }
        if (isContextOverflowLower(t)) {
            return FailureClass.CONTEXT_OVERFLOW;
        }
        if (FailureTexts.RATE_LIMIT.matcher(t).find()) {
            return FailureClass.RATE_LIMIT; // e.g. Groq's 413 for a request over the TPM limit
        }
        if (status >= 500 && FailureTexts.OVERLOADED.matcher(t).find()) {
            return FailureClass.OVERLOADED;
        }
        if (FailureTexts.MODEL_NOT_FOUND.matcher(t).find()) {
            return FailureClass.MODEL_NOT_FOUND;
        }
        if (status >= 400 && status < 500) {
            // Anthropic reports a low credit balance as 400; Google an invalid key as 400.
            if (FailureTexts.BILLING.matcher(t).find()) {
                return FailureClass.BILLING;
            }
            if (FailureTexts.AUTH_PERMANENT.matcher(t).find()) {
                return FailureClass.AUTH_PERMANENT;
            }
        }
        return switch (status) {
            case 404, 405, 410 -> FailureClass.MODEL_NOT_FOUND; // unknown model, or no such endpoint here
            // A 400 without a body says nothing about the request; do not call it the caller's fault.
            case 400, 422 -> t.isBlank() ? FailureClass.UNKNOWN : FailureClass.BAD_REQUEST;
            case 408 -> FailureClass.SERVER_ERROR;
            default -> status >= 500 && status < 600 ? FailureClass.SERVER_ERROR
                    : status >= 400 && status < 500 ? FailureClass.BAD_REQUEST : FailureClass.UNKNOWN;
        };
    }

    /**
     * The class of an error reported without a status: an {@code event: error} or error object inside a
     * stream. Uses the message (and error type, if the caller appends it); {@code fallback} when no
     * pattern matches.
     */
    public static FailureClass classifyText(String text, FailureClass fallback) {
        String t = lower(text);
        if (isContextOverflowLower(t)) {
            return FailureClass.CONTEXT_OVERFLOW;
        }
        if (FailureTexts.RATE_LIMIT.matcher(t).find()) {
            return FailureClass.RATE_LIMIT;
        }
        if (FailureTexts.OVERLOADED.matcher(t).find()) {
            return FailureClass.OVERLOADED;
        }
        if (FailureTexts.BILLING.matcher(t).find()) {
            return FailureClass.BILLING;
        }
        if (FailureTexts.AUTH_PERMANENT.matcher(t).find()) {
            return FailureClass.AUTH_PERMANENT;
        }
        if (FailureTexts.MODEL_NOT_FOUND.matcher(t).find()) {
            return FailureClass.MODEL_NOT_FOUND;
        }
        if (t.contains("authentication_error") || t.contains("unauthorized")) {
            return FailureClass.AUTH;
        }
        if (t.contains("invalid_request_error") || t.contains("bad request")) {
            return FailureClass.BAD_REQUEST;
        }
        if (t.contains("server_error") || t.contains("api_error") || t.contains("internal error")) {
            return FailureClass.SERVER_ERROR;
        }
        return fallback;
    }

    /** True when the text says the request does not fit the model's context (and is not a rate limit). */
    public static boolean isContextOverflow(String text) {
        return isContextOverflowLower(lower(text));
    }

    /** The window and request sizes an overflow message states; see {@link ContextSize}. */
    public static Optional<ContextSize> contextSize(String text) {
        return ContextSize.parse(text);
    }

    /**
     * A classified exception for a non-2xx answer: class from status and body, the upstream's message
     * (trimmed, capped, credentials removed) and its {@code Retry-After}.
     */
    public static UpstreamException fromHttp(int status, String contentType, String body, Duration retryAfter,
            java.util.Collection<String> secrets) {
        String safeBody = SecretRedactor.redact(body == null ? "" : body, secrets);
        FailureClass failure = UpstreamErrorMessage.isHtml(contentType, safeBody) && status >= 200 && status < 300
                ? FailureClass.MALFORMED_RESPONSE : classifyStatus(status, safeBody);
        return new UpstreamException(failure, status, UpstreamErrorMessage.extract(status, contentType, safeBody),
                retryAfter, null);
    }

    /** True when a 2xx answer is evidently not an API response: an HTML page from a proxy or portal. */
    public static boolean isMalformed(String contentType, String bodyPrefix) {
        return UpstreamErrorMessage.isHtml(contentType, bodyPrefix);
    }

    /**
     * A {@link FailureClass#MALFORMED_RESPONSE} for a 2xx body that is not the protocol the adapter
     * expected (HTML page, garbage, unparseable JSON). The message names what arrived, briefly.
     */
    public static UpstreamException malformed(String contentType, String bodyPrefix) {
        return malformed(200, contentType, bodyPrefix);
    }

    public static UpstreamException malformed(int status, String contentType, String bodyPrefix) {
        String prefix = bodyPrefix == null ? "" : SecretRedactor.redact(bodyPrefix, java.util.List.of());
        String message;
        if (UpstreamErrorMessage.isHtml(contentType, prefix)) {
            message = UpstreamErrorMessage.htmlSummary(status, prefix).replace("HTML error page",
                    "HTML page instead of an API response");
        } else if (prefix.isBlank()) {
            message = status + " response with an empty body"
                    + (contentType != null ? " (" + contentType + ")" : "");
        } else {
            message = status + " response that is not the expected protocol"
                    + (contentType != null ? " (" + contentType + ")" : "") + ": "
                    + UpstreamErrorMessage.collapse(prefix);
        }
        return new UpstreamException(FailureClass.MALFORMED_RESPONSE, status, UpstreamErrorMessage.cap(message),
                null, null);
    }

    /**
     * The class of an exception from connecting, sending or reading.
     *
     * @param responseStarted true once the response head arrived: a broken connection is then an
     *     interrupted stream, before that a reset connection
     * @param target {@code host:port} for the message (never the full URI: it may carry a key), or null
     */
    public static UpstreamException fromTransport(Throwable failure, boolean responseStarted, String target) {
        Throwable t = unwrap(failure);
        FailureClass c = transportClass(t, responseStarted);
        String where = target == null ? "" : " (" + target + ")";
        String detail = t.getMessage() == null || t.getMessage().isBlank() ? t.getClass().getSimpleName()
                : SecretRedactor.redact(t.getMessage(), java.util.List.of());
        String message = t instanceof ReadTimeoutException ? detail : switch (c) {
            case CONNECTION_REFUSED -> (t instanceof HttpConnectTimeoutException ? "connect timed out" : "connection refused") + where;
            case DNS -> "host name could not be resolved" + where;
            case TLS -> "TLS handshake failed" + where + ": " + detail;
            case CONNECTION_RESET -> "connection closed before the response" + where + ": " + detail;
            case STREAM_INTERRUPTED -> "response stream broke off" + where + ": " + detail;
            default -> detail + where;
        };
        return new UpstreamException(c, 0, UpstreamErrorMessage.cap(message), null, failure);
    }

    static FailureClass transportClass(Throwable t, boolean responseStarted) {
        if (t instanceof ReadTimeoutException r) {
            return r.failure();
        }
        if (t instanceof ResponseClosedException || t instanceof CancellationException
                || t instanceof InterruptedException || t instanceof ClosedByInterruptException) {
            return FailureClass.CLIENT_CANCELLED;
        }
        if (t instanceof MalformedStreamException) {
            return FailureClass.MALFORMED_RESPONSE;
        }
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof InterruptedException) {
                return FailureClass.CLIENT_CANCELLED; // our own thread was interrupted: nobody waits any more
            }
            if (c instanceof UnresolvedAddressException || c instanceof UnknownHostException) {
                return FailureClass.DNS;
            }
            if (c instanceof SSLException) {
                return FailureClass.TLS;
            }
        }
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof HttpConnectTimeoutException || c instanceof ConnectException
                    || c instanceof NoRouteToHostException) {
                return FailureClass.CONNECTION_REFUSED;
            }
        }
        if (t instanceof HttpTimeoutException) {
            return FailureClass.FIRST_BYTE_TIMEOUT;
        }
        if (t instanceof InterruptedIOException) {
            return responseStarted ? FailureClass.IDLE_TIMEOUT : FailureClass.FIRST_BYTE_TIMEOUT;
        }
        if (t instanceof IOException || t instanceof SocketException || t instanceof EOFException) {
            return responseStarted ? FailureClass.STREAM_INTERRUPTED : FailureClass.CONNECTION_RESET;
        }
        return FailureClass.UNKNOWN;
    }

    private static Throwable unwrap(Throwable t) {
        Throwable current = t;
        for (int i = 0; i < 5 && (current instanceof ExecutionException || current instanceof CompletionException)
                && current.getCause() != null; i++) {
            current = current.getCause();
        }
        return current;
    }

    private static boolean isContextOverflowLower(String t) {
        return FailureTexts.CONTEXT_OVERFLOW.matcher(t).find() && !FailureTexts.RATE_LIMIT.matcher(t).find()
                && !FailureTexts.NOT_CONTEXT_OVERFLOW.matcher(t).find();
    }

    private static String lower(String text) {
        if (text == null) {
            return "";
        }
        String cut = text.length() > MAX_CLASSIFIED_CHARS ? text.substring(0, MAX_CLASSIFIED_CHARS) : text;
        return cut.toLowerCase(Locale.ROOT);
    }
}
