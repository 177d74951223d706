package dev.clawgate.gateway;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.time.Duration;

/**
 * Reads a request body within the size and time limits. Helidon reads sockets through channels, where a
 * socket read timeout does not apply, so the body is read on its own virtual thread while the request's
 * thread waits at most until the deadline; a client that stalls gets 408 and its connection is closed.
 */
final class RequestBodyReader {

    /** A limit was exceeded; {@link #error} is the answer. */
    static final class LimitExceededException extends RuntimeException {
        final ApiError error;
        final String limit;

        LimitExceededException(ApiError error, String limit) {
            super(error.message(), null, false, false);
            this.error = error;
            this.limit = limit;
        }
    }

    private RequestBodyReader() {}

    /**
     * Reads within both limits. When the whole declared body has already arrived ({@code bufferedBytes}: what
     * the server has read from the connection and not yet consumed), it is read inline on the caller's
     * thread, since nothing can block; otherwise as {@link #readWithDeadline(InputStream, long, long, Duration,
     * long)}.
     */
    static byte[] readWithDeadline(InputStream in, long declaredLength, long bufferedBytes, long maxBytes,
            Duration timeout, long startNanos) {
        if (declaredLength >= 0 && declaredLength <= bufferedBytes) {
            return read(in, declaredLength, maxBytes, timeout, startNanos);
        }
        return readWithDeadline(in, declaredLength, maxBytes, timeout, startNanos);
    }

    /** Reads within both limits; on timeout the reading thread is left to end when the connection closes. */
    static byte[] readWithDeadline(InputStream in, long declaredLength, long maxBytes, Duration timeout,
            long startNanos) {
        if (declaredLength > maxBytes) {
            throw tooLarge(maxBytes);
        }
        java.util.concurrent.CompletableFuture<byte[]> body = new java.util.concurrent.CompletableFuture<>();
        Thread.ofVirtual().name("clawgate-body-reader").start(() -> {
            try {
                body.complete(read(in, declaredLength, maxBytes, timeout, startNanos));
            } catch (Throwable t) {
                body.completeExceptionally(t);
            }
        });
        long remaining = startNanos + timeout.toNanos() - System.nanoTime();
        try {
            return body.get(Math.max(remaining, 0), java.util.concurrent.TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw timedOut(timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new InterruptedIOException("interrupted while receiving the body"));
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    static byte[] read(InputStream in, long declaredLength, long maxBytes, Duration timeout, long startNanos) {
        if (declaredLength > maxBytes) {
            throw tooLarge(maxBytes);
        }
        long deadline = startNanos + timeout.toNanos();
        if (declaredLength >= 0) {
            return readDeclared(in, (int) declaredLength, timeout, deadline);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(declaredLength > 0 ? (int) declaredLength : 8192);
        byte[] buf = new byte[16384];
        long total = 0;
        try (in) {
            for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                total += n;
                if (total > maxBytes) {
                    throw tooLarge(maxBytes);
                }
                out.write(buf, 0, n);
                if (System.nanoTime() - deadline > 0) {
                    throw timedOut(timeout);
                }
            }
        } catch (IOException | UncheckedIOException e) {
            if (isTimeout(e)) {
                throw timedOut(timeout);
            }
            throw new UncheckedIOException(e instanceof IOException io ? io : ((UncheckedIOException) e).getCause());
        }
        return out.toByteArray();
    }

    /** A body of known length: one buffer of exactly that size, no copies. */
    private static byte[] readDeclared(InputStream in, int length, Duration timeout, long deadline) {
        byte[] body = new byte[length];
        int n;
        try (in) {
            n = in.readNBytes(body, 0, length);
        } catch (IOException | UncheckedIOException e) {
            if (isTimeout(e)) {
                throw timedOut(timeout);
            }
            throw new UncheckedIOException(e instanceof IOException io ? io : ((UncheckedIOException) e).getCause());
        }
        if (System.nanoTime() - deadline > 0) {
            throw timedOut(timeout);
        }
        return n == length ? body : java.util.Arrays.copyOf(body, n);
    }

    private static boolean isTimeout(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SocketTimeoutException || t instanceof InterruptedIOException) {
                return true;
            }
        }
        return false;
    }

    static LimitExceededException tooLarge(long maxBytes) {
        return new LimitExceededException(new ApiError(413, ApiError.Kind.REQUEST_TOO_LARGE,
                "Request body exceeds the limit of " + maxBytes + " bytes (" + human(maxBytes)
                        + ", gateway.limits.maxRequestBytes)", null, "request_too_large"), "max_request_bytes");
    }

    static LimitExceededException timedOut(Duration timeout) {
        return new LimitExceededException(new ApiError(408, ApiError.Kind.TIMEOUT,
                "Request body not received within the limit of " + timeout.toMillis() + " ms "
                        + "(gateway.limits.requestReceiveTimeoutSeconds)", null, "request_timeout"), "request_receive_timeout");
    }

    static String human(long bytes) {
        if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0) {
            return bytes / (1024 * 1024) + " MiB";
        }
        if (bytes >= 1024 && bytes % 1024 == 0) {
            return bytes / 1024 + " KiB";
        }
        return bytes + " bytes";
    }
}
