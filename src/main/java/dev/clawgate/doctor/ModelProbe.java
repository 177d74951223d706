package dev.clawgate.doctor;

import dev.clawgate.catalog.ModelSpec;
import dev.clawgate.doctor.Finding.Severity;
import dev.clawgate.upstream.CallOptions;
import dev.clawgate.upstream.UpstreamAdapter;
import dev.clawgate.wire.ChatRequest;
import dev.clawgate.wire.EventStream;
import dev.clawgate.wire.StreamEvent;
import dev.clawgate.wire.UpstreamException;
import java.time.Duration;
import java.util.function.Function;

/**
 * {@code doctor --probe}: one tiny real request per model (8 output tokens), reporting latency, time to
 * first token and whether the upstream reported usage. This spends a few tokens of each hosted model.
 */
public final class ModelProbe {

    private final Function<String, UpstreamAdapter> adapters;
    private final Duration timeout;

    public ModelProbe(Function<String, UpstreamAdapter> adapters, Duration timeout) {
        this.adapters = adapters;
        this.timeout = timeout;
    }

    public Finding probe(ModelSpec model) {
        ChatRequest request = ChatRequest.ofUserText(model.ref(), "Reply with the single word OK.")
                .withMaxOutputTokens(8);
        CallOptions options = new CallOptions(Duration.ofSeconds(5), min(timeout, model.provider().firstByteTimeout()),
                timeout, timeout.multipliedBy(2));
        long start = System.nanoTime();
        long firstToken = -1;
        boolean usage = false;
        try (EventStream stream = adapters.apply(model.api()).open(request, model, options)) {
            for (StreamEvent e = stream.next(); e != null; e = stream.next()) {
                if (firstToken < 0 && (e instanceof StreamEvent.TextDelta || e instanceof StreamEvent.ReasoningDelta
                        || e instanceof StreamEvent.ToolCallStart)) {
                    firstToken = System.nanoTime() - start;
                }
                usage |= e instanceof StreamEvent.UsageReport u && !u.usage().estimated();
            }
        } catch (UpstreamException e) {
            return new Finding(Severity.ERROR, model.ref(), "probe failed after " + millis(System.nanoTime() - start)
                    + " ms: " + e.failure().label() + (e.status() > 0 ? " (HTTP " + e.status() + ")" : "") + ": "
                    + e.getMessage(), fixFor(e, model));
        } catch (RuntimeException e) {
            return new Finding(Severity.ERROR, model.ref(), "probe failed: " + e.getMessage(),
                    "check models.providers." + model.provider().id() + " (api \"" + model.api() + "\")");
        }
        long total = System.nanoTime() - start;
        String ttft = firstToken < 0 ? "no tokens" : "first token " + millis(firstToken) + " ms";
        return new Finding(usage ? Severity.OK : Severity.WARNING, model.ref(), "answered in " + millis(total) + " ms ("
                + ttft + "), usage " + (usage ? "reported" : "NOT reported"),
                usage ? "" : "Clawgate estimates tokens for this model; for exact counts enable usage in streaming"
                        + " on the server (compat.supportsUsageInStreaming)");
    }

    private static String fixFor(UpstreamException e, ModelSpec model) {
        String p = "models.providers." + model.provider().id();
        return switch (e.failure()) {
            case AUTH, AUTH_PERMANENT -> "check the API key (" + p + ".apiKey or its environment variable)";
            case BILLING -> "add credit or use another provider";
            case MODEL_NOT_FOUND -> "check the model id in " + p + ".models[] against the server's model list";
            case FIRST_BYTE_TIMEOUT -> "the model may be cold: load it, or raise " + p + ".timeoutSeconds";
            case CONNECTION_REFUSED, CONNECTION_RESET, DNS -> "start the server or fix " + p + ".baseUrl";
            case TLS -> "check the certificate of " + model.provider().baseUrl();
            case RATE_LIMIT, OVERLOADED -> "wait, or add a fallback model";
            default -> "see the server's logs; the message above is the server's own";
        };
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static long millis(long nanos) {
        return nanos / 1_000_000;
    }
}
