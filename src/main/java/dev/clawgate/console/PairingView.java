package dev.clawgate.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code GET /clawgate/api/pairing} and {@code POST /clawgate/api/pairing/approve|deny}: pending DM pairing
 * requests and the operator's answer, as JSON.
 */
final class PairingView {

    private PairingView() {}

    static JsonNode list(PairingAdmin admin, Instant now) {
        ObjectNode root = ConsoleJson.object();
        var channels = root.putArray("channels");
        admin.channels().forEach(channels::add);
        var pending = root.putArray("pending");
        admin.pending(now).forEach(p -> pending.add(json(p)));
        return root;
    }

    /**
     * Approves or denies the code named by the body {@code {"channel":"telegram","code":"ABCD2345"}}.
     *
     * @throws ConsoleApiException 400 for a missing field or a channel that is not enabled, 404 for a code
     *     that is not pending
     */
    static JsonNode decide(PairingAdmin admin, JsonNode body, boolean approve, Instant now) {
        String channel = body.path("channel").asText("").strip().toLowerCase(Locale.ROOT);
        String code = body.path("code").asText("").strip();
        if (channel.isEmpty() || code.isEmpty()) {
            throw new ConsoleApiException(400, "the body needs \"channel\" (" + String.join(" or ", admin.channels())
                    + ") and \"code\" (the 8-character pairing code)");
        }
        if (!admin.channels().contains(channel)) {
            throw new ConsoleApiException(400, "channel '" + channel + "' is not enabled"
                    + (admin.channels().isEmpty() ? " (no chat channel is)" : "; enabled: "
                            + String.join(", ", admin.channels())));
        }
        Optional<PairingAdmin.Pending> decided = approve ? admin.approve(channel, code, now)
                : admin.deny(channel, code, now);
        PairingAdmin.Pending p = decided.orElseThrow(() -> new ConsoleApiException(404, "no pending pairing request "
                + "with code " + code.toUpperCase(Locale.ROOT) + " on " + channel + " (expired, or already decided)"));
        ObjectNode out = ConsoleJson.object();
        out.set(approve ? "approved" : "denied", json(p));
        return out;
    }

    private static ObjectNode json(PairingAdmin.Pending p) {
        ObjectNode o = ConsoleJson.object().put("channel", p.channel()).put("code", p.code())
                .put("senderId", p.senderId());
        if (p.senderName() != null) {
            o.put("senderName", p.senderName());
        }
        return o.put("createdAt", p.createdAt().toString()).put("expiresAt", p.expiresAt().toString());
    }
}
