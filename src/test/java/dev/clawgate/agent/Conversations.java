package dev.clawgate.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clawgate.wire.ChatRequest;
import dev.clawgate.wire.Message;
import dev.clawgate.wire.Part;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A scripted conversation partner for the context tests, and checks on what reached the server. */
final class Conversations {

    private static final Pattern READ = Pattern.compile("read (notes-\\d+\\.txt)");
    private static final Pattern IDENTIFIER = Pattern.compile("notes-\\d+\\.txt|ID-\\d+");
    private static final String[] WORDS = ("alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima "
            + "mike november oscar papa quebec romeo sierra tango uniform victor whiskey xray yankee zulu").split(" ");

    private Conversations() {}

    static String filler(int seed, int words) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < words; i++) {
            sb.append(WORDS[(seed * 7 + i * 3) % WORDS.length]).append(i % 12 == 11 ? ". " : " ");
        }
        return sb.toString().strip();
    }

    /** Turn {@code i}'s user message; every third one asks for a file. */
    static String userMessage(int i) {
        return "Turn " + i + ", reference ID-" + (1000 + i) + ". " + filler(i, 90)
                + (i % 3 == 0 ? " Please read notes-" + i + ".txt and tell me what it says." : "");
    }

    static String notesFile(int i) {
        return "Contents of notes-" + i + ": " + filler(i + 100, 160);
    }

    /** Summaries on compaction requests, a read call when asked, a short text answer otherwise. */
    static ScriptedModelServer.Brain brain() {
        AtomicInteger calls = new AtomicInteger();
        return request -> {
            if (isCompaction(request)) {
                Set<String> ids = new LinkedHashSet<>();
                Matcher m = IDENTIFIER.matcher(request.messages().get(0).text());
                while (m.find()) {
                    ids.add(m.group());
                }
                return ScriptedModelServer.Reply.text("The user works through numbered notes. Identifiers: "
                        + String.join(", ", ids));
            }
            Message last = request.messages().get(request.messages().size() - 1);
            if (last.role() == Message.Role.TOOL) {
                Part.ToolResult r = (Part.ToolResult) last.parts().get(0);
                return ScriptedModelServer.Reply.text("The file says: "
                        + r.content().substring(0, Math.min(60, r.content().length())));
            }
            Matcher read = READ.matcher(last.text());
            if (read.find()) {
                return ScriptedModelServer.Reply.call("call_" + calls.incrementAndGet(), "read",
                        "{\"path\":\"" + read.group(1) + "\"}");
            }
            return ScriptedModelServer.Reply.text("Noted. " + filler(last.text().length(), 60));
        };
    }

    static boolean isCompaction(ChatRequest request) {
        return request.system() != null && request.system().startsWith("You compact conversations");
    }

    /** Every tool result follows the assistant message that made its call, and every call has its result. */
    static void assertToolPairsIntact(List<Message> messages) {
        for (int i = 0; i < messages.size(); i++) {
            Message m = messages.get(i);
            if (m.role() == Message.Role.TOOL) {
                int j = i - 1;
                while (j >= 0 && messages.get(j).role() == Message.Role.TOOL) {
                    j--;
                }
                assertThat(j).as("tool result at %d has no assistant before it", i).isGreaterThanOrEqualTo(0);
                String id = ((Part.ToolResult) m.parts().get(0)).toolCallId();
                assertThat(messages.get(j).parts()).as("the assistant before tool result %s", id)
                        .anySatisfy(p -> assertThat(p).isInstanceOfSatisfying(Part.ToolCall.class,
                                c -> assertThat(c.id()).isEqualTo(id)));
            }
            if (m.role() == Message.Role.ASSISTANT) {
                for (Part p : m.parts()) {
                    if (p instanceof Part.ToolCall c) {
                        boolean answered = false;
                        for (int k = i + 1; k < messages.size() && messages.get(k).role() == Message.Role.TOOL; k++) {
                            answered |= ((Part.ToolResult) messages.get(k).parts().get(0)).toolCallId().equals(c.id());
                        }
                        assertThat(answered).as("tool call %s has its result right after it", c.id()).isTrue();
                    }
                }
            }
        }
    }
}
