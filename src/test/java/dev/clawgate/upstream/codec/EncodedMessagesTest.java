package dev.clawgate.upstream.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clawgate.catalog.ModelSpec;
import dev.clawgate.upstream.UpstreamFixtures;
import dev.clawgate.upstream.openai.ChatCompletionsRequestEncoder;
import dev.clawgate.wire.ChatRequest;
import dev.clawgate.wire.Message;
import dev.clawgate.wire.Part;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;

/**
 * A long conversation's messages are encoded once per message object and shape, and the body sent is byte for
 * byte the body a fresh encoding gives, also with text that JSON must escape and with tool calls and results.
 */
class EncodedMessagesTest {

    private static final ModelSpec VLLM = UpstreamFixtures.vllmCompletions();

    /** A session of {@code turns} tool-using turns, with quotes, newlines and non-ASCII text. */
    private static List<Message> session(int turns) {
        List<Message> messages = new ArrayList<>();
        for (int i = 0; i < turns; i++) {
            messages.add(Message.user("Turn " + i + ": \"quoted\", a\nnewline, 18 °C, ü and 🦀"));
            messages.add(new Message(Message.Role.ASSISTANT, List.of(new Part.Reasoning("think " + i, null, false),
                    new Part.Text("calling"), new Part.ToolCall("call_" + i, "get_weather", "{\"city\":\"Paris\"}"))));
            messages.add(new Message(Message.Role.TOOL, List.of(new Part.ToolResult("call_" + i, "get_weather",
                    "{\"temp_c\":" + i + "}", i % 3 == 0))));
            messages.add(Message.assistant("Answer " + i + " </script> \\ done"));
        }
        return messages;
    }

    private static ChatRequest request(List<Message> messages) {
        return new ChatRequest("m", "system prompt", messages, List.of(UpstreamFixtures.weatherTool()), null, 512,
                null, null, List.of(), true, null, null);
    }

    /** Deep copies: equal messages, new objects, so no cache entry can be hit. */
    private static List<Message> copies(List<Message> messages) {
        return messages.stream().map(m -> new Message(m.role(), new ArrayList<>(m.parts()))).toList();
    }

    @Test
    void cachedBodyIsByteForByteAFreshEncoding() {
        ChatCompletionsRequestEncoder encoder = new ChatCompletionsRequestEncoder();
        List<Message> messages = new ArrayList<>(session(20));
        for (int turn = 0; turn < 3; turn++) {
            byte[] cached = Json.bytes(encoder.encode(request(messages), VLLM));
            byte[] fresh = Json.bytes(new ChatCompletionsRequestEncoder().encode(request(copies(messages)), VLLM));
            assertThat(new String(cached, java.nio.charset.StandardCharsets.UTF_8))
                    .isEqualTo(new String(fresh, java.nio.charset.StandardCharsets.UTF_8));
            messages.add(Message.user("and one more, turn " + turn));
        }
        // the tree reads as before too, and prints the same JSON
        ObjectNode body = encoder.encode(request(messages), VLLM);
        ObjectNode fresh = new ChatCompletionsRequestEncoder().encode(request(copies(messages)), VLLM);
        assertThat(body).isEqualTo(fresh);
        assertThat(body.toPrettyString()).isEqualTo(fresh.toPrettyString());
        assertThat(body.get("messages").get(2).get("tool_calls").get(0).get("id").asText()).isEqualTo("call_0");
    }

    private final EncodedMessages cache = new EncodedMessages();
    /** How many times {@link #encoder} ran. */
    private final AtomicInteger encoded = new AtomicInteger();
    /** A stand-in encoder: one node with the message's text. */
    private final BiConsumer<Message, ArrayNode> encoder = (m, out) -> {
        encoded.incrementAndGet();
        out.addObject().put("text", m.text());
    };

    @Test
    void eachMessageIsEncodedOnceAndANewShapeEncodesAgain() {
        List<Message> messages = new ArrayList<>(session(10)); // 40 messages
        ArrayNode first = Json.MAPPER.createArrayNode();
        cache.encode(messages, 0, first, encoder);
        assertThat(encoded).hasValue(40);

        messages.add(Message.user("new"));
        ArrayNode second = Json.MAPPER.createArrayNode();
        cache.encode(messages, 0, second, encoder);
        assertThat(encoded).hasValue(41); // only the new message
        assertThat(second).hasSize(41);
        assertThat(second.get(40).get("text").asText()).isEqualTo("new");
        assertThat(Json.MAPPER.createArrayNode().addAll(second).toString()).startsWith(first.toString()
                .substring(0, first.toString().length() - 1));

        cache.encode(messages, 1, Json.MAPPER.createArrayNode(), encoder); // another model's flags
        assertThat(encoded).hasValue(82);
        assertThat(cache.size()).isEqualTo(41);
    }

    @Test
    void shortRequestsAndEqualButNewMessagesAreNotServedFromTheCache() {
        cache.encode(session(2), 0, Json.MAPPER.createArrayNode(), encoder);
        assertThat(cache.size()).isZero();

        List<Message> messages = session(10);
        cache.encode(messages, 0, Json.MAPPER.createArrayNode(), encoder);
        cache.encode(copies(messages), 0, Json.MAPPER.createArrayNode(), encoder);
        assertThat(encoded).hasValue(8 + 40 + 40); // a copy is another request's message: keyed by identity
    }
}
