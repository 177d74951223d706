package dev.clawgate.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clawgate.wire.Message;
import dev.clawgate.wire.Part;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class DeliveryFilterTest {

    private static Message assistant(Part... parts) {
        return new Message(Message.Role.ASSISTANT, List.of(parts));
    }

    @Test
    void neverPutsReasoningIntoTheReply() {
        Message m = assistant(new Part.Reasoning("secret plan", "sig", false), new Part.Text("Hello!"),
                new Part.ToolCall("c1", "read", "{}"));
        assertThat(new DeliveryFilter(ReasoningDisplay.OFF).deliver(m)).isEqualTo(new Delivery(null, "Hello!"));
        assertThat(new DeliveryFilter(ReasoningDisplay.STREAM).deliver(m)).isEqualTo(new Delivery(null, "Hello!"));
        assertThat(new DeliveryFilter(ReasoningDisplay.ON).deliver(m))
                .isEqualTo(new Delivery("Reasoning:\nsecret plan", "Hello!"));
    }

    @Test
    void cutsThinkBlocksOutOfText() {
        DeliveryFilter off = new DeliveryFilter(ReasoningDisplay.OFF);
        assertThat(off.deliver(Message.assistant("<think>hmm\nlet me see</think>\n\nThe answer is 4.")).reply())
                .isEqualTo("The answer is 4.");
        assertThat(off.deliver(Message.assistant("A <THINKING>x</thinking>B <think>y</think>C")).reply()).isEqualTo("A B C");
        assertThat(off.deliver(Message.assistant("Partial answer <think>and then I got cut off")).reply())
                .isEqualTo("Partial answer");
        // The template opened the block in the prompt: everything before the close is thinking.
        assertThat(off.deliver(Message.assistant("planning steps...</think>Done.")).reply()).isEqualTo("Done.");
        assertThat(off.deliver(Message.assistant("<think>only thinking</think>"))).isEqualTo(Delivery.SILENT);

        Delivery on = new DeliveryFilter(ReasoningDisplay.ON).deliver(assistant(
                new Part.Reasoning("native", null, false), new Part.Reasoning(null, "x", true),
                new Part.Text("<think>inline</think>Reply")));
        assertThat(on).isEqualTo(new Delivery("Reasoning:\nnative\n\ninline", "Reply"));
    }

    @Test
    void suppressesNoReplyEntirely() {
        DeliveryFilter on = new DeliveryFilter(ReasoningDisplay.ON);
        assertThat(on.deliver(Message.assistant("NO_REPLY"))).isEqualTo(Delivery.SILENT);
        assertThat(on.deliver(Message.assistant("  no_reply \n"))).isEqualTo(Delivery.SILENT);
        assertThat(on.deliver(assistant(new Part.Reasoning("why bother", null, false), new Part.Text("NO_REPLY"))).isSilent())
                .isTrue();
        assertThat(on.deliver(Message.assistant("<think>quiet</think>NO_REPLY"))).isEqualTo(Delivery.SILENT);
        assertThat(on.deliver(Message.assistant("NO_REPLY, but actually here is an answer")).reply())
                .isEqualTo("NO_REPLY, but actually here is an answer");
        assertThat(DeliveryFilter.mayBecomeSilentReply("NO_")).isTrue();
        assertThat(DeliveryFilter.mayBecomeSilentReply(" ")).isTrue();
        assertThat(DeliveryFilter.mayBecomeSilentReply("No,")).isFalse();
    }

    @Test
    void parsesTheSetting() {
        assertThat(ReasoningDisplay.parse(null)).isEqualTo(ReasoningDisplay.OFF);
        assertThat(ReasoningDisplay.parse("Stream")).isEqualTo(ReasoningDisplay.STREAM);
        assertThat(ReasoningDisplay.parse("on")).isEqualTo(ReasoningDisplay.ON);
        assertThatThrownBy(() -> ReasoningDisplay.parse("verbose")).isInstanceOf(IllegalArgumentException.class);
    }
}
