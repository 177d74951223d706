package dev.clawgate.agent.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clawgate.wire.Message;
import dev.clawgate.wire.Part;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class MessageJsonTest {

    static Message richAssistant() {
        return new Message(Message.Role.ASSISTANT, List.of(
                new Part.Reasoning("let me think \"hard\"\n", "sig-abc==", false),
                new Part.Reasoning(null, "opaque", true),
                new Part.Text("Here: ünïcødé ☺ \u2028 and a tab\t"),
                new Part.ToolCall("call_1", "read", "{\"path\": \"a.txt\"}"),
                new Part.ToolCall("call_2", "web_fetch", "{not valid json")));
    }

    @Test
    void roundTripsEveryPartKindExactly() {
        List<Message> messages = List.of(
                Message.user("hi"),
                new Message(Message.Role.USER, List.of(new Part.Text("look"),
                        new Part.Image("image/png", "iVBORw0KGgo=", null), new Part.Image(null, null, "https://x/y.png"))),
                richAssistant(),
                new Message(Message.Role.TOOL, List.of(new Part.ToolResult("call_1", "read", "contents", false),
                        new Part.ToolResult("call_2", "web_fetch", "Refused: …", true))),
                new Message(Message.Role.ASSISTANT, List.of()),
                new Message(Message.Role.ASSISTANT, List.of(new Part.Text(""))));
        for (Message m : messages) {
            String json = MessageJson.toJson(m);
            assertThat(MessageJson.fromJson(json)).isEqualTo(m);
            assertThat(MessageJson.partsFromJson(MessageJson.partsToJson(m.parts()))).isEqualTo(m.parts());
            assertThat(json).doesNotContain("\n");
        }
    }

    @Test
    void writesAStableReadableFormat() {
        Message m = new Message(Message.Role.ASSISTANT, List.of(new Part.Text("ok"),
                new Part.ToolCall("c1", "read", "{\"path\":\"a\"}")));
        assertThat(MessageJson.toJson(m)).isEqualTo("{\"role\":\"assistant\",\"parts\":[{\"type\":\"text\",\"text\":\"ok\"},"
                + "{\"type\":\"tool_call\",\"id\":\"c1\",\"name\":\"read\",\"arguments\":\"{\\\"path\\\":\\\"a\\\"}\"}]}");
    }

    @Test
    void rejectsGarbage() {
        assertThatThrownBy(() -> MessageJson.fromJson("{\"role\":\"user\",\"parts\":[{\"type\":\"video\"}]}"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MessageJson.fromJson("[")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MessageJson.fromJson("{\"role\":\"system\",\"parts\":[]}"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
