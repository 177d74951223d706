package dev.clawgate.agent.tools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clawgate.wire.Part;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class TextToolCallParserTest {

    private final TextToolCallParser parser = new TextToolCallParser(Set.of("read", "web_fetch"));

    @Test
    void parsesTaggedCallsAndKeepsTheSurroundingText() {
        TextToolCallParser.Result r = parser.parse("""
                Let me look.
                <tool_call>
                {"name": "read", "arguments": {"path": "a.txt"}}
                </tool_call>
                <tool_call>{"name":"web_fetch","arguments":"{\\"url\\":\\"https://example.com\\"}"}</tool_call>""");
        assertThat(r.calls()).extracting(Part.ToolCall::name).containsExactly("read", "web_fetch");
        assertThat(r.calls().get(0).argumentsJson()).isEqualTo("{\"path\":\"a.txt\"}");
        assertThat(r.calls().get(1).argumentsJson()).isEqualTo("{\"url\":\"https://example.com\"}");
        assertThat(r.calls().get(0).id()).startsWith("call_text_").isNotEqualTo(r.calls().get(1).id());
        assertThat(r.remainingText()).isEqualTo("Let me look.");
    }

    @Test
    void parsesABareJsonReplyAFencedOneAndAnUnclosedTag() {
        assertThat(parser.parse(" {\"name\":\"read\",\"arguments\":{\"path\":\"x\"}} ").calls()).hasSize(1);
        assertThat(parser.parse("```json\n{\"name\":\"read\",\"parameters\":{\"path\":\"x\"}}\n```").calls())
                .singleElement().extracting(Part.ToolCall::argumentsJson).isEqualTo("{\"path\":\"x\"}");
        assertThat(parser.parse("<tool_call>{\"name\":\"read\"}").calls())
                .singleElement().extracting(Part.ToolCall::argumentsJson).isEqualTo("{}");
        assertThat(parser.parse("{\"function\":{\"name\":\"read\",\"arguments\":{}}}").calls()).hasSize(1);
    }

    @Test
    void onlyExactNamesOfAllowedToolsAreRecognised() {
        for (String text : new String[] {
                "<tool_call>{\"name\":\"exec\",\"arguments\":{\"command\":\"rm -rf /\"}}</tool_call>",
                "<tool_call>{\"name\":\"Read\",\"arguments\":{}}</tool_call>",
                "<tool_call>{\"name\":\"read \",\"arguments\":{}}</tool_call>",
                "{\"name\":\"write\",\"arguments\":{\"path\":\"x\",\"content\":\"y\"}}",
                "[{\"name\":\"read\",\"arguments\":{}},{\"name\":\"exec\",\"arguments\":{}}]"}) {
            TextToolCallParser.Result r = parser.parse(text);
            assertThat(r.calls()).as(text).isEmpty();
            assertThat(r.remainingText()).as(text).isEqualTo(text.trim());
        }
    }

    @Test
    void ordinaryTextAndBrokenJsonAreLeftAlone() {
        assertThat(parser.parse("The answer is {\"name\": \"read\"} in JSON.").calls()).isEmpty();
        assertThat(parser.parse("<tool_call>{\"name\": \"read\", </tool_call> hi").calls()).isEmpty();
        assertThat(parser.parse("{\"name\":\"read\",\"arguments\":[1]}").calls()).isEmpty();
        assertThat(parser.parse("").calls()).isEmpty();
        assertThat(parser.parse(null).remainingText()).isEmpty();
    }
}
