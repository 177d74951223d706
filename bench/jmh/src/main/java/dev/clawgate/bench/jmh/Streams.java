package dev.clawgate.bench.jmh;

import java.nio.charset.StandardCharsets;

/**
 * Upstream response bodies as the four upstream APIs stream them, with {@link #TOKENS} text deltas each.
 * Frame counts per stream are constants so results can be normalised per event.
 */
final class Streams {

    static final int TOKENS = 64;
    /** role chunk + deltas + finish chunk + usage chunk + [DONE] */
    static final int CHAT_EVENTS = TOKENS + 4;
    /** created, in_progress, item added, part added + deltas + text done, part done, item done, completed */
    static final int RESPONSES_EVENTS = TOKENS + 8;
    /** message_start, content_block_start + deltas + content_block_stop, message_delta, message_stop */
    static final int ANTHROPIC_EVENTS = TOKENS + 5;
    /** one line per delta + the done line */
    static final int OLLAMA_LINES = TOKENS + 1;

    private static final String[] WORDS = {"Hello", " there", "!", " This", " is", " a", " fixed", " answer", " from",
        " the", " bench", " upstream", ",", " chunk", " by", " chunk"};

    private Streams() {
    }

    static String word(int i) {
        return WORDS[i % WORDS.length];
    }

    private static String all() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < TOKENS; i++) {
            sb.append(word(i));
        }
        return sb.toString();
    }

    static byte[] chat() {
        String base = "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,\"model\":\"m\","
                + "\"system_fingerprint\":null,\"choices\":";
        StringBuilder sb = new StringBuilder();
        sb.append("data: ").append(base).append("[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},"
                + "\"logprobs\":null,\"finish_reason\":null}]}\n\n");
        for (int i = 0; i < TOKENS; i++) {
            sb.append("data: ").append(base).append("[{\"index\":0,\"delta\":{\"content\":\"").append(word(i))
                    .append("\"},\"logprobs\":null,\"finish_reason\":null}]}\n\n");
        }
        sb.append("data: ").append(base).append("[{\"index\":0,\"delta\":{},\"logprobs\":null,\"finish_reason\":\"stop\"}]}\n\n");
        sb.append("data: ").append(base).append("[],\"usage\":{\"prompt_tokens\":24,\"completion_tokens\":64,\"total_tokens\":88}}\n\n");
        sb.append("data: [DONE]\n\n");
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    static byte[] responses() {
        StringBuilder sb = new StringBuilder();
        int[] seq = {0};
        String resp = "\"id\":\"resp_1\",\"object\":\"response\",\"created_at\":1700000000,\"model\":\"m\"";
        ev(sb, seq, "response.created", "\"response\":{" + resp + ",\"status\":\"in_progress\",\"output\":[]}");
        ev(sb, seq, "response.in_progress", "\"response\":{" + resp + ",\"status\":\"in_progress\",\"output\":[]}");
        ev(sb, seq, "response.output_item.added", "\"output_index\":0,\"item\":{\"id\":\"msg_1\",\"type\":\"message\","
                + "\"status\":\"in_progress\",\"role\":\"assistant\",\"content\":[]}");
        ev(sb, seq, "response.content_part.added", "\"item_id\":\"msg_1\",\"output_index\":0,\"content_index\":0,"
                + "\"part\":{\"type\":\"output_text\",\"text\":\"\",\"annotations\":[]}");
        for (int i = 0; i < TOKENS; i++) {
            ev(sb, seq, "response.output_text.delta", "\"item_id\":\"msg_1\",\"output_index\":0,\"content_index\":0,"
                    + "\"delta\":\"" + word(i) + "\"");
        }
        String text = all();
        String message = "{\"id\":\"msg_1\",\"type\":\"message\",\"status\":\"completed\",\"role\":\"assistant\","
                + "\"content\":[{\"type\":\"output_text\",\"text\":\"" + text + "\",\"annotations\":[]}]}";
        ev(sb, seq, "response.output_text.done", "\"item_id\":\"msg_1\",\"output_index\":0,\"content_index\":0,"
                + "\"text\":\"" + text + "\"");
        ev(sb, seq, "response.content_part.done", "\"item_id\":\"msg_1\",\"output_index\":0,\"content_index\":0,"
                + "\"part\":{\"type\":\"output_text\",\"text\":\"" + text + "\",\"annotations\":[]}");
        ev(sb, seq, "response.output_item.done", "\"output_index\":0,\"item\":" + message);
        ev(sb, seq, "response.completed", "\"response\":{" + resp + ",\"status\":\"completed\",\"output\":[" + message
                + "],\"usage\":{\"input_tokens\":24,\"output_tokens\":64,\"total_tokens\":88}}");
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void ev(StringBuilder sb, int[] seq, String type, String fields) {
        sb.append("event: ").append(type).append("\ndata: {\"type\":\"").append(type).append("\",\"sequence_number\":")
                .append(seq[0]++).append(',').append(fields).append("}\n\n");
    }

    static byte[] anthropic() {
        StringBuilder sb = new StringBuilder();
        sb.append("event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"type\":\"message\","
                + "\"role\":\"assistant\",\"model\":\"m\",\"content\":[],\"stop_reason\":null,\"stop_sequence\":null,"
                + "\"usage\":{\"input_tokens\":24,\"output_tokens\":1}}}\n\n");
        sb.append("event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,"
                + "\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n");
        for (int i = 0; i < TOKENS; i++) {
            sb.append("event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,"
                    + "\"delta\":{\"type\":\"text_delta\",\"text\":\"").append(word(i)).append("\"}}\n\n");
        }
        sb.append("event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n");
        sb.append("event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\","
                + "\"stop_sequence\":null},\"usage\":{\"output_tokens\":64}}\n\n");
        sb.append("event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n");
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    static byte[] ollama() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < TOKENS; i++) {
            sb.append("{\"model\":\"m\",\"created_at\":\"2026-01-01T00:00:00.000000Z\",\"message\":{\"role\":\"assistant\","
                    + "\"content\":\"").append(word(i)).append("\"},\"done\":false}\n");
        }
        sb.append("{\"model\":\"m\",\"created_at\":\"2026-01-01T00:00:00.000000Z\",\"message\":{\"role\":\"assistant\","
                + "\"content\":\"\"},\"done_reason\":\"stop\",\"done\":true,\"total_duration\":1000000,"
                + "\"prompt_eval_count\":24,\"eval_count\":64}\n");
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }
}
