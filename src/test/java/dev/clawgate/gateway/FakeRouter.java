package dev.clawgate.gateway;

import dev.clawgate.catalog.ModelSpec;
import dev.clawgate.catalog.ProviderSpec;
import dev.clawgate.routing.Attempt;
import dev.clawgate.routing.ModelRouter;
import dev.clawgate.routing.RouteOptions;
import dev.clawgate.routing.RoutedStream;
import dev.clawgate.wire.ChatRequest;
import dev.clawgate.wire.FailureClass;
import dev.clawgate.wire.StopReason;
import dev.clawgate.wire.StreamEvent;
import dev.clawgate.wire.Usage;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** A router that answers each call with what the test scripted, and remembers the canonical requests. */
final class FakeRouter implements ModelRouter {

    final List<ChatRequest> requests = new CopyOnWriteArrayList<>();
    volatile Function<ChatRequest, RoutedStream> script = r -> answer(text("Hello"));

    @Override
    public RoutedStream open(ChatRequest request, RouteOptions options) {
        requests.add(request);
        return script.apply(request);
    }

    ChatRequest lastRequest() {
        return requests.get(requests.size() - 1);
    }

    static ModelSpec model(String provider, String id) {
        ProviderSpec p = new ProviderSpec(provider, "http://127.0.0.1:1234/v1", "openai-completions", null, null, null,
                false, Duration.ofSeconds(30), null, false, true);
        return new ModelSpec(p, id, id, "openai-completions", false, null, null, 32_768, null, null, null, true);
    }

    /** Answered by lmstudio/qwen3 on the first attempt. */
    static RoutedStream answer(ScriptedStream s) {
        return answer(model("lmstudio", "qwen3"), List.of(ok("lmstudio/qwen3")), s);
    }

    /** Like the real router: the first event is read before returning. */
    static RoutedStream answer(ModelSpec m, List<Attempt> attempts, ScriptedStream s) {
        return new RoutedStream(m, attempts, s.next(), s);
    }

    static Attempt ok(String ref) {
        return new Attempt(ref, null, 200, null, Duration.ofMillis(5), false);
    }

    static Attempt failed(String ref, FailureClass f, int status, String message) {
        return new Attempt(ref, f, status, message, Duration.ofMillis(3), false);
    }

    static Attempt skipped(String ref) {
        return new Attempt(ref, null, 0, "cooling down", Duration.ZERO, true);
    }

    static final Usage USAGE = new Usage(9, 2, 0, 0, 0, false);

    /** Start, the text in two pieces, usage, stop. */
    static ScriptedStream text(String text) {
        int half = text.length() / 2;
        return new ScriptedStream(new StreamEvent.Start("up-1", "qwen3"), new StreamEvent.TextDelta(text.substring(0, half)),
                new StreamEvent.TextDelta(text.substring(half)), new StreamEvent.UsageReport(USAGE),
                new StreamEvent.Stop(StopReason.STOP));
    }

    /** A single tool call with its arguments in two fragments. */
    static ScriptedStream toolCall(String id, String name, String args) {
        int half = args.length() / 2;
        return new ScriptedStream(new StreamEvent.Start("up-2", "qwen3"), new StreamEvent.ToolCallStart(0, id, name),
                new StreamEvent.ToolCallDelta(0, args.substring(0, half)), new StreamEvent.ToolCallDelta(0, args.substring(half)),
                new StreamEvent.ToolCallEnd(0), new StreamEvent.UsageReport(USAGE), new StreamEvent.Stop(StopReason.TOOL_USE));
    }
}
