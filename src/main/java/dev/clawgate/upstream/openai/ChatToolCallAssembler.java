package dev.clawgate.upstream.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clawgate.upstream.codec.Json;
import dev.clawgate.wire.StreamEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Assembles Chat Completions {@code delta.tool_calls} fragments into indexed canonical tool-call events.
 * Real servers bend the format: the id and name come only on the first fragment; arguments split
 * anywhere; {@code index} may be missing (then the id, else the previous call, says which call a
 * fragment continues); LM Studio repeats an empty {@code function.name}; some servers reuse index 0 for
 * every call with a new id. A call is announced once its name is known; arguments arriving before that
 * are held and passed on with the announcement.
 */
final class ChatToolCallAssembler {

    private static final class Call {
        final int index;
        String id;
        String name;
        boolean started;
        boolean ended;
        final StringBuilder heldArguments = new StringBuilder();

        Call(int index) {
            this.index = index;
        }
    }

    private final List<Call> calls = new ArrayList<>();
    private final Map<Integer, Call> byWireIndex = new HashMap<>();
    private final Map<String, Call> byId = new HashMap<>();
    private Call last;

    /** Takes one element of {@code delta.tool_calls}. */
    void accept(JsonNode fragment, Consumer<StreamEvent> out) {
        JsonNode indexNode = fragment.get("index");
        Integer wireIndex = indexNode != null && indexNode.canConvertToInt() ? indexNode.asInt() : null;
        String id = Json.nonEmpty(fragment, "id");
        JsonNode function = fragment.path("function");
        String name = Json.nonEmpty(function, "name");
        String arguments = Json.argumentsText(function.get("arguments"));

        Call call = id != null ? byId.get(id) : null;
        if (call == null && wireIndex != null) {
            call = byWireIndex.get(wireIndex);
            if (call != null && id != null && call.id != null && !call.id.equals(id)) {
                call = null; // same index, new id: a new call from a server that does not count
            }
        }
        if (call == null && wireIndex == null && id == null) {
            call = last;
        }
        if (call == null) {
            call = new Call(calls.size());
            calls.add(call);
        }
        if (wireIndex != null) {
            byWireIndex.put(wireIndex, call);
        }
        if (id != null) {
            if (call.id == null) {
                call.id = id;
            }
            byId.put(id, call);
        }
        last = call;

        if (!call.started && name != null) {
            call.name = name;
            start(call, out);
        }
        if (arguments != null && !arguments.isEmpty()) {
            if (call.started) {
                out.accept(new StreamEvent.ToolCallDelta(call.index, arguments));
            } else {
                call.heldArguments.append(arguments);
            }
        }
    }

    /** Ends every call (announcing any still nameless); the turn's tool calls are complete. */
    void endAll(Consumer<StreamEvent> out) {
        for (Call call : calls) {
            if (!call.started) {
                call.name = call.name == null ? "" : call.name;
                start(call, out);
            }
            if (!call.ended) {
                call.ended = true;
                out.accept(new StreamEvent.ToolCallEnd(call.index));
            }
        }
    }

    boolean any() {
        return !calls.isEmpty();
    }

    private static void start(Call call, Consumer<StreamEvent> out) {
        call.started = true;
        String id = call.id != null ? call.id : "call_" + call.index;
        out.accept(new StreamEvent.ToolCallStart(call.index, id, call.name));
        if (!call.heldArguments.isEmpty()) {
            out.accept(new StreamEvent.ToolCallDelta(call.index, call.heldArguments.toString()));
            call.heldArguments.setLength(0);
        }
    }
}
